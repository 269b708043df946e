#!/usr/bin/env python3
"""Checks the Swift contract encodings against an independent protobuf implementation.

Run by Tests/ContractsTests/Interop/PythonInteropTests.swift (or by hand):

    python3 check_contracts.py --proto-dir proto --samples DIR

DIR holds `manifest.tsv` (lines: id, proto message name, sample name) and, per id, the
Swift-encoded `<id>.bin` and the Swift proto3 JSON `<id>.json`. For every sample this script
  1. parses `<id>.bin` with the Python class of the message (generated from proto/ with
     grpc_tools.protoc into a temporary directory), checks that no field was left unknown
     (at any depth), and checks `json_format.MessageToDict` of it equals the Swift JSON
     (numbers compared numerically, so 1 and 1.0 agree);
  2. builds the message from the Swift JSON with `json_format.Parse`, serializes it
     deterministically and writes it to `<id>.python.bin` for the Swift side to decode.
Exit status 0 when everything matches, 1 on mismatches (listed), 2 when the Python protobuf
tooling is missing.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import math
import os
import subprocess
import sys
import tempfile


def fail_setup(message: str) -> None:
    print(f"check_contracts: {message}", file=sys.stderr)
    print("check_contracts: install it with: python3 -m pip install -r Tools/python-requirements.txt",
          file=sys.stderr)
    sys.exit(2)


def generate_python_modules(proto_dir: str, out_dir: str) -> list[str]:
    spec = importlib.util.find_spec("grpc_tools")
    if spec is None or not spec.submodule_search_locations:
        fail_setup("the grpc_tools module (grpcio-tools) is not installed")
    wkt_include = os.path.join(list(spec.submodule_search_locations)[0], "_proto")
    protos = []
    for root, _, files in os.walk(proto_dir):
        for name in files:
            if name.endswith(".proto"):
                protos.append(os.path.relpath(os.path.join(root, name), proto_dir))
    protos.sort()
    cmd = [sys.executable, "-m", "grpc_tools.protoc", f"-I{proto_dir}", f"-I{wkt_include}",
           f"--python_out={out_dir}"] + protos
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        print(result.stdout + result.stderr, file=sys.stderr)
        sys.exit(2)
    # Make every generated directory a regular package, so our `grpc/` (grpc.health.v1,
    # grpc.testing) shadows grpcio's `grpc` package in this process.
    for root, _, _ in os.walk(out_dir):
        open(os.path.join(root, "__init__.py"), "a").close()
    return [p[: -len(".proto")].replace("/", ".") + "_pb2" for p in protos]


def unknown_field_count(message) -> int:
    try:
        from google.protobuf import unknown_fields

        count = len(unknown_fields.UnknownFieldSet(message))
    except ImportError:  # older protobuf
        count = len(message.UnknownFields())
    for field, value in message.ListFields():
        if field.message_type is None:
            continue
        repeated = getattr(field, "is_repeated", None)
        if repeated is None:  # protobuf < 5.28 has only `label`
            repeated = field.label == field.LABEL_REPEATED
        if repeated:
            count += sum(unknown_field_count(v) for v in value)
        else:
            count += unknown_field_count(value)
    return count


def differences(python, swift, path: str = "$") -> list[str]:
    if isinstance(python, dict) and isinstance(swift, dict):
        out = []
        for key in sorted(set(python) | set(swift)):
            if key not in python:
                out.append(f"{path}.{key}: only in Swift JSON ({swift[key]!r:.80})")
            elif key not in swift:
                out.append(f"{path}.{key}: only in Python JSON ({python[key]!r:.80})")
            else:
                out += differences(python[key], swift[key], f"{path}.{key}")
        return out
    if isinstance(python, list) and isinstance(swift, list):
        if len(python) != len(swift):
            return [f"{path}: {len(python)} elements in Python, {len(swift)} in Swift"]
        out = []
        for i, (p, s) in enumerate(zip(python, swift)):
            out += differences(p, s, f"{path}[{i}]")
        return out
    if isinstance(python, bool) or isinstance(swift, bool):
        return [] if python is swift else [f"{path}: Python {python!r}, Swift {swift!r}"]
    if isinstance(python, (int, float)) and isinstance(swift, (int, float)):
        if isinstance(python, int) and isinstance(swift, int):
            same = python == swift
        else:
            a, b = float(python), float(swift)
            same = a == b or (math.isnan(a) and math.isnan(b))
        return [] if same else [f"{path}: Python {python!r}, Swift {swift!r}"]
    if python == swift and type(python) is type(swift):
        return []
    return [f"{path}: Python {python!r:.120}, Swift {swift!r:.120}"]


def main() -> int:
    ap = argparse.ArgumentParser(description="check Swift contract encodings against Python")
    ap.add_argument("--proto-dir", required=True)
    ap.add_argument("--samples", required=True)
    args = ap.parse_args()

    try:
        from google.protobuf import descriptor_pool, json_format, message_factory
    except ImportError:
        fail_setup("the Python protobuf module is not installed")

    with tempfile.TemporaryDirectory(prefix="contracts-py-") as tmp:
        modules = generate_python_modules(os.path.abspath(args.proto_dir), tmp)
        sys.path.insert(0, tmp)
        for name in list(sys.modules):
            if name == "grpc" or name.startswith("grpc."):
                del sys.modules[name]
        for module in modules:
            importlib.import_module(module)
        pool = descriptor_pool.Default()

        with open(os.path.join(args.samples, "manifest.tsv"), encoding="utf-8") as fh:
            entries = [line.rstrip("\n").split("\t") for line in fh if line.strip()]

        problems: list[str] = []
        for sample_id, message_name, sample_name in entries:
            label = f"{message_name} [{sample_name}]"
            try:
                cls = message_factory.GetMessageClass(pool.FindMessageTypeByName(message_name))
            except KeyError:
                problems.append(f"{label}: no Python class")
                continue
            base = os.path.join(args.samples, sample_id)
            with open(base + ".bin", "rb") as fh:
                blob = fh.read()
            with open(base + ".json", encoding="utf-8") as fh:
                swift_json_text = fh.read()

            message = cls()
            try:
                message.ParseFromString(blob)
            except Exception as err:  # noqa: BLE001 - report any parse failure
                problems.append(f"{label}: Python cannot parse the Swift bytes: {err}")
                continue
            unknown = unknown_field_count(message)
            if unknown:
                problems.append(f"{label}: {unknown} unknown field(s) after parsing Swift bytes")
            python_dict = json_format.MessageToDict(message)
            swift_value = json.loads(swift_json_text)
            for diff in differences(python_dict, swift_value)[:5]:
                problems.append(f"{label}: JSON differs at {diff}")

            try:
                parsed = json_format.Parse(swift_json_text, cls())
            except json_format.ParseError as err:
                problems.append(f"{label}: Python cannot parse the Swift JSON: {err}")
                continue
            with open(base + ".python.bin", "wb") as fh:
                fh.write(parsed.SerializeToString(deterministic=True))

    for problem in problems:
        print(problem)
    print(f"check_contracts: {len(entries)} samples checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
