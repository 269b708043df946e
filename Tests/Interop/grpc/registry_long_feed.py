"""A long event feed read by a stock grpcio client with default channel options, written only
from the protos in `proto/`.

gRPC's C core (grpcio and every client built on it) sends bandwidth-probe PINGs while a
stream's data flows, so one stream of a few hundred thousand messages shows whether the
server forgives those pings as it sends data, or ends the connection with
GOAWAY(ENHANCE_YOUR_CALM, "too_many_pings").

Two steps, the registry stopped for the first:
  registry_long_feed.py seed --database DATA_DIR/registry.sqlite --events N
      appends N valid `RegistryEvent`s to the registry's outbox in one transaction and
      prints `SEEDED <last sequence>`;
  registry_long_feed.py stream --port P --admin-email E --admin-password W --head H
      signs in, reads StreamEvents(after_sequence=0, stop_at_head=true) in one call on a
      default `grpc.insecure_channel`, checks that sequences 1..H arrive in order, and prints
      `PASS long_feed <count> events in <seconds> s` (or `FAIL long_feed: why`, exit 1).
"""
import argparse
import sqlite3
import sys
import time

import grpc

from registry_client import load


def seed(options):
    common, registry, _ = load()
    # Schools registered by a programme admin, each event complete as the registry writes it.
    actor = common.Actor(person_id="long-feed-admin", display_name="Programme admin")
    now_ms = int(time.time() * 1000)
    rows = []
    for i in range(options.events):
        urn = str(100000 + i % 900000)
        event = registry.RegistryEvent(actor=actor)
        event.occurred_at.FromMilliseconds(now_ms)
        school = event.school_registered.school
        school.urn = urn
        school.name = f"Long Feed School {i}"
        school.address.lines.append(f"{i} Feed Street")
        school.address.town = "Leeds"
        school.address.postcode = "LS1 4AP"
        school.phase = common.SCHOOL_PHASE_PRIMARY
        school.local_authority.code = "383"
        school.local_authority.name = "Leeds"
        school.number_on_roll = 240
        rows.append(("school_registered", event.SerializeToString(), now_ms))
    db = sqlite3.connect(options.database)
    with db:
        db.executemany("INSERT INTO outbox_event (event_type, payload, recorded_at) VALUES (?, ?, ?)", rows)
    head = db.execute("SELECT max(sequence) FROM outbox_event").fetchone()[0]
    db.close()
    print(f"SEEDED {head}", flush=True)


def stream(options):
    _, registry, registry_grpc = load()
    channel = grpc.insecure_channel(f"127.0.0.1:{options.port}")  # default options: BDP probes on
    stub = registry_grpc.RegistryStub(channel)
    token = stub.SignIn(
        registry.SignInRequest(email=options.admin_email, password=options.admin_password), timeout=10).token
    started = time.monotonic()
    expected = 1
    try:
        for event in stub.StreamEvents(
            registry.StreamEventsRequest(after_sequence=0, stop_at_head=True),
            metadata=[("authorization", f"Bearer {token}")], timeout=options.timeout):
            if event.sequence != expected:
                raise AssertionError(f"sequence {event.sequence} where {expected} was due")
            expected += 1
        received = expected - 1
        if received != options.head:
            raise AssertionError(f"the stream ended after {received} of {options.head} events")
    except grpc.RpcError as error:
        print(f"FAIL long_feed: {error.code()} {error.details()!r} after {expected - 1} events", flush=True)
        sys.exit(1)
    except AssertionError as error:
        print(f"FAIL long_feed: {error}", flush=True)
        sys.exit(1)
    finally:
        channel.close()
    print(f"PASS long_feed {received} events in {time.monotonic() - started:.1f} s", flush=True)


def main():
    parser = argparse.ArgumentParser()
    steps = parser.add_subparsers(dest="step", required=True)
    seeding = steps.add_parser("seed")
    seeding.add_argument("--database", required=True)
    seeding.add_argument("--events", type=int, required=True)
    streaming = steps.add_parser("stream")
    streaming.add_argument("--port", type=int, required=True)
    streaming.add_argument("--admin-email", required=True)
    streaming.add_argument("--admin-password", required=True)
    streaming.add_argument("--head", type=int, required=True)
    streaming.add_argument("--timeout", type=float, default=300)
    options = parser.parse_args()
    if options.step == "seed":
        seed(options)
    else:
        stream(options)


if __name__ == "__main__":
    main()
