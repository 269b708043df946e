public import RPCCore

/// A request that breaks a self-review rule, named so the caller can fix it.
///
/// The service throws these straight from its handlers; ``RPCErrorConvertible`` turns them into
/// `INVALID_ARGUMENT` (or `NOT_FOUND` for an unknown element filter, as the proto documents for
/// GetNextSteps) with a message that starts with the offending request field.
public enum SelfReviewRuleError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The aspect id is not in the review's framework version.
  case unknownAspect(aspectId: String, frameworkId: String)
  /// The element id is not in the review's framework version.
  case unknownElement(elementId: String, frameworkId: String)
  /// A rating without a level; RateAspect must choose one.
  case missingLevel(aspectId: String)
  /// A level that is not on the framework's scale.
  case levelOutsideScale(aspectId: String, level: Int, levels: ClosedRange<Int>)
  /// Commentary longer than the limit (in Unicode scalars).
  case commentaryTooLong(length: Int, limit: Int)
  /// More evidence references than the limit.
  case tooManyEvidenceReferences(count: Int, limit: Int)
  /// An evidence reference with a blank title.
  case evidenceTitleMissing(index: Int)
  /// An evidence field longer than its limit (in Unicode scalars).
  case evidenceFieldTooLong(index: Int, field: EvidenceField, length: Int, limit: Int)

  /// A field of an evidence reference, named as in the proto.
  public enum EvidenceField: String, Sendable, Hashable {
    /// What the evidence is.
    case title
    /// Where to find it.
    case location
    /// Anything the assessor should know.
    case note
  }

  /// The request field at fault, as named in the proto (`evidence[2].title`).
  public var field: String {
    switch self {
    case .unknownAspect: "aspect_id"
    case .unknownElement: "element_id"
    case .missingLevel, .levelOutsideScale: "level"
    case .commentaryTooLong: "commentary"
    case .tooManyEvidenceReferences: "evidence"
    case .evidenceTitleMissing(let index): "evidence[\(index)].title"
    case .evidenceFieldTooLong(let index, let field, _, _): "evidence[\(index)].\(field.rawValue)"
    }
  }

  public var description: String {
    let problem =
      switch self {
      case .unknownAspect(let aspectId, let frameworkId):
        "framework \(frameworkId) has no aspect '\(aspectId)'"
      case .unknownElement(let elementId, let frameworkId):
        "framework \(frameworkId) has no element '\(elementId)'"
      case .missingLevel(let aspectId):
        "aspect \(aspectId) needs a level"
      case .levelOutsideScale(let aspectId, let level, let levels):
        "\(level) is not a level of aspect \(aspectId) (levels run from \(levels.lowerBound) to "
          + "\(levels.upperBound))"
      case .commentaryTooLong(let length, let limit):
        "\(length) characters is more than the \(limit) allowed"
      case .tooManyEvidenceReferences(let count, let limit):
        "\(count) references is more than the \(limit) allowed"
      case .evidenceTitleMissing:
        "every evidence reference needs a title"
      case .evidenceFieldTooLong(_, _, let length, let limit):
        "\(length) characters is more than the \(limit) allowed"
      }
    return "\(field): \(problem)"
  }
}

extension SelfReviewRuleError: RPCErrorConvertible {
  public var rpcErrorCode: Status.Code {
    switch self {
    case .unknownElement: .notFound
    default: .invalidArgument
    }
  }

  public var rpcErrorMessage: String { description }
}
