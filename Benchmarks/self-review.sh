#!/usr/bin/env bash
# Self-review service benchmark: real charter-registry and charter-self-review (release
# builds) on loopback. Registers SCHOOLS committed schools (24,000 by default), lets the
# self-review service learn them from the registry's feed, gives each a full review (every
# aspect rated), then measures:
#   - RateAspect calls/s sustained (64 concurrent callers over all schools)   target >= 5000
#   - a school's full status (GetReviewStatus), one call at a time, p99       target <= 2 ms
#   - national/authority/phase benchmarks (GetBenchmarks), p99                target <= 50 ms
#   - the service's RSS with every review loaded
# Usage: Benchmarks/self-review.sh [--schools N] [--no-build] [--save-reference]
set -euo pipefail
cd "$(dirname "$0")/.."
. Benchmarks/lib/common.sh
parse_benchmark_options "$@"
[ "$BUILD" = 1 ] && need_release charter-registry charter-self-review charter-service-bench
REGISTRY=$(bin_path charter-registry); SELF_REVIEW=$(bin_path charter-self-review); BENCH=$(bin_path charter-service-bench)

WORK=$(mktemp -d)
trap 'kill $RPID $SPID 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"' EXIT
RPID=""; SPID=""
RPORT=57101; SPORT=57102
export BOOTSTRAP_ADMIN_PASSWORD="benchmark admin password"
"$REGISTRY" --port $RPORT --data-dir "$WORK/registry" --bootstrap-admin-email admin@bench.test --log-level warning \
  > "$WORK/registry.log" 2>&1 & RPID=$!
wait_for_port $RPORT
AUTH=(--registry 127.0.0.1:$RPORT --self-review 127.0.0.1:$SPORT --email admin@bench.test --password "$BOOTSTRAP_ADMIN_PASSWORD")
"$BENCH" service-token --name self-review "${AUTH[@]}" > "$WORK/self-review.token"
"$SELF_REVIEW" --port $SPORT --data-dir "$WORK/self-review" --registry-addr 127.0.0.1:$RPORT \
  --service-token-file "$WORK/self-review.token" --log-level warning > "$WORK/self-review.log" 2>&1 & SPID=$!
wait_for_port $SPORT

echo "registering $SCHOOLS committed schools…" >&2
"$BENCH" register --count "$SCHOOLS" --first-urn 900000 --commit "${AUTH[@]}" > "$WORK/register.out"
echo "giving each a full review (every aspect rated)…" >&2
"$BENCH" fill --count "$SCHOOLS" --first-urn 900000 --concurrency 16 "${AUTH[@]}" > "$WORK/fill.out"
echo "measuring…" >&2
"$BENCH" rate --calls 60000 --count "$SCHOOLS" --first-urn 900000 --concurrency 64 "${AUTH[@]}" > "$WORK/rate.out"
"$BENCH" status --calls 5000 --count "$SCHOOLS" --first-urn 900000 "${AUTH[@]}" > "$WORK/status.out"
"$BENCH" benchmarks --calls 2000 --count "$SCHOOLS" --first-urn 900000 "${AUTH[@]}" > "$WORK/benchmarks.out"

figure schools_reviewed "$SCHOOLS" schools -
figure ratings_stored "$(awk -v n="$SCHOOLS" 'BEGIN {print n*38}')" ratings -
figure fill_ratings_per_s "$(value_of fill_ratings_per_s < "$WORK/fill.out")" ratings/s -
figure rate_aspect_per_s "$(value_of rate_calls_per_s < "$WORK/rate.out")" calls/s ">=5000"
figure rate_aspect_p99 "$(value_of rate_latency_p99 < "$WORK/rate.out")" ms -
figure status_p50 "$(value_of status_latency_p50 < "$WORK/status.out")" ms -
figure status_p99 "$(value_of status_latency_p99 < "$WORK/status.out")" ms "<=2"
figure benchmarks_schools "$(value_of benchmark_national_schools < "$WORK/benchmarks.out")" schools -
figure benchmarks_p50 "$(value_of benchmarks_latency_p50 < "$WORK/benchmarks.out")" ms -
figure benchmarks_p99 "$(value_of benchmarks_latency_p99 < "$WORK/benchmarks.out")" ms "<=50"
figure self_review_rss "$(rss_mb $SPID)" MB -
figure self_review_db "$(du -sm "$WORK/self-review" | awk '{print $1}')" MB -
report self-review
