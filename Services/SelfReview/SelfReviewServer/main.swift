import CharterValues
// charter-self-review: the ICT self-review framework and schools' reviews (charter.selfreview.v1).
import FoundationEssentials
import SelfReviewService
import ServiceKit

await ServiceMain.run(.selfReview, peers: [.registry, .evaluation], options: SelfReviewHost.options) {
  settings, logger in
  try await SelfReviewHost.build(settings: settings, environment: ProcessInfo.processInfo.environment, logger: logger)
}
