// charter-grpc-bench: the Swift gRPC client's own throughput and latency, calling
// grpc.testing.TestService/EmptyCall on a server (charter-interop-server by default).
//
//   charter-grpc-bench --port P [--host H] [--calls N] [--concurrency C] [--warmup N]
//
// Prints calls/s and latency percentiles (p50, p90, p99, max) in microseconds.
import Contracts
import Foundation
import NIOCore
import NIOPosix
import RPCCore
import RPCHTTP2

func argument(_ name: String, _ fallback: Int) -> Int {
  let args = CommandLine.arguments
  guard let i = args.firstIndex(of: name), i + 1 < args.count, let v = Int(args[i + 1]) else { return fallback }
  return v
}
let host = CommandLine.arguments.firstIndex(of: "--host").map { CommandLine.arguments[$0 + 1] } ?? "127.0.0.1"
let port = argument("--port", 50051)
let calls = argument("--calls", 200_000)
let concurrency = max(1, argument("--concurrency", 64))
let warmup = argument("--warmup", 10_000)

let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
let transport = HTTP2ClientTransport(configuration: .init(host: host, port: port), group: group)
let client = GRPCTesting.TestService.Client(RPCClient(transport: transport))

/// Runs `total` calls from `concurrency` workers; returns per-call latencies in nanoseconds.
func run(total: Int) async throws -> (latencies: [Int64], elapsed: Duration) {
  let start = ContinuousClock.now
  let latencies = try await withThrowingTaskGroup(of: [Int64].self) { group in
    let share = total / concurrency
    for worker in 0..<concurrency {
      let count = share + (worker < total % concurrency ? 1 : 0)
      group.addTask {
        var mine: [Int64] = []
        mine.reserveCapacity(count)
        for _ in 0..<count {
          let t0 = ContinuousClock.now
          _ = try await client.emptyCall(GRPCTesting.Empty())
          let d = ContinuousClock.now - t0
          mine.append(d.components.seconds * 1_000_000_000 + d.components.attoseconds / 1_000_000_000)
        }
        return mine
      }
    }
    var all: [Int64] = []
    for try await part in group { all += part }
    return all
  }
  return (latencies, ContinuousClock.now - start)
}

do {
  _ = try await run(total: warmup)
  let (latencies, elapsed) = try await run(total: calls)
  let sorted = latencies.sorted()
  func pct(_ p: Double) -> Double { Double(sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]) / 1000 }
  let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
  print(
    String(
      format: "calls %d concurrency %d: %.0f calls/s, latency µs p50 %.0f p90 %.0f p99 %.0f max %.0f",
      calls, concurrency, Double(calls) / seconds, pct(0.5), pct(0.9), pct(0.99), pct(1.0)))
} catch {
  FileHandle.standardError.write(Data("benchmark failed: \(error)\n".utf8))
  exit(1)
}
await transport.close()
try? await group.shutdownGracefully()
