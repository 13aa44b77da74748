#!/usr/bin/env bash
# Writes argocd-cm-health.yaml from the Lua health checks in health/ (run by `make argocd-cm`).
# packaging-tests fails when the two disagree.
set -euo pipefail
cd "$(dirname "$0")"
indent() { sed 's/^/    /; s/^    $//' "$1"; }
{
  cat <<'HEADER'
# Argo CD health checks for the Edgewise custom resources.
#
# Argo CD does not know when a ModelDeployment or an EdgeNodePool is healthy; this Lua check
# tells it, from status.observedGeneration and the Ready/Degraded conditions (see the comment at
# the top of the script; both keys carry the same script). Merge the two keys into the argocd-cm
# ConfigMap of your Argo CD installation, for example:
#
#   kubectl -n argocd patch configmap argocd-cm --type merge --patch-file config/argocd/argocd-cm-health.yaml
#
# or add them to your Argo CD Helm values under configs.cm. The script is also kept as a plain
# file, config/argocd/health/edgewise.lua, the source of truth: this file is generated from it by
# `make argocd-cm` (config/argocd/generate-argocd-cm.sh); do not edit it by hand. packaging-tests
# (ArgoCdHealthCheckTest) runs the script against sample statuses and fails if this file is stale.
apiVersion: v1
kind: ConfigMap
metadata:
  name: argocd-cm
  namespace: argocd
  labels:
    app.kubernetes.io/name: argocd-cm
    app.kubernetes.io/part-of: argocd
data:
HEADER
  echo '  resource.customizations.health.edgewise.dev_ModelDeployment: |'
  indent health/edgewise.lua
  echo '  resource.customizations.health.edgewise.dev_EdgeNodePool: |'
  indent health/edgewise.lua
} > argocd-cm-health.yaml
