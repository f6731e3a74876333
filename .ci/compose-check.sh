#!/usr/bin/env bash
# Proves `docker compose up` works: builds the image, runs docker-compose.yml + docker-compose.override.yml
# (the demo with both sandboxes) on podman through its Docker-compatible API, waits until a demo
# order reaches the Odoo sandbox and the dashboard answers behind its password, scales workers to 2,
# stops everything and checks each service stopped on SIGTERM, then `down -v`. Prints timings.
#
# Made for CI machines without Docker or a registry (Debian, root): installs podman & co from apt,
# builds local stand-ins for the base images (.ci/compose/stand-in-images.sh). Exits 0 with a loud
# SKIPPED banner only when podman itself cannot run here; every other problem fails.
#
# Every wait has its own deadline (wait_for, timeout). The image build dominates the run; the stand-in
# base images take ~3 minutes once per machine, then come from the cache.
set -euo pipefail
cd "$(dirname "$0")/.."

PROJECT=temu-odoo-ci
CACHE="${TEMU_ODOO_CI_CACHE:-/var/cache/temu-odoo-ci}"
DASHBOARD_USER=admin
DASHBOARD_PASSWORD="ci-$RANDOM-$RANDOM"
export COMPOSE_PROJECT_NAME=$PROJECT DASHBOARD_USER DASHBOARD_PASSWORD TEMU_ODOO_CI_CACHE="$CACHE"

log() { printf '\n== compose [%ss]: %s\n' "$SECONDS" "$*"; }
fail() {
  printf '\n!! compose check FAILED: %s\n' "$*" >&2
  exit 1
}
skip() {
  printf '\n%s\n!! compose check SKIPPED: %s\n!! (podman cannot run containers on this machine; nothing was checked)\n%s\n' \
    '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!' "$*" \
    '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!'
  exit 0
}
declare -A TIMINGS=()
TIMING_ORDER=()
timed() { # timed NAME command...: runs it, records seconds
  local name=$1 start=$SECONDS
  shift
  "$@"
  TIMINGS[$name]=$((SECONDS - start))
  TIMING_ORDER+=("$name")
}
# wait_for SECONDS WHAT command...: polls every 2 s until the command succeeds or the deadline passes.
wait_for() {
  local limit=$1 what=$2 deadline=$((SECONDS + $1))
  shift 2
  until "$@"; do
    [ $SECONDS -lt $deadline ] || fail "$what: not within ${limit}s"
    sleep 2
  done
}

