#!/usr/bin/env python3
"""contractgen: generates the Swift face of the Charter contracts from a FileDescriptorSet.

Usage (Tools/generate.sh runs this; see Tools/contractgen/README.md):

  contractgen.py --descriptor-set all.pb --c-include Shared/CContracts/include \
      --swift-out Shared/Contracts/Generated --tests-out Tests/ContractsTests/Generated \
      charter/registry/v1/registry.proto ...

Writes one Swift file per proto file (plus Namespaces.swift) into --swift-out and the test
fixtures into --tests-out, after emptying both. Output depends only on the descriptors, so a
rerun on the same protos is byte-identical.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from google.protobuf import descriptor_pb2  # noqa: E402

from emit_swift import emit_file, emit_namespaces  # noqa: E402
from emit_tests import emit_catalog, emit_samples_file  # noqa: E402
from model import ContractError, Model, load_model  # noqa: E402


def _write(path: str, text: str) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def _reset(directory: str) -> None:
    if os.path.isdir(directory):
        shutil.rmtree(directory)
    os.makedirs(directory)


def check_c_names(model: Model, include_dir: str) -> None:
    """Fails early, with the proto name, if a C name we derived is not in protoc-c's output."""
    for pf in model.files:
        header = os.path.join(include_dir, pf.name[: -len(".proto")] + ".pb-c.h")
        try:
            text = open(header, encoding="utf-8").read()
        except OSError as err:
            raise ContractError(f"{pf.name}: protoc-c header missing ({err})")
        for m in pf.messages:
            for needle in (f"struct  {m.c_type}\n", f"{m.c_prefix}__init\n", f"{m.c_prefix}__pack\n"):
                if needle not in text:
                    raise ContractError(f"{m.full_name}: expected `{needle.strip()}` in {header}")
            for o in m.oneofs:
                if f"}} {o.c_case_type};" not in text:
                    raise ContractError(f"{m.full_name}: expected oneof case type {o.c_case_type}")
        for e in pf.enums:
            if f"}} {e.c_type};" not in text:
                raise ContractError(f"{e.full_name}: expected enum type {e.c_type} in {header}")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--descriptor-set", required=True)
    ap.add_argument("--c-include", required=True, help="protoc-c headers (for a name check)")
    ap.add_argument("--swift-out", required=True)
    ap.add_argument("--tests-out", required=True)
    ap.add_argument("protos", nargs="+", help="proto files to generate, as protoc names them")
    args = ap.parse_args(argv)

    fds = descriptor_pb2.FileDescriptorSet()
    with open(args.descriptor_set, "rb") as fh:
        fds.ParseFromString(fh.read())
    try:
        model = load_model(fds, args.protos)
        check_c_names(model, args.c_include)
    except ContractError as err:
        print(f"contractgen: error: {err}", file=sys.stderr)
        return 1

    stems = [os.path.basename(pf.name[: -len(".proto")]) for pf in model.files]
    if len(set(stems)) != len(stems):
        print("contractgen: error: proto file base names must be unique (one Swift module)",
              file=sys.stderr)
        return 1

    _reset(args.swift_out)
    _reset(args.tests_out)
    _write(os.path.join(args.swift_out, "Namespaces.swift"), emit_namespaces(model))
    for pf in model.files:
        stem = pf.name[: -len(".proto")]
        _write(os.path.join(args.swift_out, stem + ".swift"), emit_file(model, pf))
        if pf.messages:
            _write(os.path.join(args.tests_out, stem + "+Samples.swift"), emit_samples_file(model, pf))
    _write(os.path.join(args.tests_out, "ContractCatalog.swift"), emit_catalog(model))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
