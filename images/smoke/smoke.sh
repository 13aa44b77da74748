#!/usr/bin/env bash
# Smoke-tests the image tarballs that `make images` wrote, with no container engine: unpacks each
# OCI tarball's layers into a root filesystem, mounts it read-only (with /proc, /dev and a tmpfs
# /tmp, as the chart's pods have), and runs the image's own entrypoint, environment, user and
# working directory in private mount, network (loopback only) and PID namespaces. Needs root.
#
#   edgewise-edge-runtime  the PyTorch engine loads from the baked read-only cache with no
#                          network (PrepareEngineCache check); then the runtime starts on the
#                          demo digits model the image ships (/opt/edgewise/models/digits, the
#                          samples' URI) named by EDGEWISE_MODEL_URI, as the operator's pods do,
#                          answers /v2/health/ready, and answers an OIP v2 infer request.
#   edgewise-operator      Quarkus starts, /q/health/live and /q/health/started (the chart's
#                          probes) answer 200, the process is still
#                          running a few seconds later, and (once the operator has reconcilers)
#                          it has called the API server: the fabric8 CRUD mock server
#                          (MockApiServer.java, loaded with charts/edgewise/crds/) on 127.0.0.1,
#                          or SMOKE_API_SERVER_URL if set (e.g. the sandbox's API server).
#
# Usage: images/smoke/smoke.sh [operator|edge-runtime ...]   (default: both)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
IMAGES=${IMAGES_DIR:-$ROOT/target/images}
WORK=${SMOKE_WORK:-$ROOT/target/images/smoke}
TIMEOUT=${SMOKE_TIMEOUT_SECONDS:-120}
PORT=8080
API_PORT=16443

log() { printf '[image-smoke] %s\n' "$*" >&2; }
die() { log "FAIL: $*"; exit 1; }

# Unpacks an OCI image tarball (as jib:buildTar writes with format OCI) into $1/rootfs and writes
# its config to $1/config.json.
unpack() {
  local tarball=$1 dir=$2
  rm -rf "$dir"
  mkdir -p "$dir/oci" "$dir/rootfs"
  tar -xf "$tarball" -C "$dir/oci"
  local manifest config
  manifest=$(jq -r '.manifests[0].digest' "$dir/oci/index.json" | sed 's/^sha256://')
  config=$(jq -r '.config.digest' "$dir/oci/blobs/sha256/$manifest" | sed 's/^sha256://')
  cp "$dir/oci/blobs/sha256/$config" "$dir/config.json"
  local layer
  for layer in $(jq -r '.layers[].digest' "$dir/oci/blobs/sha256/$manifest" | sed 's/^sha256://'); do
    tar --warning=no-unknown-keyword -xzf "$dir/oci/blobs/sha256/$layer" -C "$dir/rootfs"
    # OCI whiteouts: a layer deletes a lower file with an empty ".wh.<name>" entry.
    while IFS= read -r -d '' whiteout; do
      rm -rf "$(dirname "$whiteout")/$(basename "$whiteout" | sed 's/^\.wh\.//')" "$whiteout"
    done < <(find "$dir/rootfs" -name '.wh.*' -print0)
  done
  rm -rf "$dir/oci"
}