# --- tools ----------------------------------------------------------------------------------------
log "podman, docker-compose, debootstrap"
packages=(podman buildah runc fuse-overlayfs slirp4netns uidmap netavark aardvark-dns iptables catatonit debootstrap docker-compose curl)
missing=()
for p in "${packages[@]}"; do
  [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = 'install ok installed' ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  command -v apt-get >/dev/null 2>&1 || skip "no apt-get to install ${missing[*]}"
  [ "$(id -u)" = 0 ] || skip "not root: cannot install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
[ "$(id -u)" = 0 ] || skip "not root (this check runs rootful podman)"
podman --version
docker-compose version --short

# One run at a time per machine (fixed project name and image tag): a second run waits for the first.
mkdir -p "$CACHE"
exec 9>"$CACHE/compose-check.lock"
flock -w 1200 9 || fail "another compose check held $CACHE/compose-check.lock for 20 minutes"

RUN_DIR=$(mktemp -d /tmp/temu-odoo-compose.XXXXXX)
# What this sandbox needs (see README "Docker Compose" → CI): runc (crun refuses hybrid cgroups),
# ulimits within the host's hard limits, netavark for service-name DNS between containers.
cat >"$RUN_DIR/containers.conf" <<'EOF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
[network]
network_backend = "netavark"
EOF
export CONTAINERS_CONF="$RUN_DIR/containers.conf"
export DOCKER_HOST="unix://$RUN_DIR/podman.sock"

service_pid= health_pid=
compose() { timeout "${COMPOSE_TIMEOUT:-120}" docker-compose --ansi never "$@"; }
cleanup() {
  local status=$?
  set +e
  if [ -n "$service_pid" ] && [ $status -ne 0 ]; then
    log "logs (last 40 lines per service)"
    compose logs --no-color --tail 40 2>&1 | tail -300
    [ -s "$RUN_DIR/odoo-query.err" ] && { echo "last Odoo queries:"; tail -3 "$RUN_DIR/odoo-query.err"; }
  fi
  [ -n "${waiting:-}" ] && podman rm -f "$waiting" >/dev/null 2>&1
  [ -n "$service_pid" ] && COMPOSE_TIMEOUT=60 compose down -v --timeout 5 >/dev/null 2>&1
  [ -n "$health_pid" ] && kill "$health_pid" 2>/dev/null
  [ -n "$service_pid" ] && kill "$service_pid" 2>/dev/null && wait "$service_pid" 2>/dev/null
  rm -rf "$RUN_DIR"
  exit $status
}
trap cleanup EXIT
trap 'exit 143' TERM INT # an outer timeout or Ctrl-C still tears the project down

podman info >/dev/null 2>"$RUN_DIR/info.err" || skip "podman info: $(tail -3 "$RUN_DIR/info.err")"

# --- base images ----------------------------------------------------------------------------------
log "stand-in base images (cache: $CACHE)"
timed stand-ins .ci/compose/stand-in-images.sh
podman run --rm node:24-bookworm-slim node --version >/dev/null 2>"$RUN_DIR/run.err" ||
  skip "podman run: $(tail -3 "$RUN_DIR/run.err")"

# --- the project image ----------------------------------------------------------------------------
log "build temu-odoo:latest"
build_image() {
  timeout 900 podman build --tag temu-odoo:latest . >"$RUN_DIR/build.log" 2>&1 ||
    { tail -40 "$RUN_DIR/build.log"; fail "the image did not build (log above)"; }
}
timed image-build build_image
# Regression checks: the build reached the runtime stage (the image exists and runs) and it is lean.
user=$(podman image inspect --format '{{.Config.User}}' temu-odoo:latest)
[ "$user" = node ] || fail "runtime image runs as '$user', expected the non-root user node"
extra=$(podman run --rm temu-odoo:latest sh -c \
  'ls -d /app/tools /app/fixtures 2>/dev/null; find /app/apps /app/packages -mindepth 2 -maxdepth 2 ! -name dist ! -name package.json ! -name node_modules')
[ -z "$extra" ] || fail "runtime image holds more than dist/ and package.json per package: $extra"
# Every import of the compiled apps resolves: a bad variable is then the first thing the worker reports.
loaded=$(podman run --rm -e REDIS_URL=not-a-url temu-odoo:latest node apps/worker/dist/main.js 2>&1 || true)
[[ "$loaded" == *"Invalid environment: REDIS_URL"* ]] || fail "the worker does not start from the image: $loaded"
image_mb=$(($(podman image inspect --format '{{.Size}}' temu-odoo:latest) / 1000000))
base_mb=$(($(podman image inspect --format '{{.Size}}' node:24-bookworm-slim) / 1000000))
echo "image temu-odoo:latest: ${image_mb} MB (base ${base_mb} MB + project $((image_mb - base_mb)) MB)"

# --- podman's Docker API --------------------------------------------------------------------------
# --time: an orphaned service (this script killed with SIGKILL) exits after 5 idle minutes.
podman system service --time=300 "$DOCKER_HOST" >"$RUN_DIR/service.log" 2>&1 &
service_pid=$!
wait_for 30 "podman API socket" curl -sf --unix-socket "$RUN_DIR/podman.sock" http://d/_ping -o /dev/null
COMPOSE_TIMEOUT=60 compose down -v --timeout 5 >/dev/null 2>&1 || true # leftovers of an aborted run

# No systemd here, so podman never runs health checks on its own: run them for compose
# (depends_on: service_healthy) and for the wait until all are healthy, then stop. One at a time and
# every 5 s: each check starts a Node process in its container, and on a loaded machine a burst of
# them starves the services (and fails their own 5 s timeouts).
(
  while kill -0 $$ 2>/dev/null; do # ends with this script, however it ends
    for id in $(podman ps -q --filter "label=com.docker.compose.project=$PROJECT"); do
      timeout 20 podman healthcheck run "$id" >/dev/null 2>&1 || true
    done
    sleep 5
  done
) &
health_pid=$!

free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
DASHBOARD_PUBLISHED_PORT=$(free_port)
ODOO_SANDBOX_PUBLISHED_PORT=$(free_port)
TEMU_SANDBOX_PUBLISHED_PORT=$(free_port)
export DASHBOARD_PUBLISHED_PORT ODOO_SANDBOX_PUBLISHED_PORT TEMU_SANDBOX_PUBLISHED_PORT

# --- up -------------------------------------------------------------------------------------------
log "docker-compose up -d (docker-compose.yml + docker-compose.override.yml)"
up_start=$SECONDS
COMPOSE_TIMEOUT=240 timed up compose up -d --no-build

ids_of() { compose ps -q "$1"; }
status_of() { podman inspect --format '{{.State.Status}} {{if .State.Healthcheck}}{{.State.Healthcheck.Status}}{{end}}' "$1" 2>/dev/null; }
all_healthy() {
  local svc id st
  for svc in redis temu-sandbox odoo-sandbox scheduler dashboard worker; do
    id=$(ids_of "$svc")
    [ -n "$id" ] || return 1
    st=$(status_of "$id")
    case "$svc:$st" in
      worker:running*) ;;
      *:"running healthy") ;;
      *) return 1 ;;
    esac
  done
}
wait_for 300 "all services running and healthy" all_healthy
TIMINGS[healthy]=$((SECONDS - up_start))
TIMING_ORDER+=(healthy)
kill "$health_pid" 2>/dev/null
health_pid=
compose ps

