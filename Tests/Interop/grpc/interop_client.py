"""A stock grpcio client running gRPC's official interop cases (grpc/grpc
doc/interop-test-descriptions.md, client side) against a server given by --port.

Prints "PASS <case>" or "FAIL <case>: <reason>" per case and exits 1 if any failed.
Written for this project from the published case descriptions."""
import argparse
import sys
import threading

import grpc

import protos

empty_pb2 = messages_pb2 = test_pb2_grpc = health_pb2 = health_pb2_grpc = None

CASES = [
    "empty_unary", "large_unary", "client_streaming", "server_streaming", "ping_pong",
    "empty_stream", "cancel_after_begin", "cancel_after_first_response",
    "timeout_on_sleeping_server", "status_code_and_message", "special_status_message",
    "custom_metadata", "unimplemented_method", "unimplemented_service",
]


class Failed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failed(message)


def payload(size):
    return messages_pb2.Payload(type=messages_pb2.COMPRESSABLE, body=b"\x00" * size)


def empty_unary(stub, _):
    response = stub.EmptyCall(empty_pb2.Empty(), timeout=10)
    check(response == empty_pb2.Empty(), f"expected Empty, got {response!r}")


def large_unary(stub, _):
    request = messages_pb2.SimpleRequest(
        response_type=messages_pb2.COMPRESSABLE, response_size=314159, payload=payload(271828))
    response = stub.UnaryCall(request, timeout=10)
    check(response.payload.type == messages_pb2.COMPRESSABLE, "payload type")
    check(response.payload.body == b"\x00" * 314159, f"body of {len(response.payload.body)} bytes")


def client_streaming(stub, _):
    sizes = [27182, 8, 1828, 45904]
    requests = (messages_pb2.StreamingInputCallRequest(payload=payload(s)) for s in sizes)
    response = stub.StreamingInputCall(requests, timeout=10)
    check(response.aggregated_payload_size == 74922, f"aggregated {response.aggregated_payload_size}")


def server_streaming(stub, _):
    sizes = [31415, 9, 2653, 58979]
    request = messages_pb2.StreamingOutputCallRequest(
        response_type=messages_pb2.COMPRESSABLE,
        response_parameters=[messages_pb2.ResponseParameters(size=s) for s in sizes])
    got = [len(r.payload.body) for r in stub.StreamingOutputCall(request, timeout=10)]
    check(got == sizes, f"sizes {got}")


class Pinger:
    """Feeds a bidirectional call one request at a time."""

    def __init__(self):
        self._cv = threading.Condition()
        self._queue = []
        self._done = False

    def add(self, request):
        with self._cv:
            self._queue.append(request)
            self._cv.notify()

    def close(self):
        with self._cv:
            self._done = True
            self._cv.notify()

    def __iter__(self):
        return self

    def __next__(self):
        with self._cv:
            while not self._queue and not self._done:
                self._cv.wait()
            if self._queue:
                return self._queue.pop(0)
            raise StopIteration


def ping_pong(stub, _):
    pairs = [(31415, 27182), (9, 8), (2653, 1828), (58979, 45904)]
    pinger = Pinger()
    call = stub.FullDuplexCall(pinger, timeout=10)
    for response_size, payload_size in pairs:
        pinger.add(messages_pb2.StreamingOutputCallRequest(
            response_type=messages_pb2.COMPRESSABLE,
            response_parameters=[messages_pb2.ResponseParameters(size=response_size)],
            payload=payload(payload_size)))
        response = next(call)
        check(len(response.payload.body) == response_size, f"response of {len(response.payload.body)}")
    pinger.close()
    check(next(call, None) is None, "stream did not end")


def empty_stream(stub, _):
    responses = list(stub.FullDuplexCall(iter([]), timeout=10))
    check(responses == [], f"{len(responses)} responses")


def cancel_after_begin(stub, _):
    pinger = Pinger()
    future = stub.StreamingInputCall.future(pinger, timeout=10)
    future.cancel()
    check(future.cancelled(), "future not cancelled")
    try:
        future.result()
        raise Failed("call succeeded after cancel")
    except grpc.FutureCancelledError:
        pass
    pinger.close()


def cancel_after_first_response(stub, _):
    pinger = Pinger()
    call = stub.FullDuplexCall(pinger, timeout=10)
    pinger.add(messages_pb2.StreamingOutputCallRequest(
        response_type=messages_pb2.COMPRESSABLE,
        response_parameters=[messages_pb2.ResponseParameters(size=31415)], payload=payload(27182)))
    response = next(call)
    check(len(response.payload.body) == 31415, "first response size")
    call.cancel()
    try:
        next(call)
        raise Failed("stream continued after cancel")
    except grpc.RpcError as error:
        check(error.code() == grpc.StatusCode.CANCELLED, f"code {error.code()}")
    pinger.close()


