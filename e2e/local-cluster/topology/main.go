// Command topology turns a sandbox topology file (the format of the sandbox's cluster.yaml: node
// groups with labels, taints, capacity and latencies, and the behaviour knobs) into what the local
// control plane needs: `topology nodes FILE` prints the Node objects (managed by KWOK), `topology
// stages FILE` prints the KWOK pod Stages that give the sandbox's scenario knobs (pod start time,
// Job run time, failing Jobs, model versions whose pods never become Ready, compression results).
package main

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"

	nodeinit "sigs.k8s.io/kwok/kustomize/stage/node/fast"
	nodeheartbeat "sigs.k8s.io/kwok/kustomize/stage/node/heartbeat-with-lease"
	"sigs.k8s.io/yaml"
)

// ManagedLabel marks the nodes KWOK manages; removing it disconnects a node (the watch KWOK
// selects nodes with reports the node gone, so it stops renewing its lease and its pods).
const ManagedLabel = "kwok.x-k8s.io/node"

type topology struct {
	NodeGroups []nodeGroup `json:"nodeGroups"`
	Behaviour  behaviour   `json:"behaviour"`
}

type nodeGroup struct {
	NamePrefix string            `json:"namePrefix"`
	Count      int               `json:"count"`
	Labels     map[string]string `json:"labels"`
	Taints     []map[string]any  `json:"taints"`
	Capacity   map[string]string `json:"capacity"`
	LatencyMs  []int             `json:"latencyMs"`
}

type behaviour struct {
	PodStartMillis       *int64 `json:"podStartMillis"`
	JobRunMillis         *int64 `json:"jobRunMillis"`
	FailingModelVersions string `json:"failingModelVersions"`
	FailingJobs          string `json:"failingJobs"`
}

func main() {
	if len(os.Args) != 3 || (os.Args[1] != "nodes" && os.Args[1] != "stages") {
		fmt.Fprintln(os.Stderr, "usage: topology nodes|stages <cluster.yaml>")
		os.Exit(2)
	}
	t, err := load(os.Args[2])
	if err != nil {
		fmt.Fprintf(os.Stderr, "topology: %s: %v\n", os.Args[2], err)
		os.Exit(1)
	}
	var docs []any
	if os.Args[1] == "nodes" {
		docs = nodes(t)
	} else {
		// KWOK's own node stages: initialize a node as Ready, then renew its lease.
		fmt.Printf("---\n%s\n---\n%s\n", nodeinit.DefaultNodeInit, nodeheartbeat.DefaultNodeHeartbeatWithLease)
		docs = stages(t.Behaviour)
	}
	for _, doc := range docs {
		out, err := yaml.Marshal(doc)
		if err != nil {
			fmt.Fprintf(os.Stderr, "topology: %v\n", err)
			os.Exit(1)
		}
		fmt.Printf("---\n%s", out)
	}
}

func load(path string) (topology, error) {
	var t topology
	data, err := os.ReadFile(path)
	if err != nil {
		return t, err
	}
	if err := yaml.UnmarshalStrict(data, &t); err != nil {
		return t, err
	}
	for _, pattern := range []struct{ field, value string }{
		{"behaviour.failingModelVersions", t.Behaviour.FailingModelVersions},
		{"behaviour.failingJobs", t.Behaviour.FailingJobs},
	} {
		if _, err := regexp.Compile(pattern.value); err != nil {
			return t, fmt.Errorf("%s: %q is not a regular expression: %v", pattern.field, pattern.value, err)
		}
	}
	for i, g := range t.NodeGroups {
		if g.NamePrefix == "" || g.Count < 0 {
			return t, fmt.Errorf("nodeGroups[%d]: namePrefix must be set and count must not be negative", i)
		}
	}
	return t, nil
}

// nodes are named and labelled as the sandbox names and labels them (SimulatedNodes).
func nodes(t topology) []any {
	var out []any
	for _, g := range t.NodeGroups {
		for i := 0; i < g.Count; i++ {
			name := g.NamePrefix + "-" + strconv.Itoa(i+1)
			labels := map[string]string{
				"kubernetes.io/hostname": name,
				"kubernetes.io/os":       "linux",
				"kubernetes.io/arch":     "amd64",
				"type":                   "kwok",
				ManagedLabel:             "fake",
			}
			for k, v := range g.Labels {
				labels[k] = v
			}
			if len(g.LatencyMs) > 0 {
				labels["edgewise.dev/latency-ms"] = strconv.Itoa(g.LatencyMs[i%len(g.LatencyMs)])
			}
			capacity := map[string]string{"cpu": "4", "memory": "8Gi"}
			if len(g.Capacity) > 0 {
				capacity = map[string]string{}
				for k, v := range g.Capacity {
					capacity[k] = v
				}
			}
			if _, ok := capacity["pods"]; !ok {
				capacity["pods"] = "110"
			}
			spec := map[string]any{}
			if len(g.Taints) > 0 {
				spec["taints"] = g.Taints
			}
			out = append(out, map[string]any{
				"apiVersion": "v1",
				"kind":       "Node",
				"metadata": map[string]any{
					"name":        name,
					"labels":      labels,
					"annotations": map[string]string{"node.alpha.kubernetes.io/ttl": "0"},
				},
				"spec": spec,
				"status": map[string]any{
					"capacity":    capacity,
					"allocatable": capacity,
					"nodeInfo": map[string]string{
						"architecture":    "amd64",
						"operatingSystem": "linux",
						"kubeletVersion":  "kwok",
					},
				},
			})
		}
	}
	return out
}

