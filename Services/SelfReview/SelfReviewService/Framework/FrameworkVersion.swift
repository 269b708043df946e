public import CharterValues

/// One version of the self-review framework, as immutable data.
///
/// Becta revised the framework while schools were using it (eight elements until June 2010,
/// six after), so a review always names the version it uses and a version never changes once
/// published. Values of this type are only made by decoding and validating framework data (see
/// ``init(json:file:)`` and ``FrameworkCatalog``), so every value holds these invariants:
/// element, strand and aspect ids are unique within the version; every aspect has a threshold on
/// the scale and a descriptor for every level; the level 2 rule names one of the elements.
public struct FrameworkVersion: Sendable, Hashable, Identifiable {
  /// Stable id, e.g. "srf-2008" or "srf-2010".
  public let id: String
  /// Title shown to schools.
  public let title: String
  /// Draft, published or retired.
  public let status: FrameworkStatus
  /// When it was published; `nil` for drafts.
  public let publishTime: UTCTime?
  /// First day the framework was in use.
  public let validFrom: CalendarDate
  /// Last day it was in use; `nil` while current.
  public let validTo: CalendarDate?
  /// The rating scale.
  public let scale: LevelScale
  /// The threshold used for aspects whose data gives none.
  public let defaultThreshold: Int
  /// Where the thresholds come from, for aspects whose data does not say.
  public let thresholdSource: ContentSource
  /// The Charter level 2 rule; `nil` for a framework the Charter does not apply to.
  public let level2Rule: Level2Rule?
  /// Notes on where the content comes from, for the admin UI.
  public let provenance: [String]
  /// The elements, in framework order.
  public let elements: [Element]
  /// A stable hash of the content (everything except the lifecycle fields ``status``,
  /// ``publishTime`` and ``validTo``), so a stored review can tell that the version it was made
  /// on has changed underneath it.
  public let fingerprint: FrameworkFingerprint

  private let aspectIndex: [String: AspectPlace]

  /// Where an aspect sits in the version.
  private struct AspectPlace: Sendable, Hashable {
    var element: Int
    var strand: Int
    var aspect: Int
  }

  init(
    id: String,
    title: String,
    status: FrameworkStatus,
    publishTime: UTCTime?,
    validFrom: CalendarDate,
    validTo: CalendarDate?,
    scale: LevelScale,
    defaultThreshold: Int,
    thresholdSource: ContentSource,
    level2Rule: Level2Rule?,
    provenance: [String],
    elements: [Element]
  ) {
    self.id = id
    self.title = title
    self.status = status
    self.publishTime = publishTime
    self.validFrom = validFrom
    self.validTo = validTo
    self.scale = scale
    self.defaultThreshold = defaultThreshold
    self.thresholdSource = thresholdSource
    self.level2Rule = level2Rule
    self.provenance = provenance
    self.elements = elements
    var index: [String: AspectPlace] = [:]
    for (e, element) in elements.enumerated() {
      for (s, strand) in element.strands.enumerated() {
        for (a, aspect) in strand.aspects.enumerated() {
          index[aspect.id] = AspectPlace(element: e, strand: s, aspect: a)
        }
      }
    }
    self.aspectIndex = index
    self.fingerprint = FrameworkFingerprint(
      content: id, title, validFrom, scale, defaultThreshold, thresholdSource, level2Rule,
      provenance, elements)
  }

  /// Every aspect, in framework order (element by element, strand by strand).
  public var aspects: [Aspect] { elements.flatMap(\.aspects) }

  /// How many aspects the version has.
  public var aspectCount: Int { aspectIndex.count }

  /// The element with the given id.
  public func element(id: String) -> Element? {
    elements.first { $0.id == id }
  }

  /// The aspect with the given id.
  public func aspect(id: String) -> Aspect? {
    guard let place = aspectIndex[id] else { return nil }
    return elements[place.element].strands[place.strand].aspects[place.aspect]
  }

  /// The id of the element an aspect belongs to.
  public func elementId(ofAspect aspectId: String) -> String? {
    aspectIndex[aspectId].map { elements[$0.element].id }
  }

  /// The id of the strand an aspect belongs to.
  public func strandId(ofAspect aspectId: String) -> String? {
    aspectIndex[aspectId].map { elements[$0.element].strands[$0.strand].id }
  }
}
