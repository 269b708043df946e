#!/usr/bin/env bash
# gRPC runtime benchmark: charter-interop-server (release) against nghttpd serving a small
# static file, both driven by h2load in the same window, interleaved over several rounds.
#
# Prints, per server: requests/s, server CPU µs per request (utime+stime from /proc), mean
# latency, RSS; then the ratios to nghttpd next to the issue's targets. Sequential latency
# (-c1 -m1) is measured the same way. Usage:
#   Benchmarks/grpc-server.sh [--rounds N] [--requests N] [--no-build] [--million]
# --million also sends 1,000,000 calls and reports RSS before/after (growth check).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=3
REQUESTS=200000
BUILD=1
MILLION=0
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS=$2; shift 2 ;;
    --requests) REQUESTS=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --million) MILLION=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

need() { command -v "$1" >/dev/null 2>&1; }
if ! need h2load || ! need nghttpd; then
  echo "installing nghttp2-client and nghttp2-server…" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get install -y -qq nghttp2-client nghttp2-server >/dev/null
fi
if [ "$BUILD" = 1 ]; then
  swift build -c release --static-swift-stdlib --product charter-interop-server >/dev/null
  swift build -c release --static-swift-stdlib --product charter-grpc-bench >/dev/null
fi
BIN=$(swift build -c release --static-swift-stdlib --show-bin-path)/charter-interop-server
BENCH=$(swift build -c release --static-swift-stdlib --show-bin-path)/charter-grpc-bench

WORK=$(mktemp -d)
trap 'kill $SPID $NPID 2>/dev/null || true; rm -rf "$WORK"' EXIT
mkdir -p "$WORK/www"
printf 'hello from nghttpd!!\n' > "$WORK/www/small.txt"
# grpc.testing.EmptyCall request: uncompressed, zero-length message.
printf '\x00\x00\x00\x00\x00' > "$WORK/empty.bin"

SPORT=50151; NPORT=50152
"$BIN" --port $SPORT --log-level warning > "$WORK/server.log" 2>&1 & SPID=$!
nghttpd --no-tls -d "$WORK/www" $NPORT >/dev/null 2>&1 & NPID=$!
for _ in $(seq 1 100); do
  if (exec 3<>/dev/tcp/127.0.0.1/$SPORT) 2>/dev/null && (exec 3<>/dev/tcp/127.0.0.1/$NPORT) 2>/dev/null; then break; fi
  sleep 0.1
done

TICK=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

# run NAME PID URL [h2load args…] -> "rps cpu_us_per_req mean_latency_us"
run() {
  local pid=$1 url=$2; shift 2
  local before after out rps mean
  before=$(cpu_ticks "$pid")
  out=$(h2load "$@" "$url" 2>&1)
  after=$(cpu_ticks "$pid")
  if ! grep -q "succeeded, 0 failed, 0 errored" <<<"$out"; then
    echo "h2load reported failures against $url:" >&2; echo "$out" >&2; exit 1
  fi
  rps=$(awk '/finished in/ {for (i=1;i<=NF;i++) if ($i=="req/s,") print $(i-1)}' <<<"$out")
  mean=$(awk '/time for request:/ {v=$6; u=v; gsub(/[0-9.]/,"",u); gsub(/[a-z]/,"",v); if (u=="ms") v*=1000; else if (u=="s") v*=1000000; print v}' <<<"$out")
  local n
  n=$(awk '/requests:/ {print $2; exit}' <<<"$out")
  echo "$rps $(awk -v t=$((after-before)) -v n="$n" -v hz="$TICK" 'BEGIN {printf "%.2f", t/hz*1e6/n}') $mean"
}

GRPC=(-H 'content-type: application/grpc' -H 'te: trailers' -d "$WORK/empty.bin")
SURL=http://127.0.0.1:$SPORT/grpc.testing.TestService/EmptyCall
NURL=http://127.0.0.1:$NPORT/small.txt

# warm up both
run $SPID $SURL -n 20000 -c 8 -m 32 -t 1 "${GRPC[@]}" >/dev/null
run $NPID $NURL -n 20000 -c 8 -m 32 -t 1 >/dev/null

