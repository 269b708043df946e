#!/usr/bin/env python3
"""Makes gRPC calls with a deadline from whatever network namespace it runs in, and prints what
happened: calls made, successes, failures by status code, and latency percentiles.

    calls.py TARGET METHOD --request-hex HEX [--token T] [--calls N] [--concurrency C]
             [--deadline SECONDS]

A stock grpcio client with a generic (bytes in, bytes out) method, so the network runs need no
generated code. Exit status 0 when every call succeeded.
"""

import argparse
import json
import threading
import time

import grpc


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("target")
    parser.add_argument("method")
    parser.add_argument("--request-hex", default="")
    parser.add_argument("--token")
    parser.add_argument("--calls", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--deadline", type=float, default=2.0)
    args = parser.parse_args()

    request = bytes.fromhex(args.request_hex)
    metadata = [("authorization", f"Bearer {args.token}")] if args.token else []
    channel = grpc.insecure_channel(args.target)
    call = channel.unary_unary(args.method)
    latencies, codes = [], {}
    lock = threading.Lock()
    remaining = [args.calls]

    def worker():
        while True:
            with lock:
                if remaining[0] == 0:
                    return
                remaining[0] -= 1
            start = time.monotonic()
            try:
                call(request, timeout=args.deadline, metadata=metadata)
                code = "OK"
            except grpc.RpcError as error:
                code = error.code().name
            elapsed = time.monotonic() - start
            with lock:
                latencies.append(elapsed)
                codes[code] = codes.get(code, 0) + 1

    threads = [threading.Thread(target=worker) for _ in range(args.concurrency)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - started
    latencies.sort()

    def percentile(p):
        return round(latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000, 1) if latencies else None

    print(
        json.dumps(
            {
                "calls": len(latencies),
                "ok": codes.get("OK", 0),
                "codes": codes,
                "p50_ms": percentile(0.50),
                "p99_ms": percentile(0.99),
                "max_ms": round(latencies[-1] * 1000, 1) if latencies else None,
                "deadline_s": args.deadline,
                "seconds": round(wall, 2),
            }
        )
    )
    raise SystemExit(0 if codes.get("OK", 0) == len(latencies) else 1)


if __name__ == "__main__":
    main()
