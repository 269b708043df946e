import CharterValues
import Contracts

/// An application being changed inside a write transaction: the message as it will be stored,
/// and the steps (history entries) the change records. ``apply(_:note:)`` moves it through
/// ``AssessmentProcess``, so every state change is one the process allows.
struct ApplicationDraft {
  /// The application as it will be stored (never with history). Every change keeps its
  /// allocation's `self_review_access` in line with its state.
  var application: Evaluation.Application {
    get { stored }
    set {
      stored = newValue
      if stored.allocation != nil {
        stored.allocation!.selfReviewAccess = stored.domainState.keepsAssessorAccess
      }
    }
  }
  private var stored: Evaluation.Application
  /// The state before the change.
  let previousState: ApplicationState
  /// Who is changing it, and when.
  let actor: Common.Actor
  let now: UTCTime
  /// The steps recorded so far, oldest first.
  private(set) var entries: [Evaluation.ApplicationHistoryEntry] = []

  init(application: Evaluation.Application, actor: Common.Actor, now: UTCTime) {
    self.stored = application
    self.previousState = application.domainState
    self.actor = actor
    self.now = now
  }

  var state: ApplicationState { application.domainState }
  var route: ApplicationRoute { application.domainRoute }
  var timestamp: Protobuf.Timestamp { Protobuf.Timestamp(now) }

  /// Takes a step of the assessment process, recording one history entry per state entered
  /// (or one within the state for a step that does not move it).
  /// - Throws: ``EvaluationRuleError/transition(_:)`` naming the current state; the draft is
  ///   then unchanged.
  @discardableResult
  mutating func apply(_ step: AssessmentStep, note: String) throws(EvaluationRuleError) -> AssessmentTransition {
    let transition: AssessmentTransition
    do {
      transition = try AssessmentProcess.transition(from: state, by: step, route: route)
    } catch {
      throw .transition(error)
    }
    var current = transition.from
    if transition.through.isEmpty {
      record(step, from: current, to: current, note: note)
    }
    for (index, next) in transition.through.enumerated() {
      record(step, from: current, to: next, note: index == transition.through.count - 1 ? note : "")
      current = next
    }
    application.state = current.contract
    application.updateTime = timestamp
    return transition
  }

  /// Sets the note of the latest step, for a step whose words are known only after it is
  /// taken (who was allocated, once the state allowed allocating).
  mutating func annotateLastStep(_ note: String) {
    guard !entries.isEmpty else { return }
    entries[entries.count - 1].note = note
  }

  private mutating func record(_ step: AssessmentStep, from: ApplicationState, to: ApplicationState, note: String) {
    entries.append(
      Evaluation.ApplicationHistoryEntry(
        fromState: from.contract, toState: to.contract, changedAt: timestamp, actor: actor, note: note,
        step: step.name))
  }

  /// The event announcing a plain state change (or step within a state).
  var stateChanged: Evaluation.EvaluationEvent.Payload {
    .applicationStateChanged(
      Evaluation.ApplicationStateChanged(application: application, previousState: previousState.contract))
  }
}
