import CharterValues
import Contracts
import Foundation
import Identity
import Logging
import RPCCore
import ServiceKit
import Storage

@testable import AccreditationService

/// The accreditation store and its keeper on a temporary SQLite file with a clock the test
/// moves, fed with the registry's, self-review's and evaluation's events exactly as the feed
/// followers apply them (each inside one write transaction), with no socket.
final class Ledger: @unchecked Sendable {
  let clock: ManualWallClock
  let store: AccreditationStore
  let keeper: StandingKeeper
  let scheduler: AccreditationScheduler
  let directory: String
  private var sequences: [String: Int64] = [:]

  static let start = UTCTime("2009-01-14T09:00:00Z")!

  static func open(rules: AccreditationRules = AccreditationRules(), at start: UTCTime = Ledger.start) async throws
    -> Ledger
  {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("accreditation-\(UUID())").path
    let clock = ManualWallClock(start)
    let store = try await AccreditationStore.open(inDirectory: directory, clock: clock)
    let signer = try CertificateSigner(privateKeyPEM: CertificateSigner.generatePrivateKeyPEM())
    let keeper = StandingKeeper(store: store, rules: rules, signer: signer)
    var logger = Logger(label: "ledger")
    logger.logLevel = .critical
    return Ledger(
      clock: clock, store: store, keeper: keeper, scheduler: AccreditationScheduler(keeper: keeper, logger: logger),
      directory: directory)
  }

  private init(
    clock: ManualWallClock, store: AccreditationStore, keeper: StandingKeeper, scheduler: AccreditationScheduler,
    directory: String
  ) {
    self.clock = clock
    self.store = store
    self.keeper = keeper
    self.scheduler = scheduler
    self.directory = directory
  }

  func close() async {
    await store.close()
    try? FileManager.default.removeItem(atPath: directory)
  }

  var now: UTCTime { clock.now() }

  /// Moves the clock on by whole days.
  func advance(days: Int) { clock.advance(by: .seconds(Int64(days) * 86_400)) }
  func advance(years: Int) { clock.set(now.adding(years: years)) }

  private func next(_ feed: String) -> Int64 {
    sequences[feed, default: 0] += 1
    return sequences[feed]!
  }

  // MARK: the registry's feed

  private var schools: [String: Registry.School] = [:]

  func registry(_ payload: Registry.RegistryEvent.Payload, actor: Common.Actor? = nil) async throws {
    var event = Registry.RegistryEvent()
    event.sequence = next("registry")
    event.occurredAt = Protobuf.Timestamp(now)
    event.actor = actor
    event.payload = payload
    let keeper = self.keeper
    let applied = event
    try await store.database.write { db in try keeper.applyRegistry(applied, in: db) }
  }

  /// Registers a school (committed now unless told otherwise).
  func school(_ urn: String, name: String? = nil, la: String = "383", committed: Bool = true) async throws {
    var school = Registry.School()
    school.urn = urn
    school.name = name ?? "School \(urn)"
    school.phase = .primary
    school.localAuthority = Common.LocalAuthority(code: la, name: "Authority \(la)")
    schools[urn] = school
    try await registry(.schoolRegistered(Registry.SchoolRegistered(school: school)))
    if committed { try await commit(urn) }
  }

  func commit(_ urn: String) async throws {
    var school = schools[urn]!
    school.commitment = Registry.Commitment(committed: true, committedAt: Protobuf.Timestamp(now))
    schools[urn] = school
    try await registry(.schoolCommitted(Registry.SchoolCommitted(school: school)))
  }

  func withdraw(_ urn: String) async throws {
    var school = schools[urn]!
    school.withdrawal = Registry.Withdrawal(withdrawnAt: Protobuf.Timestamp(now), reason: "closed")
    schools[urn] = school
    try await registry(.schoolWithdrawn(Registry.SchoolWithdrawn(school: school)))
  }

  /// A person the registry announces, with school roles.
  func person(_ id: String, email: String, schoolAdminOf urns: [String] = []) async throws {
    var person = Registry.Person()
    person.personId = id
    person.email = email
    person.displayName = email
    person.roles = urns.map { RoleGrant.schoolAdmin($0).message }
    try await registry(.personInvited(Registry.PersonInvited(person: person)))
  }

  // MARK: self-review's feed

  func selfReview(_ urn: String, _ payload: SelfReview.SelfReviewEvent.Payload) async throws {
    var event = SelfReview.SelfReviewEvent()
    event.sequence = next("self-review")
    event.occurredAt = Protobuf.Timestamp(now)
    event.schoolUrn = urn
    event.payload = payload
    let keeper = self.keeper
    let applied = event
    try await store.database.write { db in try keeper.applySelfReview(applied, in: db) }
  }

  func level2Holds(_ urn: String, elements: [String] = ["E1", "E5", "E7"]) async throws {
    try await selfReview(
      urn, .level2RuleNowHolds(SelfReview.Level2RuleNowHolds(elementsAtStandard: elements, commentaryComplete: true)))
  }

