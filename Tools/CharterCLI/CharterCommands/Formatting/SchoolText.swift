public import Contracts

/// Schools as people read them: one school as labelled lines, many as a table.
public enum SchoolText {
  /// One school as labelled lines: identity, address, authority, roll, location, its Charter
  /// choices, withdrawal if any, and when it was registered and changed.
  public static func details(_ school: Registry.School) -> [String] {
    var lines = LabelledLines()
    lines.add("URN", school.urn)
    lines.add("Name", school.name)
    lines.add("Phase", SchoolPhaseSyntax.name(of: school.phase))
    lines.add("Address", address(school.address))
    lines.add("Local authority", school.localAuthority.map { "\($0.code) \($0.name)" } ?? "-")
    lines.add(
      "Number on roll",
      school.numberOnRoll == 0 ? "not known" : String(school.numberOnRoll)
    )
    lines.add("Location", school.location.map(location) ?? "not mapped")
    lines.add("Commitment", commitment(school.commitment))
    lines.add("Public map", listing(school.publicListing))
    if let withdrawal = school.withdrawal {
      var text = "withdrawn \(TimestampText.instant(withdrawal.withdrawnAt))"
      if let actor = withdrawal.withdrawnBy { text += " by \(actor.shownName)" }
      if !withdrawal.reason.isEmpty { text += ": \(withdrawal.reason)" }
      lines.add("Status", text)
    } else {
      lines.add("Status", "active")
    }
    lines.add("Registered", TimestampText.instant(school.createTime))
    lines.add("Updated", TimestampText.instant(school.updateTime))
    return lines.render()
  }

  /// Schools as a table: URN, name, phase, local authority, postcode, Charter state.
  public static func table(_ schools: [Registry.School]) -> [String] {
    var table = TextTable(columns: ["URN", "NAME", "PHASE", "LA", "POSTCODE", "CHARTER"])
    for school in schools {
      let authority = school.localAuthority.map { "\($0.code) \($0.name)" } ?? ""
      table.append([
        school.urn, TextTable.truncate(school.name, to: 40),
        SchoolPhaseSyntax.name(of: school.phase), TextTable.truncate(authority, to: 24),
        school.address?.postcode ?? "", charterState(school),
      ])
    }
    return table.render()
  }

  /// A page of schools: the table, then the footer (``PageFooter``).
  public static func page(_ response: Registry.ListSchoolsResponse) -> [String] {
    (response.schools.isEmpty ? ["no schools match"] : table(response.schools))
      + [
        PageFooter.text(
          shown: response.schools.count,
          total: Int(response.totalSize),
          nextPageToken: response.nextPageToken
        )
      ]
  }

  /// The school's standing in one word or two: `withdrawn`, `listed` (committed and on the
  /// public map), `committed`, or `not committed`.
  public static func charterState(_ school: Registry.School) -> String {
    if school.withdrawal != nil { return "withdrawn" }
    let committed = school.commitment?.committed ?? false
    if committed, school.publicListing?.publiclyListed ?? false { return "listed" }
    return committed ? "committed" : "not committed"
  }

  /// The address on one line: street lines, town, county, postcode.
  public static func address(_ address: Common.PostalAddress?) -> String {
    guard let address else { return "-" }
    let parts = address.lines + [address.town, address.county, address.postcode]
    let text = parts.filter { !$0.isEmpty }.joined(separator: ", ")
    return text.isEmpty ? "-" : text
  }

  private static func location(_ point: Common.GeoPoint) -> String {
    "\(point.latitude), \(point.longitude)"
  }

  private static func commitment(_ commitment: Registry.Commitment?) -> String {
    guard let commitment, commitment.committed else { return "not committed" }
    var text = "committed \(TimestampText.instant(commitment.committedAt))"
    if let actor = commitment.committedBy { text += " by \(actor.shownName)" }
    return text
  }

  private static func listing(_ listing: Registry.PublicListing?) -> String {
    guard let listing else { return "not listed" }
    var text = listing.publiclyListed ? "listed" : "not listed"
    if listing.listingChangedAt != nil {
      text += " since \(TimestampText.instant(listing.listingChangedAt))"
      if let actor = listing.listingChangedBy { text += " (by \(actor.shownName))" }
    }
    return text
  }
}
