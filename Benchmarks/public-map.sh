#!/usr/bin/env bash
# Public map and gateway benchmark: real charter-registry, charter-accreditation,
# charter-public-map and charter-gateway (release builds) on loopback. Registers SCHOOLS
# committed, publicly listed schools (25,000 by default), then measures:
#   - the public map's rebuild from the feeds (start to every school on the map)  target <= 30 s
#   - a city-zoom bounding-box query in the service (its store), p99               target <= 1 ms
#   - clusters for the whole of England (zoom 6) in the service, p99               target <= 5 ms
#   - through the gateway with wrk, 64 connections, a city-zoom GeoJSON request:
#     requests/s                                                                    target >= 5000
#     p99 latency                                                                   target <= 20 ms
#   - the gateway's RSS after that                                                  target <= 40 MB
#   - the page's first load in headless Chromium, to the first clusters drawn     target <= 1500 ms
# Usage: Benchmarks/public-map.sh [--schools N] [--no-build] [--save-reference]
set -euo pipefail
cd "$(dirname "$0")/.."
. Benchmarks/lib/common.sh
parse_benchmark_options "$@"
[ "$SCHOOLS" = 24000 ] && SCHOOLS=25000
[ "$BUILD" = 1 ] && need_release charter-registry charter-accreditation charter-public-map charter-gateway \
  charter-service-bench charter-map-bench
REGISTRY=$(bin_path charter-registry); ACCREDITATION=$(bin_path charter-accreditation)
MAP=$(bin_path charter-public-map); GATEWAY=$(bin_path charter-gateway)
BENCH=$(bin_path charter-service-bench); MAP_BENCH=$(bin_path charter-map-bench)
command -v wrk >/dev/null || { echo "wrk is needed (Tools/bootstrap.sh installs it)" >&2; exit 1; }

WORK=$(mktemp -d)
RPID=""; APID=""; MPID=""; GPID=""
trap 'kill $RPID $APID $MPID $GPID 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"' EXIT
RPORT=57201; APORT=57204; MPORT=57205; GPORT=57280
export BOOTSTRAP_ADMIN_PASSWORD="benchmark admin password"
"$REGISTRY" --port $RPORT --data-dir "$WORK/registry" --bootstrap-admin-email admin@bench.test --log-level warning \
  > "$WORK/registry.log" 2>&1 & RPID=$!
wait_for_port $RPORT
AUTH=(--registry 127.0.0.1:$RPORT --email admin@bench.test --password "$BOOTSTRAP_ADMIN_PASSWORD")
"$BENCH" service-token --name accreditation "${AUTH[@]}" > "$WORK/accreditation.token"
"$BENCH" service-token --name public-map "${AUTH[@]}" > "$WORK/public-map.token"
echo "registering $SCHOOLS committed, publicly listed schools…" >&2
"$BENCH" register --count "$SCHOOLS" --first-urn 300000 --commit --publicly-listed "${AUTH[@]}" > "$WORK/register.out"
"$ACCREDITATION" --port $APORT --data-dir "$WORK/accreditation" --registry-addr 127.0.0.1:$RPORT \
  --self-review-addr 127.0.0.1:1 --evaluation-addr 127.0.0.1:1 --service-token-file "$WORK/accreditation.token" \
  --log-level warning > "$WORK/accreditation.log" 2>&1 & APID=$!
wait_for_port $APORT

start_map() {
  "$MAP" --port $MPORT --data-dir "$WORK/public-map" --registry-addr 127.0.0.1:$RPORT \
    --accreditation-addr 127.0.0.1:$APORT --service-token-file "$WORK/public-map.token" --log-level warning \
    > "$WORK/public-map.log" 2>&1 & MPID=$!
  wait_for_port $MPORT
}
start_gateway() {
  "$GATEWAY" --port $GPORT --public-map-addr 127.0.0.1:$MPORT --accreditation-addr 127.0.0.1:$APORT \
    --rate-limit 0 --log-level warning > "$WORK/gateway.log" 2>&1 & GPID=$!
  wait_for_port $GPORT
}
map_total() { curl -s "http://127.0.0.1:$GPORT/api/v1/statistics" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("total", 0))' 2>/dev/null || echo 0; }

