"""A stock grpcio client (PyPI) for `charter.publicmap.v1.PublicMap`, written only from the
protos in `proto/`: with no token (the map is public) it searches, looks a school up, asks for
clusters and statistics, reads the event feed and provokes the documented errors, printing
`PASS <case>` or `FAIL <case>: why` for each. Exits 0 only when every case passes.

Usage: public_map_client.py --port N --expect-total N --known-urn URN --hidden-urn URN
"""
import argparse
import os
import sys
import tempfile

import grpc
from grpc_tools import protoc

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
PROTOS = ["charter/common/v1/common.proto", "charter/publicmap/v1/public_map.proto"]


def load():
    out = tempfile.mkdtemp(prefix="charter-public-map-py-")
    import grpc_tools

    well_known = os.path.join(os.path.dirname(grpc_tools.__file__), "_proto")
    args = ["protoc", f"-I{os.path.join(REPO, 'proto')}", f"-I{well_known}", f"--python_out={out}", f"--grpc_python_out={out}"]
    if protoc.main(args + PROTOS) != 0:
        raise SystemExit("grpc_tools.protoc failed to generate the public map protos")
    sys.path.insert(0, out)
    from charter.common.v1 import common_pb2
    from charter.publicmap.v1 import public_map_pb2, public_map_pb2_grpc

    return common_pb2, public_map_pb2, public_map_pb2_grpc


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--expect-total", type=int, required=True)
    parser.add_argument("--known-urn", required=True)
    parser.add_argument("--hidden-urn", required=True)
    options = parser.parse_args()
    common, pm, pm_grpc = load()
    stub = pm_grpc.PublicMapStub(grpc.insecure_channel(f"127.0.0.1:{options.port}"))
    failures = []

    def case(name, body):
        try:
            body()
            print(f"PASS {name}", flush=True)
        except Exception as error:
            failures.append(name)
            print(f"FAIL {name}: {error!r}", flush=True)

    def expect(condition, message):
        if not condition:
            raise AssertionError(message)

    def expect_status(code, call):
        try:
            call()
        except grpc.RpcError as error:
            expect(error.code() == code, f"expected {code}, got {error.code()}: {error.details()}")
            return error
        raise AssertionError(f"expected {code}, the call succeeded")

    england = pm.BoundingBox(
        south_west=common.GeoPoint(latitude=49.8, longitude=-6.5), north_east=common.GeoPoint(latitude=55.9, longitude=2.0))

    def statistics():
        stats = stub.GetMapStatistics(pm.GetMapStatisticsRequest(), timeout=5)
        expect(stats.total_schools == options.expect_total, f"total {stats.total_schools}")
        expect(sum(c.count for c in stats.by_level) == stats.total_schools, "levels add up")
        expect(sum(c.count for c in stats.by_local_authority) == stats.total_schools, "authorities add up")

    def clusters():
        for zoom in (5, 9, 13):
            response = stub.GetMapClusters(pm.GetMapClustersRequest(bounds=england, zoom=zoom), timeout=5)
            counted = sum(f.cluster.count if f.WhichOneof("feature") == "cluster" else 1 for f in response.features)
            expect(counted == options.expect_total == response.total_schools, f"zoom {zoom}: {counted}")

    def search():
        page = stub.SearchMapSchools(pm.SearchMapSchoolsRequest(page_size=10), timeout=5)
        expect(len(page.schools) == 10 and page.total_size == options.expect_total, "first page")
        second = stub.SearchMapSchools(pm.SearchMapSchoolsRequest(page_size=10, page_token=page.next_page_token), timeout=5)
        expect(not {s.urn for s in page.schools} & {s.urn for s in second.schools}, "pages overlap")
        found = stub.SearchMapSchools(pm.SearchMapSchoolsRequest(query="st marys"), timeout=5)
        expect(any(s.name.startswith("St Mary's") for s in found.schools), "st marys")

    def get_school():
        school = stub.GetMapSchool(pm.GetMapSchoolRequest(urn=options.known_urn), timeout=5)
        expect(school.urn == options.known_urn and school.level == common.CHARTER_LEVEL_COMMITTED, str(school))

    def stream_events():
        events = list(stub.StreamEvents(pm.StreamEventsRequest(after_sequence=0, stop_at_head=True), timeout=10))
        expect(len(events) >= options.expect_total, f"{len(events)} events")
        expect(all(a.sequence < b.sequence for a, b in zip(events, events[1:])), "ordered")
        expect(events[0].WhichOneof("payload") == "pin_added", "first is pin_added")

    case("statistics", statistics)
    case("clusters_add_up", clusters)
    case("search_paging_and_text", search)
    case("get_school", get_school)
    case("stream_events", stream_events)
    case("hidden_school_not_found", lambda: expect_status(
        grpc.StatusCode.NOT_FOUND, lambda: stub.GetMapSchool(pm.GetMapSchoolRequest(urn=options.hidden_urn), timeout=5)))
    case("bad_urn_invalid_argument", lambda: expect_status(
        grpc.StatusCode.INVALID_ARGUMENT, lambda: stub.GetMapSchool(pm.GetMapSchoolRequest(urn="12"), timeout=5)))
    inverted = pm.BoundingBox(south_west=england.north_east, north_east=england.south_west)
    case("inverted_box_invalid_argument", lambda: expect_status(
        grpc.StatusCode.INVALID_ARGUMENT, lambda: stub.SearchMapSchools(pm.SearchMapSchoolsRequest(bounds=inverted), timeout=5)))
    case("zoom_out_of_range_invalid_argument", lambda: expect_status(
        grpc.StatusCode.INVALID_ARGUMENT, lambda: stub.GetMapClusters(pm.GetMapClustersRequest(bounds=england, zoom=21), timeout=5)))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
