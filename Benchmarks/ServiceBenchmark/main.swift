// charter-service-bench: drives the registry and self-review services through the typed Swift
// client and prints one `RESULT name value unit` line per figure, for the scripts in
// Benchmarks/ to tabulate against targets and a reference run.
//
//   charter-service-bench <mode> --registry HOST:PORT [--self-review HOST:PORT]
//                                --email E --password P [options]
//
// Modes:
//   service-token --name N        prints a service token (for starting a peer service)
//   register --count N --first-urn U [--concurrency C] [--commit] [--publicly-listed]
//                                 RegisterSchool calls/s (synthetic schools spread over 150
//                                 authorities and the seven phases)
//   get --calls N [--concurrency C]
//                                 GetSchool calls/s and latency over the stored schools
//   feed                          registry event feed catch-up from sequence 0, events/s
//   fill --count N --first-urn U [--concurrency C]
//                                 starts a review for each school and rates every aspect
//                                 (RateAspects), waiting for the self-review service to
//                                 learn each school from the registry feed
//   rate --calls N --count N --first-urn U [--concurrency C]
//                                 RateAspect calls/s over those schools' reviews
//   status --calls N --count N --first-urn U
//                                 GetReviewStatus latency, one call at a time
//   benchmarks --calls N --count N --first-urn U
//                                 GetBenchmarks latency, one call at a time
import Contracts
import Foundation
import Identity
import NIOCore
import NIOPosix
import RPCCore
import RPCHTTP2

struct Options {
  let arguments = Array(CommandLine.arguments.dropFirst())
  var mode: String { arguments.first ?? "" }
  func string(_ name: String) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
  }
  func int(_ name: String, _ fallback: Int) -> Int { string(name).flatMap(Int.init) ?? fallback }
  func flag(_ name: String) -> Bool { arguments.contains(name) }
}

struct BenchmarkFailure: Error, CustomStringConvertible {
  let description: String
}

func result(_ name: String, _ value: Double, _ unit: String) {
  print("RESULT \(name) \(String(format: "%.3f", value)) \(unit)")
}

func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

/// Runs `total` operations from `concurrency` workers; returns per-call latencies (µs) and the
/// elapsed time.
func runCalls(
  total: Int, concurrency: Int, on executor: any TaskExecutor, _ body: @escaping @Sendable (Int) async throws -> Void
) async throws -> ([Double], Duration) {
  let start = ContinuousClock.now
  let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
    for worker in 0..<concurrency {
      // The callers run on the client's event loop, where their responses arrive.
      group.addTask(executorPreference: executor) {
        var mine: [Double] = []
        var i = worker
        while i < total {
          let t0 = ContinuousClock.now
          try await body(i)
          mine.append(seconds(ContinuousClock.now - t0) * 1e6)
          i += concurrency
        }
        return mine
      }
    }
    var all: [Double] = []
    for try await part in group { all += part }
    return all
  }
  return (latencies, ContinuousClock.now - start)
}

