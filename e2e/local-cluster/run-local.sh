#!/usr/bin/env bash
# `make run-local`: the operator's packaged jar on the local control plane, as the chart installs
# it (prod profile, server-side apply, the chart's ServiceAccount and RBAC, no admin credentials),
# the samples applied, and the status table of `make run`. The operator's log goes to
# .local-cluster/operator.log. Ctrl-C stops the operator; `make local-cluster-down` the cluster.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dir=${LOCAL_CLUSTER_DIR:-$root/.local-cluster}
admin=(kubectl --kubeconfig "$dir/kubeconfig")
kubeconfig=$("$here/operator-identity.sh" edgewise edgewise)
for sample in "$root"/config/samples/edgewise.dev_*.yaml; do "${admin[@]}" apply -f "$sample" >/dev/null; done
echo "run-local: samples applied; operator log in $dir/operator.log; KUBECONFIG=$dir/kubeconfig to look around" >&2
mapfile -t chart_env < "${kubeconfig%.kubeconfig}.env"   # the container environment the chart sets
env "${chart_env[@]}" KUBECONFIG="$kubeconfig" \
  java -Xmx512m -jar "$root/operator/target/quarkus-app/quarkus-run.jar" > "$dir/operator.log" 2>&1 &
operator=$!
java -cp "$root/sandbox/target/edgewise-sandbox.jar" dev.edgewise.sandbox.StatusTable "$dir/kubeconfig" &
table=$!
stop() { trap - INT TERM EXIT; kill "$table" "$operator" 2>/dev/null || true; wait "$operator" 2>/dev/null || true; echo "run-local: operator stopped" >&2; }
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap stop EXIT
wait "$operator"
