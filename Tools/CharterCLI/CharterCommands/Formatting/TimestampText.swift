public import Contracts

/// Instants and dates as the CLI shows them: UTC, to the second, in RFC 3339.
public enum TimestampText {
  /// `2009-01-13T09:30:00Z` (fractions of a second dropped); `-` when absent.
  public static func instant(_ timestamp: Protobuf.Timestamp?) -> String {
    guard let timestamp else { return "-" }
    return Protobuf.Timestamp(seconds: timestamp.seconds, nanos: 0).rfc3339
  }

  /// `2009-01-13`, the UTC date; `-` when absent.
  public static func date(_ timestamp: Protobuf.Timestamp?) -> String {
    guard timestamp != nil else { return "-" }
    return String(instant(timestamp).prefix(10))
  }
}

extension Common.Actor {
  /// Who acted, for people: the display name, else the person id or service name.
  var shownName: String {
    if !displayName.isEmpty { return displayName }
    switch principal {
    case .personId(let id)?: return "person \(id)"
    case .serviceName(let name)?: return name
    case nil: return "-"
    }
  }
}
