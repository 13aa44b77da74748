{{/*
Names and labels shared by every template.
*/}}

{{/* The chart name, cut to the 63 characters a label value allows. */}}
{{- define "edgewise.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The release's full name: the release name when it already contains the chart name
(`helm install edgewise ...` gives "edgewise"), otherwise "<release>-edgewise".
*/}}
{{- define "edgewise.fullname" -}}
{{- if contains .Chart.Name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{/* Labels on every object. */}}
{{- define "edgewise.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "edgewise.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: edgewise
{{- end }}

{{/* Labels that select the operator pods (never change them on upgrade: a Deployment's selector is immutable). */}}
{{- define "edgewise.selectorLabels" -}}
app.kubernetes.io/name: {{ include "edgewise.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: operator
{{- end }}

{{/* The operator's service account name. */}}
{{- define "edgewise.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "edgewise.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The operator image reference. */}}
{{- define "edgewise.operatorImage" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* The edge-runtime image reference the operator puts in the pods it creates. */}}
{{- define "edgewise.runtimeImage" -}}
{{- printf "%s:%s" .Values.runtime.image.repository (default .Chart.AppVersion .Values.runtime.image.tag) }}
{{- end }}

{{/*
Rules for the namespaced resources the operator reads and writes where ModelDeployments live.
Used by the ClusterRole (all namespaces) and by each per-namespace Role (watchNamespaces).
Keep in step with ../rbac-rules.yaml; the chart tests compare the two.
*/}}
{{- define "edgewise.namespacedRules" -}}
- apiGroups: ["edgewise.dev"]
  resources: ["modeldeployments"]
  verbs: ["get", "list", "watch", "patch", "update"]
- apiGroups: ["edgewise.dev"]
  resources: ["modeldeployments/status"]
  verbs: ["get", "patch", "update"]
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["get", "list", "watch"]
- apiGroups: [""]
  resources: ["services"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create", "get", "update"]
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
- apiGroups: ["batch"]
  resources: ["jobs"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
{{- end }}

{{/*
Rules that are always in a ClusterRole: the cluster-scoped resources the operator reads and writes,
and pods in every namespace (a node's free capacity counts every pod on it, whoever owns it).
*/}}
{{- define "edgewise.clusterScopedRules" -}}
- apiGroups: ["edgewise.dev"]
  resources: ["edgenodepools"]
  verbs: ["get", "list", "watch", "patch", "update"]
- apiGroups: ["edgewise.dev"]
  resources: ["edgenodepools/status"]
  verbs: ["get", "patch", "update"]
- apiGroups: [""]
  resources: ["nodes", "pods"]
  verbs: ["get", "list", "watch"]
{{- end }}
