internal import CharterValues
public import Contracts
internal import Identity
internal import RPCCore

/// Loads a ``DemoEvaluationPlan`` through the services' own RPCs, as the people concerned:
/// the registry invites each assessor and each school's head (accepting the invitation and
/// signing in as them), the assessors register their pen portraits and sign the code of
/// practice, the programme admin records their conferences, and each application is walked
/// from submission to its planned state, each step by whoever takes it in the programme.
///
/// The steps of applications made years ago carry `charter-demo-as-of` with the instant they
/// are taken to happen, which `charter-evaluation` honours only when started with
/// `--demo-backdating`; every rule still applies (visit days offered in advance, outcomes
/// after the visit, moderation by the lead the service chose). Renewal-due and expiry are
/// left to the service's own Mark scheduler on the real clock.
public struct DemoEvaluationImport: Sendable {
  public let registry: Registry.Client
  public let evaluation: Evaluation.Client
  public let adminToken: String
  /// How many schools are walked at once.
  public var concurrency: Int
  /// How long to wait for the evaluation service to learn that a school may apply.
  public var eligibilityPatience: Duration = .seconds(90)

  /// - Parameters: clients without credentials: every call names its own token.
  public init(registry: Registry.Client, evaluation: Evaluation.Client, adminToken: String, concurrency: Int = 8) {
    self.registry = registry
    self.evaluation = evaluation
    self.adminToken = adminToken
    self.concurrency = max(1, concurrency)
  }

  /// What was loaded.
  public struct Summary: Sendable {
    public var assessors = 0
    public var applications: [DemoEvaluationPlan.Scenario: Int] = [:]
    public var failures: [String] = []
  }

  public func run(_ plan: DemoEvaluationPlan, progress: @Sendable (String) -> Void = { _ in }) async -> Summary {
    var summary = Summary()
    var tokens: [String: String] = [:]  // assessor id → token
    var names: [String] = []
    for assessor in plan.assessors {
      do {
        let (id, token) = try await load(assessor)
        tokens[id] = token
        names.append(assessor.displayName)
        summary.assessors += 1
      } catch {
        summary.failures.append("assessor \(assessor.email): \(Self.describe(error))")
      }
    }
    progress("\(summary.assessors) assessors registered")
    let assessorTokens = tokens
    let recommenders = names
    await withTaskGroup(of: (DemoEvaluationPlan.Application, (any Error)?).self) { group in
      var pending = plan.applications.makeIterator()
      var done = 0
      func startNext() {
        guard let application = pending.next() else { return }
        group.addTask {
          do {
            try await walk(application, assessorTokens: assessorTokens, recommenders: recommenders)
            return (application, nil)
          } catch { return (application, error) }
        }
      }
      for _ in 0..<concurrency { startNext() }
      while let (application, error) = await group.next() {
        if let error {
          summary.failures.append(
            "school \(application.urn) (\(application.scenario.rawValue)): \(Self.describe(error))")
        } else {
          summary.applications[application.scenario, default: 0] += 1
        }
        done += 1
        if done % 20 == 0 { progress("\(done) of \(plan.applications.count) applications") }
        startNext()
      }
    }
    return summary
  }

  // MARK: people

  /// Invites someone with `roles`, accepts as them and signs in; signs in when they exist.
  func person(_ email: String, _ name: String, _ roles: [RoleGrant]) async throws -> String {
    let password = "demo password of \(email)"
    do {
      let invitation = try await registry.invitePerson(
        .init(email: email, displayName: name, roles: roles.map(\.message)), options: by(adminToken))
      _ = try await registry.acceptInvitation(.init(invitationCode: invitation.invitationCode, password: password))
    } catch let error as RPCError where error.code == .alreadyExists {
      // Loaded before: sign in as them.
    }
    return try await registry.signIn(.init(email: email, password: password)).token
  }

  func load(_ assessor: DemoEvaluationPlan.Assessor) async throws -> (String, String) {
    let token = try await person(
      assessor.email, assessor.displayName, [try RoleGrant(assessor.isLead ? .leadAssessor : .assessor)])
    var portrait = Evaluation.PenPortrait()
    portrait.phases = assessor.phases
    if assessor.localAuthorityCodes.isEmpty {
      portrait.regions = [assessor.region.name]
    } else {
      portrait.localAuthorityCodes = assessor.localAuthorityCodes
    }
    portrait.worksInLocalAuthorityCode = assessor.worksInLocalAuthorityCode
    portrait.biography = assessor.biography
    portrait.baseLocation = Common.GeoPoint(latitude: assessor.latitude, longitude: assessor.longitude)
    var request = Evaluation.RegisterAssessorRequest()
    request.penPortrait = portrait
    request.supportedSchoolUrns = assessor.supportedSchoolURNs
    let registered = try await evaluation.registerAssessor(request, options: by(token))
    _ = try await evaluation.signCodeOfPractice(.init(), options: by(token))
    _ = try await evaluation.recordAssessorConference(
      .init(assessorId: registered.assessorId, attendedOn: Common.Date(assessor.conferenceOn)), options: by(adminToken))
    return (registered.assessorId, token)
  }

