#!/usr/bin/env bash
# The contract compatibility gate: compiles proto/ to a descriptor set and checks it against the
# released contract (proto/released/charter.binpb); fails, listing each break, when a peer on
# the released contract could no longer talk to the new one (see Tools/contractgate).
#   Tools/check-compatibility.sh            check (CI runs this)
#   Tools/check-compatibility.sh --release  record the current protos as the released contract
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RELEASED="$ROOT/proto/released/charter.binpb"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$ROOT/proto"
mapfile -t PROTOS < <(find charter grpc -name '*.proto' -printf '%p\n' | LC_ALL=C sort)
protoc -I. -I/usr/include --include_imports --descriptor_set_out="$WORK/current.binpb" "${PROTOS[@]}"
if [[ "${1:-}" == "--release" ]]; then
  mkdir -p "$(dirname "$RELEASED")"
  cp "$WORK/current.binpb" "$RELEASED"
  echo "recorded the current contracts as released: ${RELEASED#"$ROOT/"}"
  exit 0
fi
python3 "$ROOT/Tools/contractgate/compatibility.py" "$RELEASED" "$WORK/current.binpb"
