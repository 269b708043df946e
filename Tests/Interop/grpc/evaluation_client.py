"""A stock grpcio client (PyPI) for `charter.evaluation.v1.Evaluation`, written only from the
protos in `proto/`: as a school's head it submits an application, reads it back with its
timeline, lists the school's applications, reads the school's events and provokes error
cases, printing `PASS <case>` or `FAIL <case>: why` for each. Exits 0 only when every case
passes.

Usage: evaluation_client.py --port N --token T --school-urn U
"""
import argparse
import os
import sys
import tempfile

import grpc
from grpc_tools import protoc

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
PROTOS = ["charter/common/v1/common.proto", "charter/evaluation/v1/evaluation.proto"]


def load():
    """Generates the Python modules for the evaluation protos into a temporary directory."""
    out = tempfile.mkdtemp(prefix="charter-evaluation-py-")
    import grpc_tools

    well_known = os.path.join(os.path.dirname(grpc_tools.__file__), "_proto")
    args = ["protoc", f"-I{os.path.join(REPO, 'proto')}", f"-I{well_known}", f"--python_out={out}", f"--grpc_python_out={out}"]
    if protoc.main(args + PROTOS) != 0:
        raise SystemExit("grpc_tools.protoc failed to generate the evaluation protos")
    sys.path.insert(0, out)
    from charter.evaluation.v1 import evaluation_pb2, evaluation_pb2_grpc

    return evaluation_pb2, evaluation_pb2_grpc


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--school-urn", required=True)
    options = parser.parse_args()
    evaluation, evaluation_grpc = load()

    channel = grpc.insecure_channel(f"127.0.0.1:{options.port}")
    stub = evaluation_grpc.EvaluationStub(channel)
    auth = [("authorization", f"Bearer {options.token}")]
    failures = []
    state = {}

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

    def expect_status(code, body):
        try:
            body()
        except grpc.RpcError as error:
            expect(error.code() == code, f"expected {code}, got {error.code()}: {error.details()}")
            return
        raise AssertionError(f"expected {code}, the call succeeded")

    def submit():
        request = evaluation.SubmitApplicationRequest(
            school_urn=options.school_urn, route=evaluation.APPLICATION_ROUTE_STANDARD, allocate_for_me=True)
        application = stub.SubmitApplication(request, metadata=auth, timeout=10)
        expect(application.state == evaluation.APPLICATION_STATE_REGISTERED, f"state {application.state}")
        expect(application.fee.currency_code == "GBP" and application.fee.amount_minor == 55000, f"fee {application.fee}")
        expect(application.size_band == evaluation.SIZE_BAND_LARGE_PRIMARY, f"band {application.size_band}")
        expect(len(application.self_review_snapshot.aspects) > 0, "no self-review snapshot")
        expect(application.invoice_reference.startswith("ICTM-"), f"invoice {application.invoice_reference!r}")
        state["id"] = application.application_id

    def get():
        application = stub.GetApplication(evaluation.GetApplicationRequest(application_id=state["id"]), metadata=auth, timeout=10)
        expect(application.school_urn == options.school_urn, f"urn {application.school_urn}")
        steps = [entry.step for entry in application.history]
        expect(steps == ["application_submitted"], f"timeline {steps}")
        expect(application.history[0].to_state == evaluation.APPLICATION_STATE_REGISTERED, "first step not REGISTERED")
        expect(application.create_time.seconds > 0, "no create time")

    def listing():
        page = stub.ListApplications(
            evaluation.ListApplicationsRequest(school_urn=options.school_urn, page_size=10), metadata=auth, timeout=10)
        expect([a.application_id for a in page.applications] == [state["id"]], f"listed {page.applications}")
        expect(page.next_page_token == "", "a second page")

    def events():
        stream = stub.StreamEvents(
            evaluation.StreamEventsRequest(stop_at_head=True, school_urn=options.school_urn), metadata=auth, timeout=10)
        kinds = [e.WhichOneof("payload") for e in stream]
        expect("application_submitted" in kinds, f"events {kinds}")

    case("submit_application", submit)
    case("get_application", get)
    case("list_applications", listing)
    case("school_events", events)
    case("already_exists", lambda: expect_status(
        grpc.StatusCode.ALREADY_EXISTS,
        lambda: stub.SubmitApplication(evaluation.SubmitApplicationRequest(
            school_urn=options.school_urn, route=evaluation.APPLICATION_ROUTE_STANDARD), metadata=auth, timeout=10)))
    case("unknown_application_not_found", lambda: expect_status(
        grpc.StatusCode.NOT_FOUND,
        lambda: stub.GetApplication(evaluation.GetApplicationRequest(application_id="app-0000000000000000"), metadata=auth, timeout=10)))
    case("bad_urn_invalid_argument", lambda: expect_status(
        grpc.StatusCode.INVALID_ARGUMENT,
        lambda: stub.GetEligibility(evaluation.GetEligibilityRequest(school_urn="12"), metadata=auth, timeout=10)))
    case("no_token_unauthenticated", lambda: expect_status(
        grpc.StatusCode.UNAUTHENTICATED,
        lambda: stub.GetApplication(evaluation.GetApplicationRequest(application_id=state.get("id", "x")), timeout=10)))
    channel.close()
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
