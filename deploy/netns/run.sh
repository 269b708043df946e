#!/usr/bin/env bash
# Every Charter service on a host of its own: each executable runs in its own Linux network
# namespace with its own address on a private bridge (made here, inside a namespace of its own,
# so nothing touches the machine's real network), the way they run on separate hosts. Then:
#
#   1. journey    a school is registered and commits, its leader is invited, signs in, starts
#                 its self-review and rates an aspect: every call crosses the bridge, and
#                 self-review learns the school from the registry's feed across it;
#   2. impaired   50 ms latency and 1 % loss each way on self-review's link (tc netem, or where
#                 the kernel lacks netem, delayline.py doing the same to every frame): calls
#                 to it still succeed within their deadlines;
#   3. partition  self-review's link is cut: calls made on its host fail with UNAVAILABLE at
#                 once, calls to it end by their deadline, and schools registered meanwhile
#                 reach it when the link is back, its feed position equal to the registry's head.
#
#   deploy/netns/run.sh [--bin DIR] [--keep]      (as root; iproute2, ethtool and grpcio come from Tools/bootstrap.sh)
#
# Prints each step's figures; exits non-zero when any expectation fails.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BIN="$ROOT/.build/debug"
KEEP=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --bin) BIN="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "netns: unknown option $1" >&2; exit 2 ;;
  esac
done
[[ $(id -u) -eq 0 ]] || { echo "netns: run as root (it creates network namespaces)" >&2; exit 1; }
command -v ip >/dev/null && command -v tc >/dev/null || { echo "netns: needs iproute2 (ip, tc)" >&2; exit 1; }
[[ -x "$BIN/charter" ]] || { echo "netns: no charter CLI in $BIN (swift build first)" >&2; exit 1; }

NET=10.231.0            # the private bridge's /24; nothing outside the namespaces uses it
TAG="ch$$"              # namespace names carry the script's pid, so runs never collide
WORK="$(mktemp -d /tmp/charter-netns.XXXXXX)"
SW="$TAG-sw"
declare -A HOST_IP=([client]=$NET.10)
pids=()
failures=0

cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  for ns in $(ip netns list | awk '{print $1}' | grep "^$TAG-" || true); do ip netns delete "$ns"; done
  if [[ $KEEP -eq 0 ]]; then rm -rf "$WORK"; else echo "netns: logs kept in $WORK" >&2; fi
}
trap cleanup EXIT

seconds_since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }'; }
expect() { # expect DESCRIPTION COMMAND…: runs the check, counts a failure
  local what=$1; shift
  if "$@"; then echo "  ok    $what"; else echo "  FAIL  $what"; failures=$((failures + 1)); fi
}

# --- the network ------------------------------------------------------------------------------
ip netns add "$SW"
ip -n "$SW" link add br0 type bridge
ip -n "$SW" link set br0 up
n=0
offloads_off() { # whole frames with real checksums, so the delay line can forward each one as it is
  ip netns exec "$1" ethtool -K "$2" tx off tso off gso off gro off >/dev/null 2>&1 || true
}
add_host() { # add_host NAME ADDRESS [line]: a namespace with eth0 on the bridge; with `line`,
  # eth0 reaches the bridge through a delay line in a namespace of its own (NAME's link)
  local name=$1 address=$2 ns="$TAG-$1"
  n=$((n + 1))
  ip netns add "$ns"
  if [[ ${3:-} == line ]]; then
    local line="$TAG-$name-line"
    ip netns add "$line"
    ip -n "$SW" link add "port$n" type veth peer name wan1 netns "$line"
    ip -n "$line" link add name wan0 type veth peer name eth0 netns "$ns"
    for end in wan0 wan1; do
      offloads_off "$line" $end
      ip -n "$line" link set $end promisc on up
    done
    ip netns exec "$line" python3 "$ROOT/deploy/netns/delayline.py" wan0 wan1 --delay-ms 50 --loss 0.01 &
    pids+=("$!")
    LINE_PID[$name]=$!
  else
    ip -n "$SW" link add "port$n" type veth peer name eth0 netns "$ns"
  fi
  offloads_off "$SW" "port$n"
  offloads_off "$ns" eth0
  ip -n "$SW" link set "port$n" master br0 up
  ip -n "$ns" addr add "$address/24" dev eth0
  ip -n "$ns" link set lo up
  ip -n "$ns" link set eth0 up
  HOST_IP[$name]=$address
  PORT_OF[$name]="port$n"
}
declare -A PORT_OF=() LINE_PID=()
add_host client "$NET.10"

