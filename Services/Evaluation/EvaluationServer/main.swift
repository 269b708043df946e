import CharterValues
// charter-evaluation: ICT Mark assessors and applications, from application to award,
// renewal and expiry (charter.evaluation.v1).
import EvaluationService
import FoundationEssentials
import ServiceKit

await ServiceMain.run(.evaluation, peers: [.registry, .selfReview], options: EvaluationHost.options) {
  settings, logger in
  try await EvaluationHost.build(settings: settings, environment: ProcessInfo.processInfo.environment, logger: logger)
}
