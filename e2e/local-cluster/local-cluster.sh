#!/usr/bin/env bash
# A real Kubernetes control plane on 127.0.0.1 with KWOK nodes: etcd, kube-apiserver (secure port,
# generated certificates, service account keys, Node and RBAC authorization, the default admission
# plugins with Pod Security), kube-controller-manager, kube-scheduler and kwok.
#
#   local-cluster.sh up [TOPOLOGY]     start it, create the topology's nodes, write DIR/kubeconfig
#   local-cluster.sh down              stop it and remove its state
#   local-cluster.sh node-down NODE    disconnect a node (KWOK stops heartbeating for it and its pods)
#   local-cluster.sh node-up NODE      reconnect it
#   local-cluster.sh claims NAMESPACE  pre-provision the claims the samples use in a namespace
#   local-cluster.sh stop-apiserver    stop kube-apiserver alone (an API server outage)
#   local-cluster.sh start-apiserver   start it again, and restart the controllers and KWOK with it
#
# LOCAL_CLUSTER_DIR (default .local-cluster) holds its state; LOCAL_CLUSTER_PORT (default 16443) is
# the API server's port, and the next two are etcd's. NODE_MONITOR_GRACE_PERIOD (default 20s) is how
# long a node may miss heartbeats before the node lifecycle controller marks it NotReady;
# NODE_LEASE_DURATION_SECONDS (default 20) the nodes' lease duration (KWOK renews a lease every
# quarter of it, as the kubelet does; keep the grace period above that), NODE_LEASE_PARALLELISM
# (default 4, KWOK's) how many leases KWOK renews at once (thousands of nodes need more).
# AUDIT_POLICY, a file, turns the API server's audit log on (DIR/logs/audit.log, JSON lines).
# CONTROLLER_MANAGER_API_QPS
# (default: the controller manager's own, 20 a second and bursts of 30, for each controller) lets
# its controllers write faster, as large clusters do (bursts of twice as many).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dir=$(mkdir -p "${LOCAL_CLUSTER_DIR:-$root/.local-cluster}" && cd "${LOCAL_CLUSTER_DIR:-$root/.local-cluster}" && pwd)
port=${LOCAL_CLUSTER_PORT:-16443}
etcd_port=$((port + 1))
etcd_peer_port=$((port + 2))
grace=${NODE_MONITOR_GRACE_PERIOD:-20s}
lease_seconds=${NODE_LEASE_DURATION_SECONDS:-20}
lease_workers=${NODE_LEASE_PARALLELISM:-4}
kcm_qps=()
[[ -n ${CONTROLLER_MANAGER_API_QPS:-} ]] && kcm_qps=(--kube-api-qps="$CONTROLLER_MANAGER_API_QPS" --kube-api-burst=$((2 * CONTROLLER_MANAGER_API_QPS)))
pki=$dir/pki
server=https://127.0.0.1:$port
managed=kwok.x-k8s.io/node

log() { echo "local-cluster: $*" >&2; }

kubectl_admin() { kubectl --kubeconfig "$dir/kubeconfig" "$@"; }

certificates() {
  mkdir -p "$pki"
  [[ -f $pki/ca.crt ]] && return
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=edgewise-local-ca" \
    -keyout "$pki/ca.key" -out "$pki/ca.crt" 2>/dev/null
  openssl genrsa -out "$pki/sa.key" 2048 2>/dev/null
  openssl rsa -in "$pki/sa.key" -pubout -out "$pki/sa.pub" 2>/dev/null
  issue apiserver "/CN=kube-apiserver" \
    "subjectAltName=IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
  issue admin "/O=system:masters/CN=edgewise-local-admin"
  issue controller-manager "/CN=system:kube-controller-manager"
  issue scheduler "/CN=system:kube-scheduler"
  # KWOK plays every node's kubelet; the Node authorizer only lets a kubelet see its own node.
  issue kwok "/O=system:masters/CN=kwok"
}

issue() {
  local name=$1 subject=$2 san=${3:-}
  openssl req -newkey rsa:2048 -nodes -subj "$subject" -keyout "$pki/$name.key" -out "$pki/$name.csr" 2>/dev/null
  local ext=$pki/$name.ext
  { echo "basicConstraints=CA:FALSE"; echo "keyUsage=digitalSignature,keyEncipherment"
    if [[ -n $san ]]; then echo "extendedKeyUsage=serverAuth"; echo "$san"; else echo "extendedKeyUsage=clientAuth"; fi
  } > "$ext"
  openssl x509 -req -in "$pki/$name.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial \
    -days 30 -extfile "$ext" -out "$pki/$name.crt" 2>/dev/null
  rm -f "$pki/$name.csr" "$ext"
}

kubeconfig() {
  local name=$1 out=$2
  cat > "$out" <<YAML
apiVersion: v1
kind: Config
clusters:
- name: local
  cluster: {server: "$server", certificate-authority: "$pki/ca.crt"}
users:
- name: $name
  user: {client-certificate: "$pki/$name.crt", client-key: "$pki/$name.key"}
contexts:
- name: $name@local
  context: {cluster: local, user: $name}
current-context: $name@local
YAML
}

