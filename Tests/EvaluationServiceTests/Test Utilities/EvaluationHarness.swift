import CharterValues
import Contracts
import EvaluationService
import Foundation
import Identity
import Logging
import RPCCore
import ServiceKit
import Storage
import Synchronization

/// The evaluation service as its host wires it, in this process on the in-process transport,
/// with a clock the test moves. Its peers' feeds are played in as the registry and the
/// self-review would send them (the same events, applied by the same code the followers run),
/// and people's tokens are signed with a key the service is told to trust, so a test sets up
/// any school, self-review and person in a few lines.
final class EvaluationHarness: Sendable {
  let host: ServiceHost
  let store: EvaluationStore
  let clock: ManualWallClock
  let transport: InProcessTransport
  let signer: TokenSigner
  let directory: String
  let scheduler: MarkScheduler
  private let counter = Mutex(0)

  /// The day the harness's clock starts on: a Monday in the Charter's years.
  static let start = UTCTime(rfc3339: "2010-01-04T09:00:00Z")!
  /// When a test assessor last attended the assessor conference.
  enum Conference {
    /// A month before the clock's today.
    case recent
    case on(CalendarDate)
    case never
  }

  static func start(
    rules: EvaluationRules = EvaluationRules(moderationSampleRate: 0), schedulerInterval: Duration = .seconds(3600)
  ) async throws -> EvaluationHarness {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("evaluation-\(UUID())").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    var logger = Logger(label: "evaluation-test")
    logger.logLevel = .error
    let signer = try await TokenSigner(privateKeyPEM: try TokenSigner.generatePrivateKeyPEM())
    let keyFile = directory + "/registry-key.pem"
    try signer.publicKey.pem.write(toFile: keyFile, atomically: true, encoding: .utf8)
    var settings = ServiceSettings(port: 0, dataDirectory: directory, logLevel: .error)
    settings.options[PeerCredentials.publicKeyFile.flag] = keyFile
    settings.peers[.registry] = "127.0.0.1:9"
    settings.peers[.selfReview] = "127.0.0.1:9"
    let clock = ManualWallClock(start)
    let store = try await EvaluationStore.open(inDirectory: directory, clock: clock)
    let host = try await EvaluationHost.build(
      store: store, rules: rules, settings: settings, environment: [:], logger: logger,
      schedulerInterval: schedulerInterval)
    let transport = InProcessTransport()
    try await host.start(on: transport)
    return EvaluationHarness(
      host: host, store: store, clock: clock, transport: transport, signer: signer, directory: directory,
      scheduler: MarkScheduler(store: store, logger: logger))
  }

  private init(
    host: ServiceHost, store: EvaluationStore, clock: ManualWallClock, transport: InProcessTransport,
    signer: TokenSigner, directory: String, scheduler: MarkScheduler
  ) {
    self.host = host
    self.store = store
    self.clock = clock
    self.transport = transport
    self.signer = signer
    self.directory = directory
    self.scheduler = scheduler
  }

  func stop() async {
    await host.shutdown(gracePeriod: .seconds(1))
    try? FileManager.default.removeItem(atPath: directory)
  }

  /// A fresh number for ids, URNs and names.
  func next() -> Int {
    counter.withLock {
      $0 += 1
      return $0
    }
  }

  var now: UTCTime { clock.now() }
  var today: CalendarDate { now.date }

  // MARK: people and clients

  /// A client calling as `caller`.
  func client(_ caller: Caller) async throws -> Evaluation.Client {
    let token = try await signer.issue(for: caller, lifetime: .seconds(3600)).token
    return Evaluation.Client(RPCClient(transport: transport.client, interceptors: [BearerTokenInterceptor { token }]))
  }

  var anonymous: Evaluation.Client { Evaluation.Client(RPCClient(transport: transport.client)) }

  func admin() async throws -> Evaluation.Client {
    try await client(
      Caller(kind: .person(id: "p-admin"), displayName: "Programme Admin", grants: [try RoleGrant(.programmeAdmin)]))
  }

  static func person(_ id: String, _ name: String, _ grants: [RoleGrant]) -> Caller {
    Caller(kind: .person(id: id), displayName: name, grants: grants)
  }

  static func head(of urn: String) -> Caller {
    person("p-head-\(urn)", "Head of \(urn)", [try! RoleGrant(.schoolAdmin, .school(urn: urn))])
  }

