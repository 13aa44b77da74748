#!/usr/bin/env bash
# `make run`: the sandbox cluster in one JVM, the operator in another pointed at it; Ctrl-C (or
# SIGTERM) stops both, and so does either one stopping on its own.
#
#   sandbox/run.sh SANDBOX_JAR OPERATOR_JAR SAMPLES_DIR STATE_DIR [TOPOLOGY]
#
# POD_START_MS (environment), when set, is how long a simulated pod takes to become ready.
#
# The sandbox writes STATE_DIR/kubeconfig once its API server is up, applies the samples and prints
# its status table here; the operator starts once the kubeconfig is there, and logs to
# STATE_DIR/operator.log so that the table stays readable.
set -euo pipefail

sandbox_jar=$1
operator_jar=$2
samples=$3
state=$4
topology=${5:-}
kubeconfig=$state/kubeconfig
operator_log=$state/operator.log
ready_timeout_s=60

mkdir -p "$state"
rm -f "$kubeconfig"
echo "make run: the operator's log is in $operator_log (tail -f it in another terminal);" \
  "the sandbox's status table follows here. Ctrl-C stops both."

sandbox_pid=
operator_pid=
stop() {
  trap - INT TERM EXIT
  # Background JVMs of a script ignore SIGINT, so Ctrl-C reaches them as this SIGTERM.
  for pid in $operator_pid $sandbox_pid; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in $operator_pid $sandbox_pid; do
    wait "$pid" 2>/dev/null || true
  done
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap stop EXIT

java -jar "$sandbox_jar" --samples="$samples" --kubeconfig-out="$kubeconfig" \
  ${topology:+"--topology=$topology"} ${POD_START_MS:+"--pod-start-ms=$POD_START_MS"} &
sandbox_pid=$!

waited=0
until [[ -s $kubeconfig ]]; do
  if ! kill -0 "$sandbox_pid" 2>/dev/null; then
    echo "make run: the sandbox stopped before it was ready (see above)" >&2
    exit 1
  fi
  if ((waited >= ready_timeout_s * 2)); then
    echo "make run: no $kubeconfig after ${ready_timeout_s} s" >&2
    exit 1
  fi
  sleep 0.5
  waited=$((waited + 1))
done

# The mock API server has no server-side apply.
KUBECONFIG=$kubeconfig java -Dedgewise.server-side-apply=false -jar "$operator_jar" >"$operator_log" 2>&1 &
operator_pid=$!

while kill -0 "$sandbox_pid" 2>/dev/null && kill -0 "$operator_pid" 2>/dev/null; do
  sleep 1
done
if kill -0 "$sandbox_pid" 2>/dev/null; then
  status=0
  wait "$operator_pid" || status=$?
  echo "make run: the operator stopped (exit $status; see $operator_log); stopping the sandbox" >&2
else
  status=0
  wait "$sandbox_pid" || status=$?
  echo "make run: the sandbox stopped (exit $status); stopping the operator" >&2
fi
exit "$status"