# Every service in the roster that this build has, at .11, .12, …
eval "$("$BIN/charter" services --env)"
declare -A SERVICE_PORT=()
services=()
i=10
for exe in charter-registry charter-self-review charter-evaluation charter-accreditation charter-public-map charter-gateway; do
  [[ -x "$BIN/$exe" ]] || continue
  name=${exe#charter-}
  i=$((i + 1))
  if [[ $name == self-review ]]; then add_host "$name" "$NET.$i" line; else add_host "$name" "$NET.$i"; fi
  services+=("$name")
  var=$(echo "$name" | tr 'a-z-' 'A-Z_')_PORT
  SERVICE_PORT[$name]=${!var}
done
for name in "${services[@]}"; do
  export "$(echo "$name" | tr 'a-z-' 'A-Z_')_SERVICE_ADDR=${HOST_IP[$name]}:${SERVICE_PORT[$name]}"
done
echo "hosts: client ${HOST_IP[client]}$(for s in "${services[@]}"; do printf ', %s %s' "$s" "${HOST_IP[$s]}"; done)"

on() { local host=$1; shift; ip netns exec "$TAG-$host" "$@"; }
export CHARTER_CONFIG_DIR="$WORK/cli"
charter() { on client "$BIN/charter" "$@"; }

start() { # start NAME [args…]
  local name=$1; shift
  mkdir -p "$WORK/$name"
  on "$name" "$BIN/charter-$name" --host "${HOST_IP[$name]}" --port "${SERVICE_PORT[$name]}" \
    --data-dir "$WORK/$name" --metrics-port 9090 "$@" >"$WORK/$name.log" 2>&1 &
  pids+=("$!")
  if [[ $name == gateway ]]; then
    on client python3 -c "
import sys, time, urllib.request
for _ in range(600):
    try:
        urllib.request.urlopen('http://${HOST_IP[$name]}:${SERVICE_PORT[$name]}/healthz', timeout=1); sys.exit(0)
    except Exception:
        time.sleep(0.1)
sys.exit(1)" || { echo "netns: $name did not become healthy:"; tail -5 "$WORK/$name.log"; exit 1; }
  else
    charter health --address "${HOST_IP[$name]}:${SERVICE_PORT[$name]}" --wait 60 >/dev/null ||
      { echo "netns: $name did not become healthy:"; tail -5 "$WORK/$name.log"; exit 1; }
  fi
  echo "  $name serving on ${HOST_IP[$name]}:${SERVICE_PORT[$name]} (its own namespace)"
}

# --- 1. the journey ----------------------------------------------------------------------------
echo "starting the services, each on its own host…"
export BOOTSTRAP_ADMIN_PASSWORD="netns admin password"
start registry --bootstrap-admin-email admin@netns.test
printf '%s\n' "$BOOTSTRAP_ADMIN_PASSWORD" | charter registry sign-in --email admin@netns.test --password-stdin >/dev/null
ADMIN_TOKEN=$(cat "$CHARTER_CONFIG_DIR/token")
for name in "${services[@]}"; do
  [[ $name == registry ]] && continue
  if [[ $name == gateway ]]; then start gateway; continue; fi   # public: no credential
  token_file="$WORK/$name.token"
  charter registry issue-service-token --service "charter-$name" >"$token_file" 2>/dev/null
  start "$name" --service-token-file "$token_file"
done

echo "1. journey across hosts"
URN=140001
started=$EPOCHREALTIME
charter registry register-school $URN --name "Netns Primary School" --postcode "B1 1AA" --phase primary \
  --la-code 330 --la-name Birmingham --commit --publicly-listed >/dev/null
code=$(charter registry invite-person --email head@netns.test --name "Head Teacher" --role "school-admin:$URN" |
  sed -n 's/^invitation code: \([^ ]*\).*/\1/p')
printf 'leader password 1\n' | charter registry accept-invitation "$code" --password-stdin >/dev/null
printf 'leader password 1\n' | charter registry sign-in --email head@netns.test --password-stdin >/dev/null
LEADER_TOKEN=$(cat "$CHARTER_CONFIG_DIR/token")
# Self-review learns the school from the registry's feed across the bridge.
for _ in $(seq 1 100); do charter self-review start $URN >/dev/null 2>&1 && break; sleep 0.1; done
start_review() { charter self-review start "$1" >/dev/null 2>&1; }
rate_aspect() { charter self-review rate $URN 1a1 3 --commentary "Rated across hosts" >/dev/null; }
expect "the school's leader starts its self-review on another host" start_review $URN
expect "and rates an aspect" rate_aspect
if [[ -n ${HOST_IP[gateway]:-} ]]; then
  on_the_map() { on client python3 -c "
import sys, time, urllib.request
for _ in range(300):
    try:
        urllib.request.urlopen('http://${HOST_IP[gateway]}:${SERVICE_PORT[gateway]}/api/v1/schools/$URN', timeout=2); sys.exit(0)
    except Exception:
        time.sleep(0.1)
sys.exit(1)"; }
  expect "the public sees it on the map through the gateway (registry → public-map → gateway, three hosts)" on_the_map
fi
echo "  journey took $(seconds_since "$started") s"
# Every service's Prometheus text, scraped across the bridge: the request counters moved.
counted() { on client python3 - "$1" "$2" <<'PY'
import re, sys, urllib.request
text = urllib.request.urlopen(f"http://{sys.argv[1]}:9090/metrics", timeout=2).read().decode()
total = sum(float(v) for v in re.findall(r"^" + sys.argv[2] + r"\{[^}]*\} ([0-9.e+]+)$", text, re.M))
print(f"  {sys.argv[1]}: {sys.argv[2]} = {total:.0f}")
sys.exit(total == 0)
PY
}
for name in "${services[@]}"; do
  metric=grpc_server_handled_total
  [[ $name == gateway ]] && metric=http_server_requests_total
  expect "$name's metrics count the journey's requests" counted "${HOST_IP[$name]}" $metric
done

GET_REVIEW="/charter.selfreview.v1.SelfReview/GetReview"
REQUEST_HEX=$(printf '\x0a\x06%s' $URN | od -An -tx1 | tr -d ' \n')
calls() { on client python3 "$ROOT/deploy/netns/calls.py" "$@"; }

# --- 2. latency and loss -----------------------------------------------------------------------
# tc netem where the kernel has it; otherwise the delay line on self-review's link does the same
# to every frame (this machine's kernel is built without CONFIG_NET_SCH_NETEM).
if ip netns exec "$SW" tc qdisc add dev "${PORT_OF[self-review]}" root netem delay 50ms loss 1% 2>/dev/null; then
  on self-review tc qdisc add dev eth0 root netem delay 50ms loss 1%
  impairment=netem
else
  kill -USR1 "${LINE_PID[self-review]}"
  impairment="the delay line (no netem in this kernel)"
fi
echo "2. 50 ms latency and 1 % loss each way on self-review's link, by $impairment"
result=$(calls "${HOST_IP[self-review]}:${SERVICE_PORT[self-review]}" "$GET_REVIEW" --request-hex "$REQUEST_HEX" \
  --token "$LEADER_TOKEN" --calls 300 --concurrency 4 --deadline 2) || true
echo "  $result"
expect "every call succeeds within its 2 s deadline" python3 -c "import json,sys; r=json.loads(sys.argv[1]); sys.exit(r['ok']!=r['calls'])" "$result"
expect "the round trip shows the added latency (p50 ≥ 100 ms)" python3 -c "import json,sys; sys.exit(json.loads(sys.argv[1])['p50_ms']<100)" "$result"
if [[ $impairment == netem ]]; then
  on self-review tc qdisc del dev eth0 root
  ip netns exec "$SW" tc qdisc del dev "${PORT_OF[self-review]}" root
else
  kill -USR2 "${LINE_PID[self-review]}"
fi

# --- 3. partition ------------------------------------------------------------------------------
echo "3. self-review's link cut"
on self-review ip link set eth0 down
result=$(on self-review python3 "$ROOT/deploy/netns/calls.py" "${HOST_IP[registry]}:${SERVICE_PORT[registry]}" \
  /charter.registry.v1.Registry/GetSchool --request-hex "$REQUEST_HEX" --token "$ADMIN_TOKEN" --calls 1 --concurrency 1 \
  --deadline 10) || true
echo "  a call from self-review's host to the registry: $result"
expect "fails with UNAVAILABLE within a second" python3 -c "import json,sys; r=json.loads(sys.argv[1]); sys.exit(not (r['codes'].get('UNAVAILABLE')==1 and r['max_ms']<1000))" "$result"
result=$(calls "${HOST_IP[self-review]}:${SERVICE_PORT[self-review]}" "$GET_REVIEW" --request-hex "$REQUEST_HEX" \
  --token "$LEADER_TOKEN" --calls 1 --concurrency 1 --deadline 2) || true
echo "  a call from the client to self-review: $result"
expect "ends by its 2 s deadline rather than hanging" python3 -c "import json,sys; r=json.loads(sys.argv[1]); sys.exit(not (r['ok']==0 and r['max_ms']<2500))" "$result"
for k in $(seq 1 50); do
  charter registry register-school $((URN + k)) --token "$ADMIN_TOKEN" --name "Partitioned School $k" --postcode "B1 1AA" --phase primary \
    --la-code 330 --la-name Birmingham --commit >/dev/null
done
echo "  registered 50 schools while self-review was cut off"
on self-review ip link set eth0 up
cut_over=$EPOCHREALTIME
head_of() { on client python3 - "$@" <<'PY'
import re, sys, urllib.request
text = urllib.request.urlopen(f"http://{sys.argv[1]}:9090/metrics", timeout=2).read().decode()
match = re.search(sys.argv[2] + r"\s+([0-9.e+]+)", text)
print(int(float(match.group(1))) if match else -1)
PY
}
registry_head=$(head_of "${HOST_IP[registry]}" 'charter_outbox_latest_sequence')
caught_up=0
for _ in $(seq 1 600); do
  position=$(head_of "${HOST_IP[self-review]}" 'charter_feed_position\{feed="registry"\}')
  if [[ "$position" -ge "$registry_head" ]]; then caught_up=1; break; fi
  sleep 0.1
done
echo "  feed caught up $(seconds_since "$cut_over") s after the link came back (position $position, registry head $registry_head)"
expect "self-review's registry feed reaches the registry's head" test "$caught_up" -eq 1
missing=0
for k in $(seq 1 50); do
  charter self-review start $((URN + k)) --token "$ADMIN_TOKEN" >/dev/null 2>&1 || missing=$((missing + 1))
done
echo "  schools registered during the cut that self-review does not know: $missing"
expect "nothing was lost" test "$missing" -eq 0

echo
if [[ $failures -eq 0 ]]; then echo "netns: every check passed"; else echo "netns: $failures checks failed (logs: --keep)"; fi
exit $((failures > 0))
