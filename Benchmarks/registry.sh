#!/usr/bin/env bash
# Registry benchmark: the real charter-registry (release build) on loopback.
#   - import of the 24,000 demo schools through the CLI (`charter registry import`)  target <= 30 s
#   - GetSchool calls/s from the Swift client (64 concurrent callers)              target >= 20,000
#   - RegisterSchool calls/s sustained (64 concurrent callers, new schools)
#   - event feed catch-up from sequence 0, events/s
#   - registry RSS with every school loaded                                         target <= 30 MB
# Usage: Benchmarks/registry.sh [--schools N] [--no-build] [--save-reference]
set -euo pipefail
cd "$(dirname "$0")/.."
. Benchmarks/lib/common.sh
parse_benchmark_options "$@"
[ "$BUILD" = 1 ] && need_release charter-registry charter charter-demo-data charter-service-bench
REGISTRY=$(bin_path charter-registry); CHARTER=$(bin_path charter); BENCH=$(bin_path charter-service-bench)

WORK=$(mktemp -d)
RPID=""
trap 'kill $RPID 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"' EXIT
RPORT=57111
export BOOTSTRAP_ADMIN_PASSWORD="benchmark admin password" CHARTER_CONFIG_DIR="$WORK/cli"
"$(bin_path charter-demo-data)" schools --count "$SCHOOLS" --output "$WORK/schools.csv"
"$REGISTRY" --port $RPORT --data-dir "$WORK/registry" --bootstrap-admin-email admin@bench.test --log-level warning \
  > "$WORK/registry.log" 2>&1 & RPID=$!
wait_for_port $RPORT
printf '%s\n' "$BOOTSTRAP_ADMIN_PASSWORD" |
  "$CHARTER" registry sign-in --address 127.0.0.1:$RPORT --email admin@bench.test --password-stdin >/dev/null
RSS_EMPTY=$(rss_mb $RPID)

echo "importing $SCHOOLS demo schools through the CLI…" >&2
START=$(date +%s.%N)
"$CHARTER" registry import "$WORK/schools.csv" --address 127.0.0.1:$RPORT > "$WORK/import.out" 2>&1
END=$(date +%s.%N)
IMPORT_S=$(awk -v a="$START" -v b="$END" 'BEGIN {printf "%.2f", b - a}')
tail -1 "$WORK/import.out" >&2
RSS_LOADED=$(rss_mb $RPID)

AUTH=(--registry 127.0.0.1:$RPORT --email admin@bench.test --password "$BOOTSTRAP_ADMIN_PASSWORD")
echo "measuring…" >&2
"$BENCH" get --calls 200000 --concurrency 64 "${AUTH[@]}" > "$WORK/get.out"
"$BENCH" register --count 10000 --first-urn 950000 --concurrency 64 "${AUTH[@]}" > "$WORK/register.out"
"$BENCH" feed "${AUTH[@]}" > "$WORK/feed.out"

figure schools_imported "$(value_of schools_stored < "$WORK/get.out")" schools -
figure import_seconds "$IMPORT_S" s "<=30"
figure import_rows_per_s "$(awk -v n="$SCHOOLS" -v s="$IMPORT_S" 'BEGIN {printf "%.0f", n / s}')" rows/s -
figure get_school_per_s "$(value_of get_calls_per_s < "$WORK/get.out")" calls/s ">=20000"
figure get_school_p99 "$(value_of get_latency_p99 < "$WORK/get.out")" ms -
figure register_school_per_s "$(value_of register_calls_per_s < "$WORK/register.out")" calls/s -
figure register_school_p99 "$(value_of register_latency_p99 < "$WORK/register.out")" ms -
figure feed_events "$(value_of feed_events < "$WORK/feed.out")" events -
figure feed_catch_up_per_s "$(value_of feed_events_per_s < "$WORK/feed.out")" events/s -
figure rss_empty "$RSS_EMPTY" MB -
figure rss_all_schools_loaded "$RSS_LOADED" MB "<=30"
figure rss_after_benchmark "$(rss_mb $RPID)" MB -
figure registry_db "$(du -sm "$WORK/registry" | awk '{print $1}')" MB -
report registry