  // MARK: the registry's and self-review's feeds, played in

  /// The registry announces a school (committed).
  func school(
    _ urn: String, la: String = "383", phase: Common.SchoolPhase = .primary, roll: Int32 = 240,
    location: Common.GeoPoint? = Common.GeoPoint(latitude: 53.8, longitude: -1.55)
  ) async throws {
    var school = Registry.School()
    school.urn = urn
    school.name = "School \(urn)"
    school.phase = phase
    school.localAuthority = Common.LocalAuthority(code: la, name: "Authority \(la)")
    school.numberOnRoll = roll
    school.location = location
    school.address = Common.PostalAddress(lines: ["1 Lane"], town: "Town", postcode: "LS1 4AP")
    school.commitment = Registry.Commitment(committed: true, committedAt: Protobuf.Timestamp(Self.start))
    try await registry(.schoolRegistered(Registry.SchoolRegistered(school: school)))
  }

  /// The registry announces a person who joined with `roles`.
  func registryPerson(_ caller: Caller) async throws {
    var person = Registry.Person()
    person.personId = caller.personID!
    person.displayName = caller.displayName
    person.state = .active
    person.roles = caller.grants.map(\.message)
    try await registry(.personJoined(Registry.PersonJoined(person: person)))
  }

  func registry(_ payload: Registry.RegistryEvent.Payload) async throws {
    var event = Registry.RegistryEvent()
    event.occurredAt = Protobuf.Timestamp(now)
    event.payload = payload
    let store = self.store
    let played = event
    try await store.database.write { db in try store.applyRegistryEvent(played, in: db) }
  }

  /// The self-review says the school rated every aspect (three here) at its threshold with
  /// commentary, and the framework reached the national standard.
  func eligible(_ urn: String, commentary: Bool = true) async throws {
    try await selfReview(urn, .reviewStarted(SelfReview.ReviewStarted(frameworkId: "srf-2008")))
    for aspect in ["1a1", "1a2", "2a1"] {
      try await selfReview(
        urn,
        .aspectRated(
          SelfReview.AspectRated(
            rating: SelfReview.AspectRating(aspectId: aspect, level: 2, commentary: commentary ? "See the plan." : "")))
      )
    }
    try await selfReview(
      urn, .frameworkReachedStandard(SelfReview.FrameworkReachedStandard(commentaryComplete: commentary)))
  }

  func selfReview(_ urn: String, _ payload: SelfReview.SelfReviewEvent.Payload) async throws {
    var event = SelfReview.SelfReviewEvent()
    event.occurredAt = Protobuf.Timestamp(now)
    event.schoolUrn = urn
    event.payload = payload
    let store = self.store
    let played = event
    try await store.database.write { db in try store.applySelfReviewEvent(played, in: db) }
  }

  /// A new committed school, eligible to apply; its head's client.
  func eligibleSchool(la: String = "383", phase: Common.SchoolPhase = .primary, roll: Int32 = 240) async throws -> (
    urn: String, head: Evaluation.Client
  ) {
    let urn = String(700_000 + next())
    try await school(urn, la: la, phase: phase, roll: roll)
    try await eligible(urn)
    return (urn, try await client(Self.head(of: urn)))
  }

  // MARK: assessors

  struct TestAssessor {
    let id: String
    let caller: Caller
    let client: Evaluation.Client
  }

  /// A registered, accredited assessor (code signed, conference recorded) covering Yorkshire
  /// and the Humber, every phase, with the given conflicts.
  func assessor(
    lead: Bool = false, regions: [String] = ["Yorkshire and the Humber"], codes: [String] = [],
    phases: [Common.SchoolPhase] = [.primary, .secondary, .special, .nursery, .middle, .allThrough],
    supported: [String] = [], worksIn: String = "", conference: Conference = .recent, signs: Bool = true
  ) async throws -> TestAssessor {
    let n = next()
    let caller = Self.person(
      "p-assessor-\(n)", "Assessor \(n)", [try RoleGrant(lead ? .leadAssessor : .assessor)])
    try await registryPerson(caller)
    let me = try await client(caller)
    var portrait = Evaluation.PenPortrait(
      localAuthorityCodes: codes, regions: regions, phases: phases, biography: "Former ICT adviser.")
    portrait.worksInLocalAuthorityCode = worksIn
    let registered = try await me.registerAssessor(.init(penPortrait: portrait, supportedSchoolUrns: supported))
    if signs { _ = try await me.signCodeOfPractice(.init()) }
    let attended: CalendarDate? =
      switch conference {
      case .recent: today.adding(days: -30)
      case .on(let day): day
      case .never: nil
      }
    if let attended {
      _ = try await admin().recordAssessorConference(
        .init(assessorId: registered.assessorId, attendedOn: Common.Date(attended)))
    }
    return TestAssessor(id: registered.assessorId, caller: caller, client: me)
  }

