import Contracts
import Foundation
import SelfReviewService
import Testing

/// Where the contract and the code once disagreed, they now say the same thing.
@Suite("Self-review: the code does what its contract says")
struct SelfReviewContractAgreementTests {
  @Test("StartReview without a framework uses the Charter's framework, and the contract names it")
  func defaultFramework() async throws {
    let proto = try String(
      contentsOfFile: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../proto/charter/selfreview/v1/self_review.proto").standardized.path,
      encoding: .utf8)
    let id = SelfReviewService.charterFrameworkID
    #expect(proto.contains("else the Charter's own\n  // framework `\(id)`"))
    #expect(proto.contains("empty means the Charter's framework, `\(id)`"))
    #expect(!proto.contains("newest published one"))

    let h = try await SelfReviewHarness.start()
    defer { Task { await h.stop() } }
    try await h.school("730001")
    let head = h.selfReview(token: try await h.person("head@730001.example", [.schoolAdmin("730001")]))
    #expect(try await head.startReview(.init(schoolUrn: "730001")).frameworkId == id)
  }
}