echo "rebuilding the public map from the feeds…" >&2
started=$(date +%s.%N)
start_map
start_gateway
until [ "$(map_total)" -ge "$SCHOOLS" ]; do sleep 0.2; done
rebuilt=$(date +%s.%N)
REBUILD=$(awk -v a="$started" -v b="$rebuilt" 'BEGIN {printf "%.1f", b - a}')

echo "querying through the gateway with wrk (64 connections)…" >&2
# A city-sized box (0.16° by 0.08°, about zoom 13) around one of the schools.
CITY_BOX=$(curl -s "http://127.0.0.1:$GPORT/api/v1/schools/300207" | python3 -c '
import json, sys
p = json.load(sys.stdin)["location"]
print("%.4f,%.4f,%.4f,%.4f" % (p["lon"] - 0.08, p["lat"] - 0.04, p["lon"] + 0.08, p["lat"] + 0.04))')
CITY="/api/v1/schools?bbox=$CITY_BOX&format=geojson"
curl -s -o "$WORK/city.json" "http://127.0.0.1:$GPORT$CITY"
CITY_SCHOOLS=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["total"])' "$WORK/city.json")
wrk -t2 -c64 -d3s "http://127.0.0.1:$GPORT$CITY" > /dev/null
wrk -t2 -c64 -d10s --latency "http://127.0.0.1:$GPORT$CITY" > "$WORK/wrk.out"
RPS=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.out")
P99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub("us","",v); v=v/1000} else if (v ~ /ms$/) {sub("ms","",v)} else if (v ~ /s$/) {sub("s","",v); v=v*1000}; print v}' "$WORK/wrk.out")
ERRORS=$(awk '/Non-2xx/ {print $5}' "$WORK/wrk.out"); ERRORS=${ERRORS:-0}
GATEWAY_RSS=$(rss_mb $GPID)

echo "loading the page in headless Chromium…" >&2
python3 Tests/Interop/browser/map_page.py --only-first-load --gateway "http://127.0.0.1:$GPORT" \
  --screenshots "$WORK/screenshots" --load-budget-ms 1500 > "$WORK/page.out" 2>&1 || true
page_figure() { awk -F= -v n="$1" '$1 == "FIGURE " n {print $2}' "$WORK/page.out"; }
PAGE_DCL=$(page_figure dom_content_loaded_ms); PAGE_CLUSTERS=$(page_figure first_clusters_ms)

echo "measuring queries in the service's store…" >&2
kill -TERM $GPID $MPID; wait $GPID $MPID 2>/dev/null || true; GPID=""; MPID=""
"$MAP_BENCH" --data-dir "$WORK/public-map" --calls 4000 > "$WORK/map.out"

figure schools_on_map "$(value_of schools_on_map < "$WORK/map.out")" schools -
figure rebuild_from_feeds "$REBUILD" s "<=30"
figure city_box_schools "$(value_of city_box_schools_mean < "$WORK/map.out")" schools -
figure city_box_p50 "$(value_of city_box_p50 < "$WORK/map.out")" ms -
figure city_box_p99 "$(value_of city_box_p99 < "$WORK/map.out")" ms "<=1"
figure england_markers "$(value_of england_markers < "$WORK/map.out")" markers -
figure england_clusters_p99 "$(value_of england_clusters_p99 < "$WORK/map.out")" ms "<=5"
figure city_clusters_p99 "$(value_of city_clusters_p99 < "$WORK/map.out")" ms -
figure text_search_p99 "$(value_of text_search_p99 < "$WORK/map.out")" ms -
figure gateway_city_geojson_schools "$CITY_SCHOOLS" schools -
figure gateway_city_geojson_rps "$RPS" req/s ">=5000"
figure gateway_city_geojson_p99 "$P99" ms "<=20"
figure gateway_non_2xx "$ERRORS" responses -
figure gateway_rss "$GATEWAY_RSS" MB "<=40"
figure page_dom_content_loaded "${PAGE_DCL:-0}" ms -
figure page_first_clusters "${PAGE_CLUSTERS:-999999}" ms "<=1500"
report public-map
