#!/usr/bin/env bash
# A small local Redis Cluster for CI and for trying cluster mode by hand (README "Redis Cluster"):
# three masters and three replicas from the same `redis-server` binary as the single Redis, cluster
# mode, no persistence, every file in its own temp dir.
#
#   .ci/redis-cluster.sh start   # prints `REDIS_CLUSTER_NODES=127.0.0.1:7100,...` as its last line
#   .ci/redis-cluster.sh stop    # stops the six servers and removes the temp dir
#
# REDIS_CLUSTER_BASE_PORT (default 7100) moves the six ports (base..base+5); the state of a running
# cluster (dir, pids) is kept in ${TMPDIR:-/tmp}/temu-odoo-redis-cluster-<base>.
set -euo pipefail

base="${REDIS_CLUSTER_BASE_PORT:-7100}"
ports=$(seq "$base" $((base + 5)))
state="${TMPDIR:-/tmp}/temu-odoo-redis-cluster-$base"

nodes_csv() { local out=""; for p in $ports; do out="${out:+$out,}127.0.0.1:$p"; done; echo "$out"; }

stop() {
  [ -d "$state" ] || { echo "no cluster on $base (nothing to stop)"; return 0; }
  for p in $ports; do
    redis-cli -p "$p" shutdown nosave >/dev/null 2>&1 || true
  done
  # A node that did not answer SHUTDOWN (hung, killed by a drill and restarted…) is stopped by its pid.
  for f in "$state"/*.pid; do
    [ -f "$f" ] || continue
    pid=$(cat "$f")
    kill "$pid" 2>/dev/null || true
  done
  rm -rf "$state"
  echo "redis cluster on ports $base-$((base + 5)) stopped"
}

start() {
  command -v redis-server >/dev/null && command -v redis-cli >/dev/null || {
    echo "redis-server and redis-cli are needed (apt-get install redis-server)" >&2
    exit 1
  }
  if [ -d "$state" ]; then
    echo "a cluster state dir exists at $state: stopping that cluster first"
    stop
  fi
  for p in $ports; do
    if redis-cli -p "$p" ping >/dev/null 2>&1; then
      echo "port $p is taken by a running Redis: choose another REDIS_CLUSTER_BASE_PORT" >&2
      exit 1
    fi
  done
  mkdir -p "$state"
  for p in $ports; do
    mkdir -p "$state/$p"
    # No RDB, no AOF: a CI cluster starts empty. cluster-node-timeout 2 s so a killed master's
    # replica is promoted within a few seconds in the failover drill.
    redis-server --port "$p" --bind 127.0.0.1 --daemonize yes \
      --dir "$state/$p" --pidfile "$state/$p.pid" --logfile "$state/$p.log" \
      --cluster-enabled yes --cluster-config-file "nodes-$p.conf" --cluster-node-timeout 2000 \
      --save "" --appendonly no
  done
  for p in $ports; do
    for _ in $(seq 1 50); do redis-cli -p "$p" ping >/dev/null 2>&1 && break; sleep 0.1; done
    redis-cli -p "$p" ping >/dev/null || { echo "redis on $p did not start (see $state/$p.log)" >&2; exit 1; }
  done
  # shellcheck disable=SC2086
  redis-cli --cluster create $(for p in $ports; do printf '127.0.0.1:%s ' "$p"; done) \
    --cluster-replicas 1 --cluster-yes >"$state/create.log"
  # Every node must agree the cluster is up (all 16384 slots served) and see three replicas.
  for _ in $(seq 1 100); do
    ok=0
    for p in $ports; do
      redis-cli -p "$p" cluster info | grep -q '^cluster_state:ok' && ok=$((ok + 1))
    done
    replicas=$(redis-cli -p "$base" cluster nodes | grep -c ' slave ' || true)
    [ "$ok" = 6 ] && [ "$replicas" = 3 ] && break
    sleep 0.2
  done
  [ "$ok" = 6 ] && [ "$replicas" = 3 ] || {
    echo "cluster not ok after 20 s ($ok/6 nodes ok, $replicas/3 replicas)" >&2
    exit 1
  }
  echo "redis cluster up: 3 masters + 3 replicas on ports $base-$((base + 5)) (state in $state)"
  echo "REDIS_CLUSTER_NODES=$(nodes_csv)"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  nodes) nodes_csv ;;
  *)
    echo "usage: $0 start|stop|nodes" >&2
    exit 2
    ;;
esac
