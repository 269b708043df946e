import EvaluationService
import Testing

/// Every transition of CHARTER-DOMAIN.md §7.3 as the assessment process allows it, and every
/// other (state, step) pair refused with the current state named.
@Suite("The ICT Mark assessment process (§7.3)")
struct AssessmentProcessTests {
  /// The legal moves, written out from the domain notes (not from the code): step, from,
  /// routes it applies to (nil: every route), the states passed through.
  static let legal:
    [(step: AssessmentStep, from: ApplicationState, routes: Set<ApplicationRoute>?, to: [ApplicationState])] = {
      let visit: Set<ApplicationRoute> = [.standard, .streamlined, .renewalWithVisit]
      let desk: Set<ApplicationRoute> = [.renewalWithoutVisit]
      var moves: [(AssessmentStep, ApplicationState, Set<ApplicationRoute>?, [ApplicationState])] = [
        (.recordPayment, .registered, nil, [.evidenceCheck]),
        (.passEvidenceCheck, .evidenceCheck, nil, []),
        (.returnEvidence, .evidenceCheck, nil, [.returnedToSchool]),
        (.resubmitEvidence, .returnedToSchool, nil, [.evidenceCheck]),
        (.allocateAssessor, .evidenceCheck, nil, [.assessorAllocated]),
        (.allocateAssessor, .assessorAllocated, nil, [.assessorAllocated]),
        (.acceptAllocation, .assessorAllocated, nil, [.preVisitReview]),
        (.requestDocuments, .preVisitReview, nil, []),
        (.raiseCauseForConcern, .preVisitReview, nil, [.causeForConcern]),
        (.addEvidence, .causeForConcern, nil, [.preVisitReview]),
        (.addEvidence, .deferred, nil, [.preVisitReview]),
        (.deferAssessment, .causeForConcern, nil, [.deferred]),
        (.offerVisitDates, .preVisitReview, visit, []),
        (.offerVisitDates, .visitScheduled, visit, []),
        (.scheduleVisit, .preVisitReview, visit, [.visitScheduled]),
        (.scheduleVisit, .visitScheduled, visit, []),
        (.recordOutcome(.met, moderated: false), .visitScheduled, visit, [.visitDone, .met]),
        (.recordOutcome(.met, moderated: true), .visitScheduled, visit, [.visitDone, .moderation]),
        (.recordOutcome(.referred, moderated: false), .visitScheduled, visit, [.visitDone, .referred]),
        (.recordOutcome(.notMet, moderated: false), .visitScheduled, visit, [.visitDone, .notMet]),
        (.recordOutcome(.met, moderated: false), .preVisitReview, desk, [.deskReviewDone, .met]),
        (.recordOutcome(.met, moderated: true), .preVisitReview, desk, [.deskReviewDone, .moderation]),
        (.recordOutcome(.referred, moderated: false), .preVisitReview, desk, [.deskReviewDone, .referred]),
        (.recordOutcome(.notMet, moderated: false), .preVisitReview, desk, [.deskReviewDone, .notMet]),
        (.recordModeration(.met), .moderation, nil, [.met]),
        (.recordModeration(.referred), .moderation, nil, [.referred]),
        (.recordModeration(.notMet), .moderation, nil, [.notMet]),
        (.recordReferralFollowUp(.met), .referred, nil, [.met]),
        (.recordReferralFollowUp(.notMet), .referred, nil, [.notMet]),
        (.approveAward, .met, nil, [.awardApproved, .awarded]),
        (.markRenewalDue, .awarded, nil, [.renewalDue]),
        (.expireMark, .renewalDue, nil, [.expired]),
        (.renewMark, .renewalDue, nil, [.renewed]),
        (.renewMark, .expired, nil, [.renewed]),
      ]
      for state: ApplicationState in [
        .registered, .evidenceCheck, .returnedToSchool, .assessorAllocated, .preVisitReview, .causeForConcern,
        .deferred,
        .visitScheduled, .moderation, .referred, .met,
      ] {
        moves.append((.withdraw, state, nil, [.withdrawn]))
      }
      return moves
    }()

  @Test("every legal move leads where the domain notes say", arguments: ApplicationRoute.allCases)
  func legalMoves(route: ApplicationRoute) throws {
    for move in Self.legal where move.routes?.contains(route) ?? true {
      let transition = try AssessmentProcess.transition(from: move.from, by: move.step, route: route)
      #expect(transition.through == move.to, "\(move.step) from \(move.from) on \(route)")
      #expect(transition.to == (move.to.last ?? move.from))
    }
  }

  @Test("every other state refuses every step, naming the current state", arguments: ApplicationRoute.allCases)
  func illegalMoves(route: ApplicationRoute) {
    var refused = 0
    for state in ApplicationState.allCases {
      for step in AssessmentStep.representatives {
        let isLegal = Self.legal.contains {
          $0.step == step && $0.from == state && ($0.routes?.contains(route) ?? true)
        }
        do {
          _ = try AssessmentProcess.transition(from: state, by: step, route: route)
          #expect(isLegal, "\(step) from \(state) on \(route) should be refused")
        } catch {
          #expect(!isLegal, "\(step) from \(state) on \(route) should be allowed")
          #expect(error.state == state)
          #expect(error.description.contains("the application is in \(state.name)"), "\(error)")
          refused += 1
        }
      }
    }
    #expect(refused > 400)
  }

  @Test("a refusal says where the step would have been allowed")
  func refusalNamesTheWay() {
    #expect(throws: AssessmentTransitionError.self) {
      try AssessmentProcess.transition(from: .registered, by: .acceptAllocation, route: .standard)
    }
    do {
      _ = try AssessmentProcess.transition(from: .awarded, by: .recordPayment, route: .standard)
    } catch {
      #expect(error.description == "cannot record a payment: the application is in AWARDED (allowed in REGISTERED)")
    }
    do {
      _ = try AssessmentProcess.transition(from: .preVisitReview, by: .scheduleVisit, route: .renewalWithoutVisit)
    } catch {
      #expect(error.description.hasSuffix("(not on this application's route)"))
    }
  }

  @Test("the states passed through are never resting places, and a school has one application in progress")
  func statesInProgress() {
    for move in Self.legal where move.to.count == 2 {
      #expect([.visitDone, .deskReviewDone, .awardApproved].contains(move.to[0]))
    }
    #expect(
      ApplicationState.allCases.filter { !$0.isInProgress } == [
        .notMet, .awarded, .renewalDue, .expired, .withdrawn, .renewed,
      ])
    #expect(ApplicationState.allCases.filter(\.holdsMark) == [.awarded, .renewalDue])
    #expect(!ApplicationState.awarded.keepsAssessorAccess && !ApplicationState.notMet.keepsAssessorAccess)
    #expect(ApplicationState.met.keepsAssessorAccess && ApplicationState.moderation.keepsAssessorAccess)
  }
}