start() {
  local name=$1; shift
  if running "$name"; then return; fi
  "$@" >> "$dir/logs/$name.log" 2>&1 &
  echo $! > "$dir/$name.pid"
}

running() { [[ -f $dir/$1.pid ]] && kill -0 "$(cat "$dir/$1.pid")" 2>/dev/null; }

stop() {
  local name=$1 pid
  [[ -f $dir/$name.pid ]] || return 0
  pid=$(cat "$dir/$name.pid")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$dir/$name.pid"
}

wait_for() {
  local what=$1 seconds=$2; shift 2
  for _ in $(seq $((seconds * 10))); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  log "$what did not come up within ${seconds}s; its log is in $dir/logs"
  return 1
}

ready() { curl -sf --cacert "$pki/ca.crt" --cert "$pki/admin.crt" --key "$pki/admin.key" "$server/readyz"; }

start_apiserver() {
  local audit=()
  [[ -n ${AUDIT_POLICY:-} ]] && audit=(--audit-policy-file="$AUDIT_POLICY" --audit-log-path="$dir/logs/audit.log" --audit-log-maxsize=0)
  start kube-apiserver "$bin/kube-apiserver" "${audit[@]}" \
    --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$port" \
    --etcd-servers="http://127.0.0.1:$etcd_port" \
    --tls-cert-file="$pki/apiserver.crt" --tls-private-key-file="$pki/apiserver.key" \
    --client-ca-file="$pki/ca.crt" \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local \
    --service-account-key-file="$pki/sa.pub" --service-account-signing-key-file="$pki/sa.key" \
    --authorization-mode=Node,RBAC --enable-admission-plugins=NodeRestriction \
    --service-cluster-ip-range=10.96.0.0/16 --allow-privileged=false \
    --profiling=false --event-ttl=1h --v=1
  wait_for kube-apiserver 60 ready
}

# The controller manager and the scheduler, which reach the API server as its clients do.
start_controllers() {
  start kube-controller-manager "$bin/kube-controller-manager" "${kcm_qps[@]}" \
    --kubeconfig="$dir/controller-manager.kubeconfig" \
    --authentication-kubeconfig="$dir/controller-manager.kubeconfig" \
    --authorization-kubeconfig="$dir/controller-manager.kubeconfig" \
    --bind-address=127.0.0.1 --secure-port=0 --leader-elect=false \
    --use-service-account-credentials=true --service-account-private-key-file="$pki/sa.key" \
    --root-ca-file="$pki/ca.crt" --controllers='*,-nodeipam' \
    --node-monitor-grace-period="$grace" --node-monitor-period=2s \
    --terminated-pod-gc-threshold=50 --v=1
  start kube-scheduler "$bin/kube-scheduler" \
    --kubeconfig="$dir/scheduler.kubeconfig" \
    --authentication-kubeconfig="$dir/scheduler.kubeconfig" \
    --authorization-kubeconfig="$dir/scheduler.kubeconfig" \
    --bind-address=127.0.0.1 --secure-port=0 --leader-elect=false --v=1
}

# KWOK's options that have no flag. Given a KwokConfiguration, KWOK defaults none of its options
# (a zero parallelism stops it at start), so every parallelism is set here: KWOK's defaults, but
# for the lease workers (each waits for its renewal; 4 renew about 20 leases a second).
kwok_config() {
  cat <<YAML
apiVersion: config.kwok.x-k8s.io/v1alpha1
kind: KwokConfiguration
options:
  nodeLeaseParallelism: $lease_workers
  nodePlayStageParallelism: 4
  podPlayStageParallelism: 4
  podsOnNodeSyncParallelism: 1
---
YAML
}

start_kwok() {
  start kwok "$bin/kwok" --kubeconfig="$dir/kwok.kubeconfig" --config="$dir/kwok-stages.yaml" \
    --manage-all-nodes=false --manage-nodes-with-label-selector="$managed=fake" \
    --node-lease-duration-seconds="$lease_seconds" --cidr=10.0.0.0/16 --node-ip=10.255.0.1 --server-address=127.0.0.1:0
}

