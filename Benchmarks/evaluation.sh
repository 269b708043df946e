#!/usr/bin/env bash
# Evaluation service benchmark: real charter-registry, charter-self-review and
# charter-evaluation (release builds) on loopback. Registers SCHOOLS committed schools (5,000
# by default) with every aspect at its threshold, 60 assessors (one in ten a lead) covering
# them all, and drives one ICT Mark application per school through every state move, then
# measures:
#   - each state move (submit, payment, evidence returned/resubmitted/passed, allocation,
#     acceptance, cause for concern raised/resolved, visit scheduled, outcome, moderation,
#     award), 64 concurrent callers over every application                  target >= 2000/s
#   - SuggestAssessors with every application waiting for an assessor, p99    target <= 10 ms
#   - an application's timeline (GetApplication, with its history), p99       target <= 2 ms
#   - an assessor's queue (ListApplications as the assessor), p99             target <= 5 ms
# Usage: Benchmarks/evaluation.sh [--schools N] [--no-build] [--save-reference]
set -euo pipefail
cd "$(dirname "$0")/.."
. Benchmarks/lib/common.sh
parse_benchmark_options "$@"
[ "$SCHOOLS" = 24000 ] && SCHOOLS=5000  # this benchmark's default
[ "$BUILD" = 1 ] && need_release charter-registry charter-self-review charter-evaluation charter-service-bench
REGISTRY=$(bin_path charter-registry); SELF_REVIEW=$(bin_path charter-self-review)
EVALUATION=$(bin_path charter-evaluation); BENCH=$(bin_path charter-service-bench)

WORK=$(mktemp -d)
trap 'kill $RPID $SPID $EPID 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"' EXIT
RPID=""; SPID=""; EPID=""
RPORT=57201; SPORT=57202; EPORT=57203
export BOOTSTRAP_ADMIN_PASSWORD="benchmark admin password"
"$REGISTRY" --port $RPORT --data-dir "$WORK/registry" --bootstrap-admin-email admin@bench.test --log-level warning \
  > "$WORK/registry.log" 2>&1 & RPID=$!
wait_for_port $RPORT
AUTH=(--registry 127.0.0.1:$RPORT --self-review 127.0.0.1:$SPORT --email admin@bench.test --password "$BOOTSTRAP_ADMIN_PASSWORD")
"$BENCH" service-token --name self-review "${AUTH[@]}" > "$WORK/self-review.token"
"$BENCH" service-token --name evaluation "${AUTH[@]}" > "$WORK/evaluation.token"
"$SELF_REVIEW" --port $SPORT --data-dir "$WORK/self-review" --registry-addr 127.0.0.1:$RPORT \
  --evaluation-addr 127.0.0.1:$EPORT --service-token-file "$WORK/self-review.token" --log-level warning \
  > "$WORK/self-review.log" 2>&1 & SPID=$!
wait_for_port $SPORT
"$EVALUATION" --port $EPORT --data-dir "$WORK/evaluation" --registry-addr 127.0.0.1:$RPORT \
  --self-review-addr 127.0.0.1:$SPORT --service-token-file "$WORK/evaluation.token" --log-level warning \
  > "$WORK/evaluation.log" 2>&1 & EPID=$!
wait_for_port $EPORT

echo "registering $SCHOOLS committed schools…" >&2
"$BENCH" register --count "$SCHOOLS" --first-urn 900000 --commit "${AUTH[@]}" > "$WORK/register.out"
echo "reviews at the standard, 60 assessors, and an application per school through every state…" >&2
"$BENCH" evaluation --count "$SCHOOLS" --first-urn 900000 --assessors 60 --calls 5000 \
  --evaluation 127.0.0.1:$EPORT "${AUTH[@]}" > "$WORK/evaluation.out"

figure applications "$SCHOOLS" applications -
figure assessors "$(value_of evaluation_assessors < "$WORK/evaluation.out")" assessors -
for move in submit record_payment return_evidence resubmit_evidence pass_evidence_check allocate_assessor \
  accept_allocation raise_cause_for_concern resolve_cause_for_concern offer_visit_dates schedule_visit \
  record_outcome record_moderation approve_award; do
  target=">=2000"
  [ "$move" = offer_visit_dates ] && target="-"  # stays in PRE_VISIT_REVIEW: not a state move
  figure "${move}_per_s" "$(value_of "move_${move}_per_s" < "$WORK/evaluation.out")" calls/s "$target"
done
figure moderated "$(value_of moderated_applications < "$WORK/evaluation.out")" applications -
figure suggest_assessors_p50 "$(value_of suggest_assessors_p50 < "$WORK/evaluation.out")" ms -
figure suggest_assessors_p99 "$(value_of suggest_assessors_p99 < "$WORK/evaluation.out")" ms "<=10"
figure timeline_steps "$(value_of timeline_steps < "$WORK/evaluation.out")" steps -
figure timeline_p50 "$(value_of timeline_p50 < "$WORK/evaluation.out")" ms -
figure timeline_p99 "$(value_of timeline_p99 < "$WORK/evaluation.out")" ms "<=2"
figure queue_length "$(value_of queue_length < "$WORK/evaluation.out")" applications -
figure assessor_queue_p50 "$(value_of assessor_queue_p50 < "$WORK/evaluation.out")" ms -
figure assessor_queue_p99 "$(value_of assessor_queue_p99 < "$WORK/evaluation.out")" ms "<=5"
figure evaluation_rss "$(rss_mb $EPID)" MB -
figure evaluation_db "$(du -sm "$WORK/evaluation" | awk '{print $1}')" MB -
report evaluation
