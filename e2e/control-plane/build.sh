#!/usr/bin/env bash
# Builds the local control plane (kube-apiserver, kube-controller-manager, kube-scheduler, etcd, kwok)
# from the Go module proxy into a cache keyed by their versions, once per machine, and prints the
# folder that holds them. When KUBEBUILDER_ASSETS names a folder that already holds every binary
# (the envtest convention), that folder is used and nothing is built.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
binaries=(kube-apiserver kube-controller-manager kube-scheduler etcd kwok)

has_all() {
  local dir=$1 b
  for b in "${binaries[@]}"; do [[ -x "$dir/$b" ]] || return 1; done
}

if [[ -n "${KUBEBUILDER_ASSETS:-}" ]] && has_all "$KUBEBUILDER_ASSETS"; then
  echo "$KUBEBUILDER_ASSETS"
  exit 0
fi

command -v go >/dev/null || { echo "build.sh: Go (1.26 or later) is needed to build the control plane" >&2; exit 1; }

required() { sed -n "s|^require $2 \(v[^ ]*\)$|\1|p" "$here/$1/go.mod"; }
k8s=$(required kubernetes k8s.io/kubernetes)
etcd=$(required etcd go.etcd.io/etcd/server/v3)
kwok=$(required kwok sigs.k8s.io/kwok)
cache=${EDGEWISE_CONTROL_PLANE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/edgewise/control-plane}
out="$cache/kubernetes-$k8s-etcd-$etcd-kwok-$kwok"
if has_all "$out"; then
  echo "$out"
  exit 0
fi

mkdir -p "$out.partial"
started=$(date +%s)
echo "build.sh: building the control plane into $out (first build only; about 12 minutes on 2 cores, with downloads)" >&2
export GOFLAGS="-mod=mod -trimpath" CGO_ENABLED=0
version_flags="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  minor=${k8s#v1.}; minor=${minor%%.*}
  version_flags+=" -X $pkg.gitVersion=$k8s -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean"
done
(cd "$here/kubernetes" && for cmd in kube-apiserver kube-controller-manager kube-scheduler; do
  echo "build.sh: $cmd $k8s" >&2
  go build -ldflags "$version_flags" -o "$out.partial/$cmd" "k8s.io/kubernetes/cmd/$cmd"
done)
echo "build.sh: etcd $etcd" >&2
(cd "$here/etcd" && go build -ldflags "-s -w" -o "$out.partial/etcd" .)
echo "build.sh: kwok $kwok" >&2
(cd "$here/kwok" && go build -ldflags "-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=$kwok" -o "$out.partial/kwok" sigs.k8s.io/kwok/cmd/kwok)
rm -rf "$out" && mv "$out.partial" "$out"
echo "build.sh: built in $(( $(date +%s) - started )) s" >&2
echo "$out"
