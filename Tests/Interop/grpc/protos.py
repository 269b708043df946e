"""Generates Python modules for the repo's grpc.testing and grpc.health protos into a
temporary directory with grpcio-tools. Nothing generated is kept.

The protos are copied under a prefix directory (imports rewritten) so the modules import as
`interop_proto.grpc.testing…` and do not collide with grpcio's own `grpc` package; the proto
packages, and so the wire names (`/grpc.testing.TestService/...`), are unchanged."""
import os
import re
import sys
import tempfile

from grpc_tools import protoc

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
PROTO_ROOT = os.path.join(REPO, "proto")
PREFIX = "interop_proto"
PROTOS = [
    "grpc/testing/empty.proto",
    "grpc/testing/messages.proto",
    "grpc/testing/test.proto",
    "grpc/health/v1/health.proto",
]


def load():
    out = tempfile.mkdtemp(prefix="charter-interop-py-")
    src = os.path.join(out, "src")
    for proto in PROTOS:
        with open(os.path.join(PROTO_ROOT, proto)) as f:
            text = f.read()
        text = re.sub(r'import "grpc/', f'import "{PREFIX}/grpc/', text)
        target = os.path.join(src, PREFIX, proto)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w") as f:
            f.write(text)
    import grpc_tools

    well_known = os.path.join(os.path.dirname(grpc_tools.__file__), "_proto")
    args = ["protoc", f"-I{src}", f"-I{well_known}", f"--python_out={out}", f"--grpc_python_out={out}"]
    if protoc.main(args + [f"{PREFIX}/{p}" for p in PROTOS]) != 0:
        raise SystemExit("grpc_tools.protoc failed to generate the interop protos")
    sys.path.insert(0, out)
    from interop_proto.grpc.testing import empty_pb2, messages_pb2, test_pb2_grpc
    from interop_proto.grpc.health.v1 import health_pb2, health_pb2_grpc

    return empty_pb2, messages_pb2, test_pb2_grpc, health_pb2, health_pb2_grpc
