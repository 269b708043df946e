"""Wire-compatibility gate for the Charter contracts.

Compares a candidate descriptor set (the protos as they are now) with the released one and
lists every change that would break a peer still on the released contract: a message, field,
enum value, service or RPC removed; a field renumbered, given another type or cardinality, or
its number reused by another field; an enum value's number reused by another name; an RPC's
request, response or streaming changed. Adding messages, fields, enum values, services and
RPCs passes.

Usage: compatibility.py RELEASED.binpb CANDIDATE.binpb   (exit 1 and a list when anything broke)
"""
import sys

from google.protobuf import descriptor_pb2

FDP = descriptor_pb2.FieldDescriptorProto


def load(path):
    fds = descriptor_pb2.FileDescriptorSet()
    with open(path, "rb") as f:
        fds.ParseFromString(f.read())
    return fds


def index(fds):
    """Messages, enums and services by full name, from every file except google's own."""
    messages, enums, services = {}, {}, {}

    def add_message(prefix, m):
        name = f"{prefix}.{m.name}"
        messages[name] = m
        for nested in m.nested_type:
            add_message(name, nested)
        for e in m.enum_type:
            enums[f"{name}.{e.name}"] = e

    for f in fds.file:
        if f.package.startswith("google."):
            continue
        prefix = f.package
        for m in f.message_type:
            add_message(prefix, m)
        for e in f.enum_type:
            enums[f"{prefix}.{e.name}"] = e
        for s in f.service:
            services[f"{prefix}.{s.name}"] = s
    return messages, enums, services


def field_type(field):
    base = FDP.Type.Name(field.type).replace("TYPE_", "").lower()
    return f"{base} {field.type_name.lstrip('.')}".strip()


def cardinality(field):
    return "repeated" if field.label == FDP.LABEL_REPEATED else "singular"


def breaks(released, candidate):
    """Every incompatible change from `released` to `candidate`, in words."""
    old_messages, old_enums, old_services = index(released)
    new_messages, new_enums, new_services = index(candidate)
    found = []
    for name, old in old_messages.items():
        new = new_messages.get(name)
        if new is None:
            found.append(f"message {name} was removed")
            continue
        by_number = {f.number: f for f in new.field}
        by_name = {f.name: f for f in new.field}
        for field in old.field:
            current = by_number.get(field.number)
            if current is None:
                if field.name in by_name:
                    found.append(
                        f"field {name}.{field.name} was renumbered from {field.number} to {by_name[field.name].number}")
                else:
                    found.append(f"field {name}.{field.name} ({field.number}) was removed")
                continue
            if current.name != field.name:
                found.append(
                    f"field number {field.number} of {name} was reused: {field.name} is now {current.name}")
            if field_type(current) != field_type(field):
                found.append(
                    f"field {name}.{field.name} changed type from {field_type(field)} to {field_type(current)}")
            if cardinality(current) != cardinality(field):
                found.append(
                    f"field {name}.{field.name} changed from {cardinality(field)} to {cardinality(current)}")
    for name, old in old_enums.items():
        new = new_enums.get(name)
        if new is None:
            found.append(f"enum {name} was removed")
            continue
        values = {v.number: v.name for v in new.value}
        for value in old.value:
            if value.number not in values:
                found.append(f"enum value {name}.{value.name} ({value.number}) was removed")
            elif values[value.number] != value.name:
                found.append(
                    f"enum value number {value.number} of {name} was reused: {value.name} is now {values[value.number]}")
    for name, old in old_services.items():
        new = new_services.get(name)
        if new is None:
            found.append(f"service {name} was removed")
            continue
        methods = {m.name: m for m in new.method}
        for method in old.method:
            current = methods.get(method.name)
            if current is None:
                found.append(f"rpc {name}/{method.name} was removed")
                continue
            for part in ("input_type", "output_type"):
                if getattr(current, part) != getattr(method, part):
                    found.append(
                        f"rpc {name}/{method.name} changed its {part.split('_')[0]} from "
                        f"{getattr(method, part).lstrip('.')} to {getattr(current, part).lstrip('.')}")
            for part in ("client_streaming", "server_streaming"):
                if getattr(current, part) != getattr(method, part):
                    found.append(f"rpc {name}/{method.name} changed {part.replace('_', ' ')}")
    return found


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    found = breaks(load(argv[1]), load(argv[2]))
    if found:
        print(f"the contracts break wire compatibility with the released set in {len(found)} ways:")
        for line in found:
            print(f"  - {line}")
        return 1
    print("the contracts are wire-compatible with the released set")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