// The label the operator puts on runtime pods with their model version, and the one the Job
// controller puts on Job pods with the Job's name.
const (
	versionLabel = "edgewise.dev/model-version"
	jobNameLabel = "batch.kubernetes.io/job-name"
)

func stages(b behaviour) []any {
	start := int64(500)
	if b.PodStartMillis != nil {
		start = *b.PodStartMillis
	}
	run := int64(2000)
	if b.JobRunMillis != nil {
		run = *b.JobRunMillis
	}
	failingVersion := matches(versionLabel, b.FailingModelVersions)
	failingJob := matches(jobNameLabel, b.FailingJobs)
	notDeleting := expr(".metadata.deletionTimestamp", "DoesNotExist")
	ownedByJob := expr(".metadata.ownerReferences.[].kind", "In", "Job")
	notOwnedByJob := expr(".metadata.ownerReferences.[].kind", "NotIn", "Job")
	pending := expr(".status.phase", "In", "Pending")
	running := expr(".status.phase", "In", "Running")
	notReady := expr(`.status.conditions.[] | select( .type == "Ready" ) | .status`, "NotIn", "True")
	return []any{
		stage("pod-ready", start, runningTemplate(true),
			notDeleting, pending, notReady, not(failingVersion)),
		stage("pod-running-never-ready", start, runningTemplate(false),
			notDeleting, pending, failingVersion),
		// After a disconnection the node lifecycle controller marks pods not ready; a kubelet
		// that comes back reports them ready again.
		stage("pod-ready-again", start, readyAgainTemplate,
			notDeleting, running, notReady, notOwnedByJob, not(failingVersion)),
		stage("job-pod-complete", run, terminatedTemplate,
			notDeleting, running, ownedByJob, not(failingJob)),
		stage("job-pod-fail", run, failedTemplate,
			notDeleting, running, ownedByJob, failingJob),
		deleteStage(),
	}
}

type requirement struct {
	Key      string   `json:"key"`
	Operator string   `json:"operator"`
	Values   []string `json:"values,omitempty"`
}

func expr(key, operator string, values ...string) requirement {
	return requirement{Key: key, Operator: operator, Values: values}
}

// matches selects objects whose label matches the pattern in full; an empty pattern matches none.
func matches(label, pattern string) requirement {
	if pattern == "" {
		return expr(".metadata.name", "In", "")
	}
	jq := fmt.Sprintf(`.metadata.labels[%q] // "" | test(%q)`, label, "^(?:"+pattern+")$")
	return expr(jq, "In", "true")
}

func not(r requirement) requirement {
	switch r.Operator {
	case "In":
		r.Operator = "NotIn"
	case "NotIn":
		r.Operator = "In"
	}
	return r
}

func stage(name string, delayMillis int64, statusTemplate string, selector ...requirement) map[string]any {
	return map[string]any{
		"apiVersion": "kwok.x-k8s.io/v1alpha1",
		"kind":       "Stage",
		"metadata":   map[string]any{"name": name},
		"spec": map[string]any{
			"resourceRef": map[string]string{"apiGroup": "v1", "kind": "Pod"},
			"selector":    map[string]any{"matchExpressions": selector},
			"delay":       map[string]int64{"durationMilliseconds": delayMillis},
			"next":        map[string]any{"statusTemplate": statusTemplate},
		},
	}
}

func deleteStage() map[string]any {
	return map[string]any{
		"apiVersion": "kwok.x-k8s.io/v1alpha1",
		"kind":       "Stage",
		"metadata":   map[string]any{"name": "pod-delete"},
		"spec": map[string]any{
			"resourceRef": map[string]string{"apiGroup": "v1", "kind": "Pod"},
			"selector": map[string]any{"matchExpressions": []requirement{
				expr(".metadata.deletionTimestamp", "Exists"),
			}},
			"next": map[string]any{"finalizers": map[string]any{"empty": true}, "delete": true},
		},
	}
}

// podConditions is the pods' four conditions, Ready and ContainersReady as given.
func podConditions(ready bool) string {
	status := "False"
	if ready {
		status = "True"
	}
	return strings.ReplaceAll(`conditions:
- {lastTransitionTime: {{ $now | Quote }}, status: "True", type: Initialized}
- {lastTransitionTime: {{ $now | Quote }}, status: "True", type: PodScheduled}
- {lastTransitionTime: {{ $now | Quote }}, status: "STATUS", type: Ready}
- {lastTransitionTime: {{ $now | Quote }}, status: "STATUS", type: ContainersReady}
`, "STATUS", status)
}

