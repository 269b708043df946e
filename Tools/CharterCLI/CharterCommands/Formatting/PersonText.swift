public import Contracts

/// People as operators read them: one person as labelled lines, many as a table.
public enum PersonText {
  /// One person: id, name, email, state, each role grant on its own line, and dates.
  public static func details(_ person: Registry.Person) -> [String] {
    var lines = LabelledLines()
    lines.add("ID", person.personId)
    lines.add("Name", person.displayName)
    lines.add("Email", person.email)
    lines.add("State", state(person.state))
    lines.add("Roles", roles(person.roles, separator: "\n"))
    lines.add("Invited", TimestampText.instant(person.createTime))
    lines.add("Joined", person.joinedAt == nil ? "not yet" : TimestampText.instant(person.joinedAt))
    return lines.render()
  }

  /// People as a table: id, name, email, state, role grants.
  public static func table(_ people: [Registry.Person]) -> [String] {
    var table = TextTable(columns: ["ID", "NAME", "EMAIL", "STATE", "ROLES"])
    for person in people {
      table.append([
        person.personId, TextTable.truncate(person.displayName, to: 32), person.email,
        state(person.state), roles(person.roles, separator: ", "),
      ])
    }
    return table.render()
  }

  /// A page of people: the table, then the footer (``PageFooter``).
  public static func page(_ response: Registry.ListPeopleResponse) -> [String] {
    (response.people.isEmpty ? ["no people match"] : table(response.people))
      + [
        PageFooter.text(
          shown: response.people.count,
          total: Int(response.totalSize),
          nextPageToken: response.nextPageToken
        )
      ]
  }

  /// `invited`, `active`, `removed` (`state-N` for values this version does not know).
  public static func state(_ state: Registry.PersonState) -> String {
    switch state {
    case .invited: "invited"
    case .active: "active"
    case .removed: "removed"
    case .unspecified: "unspecified"
    case .unrecognized(let value): "state-\(value)"
    }
  }

  /// Role grants in `ROLE[:SCOPE]` form (``RoleGrantSyntax``); `none` when there are none.
  public static func roles(_ grants: [Registry.RoleGrant], separator: String) -> String {
    grants.isEmpty ? "none" : grants.map(RoleGrantSyntax.format).joined(separator: separator)
  }
}
