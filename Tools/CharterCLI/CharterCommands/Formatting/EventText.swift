public import Contracts

/// Registry events as one line each, for following the feed in a terminal or a log.
public enum EventText {
  /// `<sequence>  <time>  <actor>  <what happened>`, e.g.
  /// `42  2009-01-13T09:30:00Z  Ann Smith  school 107979 committed to the Charter`.
  public static func line(_ event: Registry.RegistryEvent) -> String {
    let actor = event.actor?.shownName ?? "-"
    return "\(event.sequence)  \(TimestampText.instant(event.occurredAt))  \(actor)  "
      + description(event.payload)
  }

  /// What an event's payload says happened.
  public static func description(_ payload: Registry.RegistryEvent.Payload?) -> String {
    switch payload {
    case .schoolRegistered(let change)?:
      let school = change.school ?? Registry.School()
      var text = "school \(school.urn) registered: \(school.name)"
      if school.commitment?.committed ?? false { text += " (committed" }
      if school.publicListing?.publiclyListed ?? false { text += ", listed" }
      if school.commitment?.committed ?? false { text += ")" }
      return text
    case .schoolCommitted(let change)?:
      return "school \(change.school?.urn ?? "?") committed to the Charter"
    case .publicListingChanged(let change)?:
      let listed = change.school?.publicListing?.publiclyListed ?? false
      return "school \(change.school?.urn ?? "?") "
        + (listed ? "listed on the public map" : "left the public map")
    case .schoolDetailsChanged(let change)?:
      let paths =
        change.changedPaths.isEmpty ? "" : ": " + change.changedPaths.joined(separator: ", ")
      return "school \(change.school?.urn ?? "?") details changed" + paths
    case .schoolWithdrawn(let change)?:
      let reason = change.school?.withdrawal?.reason ?? ""
      return "school \(change.school?.urn ?? "?") withdrawn" + (reason.isEmpty ? "" : ": \(reason)")
    case .personInvited(let change)?:
      let person = change.person ?? Registry.Person()
      return "person \(person.personId) invited: \(person.displayName) <\(person.email)>, roles "
        + PersonText.roles(person.roles, separator: ", ")
    case .personJoined(let change)?:
      let person = change.person ?? Registry.Person()
      return "person \(person.personId) joined: \(person.displayName)"
    case .roleGranted(let change)?:
      return "person \(change.personId) granted " + grant(change.grant)
    case .roleRevoked(let change)?:
      return "person \(change.personId) no longer " + grant(change.grant)
    case .personRemoved(let change)?:
      return "person \(change.personId) removed"
        + (change.reason.isEmpty ? "" : ": \(change.reason)")
    case nil:
      return "an event this version of charter does not know"
    }
  }

  private static func grant(_ grant: Registry.RoleGrant?) -> String {
    grant.map(RoleGrantSyntax.format) ?? "?"
  }
}
