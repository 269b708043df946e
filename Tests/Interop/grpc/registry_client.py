"""A stock grpcio client (PyPI) for `charter.registry.v1.Registry`, written only from the
protos in `proto/`: it signs in, registers schools, looks one up, pages through a listing,
reads the event feed and provokes error cases, printing `PASS <case>` or `FAIL <case>: why`
for each. Exits 0 only when every case passes.

Usage: registry_client.py --port N --admin-email E --admin-password P
"""
import argparse
import os
import sys
import tempfile

import grpc
from grpc_tools import protoc

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
PROTOS = ["charter/common/v1/common.proto", "charter/registry/v1/registry.proto"]


def load():
    """Generates the Python modules for the registry protos into a temporary directory."""
    out = tempfile.mkdtemp(prefix="charter-registry-py-")
    import grpc_tools

    well_known = os.path.join(os.path.dirname(grpc_tools.__file__), "_proto")
    args = ["protoc", f"-I{os.path.join(REPO, 'proto')}", f"-I{well_known}", f"--python_out={out}", f"--grpc_python_out={out}"]
    if protoc.main(args + PROTOS) != 0:
        raise SystemExit("grpc_tools.protoc failed to generate the registry protos")
    sys.path.insert(0, out)
    from charter.common.v1 import common_pb2
    from charter.registry.v1 import registry_pb2, registry_pb2_grpc

    return common_pb2, registry_pb2, registry_pb2_grpc


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--admin-email", required=True)
    parser.add_argument("--admin-password", required=True)
    options = parser.parse_args()
    common, registry, registry_grpc = load()

    channel = grpc.insecure_channel(f"127.0.0.1:{options.port}")
    stub = registry_grpc.RegistryStub(channel)
    failures = []

    def case(name, body):
        try:
            body()
            print(f"PASS {name}", flush=True)
        except Exception as error:  # a failed case is reported, the others still run
            failures.append(name)
            print(f"FAIL {name}: {error!r}", flush=True)

    def expect(condition, message):
        if not condition:
            raise AssertionError(message)

    def expect_status(code, body, mentions=None):
        try:
            body()
        except grpc.RpcError as error:
            expect(error.code() == code, f"expected {code}, got {error.code()}: {error.details()}")
            if mentions:
                expect(mentions in (error.details() or ""), f"{error.details()!r} does not mention {mentions!r}")
            return
        raise AssertionError(f"expected {code}, the call succeeded")

    state = {}

    def sign_in():
        response = stub.SignIn(registry.SignInRequest(email=options.admin_email, password=options.admin_password), timeout=10)
        expect(response.token.count(".") == 2, "the token is not a JWT")
        expect(response.expires_at.seconds > 0, "no expiry")
        state["auth"] = [("authorization", f"Bearer {response.token}")]

    def school(urn, name, postcode="ls1 4ap", la="383"):
        return registry.RegisterSchoolRequest(
            urn=urn, name=name,
            address=common.PostalAddress(lines=["1 Python Row"], town="Leeds", postcode=postcode),
            phase=common.SCHOOL_PHASE_PRIMARY,
            local_authority=common.LocalAuthority(code=la, name="Leeds"),
            number_on_roll=240, location=common.GeoPoint(latitude=53.8, longitude=-1.55),
            commit_to_charter=True, publicly_listed=True)

    def register():
        created = stub.RegisterSchool(school("910001", "Python Row Primary"), metadata=state["auth"], timeout=10)
        expect(created.urn == "910001", f"urn {created.urn}")
        expect(created.address.postcode == "LS1 4AP", f"postcode not normalised: {created.address.postcode!r}")
        expect(created.HasField("commitment"), "the commitment was not recorded")
        expect(created.create_time.seconds > 0, "no create time")

    def lookup():
        found = stub.GetSchool(registry.GetSchoolRequest(urn="910001"), metadata=state["auth"], timeout=10)
        expect(found.name == "Python Row Primary", f"name {found.name!r}")
        expect(found.phase == common.SCHOOL_PHASE_PRIMARY, f"phase {found.phase}")
        expect(abs(found.location.latitude - 53.8) < 1e-9, f"latitude {found.location.latitude}")

    def paging():
        for i in range(2, 8):
            stub.RegisterSchool(school(f"91000{i}", f"Python Row {i}"), metadata=state["auth"], timeout=10)
        seen, token, pages = [], "", 0
        while True:
            page = stub.ListSchools(
                registry.ListSchoolsRequest(page_size=3, page_token=token, postcode_prefix="LS1"), metadata=state["auth"], timeout=10)
            expect(len(page.schools) <= 3, f"page of {len(page.schools)}")
            seen += [s.urn for s in page.schools]
            pages += 1
            token = page.next_page_token
            if not token:
                break
        expect(sorted(seen) == [f"91000{i}" for i in range(1, 8)], f"listed {seen}")
        expect(len(seen) == len(set(seen)), "a school appeared on two pages")
        expect(pages == 3, f"{pages} pages")

    def event_feed():
        events = list(stub.StreamEvents(registry.StreamEventsRequest(after_sequence=0, stop_at_head=True), metadata=state["auth"], timeout=10))
        registered = [e.school_registered.school.urn for e in events if e.WhichOneof("payload") == "school_registered"]
        expect(registered == [f"91000{i}" for i in range(1, 8)], f"registered events {registered}")
        sequences = [e.sequence for e in events]
        expect(sequences == sorted(sequences), "sequences out of order")

    case("sign_in", sign_in)
    case("register_school", register)
    case("get_school", lookup)
    case("list_schools_paging", paging)
    case("stream_events", event_feed)
    case("duplicate_urn_already_exists", lambda: expect_status(
        grpc.StatusCode.ALREADY_EXISTS, lambda: stub.RegisterSchool(school("910001", "Again"), metadata=state["auth"], timeout=10)))
    case("bad_postcode_invalid_argument", lambda: expect_status(
        grpc.StatusCode.INVALID_ARGUMENT,
        lambda: stub.RegisterSchool(school("910099", "Bad", postcode="NOT A POSTCODE"), metadata=state["auth"], timeout=10),
        mentions="postcode"))
    case("unknown_school_not_found", lambda: expect_status(
        grpc.StatusCode.NOT_FOUND, lambda: stub.GetSchool(registry.GetSchoolRequest(urn="999998"), metadata=state["auth"], timeout=10)))
    case("no_token_unauthenticated", lambda: expect_status(
        grpc.StatusCode.UNAUTHENTICATED, lambda: stub.RegisterSchool(school("910098", "No token"), timeout=10)))
    case("wrong_password_unauthenticated", lambda: expect_status(
        grpc.StatusCode.UNAUTHENTICATED,
        lambda: stub.SignIn(registry.SignInRequest(email=options.admin_email, password="wrong"), timeout=10)))
    channel.close()
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