# Regression check: the sandboxes listen beyond their own container (they bound 127.0.0.1 once).
log "sandboxes answer from another container"
scheduler_id=$(ids_of scheduler)
for url in http://odoo-sandbox:8069/_sandbox/info http://temu-sandbox:4010/health; do
  podman exec "$scheduler_id" node -e \
    "fetch('$url').then(r=>{console.log('$url',r.status);process.exit(r.ok?0:1)},e=>{console.error('$url',e.cause?.code??e.message);process.exit(1)})" ||
    fail "$url does not answer from the scheduler container"
done

log "dashboard behind its password"
dashboard_url="http://127.0.0.1:$DASHBOARD_PUBLISHED_PORT/queues"
code=$(curl -s -o /dev/null -w '%{http_code}' "$dashboard_url")
[ "$code" = 401 ] || fail "$dashboard_url without a password answered $code, expected 401"
code=$(curl -s -o /dev/null -w '%{http_code}' -u "$DASHBOARD_USER:$DASHBOARD_PASSWORD" "$dashboard_url")
[ "$code" = 200 ] || fail "$dashboard_url with the password answered $code, expected 200"
echo "$dashboard_url: 401 without, 200 with the password"

# Regression check: a worker still waiting for Odoo ends on SIGTERM although Node is PID 1 there
# (no init process here): it handles signals from its first line. Killed after 30 s = exit 137.
log "SIGTERM while a worker waits for Odoo (Node as PID 1, no init)"
network=$(podman inspect --format '{{range $name, $_ := .NetworkSettings.Networks}}{{$name}}{{end}}' "$scheduler_id")
waiting=$(podman run -d --network "$network" -e REDIS_URL=redis://redis:6379 -e ODOO_URL=http://odoo-nowhere:8069 \
  temu-odoo:latest node apps/worker/dist/main.js)
waits_for_odoo() { [[ "$(podman logs "$waiting" 2>&1)" == *'Odoo is not reachable yet'* ]]; }
wait_for 90 "the worker to wait for an unreachable Odoo" waits_for_odoo
podman stop --time 30 "$waiting" >/dev/null
code=$(podman inspect --format '{{.State.ExitCode}}' "$waiting")
podman rm "$waiting" >/dev/null
waiting=
[ "$code" = 0 ] || fail "the waiting worker exited $code on SIGTERM, expected 0 (137 = killed: SIGTERM ignored)"
echo "it stopped at once (exit 0)"

log "first demo order in the Odoo sandbox (JSON-RPC from the host)"
odoo_url="http://127.0.0.1:$ODOO_SANDBOX_PUBLISHED_PORT"
has_order() {
  orders=$(node .ci/compose/odoo-sale-orders.mjs "$odoo_url" 2>>"$RUN_DIR/odoo-query.err") && [ "${orders:-0}" -gt 0 ]
}
wait_for 420 "a sale order in the Odoo sandbox" has_order
TIMINGS[first-order]=$((SECONDS - up_start))
TIMING_ORDER+=(first-order)
echo "$orders sale order(s) in the Odoo sandbox, $((SECONDS - up_start))s after up"

# --- scale ----------------------------------------------------------------------------------------
log "scale workers to 2"
scale_start=$SECONDS
COMPOSE_TIMEOUT=180 compose up -d --no-build --no-deps --scale worker=2 worker
workers_running() {
  local ids id n=0
  ids=$(ids_of worker)
  for id in $ids; do
    # Whole logs into a variable: `podman logs | grep -q` fails under pipefail once grep stops reading.
    [[ "$(status_of "$id")" == running* ]] && [[ "$(podman logs "$id" 2>&1)" == *'"worker running"'* ]] && n=$((n + 1))
  done
  [ "$n" -eq 2 ]
}
wait_for 180 "two workers running" workers_running
TIMINGS[scale]=$((SECONDS - scale_start))
TIMING_ORDER+=(scale)
echo "2 workers running"

# --- stop and down --------------------------------------------------------------------------------
log "stop: every service must end on SIGTERM (exit 0), not be killed after its grace period"
all_ids=$(compose ps -q)
COMPOSE_TIMEOUT=120 timed stop compose stop
for id in $all_ids; do
  read -r name code < <(podman inspect --format '{{.Name}} {{.State.ExitCode}}' "$id")
  echo "$name exited $code"
  [ "$code" = 0 ] || fail "$name exited $code (137 = killed after the grace period: SIGTERM not handled)"
done
COMPOSE_TIMEOUT=60 timed down compose down -v
[ -z "$(podman ps -aq --filter "label=com.docker.compose.project=$PROJECT")" ] || fail "containers left after down"

# Each changed build leaves its previous images untagged (~1 GB with the build stage); keep a day's
# worth as build cache, drop older ones so the disk does not fill up run after run.
podman image prune --force --filter until=24h >/dev/null

log "timings (seconds)"
for name in "${TIMING_ORDER[@]}"; do printf '  %-12s %4s\n' "$name" "${TIMINGS[$name]}"; done
printf '  %-12s %4s MB\n' image "$image_mb"
echo "compose check passed"