declare -a s_rps s_cpu s_lat n_rps n_cpu n_lat q_s q_n
for r in $(seq 1 "$ROUNDS"); do
  read -r a b c < <(run $NPID $NURL -n "$REQUESTS" -c 8 -m 32 -t 1); n_rps+=("$a"); n_cpu+=("$b"); n_lat+=("$c")
  read -r a b c < <(run $SPID $SURL -n "$REQUESTS" -c 8 -m 32 -t 1 "${GRPC[@]}"); s_rps+=("$a"); s_cpu+=("$b"); s_lat+=("$c")
  read -r _ _ c < <(run $NPID $NURL -n 20000 -c 1 -m 1 -t 1); q_n+=("$c")
  read -r _ _ c < <(run $SPID $SURL -n 20000 -c 1 -m 1 -t 1 "${GRPC[@]}"); q_s+=("$c")
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.2f\n", (a[NR/2]+a[NR/2+1])/2}'; }
SR=$(median "${s_rps[@]}"); SC=$(median "${s_cpu[@]}"); SL=$(median "${s_lat[@]}")
NR_=$(median "${n_rps[@]}"); NC=$(median "${n_cpu[@]}"); NL=$(median "${n_lat[@]}")
QS=$(median "${q_s[@]}"); QN=$(median "${q_n[@]}")

echo "gRPC unary (EmptyCall) vs nghttpd static GET — h2load -n $REQUESTS -c 8 -m 32, median of $ROUNDS interleaved rounds"
printf '%-28s %12s %14s %16s %10s\n' "server" "req/s" "CPU µs/req" "mean latency µs" "RSS KiB"
printf '%-28s %12s %14s %16s %10s\n' "nghttpd (GET small.txt)" "$NR_" "$NC" "$NL" "$(rss_kb $NPID)"
printf '%-28s %12s %14s %16s %10s\n' "charter-interop-server" "$SR" "$SC" "$SL" "$(rss_kb $SPID)"
echo
echo "sequential (h2load -n 20000 -c 1 -m 1): mean latency nghttpd ${QN} µs, charter ${QS} µs"
echo
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a/b}'; }
printf '%-34s %8s %10s %s\n' "ratio (charter / nghttpd)" "measured" "target" "verdict"
verdict() { awk -v v="$1" -v t="$2" -v dir="$3" 'BEGIN { ok = (dir=="le") ? (v<=t) : (v>=t); print ok ? "meets" : "MISSES" }'; }
CR=$(ratio "$SC" "$NC"); TR=$(ratio "$SR" "$NR_"); LR=$(ratio "$QS" "$QN")
printf '%-34s %8s %10s %s\n' "server CPU per call" "$CR" "<= 1.5" "$(verdict "$CR" 1.5 le)"
printf '%-34s %8s %10s %s\n' "throughput" "$TR" ">= 0.6" "$(verdict "$TR" 0.6 ge)"
printf '%-34s %8s %10s %s\n' "sequential mean latency" "$LR" "<= 1.15" "$(verdict "$LR" 1.15 le)"

echo
echo "Swift client (charter-grpc-bench, one connection, EmptyCall):"
"$BENCH" --port $SPORT --calls 20000 --concurrency 1 --warmup 2000 | sed 's/^/  /'
"$BENCH" --port $SPORT --calls 200000 --concurrency 64 --warmup 10000 | sed 's/^/  /'

if [ "$MILLION" = 1 ]; then
  R0=$(rss_kb $SPID)
  run $SPID $SURL -n 1000000 -c 8 -m 32 -t 1 "${GRPC[@]}" >/dev/null
  R1=$(rss_kb $SPID)
  run $SPID $SURL -n 1000000 -c 8 -m 32 -t 1 "${GRPC[@]}" >/dev/null
  R2=$(rss_kb $SPID)
  echo
  echo "RSS after warm-up ${R0} KiB, after 1M calls ${R1} KiB, after 2M calls ${R2} KiB (target <= 20480 KiB, no growth)"
fi
