#!/usr/bin/env bash
# Fails (exit 1, listing the files) when any committed generated contract file differs from
# what Tools/generate.sh produces from proto/ now: stale after a proto change, hand-edited, or
# left over after a proto was removed. Regenerates into a temporary directory; touches nothing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

"$ROOT/Tools/generate.sh" --out "$TMP"

status=0
for dir in Shared/CContracts/include Shared/CContracts/generated Shared/Contracts/Generated \
  Tests/ContractsTests/Generated; do
  if [[ ! -d "$ROOT/$dir" ]]; then
    echo "missing: $dir (run Tools/generate.sh)"
    status=1
    continue
  fi
  if ! out="$(diff -r -q "$ROOT/$dir" "$TMP/$dir" 2>&1)"; then
    status=1
    while IFS= read -r line; do
      line="${line//$TMP\//(regenerated) }"
      line="${line//$ROOT\//}"
      echo "$line"
    done <<< "$out"
  fi
done

if [[ $status -ne 0 ]]; then
  echo "check-generated: generated contract code is stale or hand-edited; run Tools/generate.sh" >&2
  exit 1
fi
echo "check-generated: generated contract code is up to date"
