#!/usr/bin/env bash
# The run command: builds the release executables and runs the whole Charter system on
# loopback (every service that exists plus the gateway), loading demo data into a fresh data
# directory. Ctrl-C (or SIGTERM) stops every process gracefully.
#
#   deploy/local/run.sh [--data-dir DIR] [--fresh] [--schools N]
#
# Ports and peer addresses come from the platform's roster (`charter services --env`).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
DATA_DIR="$ROOT/.run/data"
FRESH=0
SCHOOLS=24000
while [[ $# -gt 0 ]]; do
  case "$1" in
    --data-dir) DATA_DIR="$2"; shift 2 ;;
    --fresh) FRESH=1; shift ;;
    --schools) SCHOOLS="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

Tools/bootstrap.sh
echo "building release executables (the first build takes a few minutes)…" >&2
swift build -c release --static-swift-stdlib >&2
BIN="$(swift build -c release --static-swift-stdlib --show-bin-path)"

set -a
eval "$("$BIN/charter" services --env)"
LOG_LEVEL="${LOG_LEVEL:-info}"
set +a

[[ $FRESH -eq 1 ]] && rm -rf "$DATA_DIR"
mkdir -p "$DATA_DIR" "$ROOT/.run/logs"
NEW_DATA=0
[[ -e "$DATA_DIR/.demo-loaded" ]] || NEW_DATA=1

pids=()
names=()
stop_all() {
  trap - INT TERM EXIT
  echo >&2
  echo "stopping…" >&2
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for i in "${!pids[@]}"; do
    if wait "${pids[$i]}" 2>/dev/null; then
      echo "  ${names[$i]} stopped" >&2
    else
      echo "  ${names[$i]} exited with status $?" >&2
    fi
  done
  exit "$1"
}
# Ctrl-C or SIGTERM is the normal way to stop (status 0); otherwise keep the status.
trap 'stop_all 0' INT TERM
trap 'stop_all $?' EXIT

# start NAME PORT [args…]: runs $BIN/NAME, logging to .run/logs/NAME.log
start() {
  local name=$1 port=$2; shift 2
  if [[ ! -x "$BIN/$name" ]]; then
    echo "  ($name is not part of this build yet; skipped)" >&2
    return 0
  fi
  "$BIN/$name" --port "$port" --data-dir "$DATA_DIR" "$@" >>"$ROOT/.run/logs/$name.log" 2>&1 &
  pids+=("$!")
  names+=("$name")
  for _ in $(seq 1 200); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "  $name listening on 127.0.0.1:$port (log: .run/logs/$name.log)" >&2
      return 0
    fi
    if ! kill -0 "$!" 2>/dev/null; then
      echo "$name failed to start; see .run/logs/$name.log:" >&2
      tail -5 "$ROOT/.run/logs/$name.log" >&2
      exit 1
    fi
    sleep 0.1
  done
  echo "$name did not start listening on $port" >&2
  exit 1
}

# The local programme admin (created by the registry on first start). Local use only.
export BOOTSTRAP_ADMIN_EMAIL="${BOOTSTRAP_ADMIN_EMAIL:-admin@charter.local}"
export BOOTSTRAP_ADMIN_PASSWORD="${BOOTSTRAP_ADMIN_PASSWORD:-charter-local-admin}"
# The CLI keeps its sign-in token here rather than in the user's home.
export CHARTER_CONFIG_DIR="$ROOT/.run/cli"
CHARTER="$BIN/charter"

echo "starting the Charter system (data: $DATA_DIR)…" >&2
start charter-registry "$REGISTRY_PORT" --bootstrap-admin-email "$BOOTSTRAP_ADMIN_EMAIL"
"$CHARTER" health --address "$REGISTRY_SERVICE_ADDR" --wait 30 >/dev/null
printf '%s\n' "$BOOTSTRAP_ADMIN_PASSWORD" |
  "$CHARTER" registry sign-in --email "$BOOTSTRAP_ADMIN_EMAIL" --password-stdin >/dev/null

# Each internal service gets its own service token from the registry, as an operator would
# provide it; a fresh one on every start.
service_token() {
  local file="$DATA_DIR/$1.token"
  (umask 077 && "$CHARTER" registry issue-service-token --service "$1" > "$file" 2>/dev/null)
  echo "$file"
}
start charter-self-review "$SELF_REVIEW_PORT" --service-token-file "$(service_token self-review)"
# On a first start the evaluation service runs in demo-load mode, so the demo loader can lay
# down years of ICT Mark history through its RPCs (steps carry the instant they happened in
# charter-demo-as-of); later starts run without it.
EVALUATION_DEMO=()
[[ $NEW_DATA -eq 1 ]] && EVALUATION_DEMO=(--demo-backdating on)
start charter-evaluation "$EVALUATION_PORT" --service-token-file "$(service_token evaluation)" "${EVALUATION_DEMO[@]}"
start charter-accreditation "$ACCREDITATION_PORT" --service-token-file "$(service_token accreditation)"
# The public map follows the registry's and accreditation's feeds with its own credential.
start charter-public-map "$PUBLIC_MAP_PORT" --service-token-file "$(service_token public-map)"
start charter-gateway "$GATEWAY_PORT"
start charter-interop-server "$INTEROP_PORT"

if [[ $NEW_DATA -eq 1 ]]; then
  "$ROOT/deploy/local/load-demo-data.sh" "$BIN" "$DATA_DIR" "$SCHOOLS"
  touch "$DATA_DIR/.demo-loaded"
fi

echo >&2
echo "the Charter system is running; Ctrl-C stops it." >&2
echo "  signed in as $BOOTSTRAP_ADMIN_EMAIL (password: $BOOTSTRAP_ADMIN_PASSWORD); try:" >&2
echo "    export CHARTER_CONFIG_DIR=$CHARTER_CONFIG_DIR PATH=$BIN:\$PATH" >&2
echo "    charter registry list-schools --la-code 330 --page-size 5" >&2
echo "    charter evaluation list-applications --page-size 10; charter evaluation timeline <application>" >&2
[[ -x "$BIN/charter-gateway" ]] && echo "  public map: http://127.0.0.1:$GATEWAY_PORT/" >&2
wait -n "${pids[@]}" || true
echo "a process exited unexpectedly; see .run/logs/" >&2
exit 1
