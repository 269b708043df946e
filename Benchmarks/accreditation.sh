#!/usr/bin/env bash
# Accreditation service benchmark: real charter-registry, charter-self-review,
# charter-evaluation and charter-accreditation (release builds) on loopback. Registers SCHOOLS
# committed schools (24,000 by default) and gives each a full self-review, with a sentinel
# school rated last; then starts a fresh accreditation service and measures:
#   - rebuilding every standing from the three feeds from sequence 0             target <= 60 s
#     (every school's level 1 and certificate from the registry's feed, every review's level
#     2 rule from self-review's; evaluation's feed has no Marks here)
#   - a school's standing (GetCharterStanding), one call at a time, p99           target <= 1 ms
#   - a certificate's A4 PDF, rendered on each GetCertificate call, p99           target <= 50 ms
#   - its PNG badge, likewise, p99                                                target <= 10 ms
#   - VerifyCertificate with no token, 64 concurrent callers                      target >= 10000 calls/s
# Usage: Benchmarks/accreditation.sh [--schools N] [--no-build] [--save-reference]
set -euo pipefail
cd "$(dirname "$0")/.."
. Benchmarks/lib/common.sh
parse_benchmark_options "$@"
[ "$BUILD" = 1 ] && need_release charter-registry charter-self-review charter-evaluation charter-accreditation \
  charter-service-bench
REGISTRY=$(bin_path charter-registry); SELF_REVIEW=$(bin_path charter-self-review)
EVALUATION=$(bin_path charter-evaluation); ACCREDITATION=$(bin_path charter-accreditation)
BENCH=$(bin_path charter-service-bench)

WORK=$(mktemp -d)
trap 'kill $RPID $SPID $EPID $APID 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"' EXIT
RPID=""; SPID=""; EPID=""; APID=""
RPORT=57111; SPORT=57112; EPORT=57113; APORT=57114
FIRST=900000; SENTINEL=$((FIRST + SCHOOLS - 1))
export BOOTSTRAP_ADMIN_PASSWORD="benchmark admin password"
"$REGISTRY" --port $RPORT --data-dir "$WORK/registry" --bootstrap-admin-email admin@bench.test --log-level warning \
  > "$WORK/registry.log" 2>&1 & RPID=$!
wait_for_port $RPORT
AUTH=(--registry 127.0.0.1:$RPORT --self-review 127.0.0.1:$SPORT --accreditation 127.0.0.1:$APORT
  --email admin@bench.test --password "$BOOTSTRAP_ADMIN_PASSWORD")
for service in self-review evaluation accreditation; do
  "$BENCH" service-token --name $service "${AUTH[@]}" > "$WORK/$service.token"
done
"$SELF_REVIEW" --port $SPORT --data-dir "$WORK/self-review" --registry-addr 127.0.0.1:$RPORT \
  --evaluation-addr 127.0.0.1:$EPORT --service-token-file "$WORK/self-review.token" --log-level warning \
  > "$WORK/self-review.log" 2>&1 & SPID=$!
"$EVALUATION" --port $EPORT --data-dir "$WORK/evaluation" --registry-addr 127.0.0.1:$RPORT \
  --self-review-addr 127.0.0.1:$SPORT --service-token-file "$WORK/evaluation.token" --log-level warning \
  > "$WORK/evaluation.log" 2>&1 & EPID=$!
wait_for_port $SPORT; wait_for_port $EPORT

echo "registering $SCHOOLS committed schools…" >&2
"$BENCH" register --count "$SCHOOLS" --first-urn $FIRST --commit "${AUTH[@]}" > "$WORK/register.out"
echo "giving each a full review (every aspect rated), the last school (the sentinel) last…" >&2
"$BENCH" fill --count $((SCHOOLS - 1)) --first-urn $FIRST --concurrency 16 "${AUTH[@]}" > "$WORK/fill.out"
"$BENCH" sentinel --urn $SENTINEL "${AUTH[@]}"

echo "starting a fresh accreditation service: every standing from sequence 0…" >&2
"$ACCREDITATION" --port $APORT --data-dir "$WORK/accreditation" --registry-addr 127.0.0.1:$RPORT \
  --self-review-addr 127.0.0.1:$SPORT --evaluation-addr 127.0.0.1:$EPORT \
  --service-token-file "$WORK/accreditation.token" --log-level warning > "$WORK/accreditation.log" 2>&1 & APID=$!
"$BENCH" acc-rebuild --count "$SCHOOLS" --first-urn $FIRST --sentinel $SENTINEL "${AUTH[@]}" > "$WORK/rebuild.out"
echo "measuring…" >&2
"$BENCH" acc-standing --calls 5000 --count "$SCHOOLS" --first-urn $FIRST "${AUTH[@]}" > "$WORK/standing.out"
"$BENCH" acc-certificates --calls 500 --count "$SCHOOLS" --first-urn $FIRST "${AUTH[@]}" > "$WORK/certificates.out"
"$BENCH" acc-verify --calls 60000 --count "$SCHOOLS" --first-urn $FIRST --concurrency 64 "${AUTH[@]}" \
  > "$WORK/verify.out"

figure schools "$SCHOOLS" schools -
figure rebuild_all_standings "$(value_of rebuild_seconds < "$WORK/rebuild.out")" s "<=60"
figure standing_p50 "$(value_of standing_latency_p50 < "$WORK/standing.out")" ms -
figure standing_p99 "$(value_of standing_latency_p99 < "$WORK/standing.out")" ms "<=1"
figure certificate_pdf_p50 "$(value_of pdf_latency_p50 < "$WORK/certificates.out")" ms -
figure certificate_pdf_p99 "$(value_of pdf_latency_p99 < "$WORK/certificates.out")" ms "<=50"
figure certificate_pdf_bytes "$(value_of pdf_bytes < "$WORK/certificates.out")" bytes -
figure badge_png_p50 "$(value_of png_latency_p50 < "$WORK/certificates.out")" ms -
figure badge_png_p99 "$(value_of png_latency_p99 < "$WORK/certificates.out")" ms "<=10"
figure verify_per_s "$(value_of verify_calls_per_s < "$WORK/verify.out")" calls/s ">=10000"
figure verify_p99 "$(value_of verify_latency_p99 < "$WORK/verify.out")" ms -
figure accreditation_rss "$(rss_mb $APID)" MB -
figure accreditation_db "$(du -sm "$WORK/accreditation" | awk '{print $1}')" MB -
report accreditation