func percentiles(_ name: String, _ latencies: [Double]) {
  let sorted = latencies.sorted()
  guard !sorted.isEmpty else { return }
  func pct(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
  result("\(name)_p50", pct(0.5) / 1000, "ms")
  result("\(name)_p99", pct(0.99) / 1000, "ms")
  result("\(name)_max", sorted.last! / 1000, "ms")
}

let phases: [Common.SchoolPhase] = [
  .primary, .primary, .primary, .primary, .secondary, .special, .nursery, .allThrough, .middle, .pupilReferralUnit,
]

func school(_ urn: Int, commit: Bool, listed: Bool = false) -> Registry.RegisterSchoolRequest {
  let la = 300 + urn % 150
  var request = Registry.RegisterSchoolRequest(
    urn: String(urn), name: "Benchmark School \(urn)",
    address: Common.PostalAddress(
      lines: ["\(urn % 200 + 1) Bench Street"], town: "Benchton", postcode: "B\(urn % 90 + 1) \(urn % 9 + 1)AA"),
    phase: phases[urn % phases.count], localAuthority: Common.LocalAuthority(code: String(la), name: "Authority \(la)"),
    numberOnRoll: Int32(50 + urn % 1500),
    location: Common.GeoPoint(latitude: 50.5 + Double(urn % 400) / 100, longitude: -4 + Double(urn % 500) / 100))
  request.commitToCharter = commit
  request.publiclyListed = listed
  return request
}

let options = Options()
// One event loop for both clients: callers run on it too (see `runCalls`).
let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
guard let registryAddress = options.string("--registry").flatMap(HTTP2ClientTransport.Configuration.init(address:))
else {
  FileHandle.standardError.write(Data("usage: see the header of Benchmarks/ServiceBenchmark/main.swift\n".utf8))
  exit(2)
}
let registryTransport = HTTP2ClientTransport(configuration: registryAddress, group: group)
let concurrency = max(1, options.int("--concurrency", 64))
let count = options.int("--count", 1000)
let firstURN = options.int("--first-urn", 900_000)
let calls = options.int("--calls", 20_000)

do {
  let anonymous = Registry.Client(RPCClient(transport: registryTransport))
  let token = try await anonymous.signIn(
    .init(email: options.string("--email") ?? "", password: options.string("--password") ?? "")
  ).token
  let interceptors: [any ClientInterceptor] = [BearerTokenInterceptor { token }]
  let registry = Registry.Client(RPCClient(transport: registryTransport, interceptors: interceptors))
  let selfReviewTransport = options.string("--self-review").flatMap(HTTP2ClientTransport.Configuration.init(address:))
    .map {
      HTTP2ClientTransport(configuration: $0, group: group)
    }
  func selfReview() throws -> SelfReview.Client {
    guard let selfReviewTransport else {
      throw BenchmarkFailure(description: "--self-review HOST:PORT is needed for \(options.mode)")
    }
    return SelfReview.Client(RPCClient(transport: selfReviewTransport, interceptors: interceptors))
  }

  switch options.mode {
  case "service-token":
    print(try await registry.issueServiceToken(.init(serviceName: options.string("--name") ?? "benchmark")).token)

  case "register":
    let commit = options.flag("--commit")
    let listed = options.flag("--publicly-listed")
    let (latencies, elapsed) = try await runCalls(
      total: count, concurrency: concurrency, on: registryTransport.taskExecutor
    ) { i in
      _ = try await registry.registerSchool(school(firstURN + i, commit: commit, listed: listed))
    }
    result("register_calls_per_s", Double(count) / seconds(elapsed), "calls/s")
    percentiles("register_latency", latencies)

  case "get":
    var urns: [String] = []
    var pageToken = ""
    repeat {
      let page = try await registry.listSchools(.init(pageSize: 1000, pageToken: pageToken))
      urns += page.schools.map(\.urn)
      pageToken = page.nextPageToken
    } while !pageToken.isEmpty
    guard !urns.isEmpty else { throw BenchmarkFailure(description: "no schools to get") }
    let all = urns
    _ = try await runCalls(total: min(calls, 5000), concurrency: concurrency, on: registryTransport.taskExecutor) { i in
      _ = try await registry.getSchool(.init(urn: all[i % all.count]))
    }
    let (latencies, elapsed) = try await runCalls(
      total: calls, concurrency: concurrency, on: registryTransport.taskExecutor
    ) { i in
      _ = try await registry.getSchool(.init(urn: all[(i &* 7919) % all.count]))
    }
    result("schools_stored", Double(all.count), "schools")
    result("get_calls_per_s", Double(calls) / seconds(elapsed), "calls/s")
    percentiles("get_latency", latencies)

  case "feed":
    let start = ContinuousClock.now
    let received = try await registry.streamEvents(.init(afterSequence: 0, stopAtHead: true)) { stream in
      var n = 0
      for try await _ in stream { n += 1 }
      return n
    }
    let elapsed = ContinuousClock.now - start
    result("feed_events", Double(received), "events")
    result("feed_events_per_s", Double(received) / seconds(elapsed), "events/s")

  case "fill":
    let client = try selfReview()
    let framework = try await client.getFramework(.init())
    let aspects = framework.elements.flatMap { $0.strands.flatMap(\.aspects) }
    let (_, elapsed) = try await runCalls(total: count, concurrency: concurrency, on: registryTransport.taskExecutor) {
      i in
      let urn = String(firstURN + i)
      // The service learns of the school from the registry's feed; wait for it.
      var attempts = 0
      while true {
        do {
          _ = try await client.startReview(.init(schoolUrn: urn))
          break
        } catch let error as RPCError where error.code == .notFound && attempts < 3000 {
          attempts += 1
          try await Task.sleep(for: .milliseconds(20))
        }
      }
      let ratings = aspects.enumerated().map { index, aspect in
        SelfReview.RateAspectRequest(
          aspectId: aspect.aspectId, level: Int32(1 + (i &* 31 &+ index &* 7) % 5),
          commentary: "Benchmark commentary for \(aspect.aspectId).")
      }
      _ = try await client.rateAspects(.init(schoolUrn: urn, ratings: ratings))
    }
    result("fill_schools_per_s", Double(count) / seconds(elapsed), "schools/s")
    result("fill_ratings_per_s", Double(count * aspects.count) / seconds(elapsed), "ratings/s")

  case "rate":
    let client = try selfReview()
    let framework = try await client.getFramework(.init())
    let aspects = framework.elements.flatMap { $0.strands.flatMap(\.aspects) }.map(\.aspectId)
    let (latencies, elapsed) = try await runCalls(
      total: calls, concurrency: concurrency, on: registryTransport.taskExecutor
    ) { i in
      _ = try await client.rateAspect(
        .init(
          schoolUrn: String(firstURN + (i &* 7919) % count), aspectId: aspects[i % aspects.count],
          level: Int32(1 + i % 5),
          commentary: "Re-rated in the benchmark."))
    }
    result("rate_calls_per_s", Double(calls) / seconds(elapsed), "calls/s")
    percentiles("rate_latency", latencies)

  case "status":
    let client = try selfReview()
    _ = try await runCalls(total: 500, concurrency: 1, on: registryTransport.taskExecutor) { i in
      _ = try await client.getReviewStatus(.init(schoolUrn: String(firstURN + i % count)))
    }
    let (latencies, _) = try await runCalls(total: calls, concurrency: 1, on: registryTransport.taskExecutor) { i in
      _ = try await client.getReviewStatus(.init(schoolUrn: String(firstURN + (i &* 7919) % count)))
    }
    percentiles("status_latency", latencies)

  case "benchmarks":
    let client = try selfReview()
    let check = try await client.getBenchmarks(.init(schoolUrn: String(firstURN)))
    result(
      "benchmark_national_schools", Double(check.aspects.map { $0.national?.schoolCount ?? 0 }.max() ?? 0), "schools")
    _ = try await runCalls(total: 200, concurrency: 1, on: registryTransport.taskExecutor) { i in
      _ = try await client.getBenchmarks(.init(schoolUrn: String(firstURN + i % count)))
    }
    let (latencies, _) = try await runCalls(total: calls, concurrency: 1, on: registryTransport.taskExecutor) { i in
      _ = try await client.getBenchmarks(.init(schoolUrn: String(firstURN + (i &* 7919) % count)))
    }
    percentiles("benchmarks_latency", latencies)

  default:
    throw BenchmarkFailure(
      description: "unknown mode \"\(options.mode)\"; see the header of Benchmarks/ServiceBenchmark/main.swift")
  }
  await registryTransport.close()
  await selfReviewTransport?.close()
} catch {
  FileHandle.standardError.write(Data("charter-service-bench: \(error)\n".utf8))
  exit(1)
}
try? await group.shutdownGracefully()
