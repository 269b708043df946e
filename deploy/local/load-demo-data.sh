#!/usr/bin/env bash
# Loads the demo data into a freshly started local system, through the services' own RPCs
# (the same path any client takes): England-sized schools into the registry with their
# Charter choices, then realistic self-reviews for the committed ones, then ICT Mark assessors
# and applications in every state for the schools at the standard everywhere (the evaluation
# service must be in demo-load mode, --demo-backdating on, for the years-old steps), then the
# programme office's accreditation decisions (levels themselves come from the feeds, never
# written).
#
#   deploy/local/load-demo-data.sh BIN_DIR DATA_DIR SCHOOLS
#
# Expects the registry (and the self-review service) running at the addresses in
# the roster (`charter services --env`), and the CLI signed in as a programme admin (CHARTER_CONFIG_DIR).
set -euo pipefail
BIN=$1 DATA_DIR=$2 SCHOOLS=$3
CSV="$DATA_DIR/demo-schools.csv"

echo "generating $SCHOOLS demo schools…" >&2
"$BIN/charter-demo-data" schools --count "$SCHOOLS" --output "$CSV"

echo "registering them with the registry…" >&2
"$BIN/charter" registry import "$CSV" --skip-existing --rejects "$DATA_DIR/demo-rejects.csv"

if "$BIN/charter" self-review import-demo-reviews --help >/dev/null 2>&1 && [[ -n "${SELF_REVIEW_SERVICE_ADDR:-}" ]]; then
  echo "giving the committed schools their self-reviews…" >&2
  "$BIN/charter" self-review import-demo-reviews "$CSV"
fi

if "$BIN/charter" evaluation import-demo --help >/dev/null 2>&1 && [[ -n "${EVALUATION_SERVICE_ADDR:-}" ]]; then
  echo "registering demo assessors and walking ICT Mark applications through every state…" >&2
  "$BIN/charter" evaluation import-demo "$CSV"
fi

if "$BIN/charter" accreditation import-demo --help >/dev/null 2>&1 && [[ -n "${ACCREDITATION_SERVICE_ADDR:-}" ]]; then
  echo "recognising schools and running the 2009 Excellence Award cycle…" >&2
  "$BIN/charter" accreditation import-demo "$CSV"
fi
