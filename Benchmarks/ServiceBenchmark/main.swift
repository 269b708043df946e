// charter-service-bench: drives the registry, self-review and accreditation services through the typed Swift
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
//   sentinel --urn U              starts one school's review and rates every aspect at the best
//                                 level, so the level 2 rule holds for it: the last self-review
//                                 event
//   acc-rebuild --count N --first-urn U --sentinel U --accreditation HOST:PORT
//                                 from start, until a fresh accreditation service knows the
//                                 last school and has heard the sentinel's level 2 rule: every
//                                 standing rebuilt from the feeds, in seconds
//   acc-standing --calls N --count N --first-urn U --accreditation HOST:PORT
//                                 GetCharterStanding latency, one call at a time
//   acc-certificates --calls N --count N --first-urn U --accreditation HOST:PORT
//                                 GetCertificate latency for the PDF and the PNG badge (each
//                                 rendered on the call), one call at a time
//   acc-verify --calls N --count N --first-urn U [--concurrency C] --accreditation HOST:PORT
//                                 VerifyCertificate calls/s, with no token
//   evaluation --count N --first-urn U --assessors A --evaluation HOST:PORT [--calls N]
//                                 ICT Mark: rates those (registered) schools' aspects at
//                                 their thresholds, registers A assessors (one in ten a lead)
//                                 and drives an application per school through every state
//                                 move (calls/s each, 64 callers), then measures
//                                 SuggestAssessors, an application's timeline (GetApplication)
//                                 and an assessor's queue (ListApplications), p99 one at a time
import CharterValues
import Contracts
import Foundation
import Identity
import NIOCore
import NIOPosix
import RPCCore
import RPCHTTP2
import Synchronization

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

