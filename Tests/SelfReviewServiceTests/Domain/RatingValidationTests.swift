import RPCCore
import SelfReviewService
import Testing

@Suite("Validating a rating before it is recorded")
struct RatingValidationTests {
  let framework: FrameworkVersion

  init() throws {
    framework = try TestFramework.standard()
  }

  func error(
    _ rating: AspectRating,
    aspect: String = "e1a",
    sourceLocation: SourceLocation = #_sourceLocation
  ) -> SelfReviewRuleError? {
    #expect(throws: SelfReviewRuleError.self, sourceLocation: sourceLocation) {
      try framework.validate(rating, forAspect: aspect)
    }
  }

  @Test("a rating on the scale with commentary and evidence is accepted")
  func accepted() throws {
    let rating = AspectRating(
      level: 3, commentary: "Our vision was agreed by governors in March.",
      evidence: [EvidenceReference(title: "Governors' minutes", location: "ICT lead's office")])
    #expect(try framework.validate(rating, forAspect: "e1a").id == "e1a")
  }

  @Test("an unknown aspect is refused, naming aspect_id")
  func unknownAspect() {
    let found = error(AspectRating(level: 3), aspect: "1a-1")
    #expect(found == .unknownAspect(aspectId: "1a-1", frameworkId: "test-framework"))
    #expect(found?.field == "aspect_id")
  }

  @Test("a level outside the scale is refused, naming level", arguments: [0, 6, -1, 100])
  func levelOutsideScale(level: Int) {
    let found = error(AspectRating(level: level))
    #expect(found == .levelOutsideScale(aspectId: "e1a", level: level, levels: 1...5))
    #expect(found?.rpcErrorMessage.hasPrefix("level: ") == true)
  }

  @Test("a rating without a level is refused")
  func missingLevel() {
    #expect(
      error(AspectRating(level: nil, commentary: "Thinking about it."))
        == .missingLevel(aspectId: "e1a"))
  }

  @Test("commentary up to 10,000 characters is accepted, one more is refused")
  func commentaryLength() throws {
    try framework.validate(
      AspectRating(level: 2, commentary: String(repeating: "a", count: 10_000)), forAspect: "e1a")
    let found = error(AspectRating(level: 2, commentary: String(repeating: "é", count: 10_001)))
    #expect(found == .commentaryTooLong(length: 10_001, limit: 10_000))
    #expect(found?.rpcErrorMessage == "commentary: 10001 characters is more than the 10000 allowed")
  }

  @Test("up to 50 evidence references are accepted, 51 are refused")
  func evidenceCount() throws {
    let reference = EvidenceReference(title: "Scheme of work")
    try framework.validate(
      AspectRating(level: 2, evidence: Array(repeating: reference, count: 50)), forAspect: "e1a")
    #expect(
      error(AspectRating(level: 2, evidence: Array(repeating: reference, count: 51)))
        == .tooManyEvidenceReferences(count: 51, limit: 50))
  }

  @Test("an evidence reference needs a title")
  func evidenceTitle() {
    let rating = AspectRating(
      level: 2,
      evidence: [
        EvidenceReference(title: "Plan"), EvidenceReference(title: " ", location: "Office"),
      ])
    let found = error(rating)
    #expect(found == .evidenceTitleMissing(index: 1))
    #expect(found?.field == "evidence[1].title")
  }

  @Test(
    "over-long evidence fields are refused, naming the field",
    arguments: [
      (SelfReviewRuleError.EvidenceField.title, 201, 200),
      (.location, 2_049, 2_048),
      (.note, 1_001, 1_000),
    ])
  func evidenceFields(field: SelfReviewRuleError.EvidenceField, length: Int, limit: Int) {
    var reference = EvidenceReference(title: "Plan")
    let text = String(repeating: "x", count: length)
    switch field {
    case .title: reference.title = text
    case .location: reference.location = text
    case .note: reference.note = text
    }
    let found = error(AspectRating(level: 2, evidence: [reference]))
    #expect(found == .evidenceFieldTooLong(index: 0, field: field, length: length, limit: limit))
    #expect(found?.field == "evidence[0].\(field.rawValue)")
  }

  @Test("limits can be set per call")
  func customLimits() {
    let limits = RatingLimits(maxCommentaryLength: 5)
    #expect(throws: SelfReviewRuleError.commentaryTooLong(length: 6, limit: 5)) {
      try framework.validate(
        AspectRating(level: 2, commentary: "sixsix"), forAspect: "e1a", limits: limits)
    }
  }

  @Test("rule errors become INVALID_ARGUMENT with a message that names the field")
  func rpcMapping() {
    let found = error(AspectRating(level: 9))
    #expect(found?.rpcErrorCode == .invalidArgument)
    #expect(found?.rpcError.code == .invalidArgument)
    #expect(
      found?.rpcErrorMessage == "level: 9 is not a level of aspect e1a (levels run from 1 to 5)")
  }
}