// containerStatuses is one status per container of the pod, ready and started as given, with
// the state (YAML, indented by four spaces) under state:.
func containerStatuses(ready, started bool, state string) string {
	return fmt.Sprintf(`containerStatuses:
{{ range .spec.containers }}
- image: {{ .image | Quote }}
  name: {{ .name | Quote }}
  ready: %t
  started: %t
  restartCount: 0
  state:
%s{{ end }}
`, ready, started, state)
}

const runningState = `    running:
      startedAt: {{ $now | Quote }}
`

// The addresses a kubelet gives a pod that starts. Only a starting pod gets them: KWOK's address
// pool lives in memory, and a KWOK restarted would add a second IP to a running pod (refused).
const podAddresses = `{{ with NodeIPWith .spec.nodeName }}
hostIP: {{ . | Quote }}
hostIPs:
- ip: {{ . | Quote }}
{{ end }}
{{ with PodIPWith .spec.nodeName ( or .spec.hostNetwork false ) ( or .metadata.uid "" ) ( or .metadata.name "" ) ( or .metadata.namespace "" ) }}
podIP: {{ . | Quote }}
podIPs:
- ip: {{ . | Quote }}
{{ end }}
`

// runningTemplate starts a pending pod: running, ready as given, with its addresses.
func runningTemplate(ready bool) string {
	return "{{ $now := Now }}\n" + podConditions(ready) + containerStatuses(ready, true, runningState) +
		podAddresses + "phase: Running\nstartTime: {{ $now | Quote }}\n"
}

// readyAgainTemplate is what a kubelet that is back reports for a running pod that the node
// lifecycle controller marked not ready: ready again, with the addresses and start it had.
const readyAgainTemplate = "{{ $now := Now }}\n" + `conditions:
- {lastTransitionTime: {{ $now | Quote }}, status: "True", type: Ready}
- {lastTransitionTime: {{ $now | Quote }}, status: "True", type: ContainersReady}
`

// The edge runtime's compress tool, simulated as the sandbox simulates it (SimulatedCompression):
// the manifest it writes to its termination log for each method, with the accuracy gate applied
// to --max-drop. Any other Job container exits 0 with no message.
var terminatedTemplate = `{{ $now := Now }}
{{ $args := (index .spec.containers 0).args }}
{{ $compress := and $args (eq (index $args 0) "compress") }}
{{ $method := "Int8" }}{{ $maxDrop := 1.0 }}{{ $in := "" }}
{{ range $i, $a := $args }}{{ if lt (add1 $i) (len $args) }}
{{ if eq $a "--method" }}{{ $method = index $args (add1 $i) }}{{ end }}
{{ if eq $a "--max-drop" }}{{ $maxDrop = float64 (index $args (add1 $i)) }}{{ end }}
{{ if eq $a "--in" }}{{ $in = index $args (add1 $i) }}{{ end }}
{{ end }}{{ end }}
{{ $ratio := 3.9 }}{{ $after := 0.9694 }}
{{ if eq $method "Float16" }}{{ $ratio = 2.0 }}{{ $after = 0.9722 }}{{ end }}
{{ if eq $method "Prune" }}{{ $ratio = 1.7 }}{{ $after = 0.9694 }}{{ end }}
{{ if eq $method "PruneInt8" }}{{ $ratio = 6.4 }}{{ $after = 0.9667 }}{{ end }}
{{ $accepted := le (subf 0.9722 $after) (addf $maxDrop 0.000000001) }}
{{ $bytesAfter := round (divf 672000 $ratio) 0 }}
{{ $manifest := dict "method" $method "artifact" "model.ewz" "parentDigest" (sha256sum $in) "digest" (sha256sum (join " " $args)) "bytesBefore" 672000 "bytesAfter" $bytesAfter "ratio" (divf 672000 $bytesAfter) "accuracyBefore" 0.9722 "accuracyAfter" $after "seconds" 1.5 "accepted" $accepted "simulated" true }}
` + containerStatuses(false, false, `    terminated:
      exitCode: {{ if and $compress (not $accepted) }}3{{ else }}0{{ end }}
      reason: {{ if and $compress (not $accepted) }}Error{{ else }}Completed{{ end }}
      {{ if $compress }}message: {{ toJson $manifest | Quote }}{{ end }}
      startedAt: {{ $now | Quote }}
      finishedAt: {{ $now | Quote }}
`) + `phase: {{ if and $compress (not $accepted) }}Failed{{ else }}Succeeded{{ end }}
`

// failedTemplate ends a Job's pod that is configured to fail: exit code 1.
var failedTemplate = "{{ $now := Now }}\n" + containerStatuses(false, false, `    terminated:
      exitCode: 1
      reason: Error
      startedAt: {{ $now | Quote }}
      finishedAt: {{ $now | Quote }}
`) + "phase: Failed\n"
