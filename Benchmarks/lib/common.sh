# Shared by the service benchmark scripts: starting release executables, reading /proc, and
# printing each figure next to its target and a reference run.
#
# A script calls `figure NAME VALUE UNIT TARGET` for each measurement (TARGET like "<=30",
# ">=20000" or "-" for none), then `report BENCH`, which prints the table and compares with
# Benchmarks/reference/BENCH.txt when present. `--save-reference` (in $SAVE_REFERENCE)
# writes this run's figures there instead.

FIGURES=()

# The options both service benchmarks take: --schools N, --no-build, --save-reference.
# Sets SCHOOLS (default 24000), BUILD and SAVE_REFERENCE.
parse_benchmark_options() {
  SCHOOLS=24000
  BUILD=1
  SAVE_REFERENCE=0
  while [ $# -gt 0 ]; do
    case "$1" in
      --schools) SCHOOLS=$2; shift 2 ;;
      --no-build) BUILD=0; shift ;;
      --save-reference) SAVE_REFERENCE=1; shift ;;
      *) echo "unknown option $1" >&2; exit 2 ;;
    esac
  done
}
# Release executables link the Swift runtime statically, as run.sh deploys them locally:
# one self-contained binary per service, and only the runtime code it uses in memory.

need_release() {
  local product
  for product in "$@"; do swift build -c release --static-swift-stdlib --product "$product" >/dev/null; done
}

bin_path() { echo "$(swift build -c release --static-swift-stdlib --show-bin-path)/$1"; }

rss_mb() { awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }
peak_rss_mb() { awk '/VmHWM/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }

# wait_for_port PORT: until something listens on 127.0.0.1:PORT (30 s).
wait_for_port() {
  local _
  for _ in $(seq 1 300); do
    if (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "nothing listens on port $1" >&2
  return 1
}

# value_of NAME < output-of-charter-service-bench
value_of() { awk -v n="$1" '$1 == "RESULT" && $2 == n {print $3}'; }

figure() { FIGURES+=("$1|$2|$3|$4"); }

report() {
  local bench=$1 reference="Benchmarks/reference/$1.txt" line name value unit target verdict ref ratio
  printf '\n%-30s %14s %-10s %10s %-6s %14s %8s\n' "figure" "this run" "unit" "target" "" "reference" "ratio"
  for line in "${FIGURES[@]}"; do
    IFS='|' read -r name value unit target <<<"$line"
    verdict=""
    if [ "$target" != "-" ]; then
      local op=${target:0:2} bound=${target:2}
      if awk -v v="$value" -v b="$bound" -v op="$op" 'BEGIN { exit !((op == "<=" && v <= b) || (op == ">=" && v >= b)) }'; then
        verdict="MEETS"
      else
        verdict="MISSES"
      fi
    fi
    ref="-"; ratio="-"
    if [ -f "$reference" ]; then
      ref=$(awk -v n="$name" '$1 == n {print $2}' "$reference")
      if [ -n "$ref" ] && awk -v r="$ref" 'BEGIN { exit !(r != 0) }'; then
        ratio=$(awk -v v="$value" -v r="$ref" 'BEGIN { printf "%.2f", v / r }')
      else
        ref="-"
      fi
    fi
    printf '%-30s %14s %-10s %10s %-6s %14s %8s\n' "$name" "$value" "$unit" "$target" "$verdict" "$ref" "$ratio"
  done
  if [ "${SAVE_REFERENCE:-0}" = 1 ]; then
    {
      echo "# $bench reference run, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(uname -m)"
      for line in "${FIGURES[@]}"; do IFS='|' read -r name value unit target <<<"$line"; echo "$name $value"; done
    } > "$reference"
    echo "saved as the reference: $reference"
  fi
}