  // MARK: driving an application

  static let report = Evaluation.AssessmentReport(
    outcome: .met, contextCommentary: "A large primary school with a clear vision for ICT.",
    strengths: ["Shared vision", "Confident staff", "Pupils' use of the learning platform"],
    areasForDevelopment: ["Assessment of ICT capability", "Parental engagement online", "Sustainability planning"])

  static func report(_ outcome: Evaluation.AssessmentOutcome, deadline: CalendarDate? = nil)
    -> Evaluation.AssessmentReport
  {
    var report = Self.report
    report.outcome = outcome
    if outcome == .referred {
      report.referralGaps = ["An up-to-date e-safety policy"]
      report.referralDeadline = deadline.map { Common.Date($0) }
    }
    return report
  }

  /// Everyone an application needs, made once per harness.
  struct Cast {
    let admin: Evaluation.Client
    let lead: TestAssessor
  }

  func cast() async throws -> Cast {
    Cast(admin: try await admin(), lead: try await assessor(lead: true))
  }

  /// One application driven to `state` by the RPCs a real one goes through, with its own
  /// school and its own assessor (seasoned by one earlier assessment, so this one is not
  /// moderated unless `moderated`).
  struct Driven {
    let id: String
    let urn: String
    let head: Evaluation.Client
    let assessor: TestAssessor
  }

  func drive(
    to state: ApplicationState, route: Evaluation.ApplicationRoute = .standard, moderated: Bool = false, cast: Cast
  ) async throws -> Driven {
    let who = try await assessor()
    if !moderated {
      // The assessor's first assessment is always moderated: take them through one first.
      _ = try await drive(to: .met, moderated: true, cast: cast, assessor: who)
    }
    return try await drive(to: state, route: route, moderated: moderated, cast: cast, assessor: who)
  }

  func drive(
    to target: ApplicationState, route: Evaluation.ApplicationRoute = .standard, moderated: Bool, cast: Cast,
    assessor: TestAssessor, la: String = "383"
  ) async throws -> Driven {
    let (urn, head) = try await eligibleSchool(la: la)
    var request = Evaluation.SubmitApplicationRequest(schoolUrn: urn, route: route)
    if route == .streamlined {
      request.recommender = "Leeds LA adviser"
      request.recommenderKind = .localAuthorityAdviser
    }
    var previousAward: String?
    if route == .renewalWithVisit || route == .renewalWithoutVisit {
      // A Mark to renew: an earlier application awarded, then its renewal fallen due.
      previousAward = try await awardForRenewal(urn: urn, head: head, cast: cast, assessor: assessor)
      request.previousAwardId = previousAward!
    }
    let id = try await head.submitApplication(request).applicationId
    let driven = Driven(id: id, urn: urn, head: head, assessor: assessor)
    func at(_ state: ApplicationState) -> Bool { state == target }
    if at(.registered) { return driven }
    _ = try await cast.admin.recordPayment(.init(applicationId: id))
    if at(.evidenceCheck) { return driven }
    if target == .returnedToSchool {
      _ = try await cast.admin.recordEvidenceCheck(
        .init(applicationId: id, passed: false, evidenceGaps: [.init(aspectId: "1a1", missing: "Where is the plan?")]))
      return driven
    }
    _ = try await cast.admin.recordEvidenceCheck(.init(applicationId: id, passed: true))
    _ = try await cast.admin.allocateAssessor(
      .init(applicationId: id, assessorId: assessor.id, moderatorAssessorId: moderated ? cast.lead.id : ""))
    if at(.assessorAllocated) { return driven }
    _ = try await assessor.client.acceptAllocation(.init(applicationId: id))
    if at(.preVisitReview) { return driven }
    if target == .causeForConcern || target == .deferred {
      _ = try await assessor.client.raiseCauseForConcern(
        .init(applicationId: id, description: "Commentary for 2a1 does not match the level."))
      if target == .deferred {
        _ = try await head.resolveCauseForConcern(.init(applicationId: id, resolution: .deferred, note: "Ofsted visit"))
      }
      return driven
    }
    let desk = route == .renewalWithoutVisit
    if !desk {
      _ = try await head.offerVisitDates(.init(applicationId: id, dates: [Common.Date(today)]))
      _ = try await assessor.client.scheduleVisit(
        .init(applicationId: id, visit: .init(startsAt: Protobuf.Timestamp(now.adding(.seconds(60))))))
      if at(.visitScheduled) { return driven }
      clock.advance(by: .seconds(120))
    }
    let outcome: Evaluation.AssessmentOutcome =
      switch target {
      case .notMet: .notMet
      case .referred: .referred
      default: .met
      }
    _ = try await assessor.client.recordAssessmentOutcome(
      .init(applicationId: id, report: Self.report(outcome, deadline: today.adding(days: 30))))
    if moderated {
      if at(.moderation) { return driven }
      _ = try await cast.lead.client.recordModeration(.init(applicationId: id, moderatedOutcome: outcome))
    }
    if [.met, .referred, .notMet].contains(target) { return driven }
    _ = try await cast.admin.approveAward(.init(applicationId: id))
    if at(.awarded) { return driven }
    clock.advance(by: .seconds(Int64(2.6 * 365 * 86_400)))
    try await scheduler.tick()
    try await attendConference(assessor, cast)
    if at(.renewalDue) { return driven }
    clock.advance(by: .seconds(Int64(0.5 * 365 * 86_400)))
    try await scheduler.tick()
    try await attendConference(assessor, cast)
    return driven
  }