def timeout_on_sleeping_server(stub, _):
    pinger = Pinger()
    call = stub.FullDuplexCall(pinger, timeout=0.001)
    pinger.add(messages_pb2.StreamingOutputCallRequest(payload=payload(27182)))
    try:
        next(call)
        raise Failed("no deadline error")
    except grpc.RpcError as error:
        check(error.code() == grpc.StatusCode.DEADLINE_EXCEEDED, f"code {error.code()}")
    pinger.close()


def expect_status(call_and_wait, code, message):
    try:
        call_and_wait()
        raise Failed("call succeeded")
    except grpc.RpcError as error:
        check(error.code() == code, f"code {error.code()}")
        check(error.details() == message, f"message {error.details()!r}")


def status_code_and_message(stub, _):
    message = "test status message"
    status = messages_pb2.EchoStatus(code=2, message=message)
    expect_status(lambda: stub.UnaryCall(messages_pb2.SimpleRequest(response_status=status), timeout=10),
                  grpc.StatusCode.UNKNOWN, message)
    request = messages_pb2.StreamingOutputCallRequest(response_status=status)
    expect_status(lambda: list(stub.FullDuplexCall(iter([request]), timeout=10)),
                  grpc.StatusCode.UNKNOWN, message)


def special_status_message(stub, _):
    message = "\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n"
    status = messages_pb2.EchoStatus(code=2, message=message)
    expect_status(lambda: stub.UnaryCall(messages_pb2.SimpleRequest(response_status=status), timeout=10),
                  grpc.StatusCode.UNKNOWN, message)


def custom_metadata(stub, _):
    initial = ("x-grpc-test-echo-initial", "test_initial_metadata_value")
    trailing = ("x-grpc-test-echo-trailing-bin", b"\xab\xab\xab")
    request = messages_pb2.SimpleRequest(response_size=314159, payload=payload(271828))
    response, call = stub.UnaryCall.with_call(request, metadata=[initial, trailing], timeout=10)
    check(len(response.payload.body) == 314159, "unary response size")
    check(initial in list(call.initial_metadata()), f"initial {call.initial_metadata()}")
    check(trailing in list(call.trailing_metadata()), f"trailing {call.trailing_metadata()}")

    stream_request = messages_pb2.StreamingOutputCallRequest(
        response_parameters=[messages_pb2.ResponseParameters(size=314159)], payload=payload(271828))
    call = stub.FullDuplexCall(iter([stream_request]), metadata=[initial, trailing], timeout=10)
    responses = list(call)
    check(len(responses) == 1 and len(responses[0].payload.body) == 314159, "stream response")
    check(initial in list(call.initial_metadata()), f"stream initial {call.initial_metadata()}")
    check(trailing in list(call.trailing_metadata()), f"stream trailing {call.trailing_metadata()}")


def unimplemented_method(stub, _):
    try:
        stub.UnimplementedCall(empty_pb2.Empty(), timeout=10)
        raise Failed("call succeeded")
    except grpc.RpcError as error:
        check(error.code() == grpc.StatusCode.UNIMPLEMENTED, f"code {error.code()}")


def unimplemented_service(_, channel):
    stub = test_pb2_grpc.UnimplementedServiceStub(channel)
    try:
        stub.UnimplementedCall(empty_pb2.Empty(), timeout=10)
        raise Failed("call succeeded")
    except grpc.RpcError as error:
        check(error.code() == grpc.StatusCode.UNIMPLEMENTED, f"code {error.code()}")


def main():
    global empty_pb2, messages_pb2, test_pb2_grpc, health_pb2, health_pb2_grpc
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--cases", default="all")
    parser.add_argument("--health", action="store_true", help="also check grpc.health.v1 Check")
    args = parser.parse_args()
    empty_pb2, messages_pb2, test_pb2_grpc, health_pb2, health_pb2_grpc = protos.load()

    channel = grpc.insecure_channel(f"{args.host}:{args.port}")
    stub = test_pb2_grpc.TestServiceStub(channel)
    cases = CASES if args.cases == "all" else args.cases.split(",")
    failures = 0
    for name in cases:
        try:
            globals()[name](stub, channel)
            print(f"PASS {name}", flush=True)
        except Exception as error:  # report and continue with the next case
            failures += 1
            print(f"FAIL {name}: {error!r}", flush=True)
    if args.health:
        health = health_pb2_grpc.HealthStub(channel)
        response = health.Check(health_pb2.HealthCheckRequest(service=""), timeout=10)
        if response.status == health_pb2.HealthCheckResponse.SERVING:
            print("PASS health_check", flush=True)
        else:
            failures += 1
            print(f"FAIL health_check: {response.status}", flush=True)
    channel.close()
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
