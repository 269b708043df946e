#!/usr/bin/env bash
# Formats the hand-written Swift (everything but Generated/ folders) with the toolchain's
# `swift format` and the repository's .swift-format.
#   Tools/format.sh          rewrite files in place
#   Tools/format.sh --lint   change nothing; fail on any finding (CI runs this)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mode=(format -i)
[[ "${1:-}" == "--lint" ]] && mode=(lint --strict)
git ls-files -z --cached --others --exclude-standard '*.swift' | grep -zv '/Generated/' |
  xargs -0 swift format "${mode[@]}" --parallel
