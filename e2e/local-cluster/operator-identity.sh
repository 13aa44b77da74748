#!/usr/bin/env bash
# Gives the operator the identity the Helm chart gives it, on the local cluster: renders the chart
# (`helm template`, extra arguments passed on, e.g. --set watchNamespaces={a,b}), applies its CRDs,
# ServiceAccount and RBAC (nothing else: the operator runs outside the cluster), and writes a
# kubeconfig that authenticates as that ServiceAccount with a token, to the path it prints. Beside
# it, operator-RELEASE.env holds the environment the chart's Deployment gives the operator
# container (NAME=value lines; the downward API's namespace and pod name filled in).
#   operator-identity.sh [RELEASE [NAMESPACE [helm template arguments...]]]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dir=${LOCAL_CLUSTER_DIR:-$root/.local-cluster}
release=${1:-edgewise}
namespace=${2:-edgewise}
shift $(( $# < 2 ? $# : 2 ))
admin=(kubectl --kubeconfig "$dir/kubeconfig")
[[ -f $dir/kubeconfig ]] || { echo "operator-identity.sh: no local cluster in $dir (make local-cluster-up)" >&2; exit 1; }
helm=$("$here/helm.sh")
rendered=$dir/$release-rbac.yaml
templates=(templates/operator/serviceaccount.yaml)
for t in "$root"/charts/edgewise/templates/rbac/*.yaml; do templates+=("templates/rbac/$(basename "$t")"); done
show=(); for t in "${templates[@]}"; do show+=(--show-only "$t"); done
"$helm" template "$release" "$root/charts/edgewise" -n "$namespace" "${show[@]}" "$@" > "$rendered" 2> "$dir/$release-helm.err" || {
  # --show-only fails on a template that renders nothing in this configuration; render them one by one.
  : > "$rendered"
  for t in "${templates[@]}"; do
    "$helm" template "$release" "$root/charts/edgewise" -n "$namespace" --show-only "$t" "$@" >> "$rendered" 2>/dev/null || true
  done
}
"${admin[@]}" apply --server-side -f "$root/charts/edgewise/crds/" >/dev/null
deployment=$dir/$release-deployment.yaml
"$helm" template "$release" "$root/charts/edgewise" -n "$namespace" \
  --show-only templates/operator/deployment.yaml "$@" > "$deployment" 2>> "$dir/$release-helm.err"
"${admin[@]}" create --dry-run=client -f "$deployment" \
  -o jsonpath='{range .spec.template.spec.containers[0].env[*]}{.name}={.value}{"\n"}{end}' |
  sed -e "s/^POD_NAMESPACE=\$/POD_NAMESPACE=$namespace/" -e "s/^POD_NAME=\$/POD_NAME=$release-operator/" |
  grep -v '=$' > "$dir/operator-$release.env"
"${admin[@]}" wait --for=condition=Established crd --all --timeout=30s >/dev/null
"${admin[@]}" create namespace "$namespace" --dry-run=client -o yaml | "${admin[@]}" apply -f - >/dev/null
"${admin[@]}" apply --server-side -f "$rendered" >/dev/null
account=$("${admin[@]}" get -f "$rendered" -o jsonpath='{range .items[?(@.kind=="ServiceAccount")]}{.metadata.name}{end}')
token=$("${admin[@]}" create token "$account" -n "$namespace" --duration=48h)
out=$dir/operator-$release.kubeconfig
server=$("${admin[@]}" config view --minify -o jsonpath='{.clusters[0].cluster.server}')
ca=$("${admin[@]}" config view --minify -o jsonpath='{.clusters[0].cluster.certificate-authority}')
cat > "$out" <<YAML
apiVersion: v1
kind: Config
clusters:
- name: local
  cluster: {server: "$server", certificate-authority: "$ca"}
users:
- name: system:serviceaccount:$namespace:$account
  user: {token: "$token"}
contexts:
- name: operator
  context: {cluster: local, user: "system:serviceaccount:$namespace:$account", namespace: "$namespace"}
current-context: operator
YAML
chmod 600 "$out"
echo "$out"