  func level2Stops(_ urn: String, remaining: [String] = ["E5", "E7"]) async throws {
    try await selfReview(
      urn, .level2RuleNoLongerHolds(SelfReview.Level2RuleNoLongerHolds(elementsAtStandard: remaining)))
  }

  // MARK: evaluation's feed

  func evaluation(_ payload: Evaluation.EvaluationEvent.Payload) async throws {
    var event = Evaluation.EvaluationEvent()
    event.sequence = next("evaluation")
    event.occurredAt = Protobuf.Timestamp(now)
    event.actor = .service("charter-evaluation")
    event.payload = payload
    let keeper = self.keeper
    let applied = event
    try await store.database.write { db in try keeper.applyEvaluation(applied, in: db) }
  }

  func markAwarded(_ urn: String, award: String = "award-1", years: Int = 3) async throws {
    var mark = Evaluation.MarkAwarded()
    mark.schoolUrn = urn
    mark.applicationId = "app-\(award)"
    mark.award = Evaluation.Award(
      awardId: award, approvedAt: Protobuf.Timestamp(now), awardedAt: Protobuf.Timestamp(now),
      expiresAt: Protobuf.Timestamp(now.adding(years: years)), includedVisit: true)
    try await evaluation(.markAwarded(mark))
  }

  func markExpired(_ urn: String, award: String = "award-1") async throws {
    try await evaluation(
      .markExpired(Evaluation.MarkExpired(schoolUrn: urn, awardId: award, expiredAt: Protobuf.Timestamp(now))))
  }

  // MARK: reading

  func standing(_ urn: String) async throws -> Accreditation.CharterStanding {
    try await keeper.standing(urn: urn) { _ in }
  }

  func level(_ urn: String) async throws -> Common.CharterLevel { try await standing(urn).level }

  func events() async throws -> [Accreditation.AccreditationEvent] {
    try await store.events(after: 0, limit: 100_000)
  }

  func events(of urn: String) async throws -> [Accreditation.AccreditationEvent] {
    try await events().filter { $0.schoolUrn == urn }
  }

  func certificates(_ urn: String) async throws -> [Accreditation.Certificate] {
    try await keeper.certificates(urn: urn, before: nil, limit: 100) { _ in }.map(\.certificate)
  }

  // MARK: the programme's people

  static let admin = Caller(kind: .person(id: "p-admin"), displayName: "Programme admin", grants: [.programmeAdmin])

  static func head(of urn: String) -> Caller {
    Caller(kind: .person(id: "p-head-\(urn)"), displayName: "Head of \(urn)", grants: [.schoolAdmin(urn)])
  }

  /// Requests recognition for a school as its head, naming an independent LA adviser.
  @discardableResult
  func requestRecognition(
    _ urn: String, referee: Referee = Ledger.adviser, as caller: Caller? = nil
  ) async throws -> Accreditation.Recognition {
    try await keeper.requestRecognition(
      urn: urn, referee: referee, note: "We meet three elements.", caller: caller ?? Self.head(of: urn)
    ) { _ in }
  }

  static let adviser = Referee(
    name: "Ann Adviser", email: "ann.adviser@leeds.gov.uk", organisation: "Leeds City Council",
    kind: .localAuthorityAdviser, personID: "p-adviser")

  static let adviserCaller = Caller(
    kind: .person(id: "p-adviser"), displayName: "Ann Adviser", grants: [.adviser("383")])

  /// The referee confirms (signed in) and the programme admin approves.
  @discardableResult
  func recognise(_ urn: String) async throws -> Accreditation.Recognition {
    let request = try await requestRecognition(urn)
    _ = try await keeper.answerAsReferee(
      recognitionID: request.recognitionId, invitationCode: nil, confirmed: true, comment: "I know this school.",
      actor: Self.adviserCaller.actor)
    return try await keeper.decideRecognition(
      id: request.recognitionId, approve: true, reason: "", caller: Self.admin)
  }
}

extension RoleGrant {
  static func schoolAdmin(_ urn: String) -> RoleGrant { try! RoleGrant(.schoolAdmin, .school(urn: urn)) }
  static func contributor(_ urn: String) -> RoleGrant { try! RoleGrant(.schoolContributor, .school(urn: urn)) }
  static func adviser(_ code: String) -> RoleGrant {
    try! RoleGrant(.localAuthorityAdviser, .localAuthority(code: code))
  }
  static var assessor: RoleGrant { try! RoleGrant(.assessor) }
  static var programmeAdmin: RoleGrant { try! RoleGrant(.programmeAdmin) }
  static var service: RoleGrant { try! RoleGrant(.service) }
}

extension Common.Actor {
  static func service(_ name: String) -> Common.Actor {
    var actor = Common.Actor()
    actor.principal = .serviceName(name)
    actor.displayName = name
    return actor
  }
}

/// The RPCError (or convertible error) `body` throws, as the status the client would see.
func statusCode<T>(_ body: () async throws -> T) async -> Status.Code? {
  do {
    _ = try await body()
    return nil
  } catch let error as RPCError {
    return error.code
  } catch let error as any RPCErrorConvertible {
    return error.rpcErrorCode
  } catch {
    return .unknown
  }
}

struct TestFailure: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
