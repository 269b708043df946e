#!/usr/bin/env bash
# The test command: installs what is missing, builds everything (the tests start the built
# executables), and runs every test (Swift Testing suites, with Python protobuf/grpcio peers).
#   Tools/test.sh [extra `swift test` arguments, e.g. --filter RPCHTTP2Tests]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
"$ROOT/Tools/bootstrap.sh"
started=$SECONDS
swift build --build-tests
built=$SECONDS
swift test --skip-build "$@"
if [[ $# -eq 0 ]]; then
  # The contract compatibility gate's own tests (Python; they compile crafted protos).
  python3 -m unittest discover -s Tools/contractgate -p 'test_*.py'
fi
echo "test.sh: build $((built - started)) s, tests $((SECONDS - built)) s" >&2
