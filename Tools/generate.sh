#!/usr/bin/env bash
# Regenerates every contract artefact from proto/, deterministically:
#   Shared/CContracts/include/<proto path>.pb-c.h     protoc-c headers (incl. google/protobuf/timestamp)
#   Shared/CContracts/generated/<proto path>.pb-c.c   protoc-c sources
#   Shared/Contracts/Generated/<proto path>.swift     the Swift face (Tools/contractgen)
#   Tests/ContractsTests/Generated/                   test fixtures (samples, method table, stubs)
#
# Usage: Tools/generate.sh [--out DIR]   (DIR defaults to the repository root; check-generated.sh
# uses a temporary DIR). Installs nothing silently except protoc/protoc-c (apt) and the Python
# protobuf module (pip, pinned in Tools/python-requirements.txt) when they are missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --out) OUT="$(mkdir -p "$2" && cd "$2" && pwd)"; shift 2 ;;
    *) echo "usage: $0 [--out DIR]" >&2; exit 2 ;;
  esac
done

WKT_PROTO=/usr/include/google/protobuf/timestamp.proto
need_apt=()
command -v protoc >/dev/null 2>&1 || need_apt+=(protobuf-compiler)
command -v protoc-c >/dev/null 2>&1 || need_apt+=(protobuf-c-compiler)
[[ -f /usr/include/protobuf-c/protobuf-c.h ]] || need_apt+=(libprotobuf-c-dev)
[[ -f "$WKT_PROTO" ]] || need_apt+=(libprotobuf-dev)
if [[ ${#need_apt[@]} -gt 0 ]]; then
  echo "generate.sh: installing ${need_apt[*]} (missing)" >&2
  sudo_cmd=()
  [[ "$(id -u)" -eq 0 ]] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get install -y protobuf-compiler protobuf-c-compiler libprotobuf-c-dev \
    libprotobuf-dev >&2
fi
if ! python3 -c 'import google.protobuf' >/dev/null 2>&1; then
  echo "generate.sh: installing the Python protobuf module (missing)" >&2
  python3 -m pip install -r "$ROOT/Tools/python-requirements.txt" >&2
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cd "$ROOT/proto"
mapfile -t PROTOS < <(find . -name '*.proto' -printf '%P\n' | LC_ALL=C sort)
if [[ ${#PROTOS[@]} -eq 0 ]]; then
  echo "generate.sh: no .proto files under proto/" >&2
  exit 1
fi

# C: protoc-c for every proto plus google/protobuf/timestamp.proto (libprotobuf-c lacks it).
mkdir -p "$WORK/c"
protoc-c -I. -I/usr/include --c_out="$WORK/c" "${PROTOS[@]}" google/protobuf/timestamp.proto
C_ROOT="$OUT/Shared/CContracts"
rm -rf "$C_ROOT/include" "$C_ROOT/generated"
(cd "$WORK/c" && find . -name '*.pb-c.h' -printf '%P\n') | while read -r h; do
  mkdir -p "$C_ROOT/include/$(dirname "$h")"
  cp "$WORK/c/$h" "$C_ROOT/include/$h"
done
(cd "$WORK/c" && find . -name '*.pb-c.c' -printf '%P\n') | while read -r c; do
  mkdir -p "$C_ROOT/generated/$(dirname "$c")"
  cp "$WORK/c/$c" "$C_ROOT/generated/$c"
done

# Swift: the descriptors (with comments) drive Tools/contractgen.
protoc -I. -I/usr/include --include_imports --include_source_info \
  --descriptor_set_out="$WORK/descriptors.pb" "${PROTOS[@]}" google/protobuf/timestamp.proto
python3 "$ROOT/Tools/contractgen/contractgen.py" \
  --descriptor-set "$WORK/descriptors.pb" \
  --c-include "$C_ROOT/include" \
  --swift-out "$OUT/Shared/Contracts/Generated" \
  --tests-out "$OUT/Tests/ContractsTests/Generated" \
  "${PROTOS[@]}" google/protobuf/timestamp.proto