/// When a measured phase starts or ends (wall clock, on stderr), to line up with samples of
/// each process's CPU taken alongside.
func phase(_ name: String, _ edge: String) {
  FileHandle.standardError.write(Data("PHASE \(name) \(edge) \(Date().timeIntervalSince1970)\n".utf8))
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

/// The ICT Mark workflow at scale; see the header.
func evaluationBenchmark(
  registry: Registry.Client, selfReview: SelfReview.Client, adminToken: String, evaluationAddress: String?,
  assessorCount: Int, count: Int, firstURN: Int, calls: Int, concurrency: Int, group: MultiThreadedEventLoopGroup,
  executor: any TaskExecutor
) async throws {
  guard let address = evaluationAddress.flatMap(HTTP2ClientTransport.Configuration.init(address:)) else {
    throw BenchmarkFailure(description: "--evaluation HOST:PORT is needed")
  }
  let transport = HTTP2ClientTransport(configuration: address, group: group)
  let rpc = RPCClient(transport: transport)
  let evaluation = Evaluation.Client(rpc)
  @Sendable func by(_ token: String) -> CallOptions {
    CallOptions(metadata: [BearerCredential.metadataKey: .string(BearerCredential.metadataValue(for: token))])
  }
  let admin = by(adminToken)
  let urns = (0..<count).map { String(firstURN + $0) }

  // Every school's review at the standard everywhere, with commentary.
  let framework = try await selfReview.getFramework(.init())
  let aspects = framework.elements.flatMap { $0.strands.flatMap(\.aspects) }
  _ = try await runCalls(total: count, concurrency: 16, on: executor) { i in
    var attempts = 0
    while true {
      do {
        _ = try await selfReview.startReview(.init(schoolUrn: urns[i]))
        break
      } catch let error as RPCError where error.code == .notFound && attempts < 3000 {
        attempts += 1
        try await Task.sleep(for: .milliseconds(20))
      }
    }
    _ = try await selfReview.rateAspects(
      .init(
        schoolUrn: urns[i],
        ratings: aspects.map {
          .init(
            aspectId: $0.aspectId, level: $0.thresholdLevel, commentary: "Evidence for \($0.aspectId) is in the plan.")
        }))
  }

  // People: assessors (one in ten a lead) and heads, each head of twenty schools.
  func person(_ email: String, _ roles: [Registry.RoleGrant]) async throws -> String {
    let invitation = try await registry.invitePerson(.init(email: email, displayName: email, roles: roles))
    _ = try await registry.acceptInvitation(
      .init(invitationCode: invitation.invitationCode, password: "bench \(email)"))
    return try await registry.signIn(.init(email: email, password: "bench \(email)")).token
  }
  let authorities = (300..<450).map(String.init)
  var assessors: [(id: String, token: String)] = []
  var tokens: [String: String] = [:]
  for index in 0..<assessorCount {
    let role = try RoleGrant(index % 10 == 0 ? .leadAssessor : .assessor)
    let token = try await person("assessor\(index)@bench.test", [role.message])
    var portrait = Evaluation.PenPortrait()
    portrait.localAuthorityCodes = authorities
    portrait.phases = [.nursery, .primary, .middle, .secondary, .allThrough, .special, .pupilReferralUnit]
    portrait.baseLocation = Common.GeoPoint(
      latitude: 50.5 + Double(index % 40) / 10, longitude: -4 + Double(index % 50) / 10)
    let registered = try await evaluation.registerAssessor(.init(penPortrait: portrait), options: by(token))
    _ = try await evaluation.signCodeOfPractice(.init(), options: by(token))
    var conference = Evaluation.RecordAssessorConferenceRequest()
    conference.assessorId = registered.assessorId
    conference.attendedOn = Common.Date(UTCTime.now().date.adding(days: -30))
    _ = try await evaluation.recordAssessorConference(conference, options: admin)
    if index % 10 != 0 { assessors.append((registered.assessorId, token)) }
    tokens[registered.assessorId] = token
  }
  let schoolsPerHead = 20
  var heads: [String] = []
  for head in 0..<((count + schoolsPerHead - 1) / schoolsPerHead) {
    let schools = urns[(head * schoolsPerHead)..<min(count, (head + 1) * schoolsPerHead)]
    heads.append(
      try await person(
        "head\(head)@bench.test", try schools.map { try RoleGrant(.schoolAdmin, .school(urn: $0)).message }))
  }
  let headTokens = heads
  @Sendable func head(_ i: Int) -> CallOptions { by(headTokens[i / schoolsPerHead]) }
  result("evaluation_assessors", Double(tokens.count), "assessors")

  // Every state move, each over every application, 64 callers.
  let idBox = IDs(count: count)
  func move(_ name: String, _ body: @escaping @Sendable (Int) async throws -> Void) async throws {
    phase("move_\(name)", "start")
    let (latencies, elapsed) = try await runCalls(total: count, concurrency: concurrency, on: executor, body)
    phase("move_\(name)", "end")
    result("move_\(name)_per_s", Double(count) / seconds(elapsed), "calls/s")
    percentiles("move_\(name)", latencies)
  }
  // Submission waits (outside the figure) until the service has learnt each school's standing.
  _ = try await runCalls(total: count, concurrency: 16, on: executor) { i in
    var attempts = 0
    while true {
      do {
        _ = try await evaluation.getEligibility(.init(schoolUrn: urns[i]), options: admin)
        if try await evaluation.getEligibility(.init(schoolUrn: urns[i]), options: admin).eligible { break }
      } catch let error as RPCError where error.code == .notFound {}
      attempts += 1
      guard attempts < 3000 else { throw BenchmarkFailure(description: "school \(urns[i]) never eligible") }
      try await Task.sleep(for: .milliseconds(20))
    }
  }
  try await move("submit") { i in
    let submitted = try await evaluation.submitApplication(
      .init(schoolUrn: urns[i], route: .standard, assessorPreference: .allocateForMe(true)), options: head(i))
    idBox.set(i, submitted.applicationId)
  }
  let applications = idBox.all
  try await move("record_payment") { i in
    _ = try await evaluation.recordPayment(.init(applicationId: applications[i]), options: admin)
  }
  try await move("return_evidence") { i in
    var check = Evaluation.RecordEvidenceCheckRequest()
    check.applicationId = applications[i]
    check.evidenceGaps = [Evaluation.EvidenceGap(aspectId: "", missing: "Say where the e-safety evidence is.")]
    _ = try await evaluation.recordEvidenceCheck(check, options: admin)
  }
  try await move("resubmit_evidence") { i in
    _ = try await evaluation.resubmitEvidence(.init(applicationId: applications[i], note: "Added."), options: head(i))
  }
  try await move("pass_evidence_check") { i in
    _ = try await evaluation.recordEvidenceCheck(.init(applicationId: applications[i], passed: true), options: admin)
  }

  // SuggestAssessors with every application waiting for an assessor, one call at a time.
  _ = try await runCalls(total: 200, concurrency: 1, on: executor) { i in
    _ = try await evaluation.suggestAssessors(.init(applicationId: applications[i % count]), options: admin)
  }
  let (suggestLatencies, _) = try await runCalls(total: min(calls, 5000), concurrency: 1, on: executor) { i in
    _ = try await evaluation.suggestAssessors(
      .init(applicationId: applications[(i &* 7919) % count]), options: admin)
  }
  percentiles("suggest_assessors", suggestLatencies)

  let pool = assessors
  try await move("allocate_assessor") { i in
    _ = try await evaluation.allocateAssessor(
      .init(applicationId: applications[i], assessorId: pool[i % pool.count].id), options: admin)
  }
  try await move("accept_allocation") { i in
    _ = try await evaluation.acceptAllocation(
      .init(applicationId: applications[i]), options: by(pool[i % pool.count].token))
  }
  try await move("raise_cause_for_concern") { i in
    _ = try await evaluation.raiseCauseForConcern(
      .init(applicationId: applications[i], description: "The e-safety policy is missing."),
      options: by(pool[i % pool.count].token))
  }
  try await move("resolve_cause_for_concern") { i in
    var resolve = Evaluation.ResolveCauseForConcernRequest()
    resolve.applicationId = applications[i]
    resolve.resolution = .evidenceAdded
    resolve.note = "Policy added."
    _ = try await evaluation.resolveCauseForConcern(resolve, options: head(i))
  }
  let today = UTCTime.now().date
  let offered = [today, today.adding(days: 1)].map(Common.Date.init)
  try await move("offer_visit_dates") { i in
    _ = try await evaluation.offerVisitDates(.init(applicationId: applications[i], dates: offered), options: head(i))
  }
  // Every visit starts a little after the last is scheduled; the outcomes are recorded after it.
  let visitStart = UTCTime.now().adding(.seconds(max(15, count / 250)))
  var visit = Evaluation.Visit()
  visit.startsAt = Protobuf.Timestamp(visitStart)
  let agreed = visit
  try await move("schedule_visit") { i in
    _ = try await evaluation.scheduleVisit(
      .init(applicationId: applications[i], visit: agreed), options: by(pool[i % pool.count].token))
  }
  let wait = UTCTime.now().duration(to: visitStart.adding(.milliseconds(500)))
  if wait > .zero { try await Task.sleep(for: wait) }
  var report = Evaluation.AssessmentReport()
  report.outcome = .met
  report.contextCommentary = "A school where ICT is led well."
  report.strengths = ["Vision", "Staff confidence", "Pupils' use at home"]
  report.areasForDevelopment = ["Assessment", "Parents", "Sustainability"]
  let written = report
  let moderated = Moderated(count: count)
  try await move("record_outcome") { i in
    let recorded = try await evaluation.recordAssessmentOutcome(
      .init(applicationId: applications[i], report: written), options: by(pool[i % pool.count].token))
    if recorded.state == .moderation { moderated.set(i, recorded.allocation?.moderatorAssessorId ?? "") }
  }
  let moderators = moderated.all
  let toModerate = moderators.indices.filter { !moderators[$0].isEmpty }
  result("moderated_applications", Double(toModerate.count), "applications")
  let leadTokens = tokens
  if !toModerate.isEmpty {
    let (latencies, elapsed) = try await runCalls(total: toModerate.count, concurrency: concurrency, on: executor) {
      n in
      let i = toModerate[n]
      _ = try await evaluation.recordModeration(
        .init(applicationId: applications[i], moderatedOutcome: .met), options: by(leadTokens[moderators[i]] ?? ""))
    }
    result("move_record_moderation_per_s", Double(toModerate.count) / seconds(elapsed), "calls/s")
    percentiles("move_record_moderation", latencies)
  }
  try await move("approve_award") { i in
    _ = try await evaluation.approveAward(.init(applicationId: applications[i]), options: admin)
  }

  // Reads on the full history: an application's timeline, an assessor's queue.
  _ = try await runCalls(total: 200, concurrency: 1, on: executor) { i in
    _ = try await evaluation.getApplication(.init(applicationId: applications[i % count]), options: admin)
  }
  let (timeline, _) = try await runCalls(total: calls, concurrency: 1, on: executor) { i in
    let found = try await evaluation.getApplication(
      .init(applicationId: applications[(i &* 7919) % count]), options: admin)
    if i == 0 { result("timeline_steps", Double(found.history.count), "steps") }
  }
  percentiles("timeline", timeline)
  let (queue, _) = try await runCalls(total: calls, concurrency: 1, on: executor) { i in
    let assessor = pool[(i &* 31) % pool.count]
    var request = Evaluation.ListApplicationsRequest()
    request.assessorId = assessor.id
    request.pageSize = 100
    let page = try await evaluation.listApplications(request, options: by(assessor.token))
    if i == 0 { result("queue_length", Double(page.applications.count), "applications") }
  }
  percentiles("assessor_queue", queue)
  await transport.close()
}

/// Application ids (or moderators) filled in by concurrent callers.
final class IDs: Sendable {
  let values: Mutex<[String]>
  init(count: Int) { values = Mutex([String](repeating: "", count: count)) }
  func set(_ i: Int, _ value: String) { values.withLock { $0[i] = value } }
  var all: [String] { values.withLock { $0 } }
}
typealias Moderated = IDs

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

  let accreditationTransport = options.string("--accreditation").flatMap(
    HTTP2ClientTransport.Configuration.init(address:)
  ).map { HTTP2ClientTransport(configuration: $0, group: group) }
  func accreditation(anonymous: Bool = false) throws -> Accreditation.Client {
    guard let accreditationTransport else {
      throw BenchmarkFailure(description: "--accreditation HOST:PORT is needed for \(options.mode)")
    }
    return Accreditation.Client(
      RPCClient(transport: accreditationTransport, interceptors: anonymous ? [] : interceptors))
  }
  /// One certificate of each of `n` schools spread over the range.
  func certificates(_ client: Accreditation.Client, _ n: Int) async throws -> [Accreditation.Certificate] {
    var found: [Accreditation.Certificate] = []
    for i in 0..<min(n, count) {
      let urn = String(firstURN + (i &* 7919) % count)
      found += try await client.listCertificates(.init(schoolUrn: urn)).certificates.prefix(1)
    }
    guard !found.isEmpty else { throw BenchmarkFailure(description: "no certificates") }
    return found
  }

  switch options.mode {
  case "sentinel":
    let client = try selfReview()
    let aspects = try await client.getFramework(.init()).elements.flatMap { $0.strands.flatMap(\.aspects) }
    let urn = options.string("--urn") ?? ""
    // The service may still be learning of the school from the registry's feed.
    for _ in 0..<3000 {
      do {
        _ = try await client.startReview(.init(schoolUrn: urn))
        break
      } catch let error as RPCError where error.code == .notFound {
        try await Task.sleep(for: .milliseconds(20))
      }
    }
    _ = try await client.rateAspects(
      .init(
        schoolUrn: urn,
        ratings: aspects.map { .init(aspectId: $0.aspectId, level: 1, commentary: "The sentinel's best.") }))

  case "acc-rebuild":
    let client = try accreditation()
    let start = ContinuousClock.now
    let last = String(firstURN + count - 1)
    let sentinel = options.string("--sentinel") ?? last
    while true {
      let lastKnown = (try? await client.getCharterStanding(.init(schoolUrn: last)))?.level == .committed
      if lastKnown, (try? await client.getCharterStanding(.init(schoolUrn: sentinel)))?.level2RuleHolds == true {
        break
      }
      guard ContinuousClock.now - start < .seconds(1800) else {
        throw BenchmarkFailure(description: "the accreditation service did not catch up in 30 minutes")
      }
      try await Task.sleep(for: .milliseconds(50))
    }
    result("rebuild_seconds", seconds(ContinuousClock.now - start), "s")

  case "acc-standing":
    let client = try accreditation()
    _ = try await runCalls(total: 500, concurrency: 1, on: registryTransport.taskExecutor) { i in
      _ = try await client.getCharterStanding(.init(schoolUrn: String(firstURN + i % count)))
    }
    let (latencies, _) = try await runCalls(total: calls, concurrency: 1, on: registryTransport.taskExecutor) { i in
      _ = try await client.getCharterStanding(.init(schoolUrn: String(firstURN + (i &* 7919) % count)))
    }
    percentiles("standing_latency", latencies)

  case "acc-certificates":
    let client = try accreditation()
    let all = try await certificates(client, 200)
    for (format, name) in [(Accreditation.CertificateFormat.pdf, "pdf"), (.pngBadge, "png")] {
      _ = try await runCalls(total: 50, concurrency: 1, on: registryTransport.taskExecutor) { i in
        _ = try await client.getCertificate(.init(certificateId: all[i % all.count].certificateId, format: format))
      }
      let sizes = ManagedAtomicCounter()
      let (latencies, _) = try await runCalls(total: calls, concurrency: 1, on: registryTransport.taskExecutor) { i in
        let document = try await client.getCertificate(
          .init(certificateId: all[i % all.count].certificateId, format: format))
        sizes.add(document.document.count)
      }
      percentiles("\(name)_latency", latencies)
      result("\(name)_bytes", Double(sizes.total) / Double(calls), "bytes")
    }

  case "acc-verify":
    let client = try accreditation(anonymous: true)
    let codes = try await certificates(try accreditation(), 1000).map(\.verificationCode)
    _ = try await runCalls(total: 2000, concurrency: concurrency, on: registryTransport.taskExecutor) { i in
      _ = try await client.verifyCertificate(.init(verificationCode: codes[i % codes.count]))
    }
    let (latencies, elapsed) = try await runCalls(
      total: calls, concurrency: concurrency, on: registryTransport.taskExecutor
    ) { i in
      let checked = try await client.verifyCertificate(.init(verificationCode: codes[(i &* 7919) % codes.count]))
      guard checked.status == .valid else { throw BenchmarkFailure(description: "not valid: \(checked.explanation)") }
    }
    result("verify_calls_per_s", Double(calls) / seconds(elapsed), "calls/s")
    percentiles("verify_latency", latencies)

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

  case "evaluation":
    try await evaluationBenchmark(
      registry: registry, selfReview: try selfReview(), adminToken: token,
      evaluationAddress: options.string("--evaluation"),
      assessorCount: max(10, options.int("--assessors", 60)), count: count, firstURN: firstURN, calls: calls,
      concurrency: concurrency, group: group, executor: registryTransport.taskExecutor)

  default:
    throw BenchmarkFailure(
      description: "unknown mode \"\(options.mode)\"; see the header of Benchmarks/ServiceBenchmark/main.swift")
  }
  await registryTransport.close()
  await selfReviewTransport?.close()
  await accreditationTransport?.close()
} catch {
  FileHandle.standardError.write(Data("charter-service-bench: \(error)\n".utf8))
  exit(1)
}
try? await group.shutdownGracefully()

/// A running sum callers on the client's event loop add to (the document sizes).
final class ManagedAtomicCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var sum = 0
  func add(_ n: Int) { lock.withLock { sum += n } }
  var total: Int { lock.withLock { sum } }
}