  // MARK: applications

  /// Walks one school's application to its planned state.
  func walk(
    _ plan: DemoEvaluationPlan.Application, assessorTokens: [String: String], recommenders: [String]
  ) async throws {
    let scenario = plan.scenario
    let head = try await person(
      "head.\(plan.urn)@schools.charter.local", "Head of \(plan.schoolName)",
      [try RoleGrant(.schoolAdmin, .school(urn: plan.urn))])
    try await waitUntilEligible(plan.urn, token: head)
    var step = 0
    /// The instant of a step on `day` (from the first), a few minutes apart within the day.
    func at(_ day: Int, hour: Int = 10) -> UTCTime {
      step += 1
      return plan.firstDay.adding(days: day).startInUTC.adding(.seconds(hour * 3600 + step * 240))
    }
    func reached(_ last: DemoEvaluationPlan.Scenario) -> Bool { scenario == last }

    var submit = Evaluation.SubmitApplicationRequest()
    submit.schoolUrn = plan.urn
    submit.route = plan.route
    submit.assessorPreference = .allocateForMe(true)
    if plan.route == .streamlined, !recommenders.isEmpty {
      submit.recommender = recommenders[plan.urn.utf8.reduce(0) { $0 &+ Int($1) } % recommenders.count]
      submit.recommenderKind = .assessor
    }
    let id = try await evaluation.submitApplication(submit, options: by(head, at(0))).applicationId
    if reached(.registered) { return }
    _ = try await evaluation.recordPayment(.init(applicationId: id), options: by(adminToken, at(2)))
    if reached(.evidenceCheck) { return }
    if plan.returnedOnce || scenario == .returnedToSchool {
      var returned = Evaluation.RecordEvidenceCheckRequest()
      returned.applicationId = id
      returned.evidenceGaps = [
        Evaluation.EvidenceGap(aspectId: "", missing: "The commentary does not say where the e-safety evidence is.")
      ]
      _ = try await evaluation.recordEvidenceCheck(returned, options: by(adminToken, at(3)))
      if reached(.returnedToSchool) { return }
      _ = try await evaluation.resubmitEvidence(
        .init(applicationId: id, note: "Commentary now points to the e-safety policy and logs."),
        options: by(head, at(4)))
    }
    if reached(.withdrawn) {
      _ = try await evaluation.withdrawApplication(
        .init(applicationId: id, reason: "The ICT co-ordinator has left; the school will apply next year."),
        options: by(head, at(6)))
      return
    }
    _ = try await evaluation.recordEvidenceCheck(.init(applicationId: id, passed: true), options: by(adminToken, at(5)))

    // Allocation: the service's own ranking, spreading work over its best few.
    let allocatedAt = at(8)
    let ranked = try await evaluation.suggestAssessors(
      .init(applicationId: id, limit: 10), options: by(adminToken, allocatedAt)
    ).suggestions.compactMap(\.assessor).filter { assessorTokens[$0.assessorId] != nil }
    let suggestions = ranked.map(\.assessorId)
    guard !suggestions.isEmpty else { throw DemoEvaluationFailure("no assessor could be allocated") }
    // An application meant to wait for moderation goes to an assessor with none yet (whose
    // first assessment is always moderated); the others spread over the best three.
    let fresh = ranked.firstIndex { $0.completedAssessments == 0 && $0.openAllocations == 0 }
    let first =
      scenario == .moderation && fresh != nil
      ? fresh! : plan.urn.utf8.reduce(0) { $0 &+ Int($1) } % min(3, suggestions.count)
    var allocated: Evaluation.Application?
    var lastError: (any Error)?
    for assessorID in suggestions[first...] + suggestions[..<first] where allocated == nil {
      do {
        allocated = try await evaluation.allocateAssessor(
          .init(applicationId: id, assessorId: assessorID), options: by(adminToken, allocatedAt))
      } catch { lastError = error }
    }
    guard let allocation = allocated?.allocation, let assessor = assessorTokens[allocation.assessorId] else {
      throw lastError ?? DemoEvaluationFailure("no assessor could be allocated")
    }
    if reached(.assessorAllocated) { return }
    _ = try await evaluation.acceptAllocation(.init(applicationId: id), options: by(assessor, at(10)))
    _ = try await evaluation.requestDocuments(
      .init(applicationId: id, documents: ["ICT development plan", "E-safety policy", "Technician's service log"]),
      options: by(assessor, at(11)))
    if reached(.preVisitReview) { return }
    if scenario == .causeForConcern || scenario == .deferred {
      _ = try await evaluation.raiseCauseForConcern(
        .init(
          applicationId: id,
          description: "The self-review rates assessment of ICT capability highly, but no moderated samples were sent."),
        options: by(assessor, at(12)))
      if reached(.causeForConcern) { return }
      var deferring = Evaluation.ResolveCauseForConcernRequest()
      deferring.applicationId = id
      deferring.resolution = .deferred
      deferring.note = "The school will collect moderated samples this term."
      _ = try await evaluation.resolveCauseForConcern(deferring, options: by(head, at(14)))
      return
    }
    let visitDay = plan.firstDay.adding(days: DemoEvaluationPlan.visitDay)
    _ = try await evaluation.offerVisitDates(
      .init(
        applicationId: id, dates: [visitDay, visitDay.adding(days: 1), visitDay.adding(days: 3)].map(Common.Date.init)),
      options: by(head, at(13)))
    var visit = Evaluation.Visit()
    visit.startsAt = Protobuf.Timestamp(visitDay.startInUTC.adding(.seconds(9 * 3600)))
    _ = try await evaluation.scheduleVisit(.init(applicationId: id, visit: visit), options: by(assessor, at(15)))
    if reached(.visitScheduled) { return }

    let outcome: Evaluation.AssessmentOutcome =
      switch scenario {
      case .referred: .referred
      case .notMet: .notMet
      default: .met
      }
    let recorded = try await evaluation.recordAssessmentOutcome(
      .init(applicationId: id, report: Self.report(outcome, deadline: visitDay.adding(days: 90))),
      options: by(assessor, at(DemoEvaluationPlan.visitDay, hour: 14)))
    if recorded.state == .moderation && scenario != .moderation {
      guard let moderator = assessorTokens[recorded.allocation?.moderatorAssessorId ?? ""] else {
        throw DemoEvaluationFailure("the moderator is not a demo lead assessor")
      }
      var moderation = Evaluation.RecordModerationRequest()
      moderation.applicationId = id
      moderation.moderatedOutcome = outcome
      moderation.note = "Report read against the evidence; the judgement is secure."
      if outcome == .referred {
        moderation.referralGaps = Self.report(.referred, deadline: visitDay.adding(days: 90)).referralGaps
        moderation.referralDeadline = Common.Date(visitDay.adding(days: 90))
      }
      _ = try await evaluation.recordModeration(
        moderation, options: by(moderator, at(DemoEvaluationPlan.moderationDay)))
    }
    guard [.awarded, .renewalDue, .expired].contains(scenario) else { return }
    _ = try await evaluation.approveAward(
      .init(applicationId: id), options: by(adminToken, at(DemoEvaluationPlan.awardDay)))
  }