# Runs inside the private namespaces: `smoke.sh __inside KIND DIR`.
inside() {
  local kind=$1 dir=$2 rootfs=$2/rootfs
  mount --make-rprivate /
  mkdir -p "$rootfs/proc" "$rootfs/dev" "$rootfs/tmp" "$rootfs/opt/smoke-tools"
  mount --bind "$rootfs" "$rootfs"
  mount -o remount,bind,ro "$rootfs"
  mount -t proc proc "$rootfs/proc"
  mount --rbind /dev "$rootfs/dev"
  mount -t tmpfs -o mode=1777,size=256m tmpfs "$rootfs/tmp"
  if [[ -d "$dir/tools" ]]; then mount --bind -o ro "$dir/tools" "$rootfs/opt/smoke-tools"; fi
  ip link set lo up

  # The image's own process settings.
  local config=$dir/config.json user workdir
  user=$(jq -r '.config.User // "0:0"' "$config")
  workdir=$(jq -r '.config.WorkingDir // "/"' "$config")
  mapfile -t env < <(jq -r '.config.Env[]?' "$config")
  mapfile -t entrypoint < <(jq -r '(.config.Entrypoint // []) + (.config.Cmd // []) | .[]' "$config")
  [[ ${#entrypoint[@]} -gt 0 ]] || die "the image has no entrypoint"
  [[ ${user%%:*} != 0 && ${user%%:*} != root ]] || die "the image runs as root ($user)"
  run_in_image() { # run_in_image [ENV=VALUE ...] -- COMMAND ...
    local extra=()
    while [[ $1 != -- ]]; do extra+=("$1"); shift; done
    shift
    env -i "${env[@]}" "${extra[@]}" unshare --root="$rootfs" --wd="$workdir" \
      --setuid "${user%%:*}" --setgid "${user##*:}" -- "$@"
  }

  case $kind in
    edge-runtime)
      log "edge-runtime: loading PyTorch from the baked engine cache (read-only root, no network)"
      run_in_image -- /opt/java/openjdk/bin/java \
        -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp '/deployments/lib/main/*:/opt/smoke-tools' \
        PrepareEngineCache check 2>&1 | tee "$dir/engine.log" >&2 \
        || die "the PyTorch engine did not load from the image's cache"
      grep -q 'loaded from /opt/edgewise/djl-cache' "$dir/engine.log" || die "unexpected engine output"
      ;;
  esac

  local extra_env=(QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$PORT) api_server=
  # The demo model the image ships, which the samples serve.
  [[ $kind == edge-runtime ]] && extra_env+=(EDGEWISE_MODEL_URI=file:///opt/edgewise/models/digits/digits_student_mlp.pt)
  if [[ $kind == operator ]]; then
    local api_url=${SMOKE_API_SERVER_URL:-}
    if [[ -z $api_url ]]; then
      log "operator: starting the mock API server (fabric8 CRUD mode) on 127.0.0.1:$API_PORT"
      # The mock server is test machinery the operator's image does not carry: the sandbox's libraries.
      [[ -d $ROOT/sandbox/target/lib ]] || die "no sandbox/target/lib: build first (mvn package -pl sandbox -am)"
      java -cp "$ROOT/sandbox/target/lib/*" "$ROOT/images/smoke/MockApiServer.java" \
        "$API_PORT" "$ROOT/charts/edgewise/crds" > "$dir/api.log" 2>&1 &
      api_server=$!
      local api_deadline=$((SECONDS + TIMEOUT))
      until grep -q '^READY' "$dir/api.log"; do
        kill -0 "$api_server" 2>/dev/null || { cat "$dir/api.log" >&2; die "the mock API server did not start"; }
        ((SECONDS < api_deadline)) || die "the mock API server did not start within ${TIMEOUT}s"
        sleep 1
      done
      api_url=http://127.0.0.1:$API_PORT
    fi
    # fabric8 reads the API server from KUBERNETES_MASTER (the Quarkus property is fixed at build time)
    extra_env+=(KUBERNETES_MASTER=$api_url KUBERNETES_AUTH_TRYSERVICEACCOUNT=false)
  fi
  log "$kind: starting ${entrypoint[*]} as $user in $workdir"
  run_in_image "${extra_env[@]}" -- "${entrypoint[@]}" > "$dir/app.log" 2>&1 &
  local app=$!

  local deadline=$((SECONDS + TIMEOUT)) code=000 path
  local paths=(/q/health/live)
  [[ $kind == edge-runtime ]] && paths=(/v2/health/ready)
  while ((SECONDS < deadline)); do
    kill -0 "$app" 2>/dev/null || { cat "$dir/app.log" >&2; die "$kind exited during start"; }
    for path in "${paths[@]}"; do
      code=$(curl -s -o "$dir/answer" -w '%{http_code}' --max-time 2 "http://127.0.0.1:$PORT$path" || true)
      [[ $code == 200 ]] && break 2
    done
    sleep 1
  done

  local result=0
  if [[ $code == 200 ]]; then
    log "$kind: GET $path -> 200 $(head -c 300 "$dir/answer" | tr -d '\n')"
  else
    log "$kind: no healthy answer within ${TIMEOUT}s (last HTTP status $code)"
    result=1
  fi
  if ((result == 0)) && [[ $kind == edge-runtime ]]; then
    local zeros body
    zeros=$(printf '0,%.0s' {1..63})0
    body='{"inputs":[{"name":"input","shape":[1,64],"datatype":"FP32","data":['$zeros']}]}'
    code=$(curl -s -o "$dir/answer" -w '%{http_code}' --max-time 10 -H 'Content-Type: application/json' \
      -d "$body" "http://127.0.0.1:$PORT/v2/models/digits/infer" || true)
    log "$kind: POST /v2/models/digits/infer -> $code $(head -c 200 "$dir/answer")"
    [[ $code == 200 ]] && jq -e '.outputs[0].shape == [1,10] and (.outputs[0].data | length) == 10' \
      "$dir/answer" > /dev/null || { log "$kind: the answer is not 10 logits for one row"; result=1; }
  fi
  if ((result == 0)) && [[ $kind == operator ]]; then
    sleep 3
    kill -0 "$app" 2>/dev/null || { log "operator: exited after start"; result=1; }
    grep -q 'started in' "$dir/app.log" || { log "operator: no Quarkus start line in its log"; result=1; }
    # The chart's startupProbe.
    started=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$PORT/q/health/started" || true)
    log "operator: /q/health/started -> $started"
    [[ $started == 200 ]] || result=1
    if grep -q 'No Reconciler implementation was found' "$dir/app.log"; then
      log "operator: WARN it has no reconcilers yet, so it calls no API: not checking that it reached one"
    else
      # Ready means every controller's informers have synced with the API server.
      local ready=000
      while ((SECONDS < deadline)) && [[ $ready != 200 ]]; do
        ready=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$PORT/q/health/ready" || true)
        [[ $ready == 200 ]] || sleep 1
      done
      log "operator: /q/health/ready -> $ready"
      [[ $ready == 200 ]] || result=1
      if [[ -n $api_server ]]; then
        grep -q '^API ' "$dir/api.log" || { log "operator: made no request to the API server"; result=1; }
        log "operator: $(grep -c '^API ' "$dir/api.log") requests to the API server, first: $(grep -m1 '^API ' "$dir/api.log")"
      fi
    fi
  fi
  [[ -n $api_server ]] && kill "$api_server" 2>/dev/null
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  log "$kind: last lines of its log:"
  tail -n 15 "$dir/app.log" | sed 's/^/    /' >&2
  return $result
}

smoke() {
  local kind=$1 tarball=$IMAGES/edgewise-$1.tar dir=$WORK/$1
  [[ -f $tarball ]] || die "$tarball is missing: run make images"
  log "$kind: unpacking $tarball"
  unpack "$tarball" "$dir"
  if [[ $kind == edge-runtime ]]; then
    mkdir -p "$dir/tools"
    javac -d "$dir/tools" -cp "$dir/rootfs/deployments/lib/main/*" \
      "$ROOT/images/edge-runtime/PrepareEngineCache.java"
  fi
  unshare --mount --net --pid --ipc --uts --fork --kill-child -- "$0" __inside "$kind" "$dir"
  log "$kind: OK"
}

if [[ ${1:-} == __inside ]]; then
  inside "$2" "$3"
  exit $?
fi
[[ $(id -u) == 0 ]] || die "needs root (namespaces, mounts)"
kinds=("$@")
[[ ${#kinds[@]} -gt 0 ]] || kinds=(operator edge-runtime)
for kind in "${kinds[@]}"; do
  case $kind in
    operator | edge-runtime) smoke "$kind" ;;
    *) die "unknown image $kind (operator or edge-runtime)" ;;
  esac
done
rm -rf "$WORK"
log "all images passed"