up() {
  local topology=${1:-$root/sandbox/src/main/resources/sandbox/cluster.yaml}
  command -v kubectl >/dev/null || { log "kubectl is needed"; exit 1; }
  command -v openssl >/dev/null || { log "openssl is needed"; exit 1; }
  bin=$("$root/e2e/control-plane/build.sh")
  mkdir -p "$dir/logs" "$dir/bin"
  local started=$(date +%s%N)
  (cd "$here/topology" && go build -o "$dir/bin/topology" .)
  { kwok_config; "$dir/bin/topology" stages "$topology"; } > "$dir/kwok-stages.yaml"
  "$dir/bin/topology" nodes "$topology" > "$dir/nodes.yaml"
  echo "$bin" > "$dir/bin-dir"
  certificates
  kubeconfig admin "$dir/kubeconfig"
  kubeconfig controller-manager "$dir/controller-manager.kubeconfig"
  kubeconfig scheduler "$dir/scheduler.kubeconfig"
  kubeconfig kwok "$dir/kwok.kubeconfig"

  start etcd "$bin/etcd" --name=local --data-dir="$dir/etcd" \
    --listen-client-urls="http://127.0.0.1:$etcd_port" --advertise-client-urls="http://127.0.0.1:$etcd_port" \
    --listen-peer-urls="http://127.0.0.1:$etcd_peer_port" --initial-advertise-peer-urls="http://127.0.0.1:$etcd_peer_port" \
    --initial-cluster="local=http://127.0.0.1:$etcd_peer_port" --unsafe-no-fsync --quota-backend-bytes=4294967296 \
    --log-level=warn
  wait_for etcd 20 curl -sf "http://127.0.0.1:$etcd_port/health"
  start_apiserver
  start_controllers
  start_kwok
  wait_for "the default namespace" 30 kubectl_admin get serviceaccount default -n default
  apply_nodes
  claims default | kubectl_admin apply -f - >/dev/null
  # KWOK initialises the nodes one by one: a minute, or longer for thousands.
  local nodes; nodes=$(grep -c '^kind: Node$' "$dir/nodes.yaml" || true)
  wait_for "the nodes" $(( nodes / 25 > 60 ? nodes / 25 : 60 )) all_nodes_ready
  log "up in $(( ($(date +%s%N) - started) / 1000000 )) ms: $(kubectl_admin get nodes --no-headers | wc -l) KWOK nodes; export KUBECONFIG=$dir/kubeconfig"
}

# kubectl apply takes minutes for thousands of objects in one file (5,000 nodes: more than 6 CPU
# minutes), so the nodes go in files of 200, four at a time.
apply_nodes() {
  rm -rf "$dir/nodes" && mkdir -p "$dir/nodes"
  awk -v out="$dir/nodes/part-" '/^---$/ && ++docs % 200 == 1 {file = out sprintf("%04d", docs / 200) ".yaml"} {print > file}' "$dir/nodes.yaml"
  ls "$dir"/nodes/part-*.yaml | xargs -P 4 -I{} kubectl --kubeconfig "$dir/kubeconfig" apply -f {} >/dev/null
}

# The samples read and write models on claims: models (pvc://models/..., the training sample) and
# edgewise-artifacts (where compression Jobs write and runtimes read): storage a cluster's admin
# provides. Here a pre-provisioned volume for each, bound to its claim in the namespace given (no
# container ever mounts them: KWOK runs none).
claims() {
  local namespace=$1 claim
  for claim in models edgewise-artifacts; do
    cat <<YAML
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: $namespace-$claim}
spec:
  capacity: {storage: 10Gi}
  accessModes: [ReadWriteMany]
  persistentVolumeReclaimPolicy: Retain
  storageClassName: ""
  claimRef: {namespace: $namespace, name: $claim}
  hostPath: {path: /var/lib/edgewise/$namespace/$claim, type: DirectoryOrCreate}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: $claim, namespace: $namespace}
spec:
  accessModes: [ReadWriteMany]
  storageClassName: ""
  volumeName: $namespace-$claim
  resources: {requests: {storage: 10Gi}}
YAML
  done
}

all_nodes_ready() {
  ! kubectl_admin get nodes --no-headers 2>/dev/null | awk '$2 != "Ready" {bad=1} END {exit !bad}' \
    && [[ -n $(kubectl_admin get nodes --no-headers 2>/dev/null) ]]
}

down() {
  for name in kwok kube-scheduler kube-controller-manager kube-apiserver etcd; do stop "$name"; done
  rm -rf "$dir"
  log "stopped; $dir removed"
}

case "${1:-}" in
  up) up "${2:-}" ;;
  down) down ;;
  node-down)
    kubectl_admin label node "${2:?usage: node-down NODE}" "$managed-" >/dev/null
    log "node $2 disconnected: NotReady within $grace, its pods unready" ;;
  node-up)
    kubectl_admin label node "${2:?usage: node-up NODE}" "$managed=fake" --overwrite >/dev/null
    log "node $2 reconnected" ;;
  claims) claims "${2:?usage: claims NAMESPACE}" | kubectl_admin apply -f - >/dev/null ;;
  stop-apiserver) stop kube-apiserver ;;
  start-apiserver)
    bin=$(cat "$dir/bin-dir"); start_apiserver
    # As when a control-plane node comes back, the controllers start again with it: a controller
    # manager that stays up can lag minutes behind a restarted API server (its pod informer stuck
    # at the old resourceVersion, so the 1.36 ReplicaSet controller refuses to sync: "read version
    # ... is not as new as written version"). A kubelet re-syncs every pod once its API server is
    # back; KWOK does not retry a stage it failed to write while the server was away, so it starts
    # again too and looks at every pod anew.
    stop kube-controller-manager; stop kube-scheduler; start_controllers
    stop kwok; start_kwok ;;
  *) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
