public import CharterValues

/// A stable 64-bit hash of a framework version's content.
///
/// A published version is never changed, but a data file can still be edited by mistake. The
/// service stores the fingerprint with each review and compares it with the loaded version at
/// start-up, so an edit to published content is caught instead of silently changing what
/// schools rated against. The hash is FNV-1a (64-bit) over a canonical serialisation of the
/// decoded content: key order and whitespace in the JSON do not affect it, every title,
/// descriptor, threshold, source and id does. The lifecycle fields (status, publish time,
/// valid-to date) are left out because retiring a version is not a change of content. It is a
/// change detector, not a cryptographic digest.
public struct FrameworkFingerprint: Sendable, Hashable, LosslessStringConvertible {
  /// The 64-bit hash.
  public let value: UInt64

  /// A fingerprint from its hash value, e.g. one read back from the store.
  public init(value: UInt64) {
    self.value = value
  }

  /// Parses the ``description`` form, `fnv1a64:` followed by 16 lower-case hex digits.
  public init?(_ description: String) {
    let prefix = "fnv1a64:"
    guard description.hasPrefix(prefix) else { return nil }
    let digits = description.dropFirst(prefix.count)
    guard digits.count == 16, digits.allSatisfy({ $0.isHexDigit && !$0.isUppercase }),
      let value = UInt64(digits, radix: 16)
    else { return nil }
    self.value = value
  }

  /// `fnv1a64:` followed by 16 lower-case hex digits, e.g. `fnv1a64:00c0ffee12345678`.
  public var description: String {
    let hex = String(value, radix: 16)
    return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex
  }

  init(
    content id: String,
    _ title: String,
    _ validFrom: CalendarDate,
    _ scale: LevelScale,
    _ defaultThreshold: Int,
    _ thresholdSource: ContentSource,
    _ level2Rule: Level2Rule?,
    _ provenance: [String],
    _ elements: [Element]
  ) {
    var writer = CanonicalWriter()
    writer.text("framework", id)
    writer.text("title", title)
    writer.text("valid_from", validFrom.description)
    writer.number("scale.count", scale.count)
    writer.number("scale.best", scale.best)
    writer.descriptors("scale.generic", scale.genericDescriptors)
    writer.number("default_threshold", defaultThreshold)
    writer.text("threshold_source", thresholdSource.rawValue)
    if let level2Rule {
      writer.text("level2.required", level2Rule.requiredElementId)
      writer.number("level2.others", level2Rule.additionalElementsMin)
    } else {
      writer.absent("level2")
    }
    writer.count("provenance", provenance.count)
    for note in provenance { writer.text("note", note) }
    writer.count("elements", elements.count)
    for element in elements {
      writer.text("element", element.id)
      writer.text("element.title", element.title)
      if let partner = element.partner {
        writer.text("element.partner", partner)
      } else {
        writer.absent("element.partner")
      }
      writer.count("strands", element.strands.count)
      for strand in element.strands {
        writer.text("strand", strand.id)
        writer.text("strand.title", strand.title)
        writer.text("strand.source", strand.source.rawValue)
        writer.count("aspects", strand.aspects.count)
        for aspect in strand.aspects {
          writer.text("aspect", aspect.id)
          writer.text("aspect.title", aspect.title)
          writer.number("aspect.threshold", aspect.thresholdLevel)
          writer.text("aspect.source.title", aspect.sources.title.rawValue)
          writer.text("aspect.source.descriptors", aspect.sources.descriptors.rawValue)
          writer.text("aspect.source.threshold", aspect.sources.threshold.rawValue)
          writer.descriptors("aspect.descriptors", aspect.descriptors)
        }
      }
    }
    self.value = writer.hash.value
  }
}