  func waitUntilEligible(_ urn: String, token: String) async throws {
    let end = ContinuousClock.now.advanced(by: eligibilityPatience)
    var reasons: [String] = []
    while ContinuousClock.now < end {
      if let eligibility = try? await evaluation.getEligibility(.init(schoolUrn: urn), options: by(token)) {
        if eligibility.eligible { return }
        reasons = eligibility.reasons
      }
      try await Task.sleep(for: .milliseconds(500))
    }
    throw DemoEvaluationFailure(
      "never eligible: " + (reasons.isEmpty ? "unknown to the service" : reasons.joined(separator: "; ")))
  }

  /// A report as an assessor writes one.
  static func report(_ outcome: Evaluation.AssessmentOutcome, deadline: CalendarDate) -> Evaluation.AssessmentReport {
    var report = Evaluation.AssessmentReport()
    report.outcome = outcome
    report.contextCommentary =
      "A school where ICT is led by a senior leader with a clear plan; the visit met the head, the ICT co-ordinator, pupils and a governor."
    report.strengths = [
      "A shared vision for ICT, reviewed each year with governors",
      "Pupils use the learning platform confidently at school and at home",
      "Staff training is planned from an audit of skills",
    ]
    report.areasForDevelopment = [
      "Assessment of pupils' ICT capability across the curriculum",
      "Involving parents in e-safety",
      "A replacement plan for ageing equipment",
    ]
    if outcome == .referred {
      report.referralGaps = ["Moderated samples of pupils' ICT work", "A costed equipment replacement plan"]
      report.referralDeadline = Common.Date(deadline)
    }
    return report
  }

  // MARK: calls

  /// Options for a call as the holder of `token`, at `instant` when backdated.
  func by(_ token: String, _ instant: UTCTime? = nil) -> CallOptions {
    var metadata: Metadata = [:]
    metadata.append(BearerCredential.metadataKey, .string(BearerCredential.metadataValue(for: token)))
    if let instant { metadata.append(Self.demoAsOfKey, .string(instant.description)) }
    return CallOptions(metadata: metadata)
  }

  /// The metadata key `charter-evaluation --demo-backdating` reads.
  public static let demoAsOfKey = "charter-demo-as-of"

  static func describe(_ error: any Error) -> String {
    if let error = error as? RPCError { return "\(ErrorText.status(of: error)): \(error.message)" }
    return "\(error)"
  }
}

/// A demo application that could not be walked to its planned state.
struct DemoEvaluationFailure: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