  /// Awards the school a Mark (with a visit) and moves time until its renewal is due; returns
  /// the award.
  private func awardForRenewal(urn: String, head: Evaluation.Client, cast: Cast, assessor: TestAssessor) async throws
    -> String
  {
    let id = try await head.submitApplication(.init(schoolUrn: urn, route: .standard)).applicationId
    _ = try await cast.admin.recordPayment(.init(applicationId: id))
    _ = try await cast.admin.recordEvidenceCheck(.init(applicationId: id, passed: true))
    _ = try await cast.admin.allocateAssessor(
      .init(applicationId: id, assessorId: assessor.id, moderatorAssessorId: cast.lead.id))
    _ = try await assessor.client.acceptAllocation(.init(applicationId: id))
    _ = try await head.offerVisitDates(.init(applicationId: id, dates: [Common.Date(today)]))
    _ = try await assessor.client.scheduleVisit(
      .init(applicationId: id, visit: .init(startsAt: Protobuf.Timestamp(now.adding(.seconds(60))))))
    clock.advance(by: .seconds(120))
    _ = try await assessor.client.recordAssessmentOutcome(.init(applicationId: id, report: Self.report))
    _ = try await cast.lead.client.recordModeration(.init(applicationId: id, moderatedOutcome: .met))
    let award = try await cast.admin.approveAward(.init(applicationId: id)).award!.awardId
    // Renewal opens six months before expiry; the school is still at the standard.
    clock.advance(by: .seconds(Int64(2.6 * 365 * 86_400)))
    try await scheduler.tick()
    try await eligible(urn)
    try await attendConference(assessor, cast)
    return award
  }

  /// After the clock jumped years: the assessor and the lead went to this year's conference.
  func attendConference(_ assessor: TestAssessor, _ cast: Cast) async throws {
    for id in [assessor.id, cast.lead.id] {
      _ = try await cast.admin.recordAssessorConference(
        .init(assessorId: id, attendedOn: Common.Date(today.adding(days: -1))))
    }
  }

  /// The events of the feed, as the admin reads them.
  func events(after: Int64 = 0) async throws -> [Evaluation.EvaluationEvent] {
    try await admin().streamEvents(.init(afterSequence: after, stopAtHead: true)) { stream in
      var all: [Evaluation.EvaluationEvent] = []
      for try await event in stream { all.append(event) }
      return all
    }
  }
}

struct TestFailure: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// The RPCError `body` throws.
func rpcError<T>(_ body: () async throws -> T) async -> RPCError? {
  do {
    _ = try await body()
    return nil
  } catch let error as RPCError {
    return error
  } catch {
    return nil
  }
}
