/// Framework data that cannot be loaded, naming the file and what is wrong with it.
///
/// Framework content is hand-written data shipped inside the service. Start-up stops on this
/// error: serving a framework with, say, a threshold off the scale would give schools wrong
/// answers about the ICT Mark, which is worse than not starting.
public struct FrameworkDataError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The data file concerned, e.g. "srf-2008.json".
  public let file: String
  /// What is wrong.
  public let problem: Problem

  /// An error about one file.
  public init(file: String, problem: Problem) {
    self.file = file
    self.problem = problem
  }

  public var description: String { "\(file): \(problem)" }

  /// What is wrong with the data. Ids and JSON paths in the cases point at the offending value.
  public enum Problem: Sendable, Hashable, CustomStringConvertible {
    /// The bytes are not JSON of the expected shape (a missing field, a wrong type, a level key
    /// that is not a number, an unknown status or source, a malformed date).
    case malformed(path: String, detail: String)
    /// A field the format does not define, usually a typo that would otherwise be ignored.
    case unexpectedField(path: String)
    /// An id, title or descriptor that is empty or only whitespace.
    case blankText(path: String)
    /// A scale with fewer than two levels, or whose best level is at neither end.
    case invalidScale(count: Int, best: Int)
    /// A generic or aspect descriptor, a threshold or a default threshold for a level the
    /// scale does not have. `path` names where (e.g. "aspect 1a1 threshold").
    case levelOutsideScale(path: String, level: Int)
    /// A level of the scale with no descriptor (`path` is "scale" or "aspect <id>").
    case missingDescriptor(path: String, level: Int)
    /// Two elements of one version with the same id.
    case duplicateElementId(String)
    /// Two strands of one version with the same id.
    case duplicateStrandId(String)
    /// Two aspects of one version with the same id.
    case duplicateAspectId(String)
    /// A version with no elements, an element with no strands or a strand with no aspects.
    case empty(path: String)
    /// The level 2 rule names an element the version does not have.
    case level2RuleUnknownElement(String)
    /// The level 2 rule asks for a negative number of other elements, or more than exist.
    case level2RuleUnreachable(additionalElementsMin: Int, otherElements: Int)
    /// A published or retired version without a publish time.
    case missingPublishTime
    /// A draft with a publish time.
    case draftWithPublishTime
    /// A version whose last day comes before its first.
    case validityEndsBeforeStart
    /// Two versions with the same id.
    case duplicateVersionId(String)
    /// A mapping that names a framework version not in the catalog.
    case mappingUnknownFramework(String)
    /// A mapping from a version onto itself.
    case mappingOntoItself(String)
    /// Two mappings between the same pair of versions.
    case duplicateMapping(from: String, to: String)
    /// A mapping that names an aspect the version does not have.
    case mappingUnknownAspect(frameworkId: String, aspectId: String)
    /// An old aspect mapped twice.
    case mappingDuplicateAspect(String)
    /// An old aspect the mapping says nothing about (write `"to": []` to drop it on purpose).
    case mappingOmitsAspect(String)
    /// A level conversion from or to a level outside that version's scale.
    case conversionLevelOutsideScale(frameworkId: String, level: Int)
    /// A level of the old scale with no conversion.
    case missingLevelConversion(level: Int)

    public var description: String {
      switch self {
      case .malformed(let path, let detail):
        "malformed data at \(path.isEmpty ? "top level" : path): \(detail)"
      case .unexpectedField(let path):
        "unexpected field \(path)"
      case .blankText(let path):
        "\(path) is blank"
      case .invalidScale(let count, let best):
        "scale of \(count) levels with best level \(best): needs 2 or more levels, best at 1 or "
          + "\(count)"
      case .levelOutsideScale(let path, let level):
        "\(path): level \(level) is not on the scale"
      case .missingDescriptor(let path, let level):
        "\(path): no descriptor for level \(level)"
      case .duplicateElementId(let id):
        "element id \(id) is used twice"
      case .duplicateStrandId(let id):
        "strand id \(id) is used twice"
      case .duplicateAspectId(let id):
        "aspect id \(id) is used twice"
      case .empty(let path):
        "\(path) is empty"
      case .level2RuleUnknownElement(let id):
        "the level 2 rule names element \(id), which the framework does not have"
      case .level2RuleUnreachable(let minimum, let others):
        "the level 2 rule asks for \(minimum) other elements, but there are \(others)"
      case .missingPublishTime:
        "a published or retired framework needs a publish_time"
      case .draftWithPublishTime:
        "a draft framework cannot have a publish_time"
      case .validityEndsBeforeStart:
        "valid_to comes before valid_from"
      case .duplicateVersionId(let id):
        "framework version \(id) is defined twice"
      case .mappingUnknownFramework(let id):
        "the mapping names framework \(id), which is not loaded"
      case .mappingOntoItself(let id):
        "the mapping maps \(id) onto itself"
      case .duplicateMapping(let from, let to):
        "a mapping from \(from) to \(to) is defined twice"
      case .mappingUnknownAspect(let frameworkId, let aspectId):
        "the mapping names aspect \(aspectId), which \(frameworkId) does not have"
      case .mappingDuplicateAspect(let id):
        "the mapping maps aspect \(id) twice"
      case .mappingOmitsAspect(let id):
        "the mapping says nothing about aspect \(id)"
      case .conversionLevelOutsideScale(let frameworkId, let level):
        "the level conversion uses level \(level), which is not on the scale of \(frameworkId)"
      case .missingLevelConversion(let level):
        "the level conversion does not say what level \(level) becomes"
      }
    }
  }
}
