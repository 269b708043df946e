import CharterCommands
import Contracts
import Testing

/// Human output: a school as labelled lines, pages as tables with a footer, events as lines.
@Suite("Human formatting")
struct FormattingTests {
  static let actor = Common.Actor(principal: .personId("p-7"), displayName: "Ann Smith")

  static var horsforth: Registry.School {
    var school = Registry.School()
    school.urn = "107979"
    school.name = "Horsforth School"
    school.address = Common.PostalAddress(
      lines: ["Lee Lane East"],
      town: "Leeds",
      county: "West Yorkshire",
      postcode: "LS18 5RF"
    )
    school.phase = .secondary
    school.localAuthority = Common.LocalAuthority(code: "383", name: "Leeds")
    school.numberOnRoll = 1650
    school.location = Common.GeoPoint(latitude: 53.8459, longitude: -1.6453)
    school.commitment = Registry.Commitment(
      committed: true,
      committedAt: Protobuf.Timestamp(rfc3339: "2009-01-14T00:00:00Z"),
      committedBy: actor
    )
    school.publicListing = Registry.PublicListing(
      publiclyListed: true,
      listingChangedAt: Protobuf.Timestamp(rfc3339: "2009-01-14T09:30:00.25Z"),
      listingChangedBy: actor
    )
    school.createTime = Protobuf.Timestamp(rfc3339: "2009-01-13T09:30:00Z")
    school.updateTime = Protobuf.Timestamp(rfc3339: "2009-01-14T09:30:00Z")
    return school
  }

  @Test("A school is a few labelled, aligned lines")
  func schoolDetails() {
    #expect(
      SchoolText.details(Self.horsforth) == [
        "URN              107979",
        "Name             Horsforth School",
        "Phase            secondary",
        "Address          Lee Lane East, Leeds, West Yorkshire, LS18 5RF",
        "Local authority  383 Leeds",
        "Number on roll   1650",
        "Location         53.8459, -1.6453",
        "Commitment       committed 2009-01-14T00:00:00Z by Ann Smith",
        "Public map       listed since 2009-01-14T09:30:00Z (by Ann Smith)",
        "Status           active",
        "Registered       2009-01-13T09:30:00Z",
        "Updated          2009-01-14T09:30:00Z",
      ]
    )
  }

  @Test("A new school reads as not committed, not listed, not mapped; a withdrawn one says why")
  func otherStates() {
    var school = Registry.School()
    school.urn = "100001"
    school.name = "Brand New Primary"
    school.phase = .primary
    let lines = SchoolText.details(school)
    #expect(lines.contains("Number on roll   not known"))
    #expect(lines.contains("Location         not mapped"))
    #expect(lines.contains("Commitment       not committed"))
    #expect(lines.contains("Public map       not listed"))
    school.withdrawal = Registry.Withdrawal(
      withdrawnAt: Protobuf.Timestamp(rfc3339: "2010-07-01T12:00:00Z"),
      withdrawnBy: Self.actor,
      reason: "closed"
    )
    #expect(
      SchoolText.details(school).contains(
        "Status           withdrawn 2010-07-01T12:00:00Z by Ann Smith: closed"
      )
    )
    #expect(SchoolText.charterState(school) == "withdrawn")
  }

  @Test("A page of schools is an aligned table with a footer naming the next page")
  func schoolPage() {
    var other = Registry.School()
    other.urn = "100002"
    other.name = "A School With A Remarkably Long Name That Goes On And On"
    other.phase = .allThrough
    other.localAuthority = Common.LocalAuthority(code: "330", name: "Birmingham")
    other.address = Common.PostalAddress(postcode: "B1 1AA")
    let page = Registry.ListSchoolsResponse(
      schools: [Self.horsforth, other],
      nextPageToken: "abc+/=",
      totalSize: 24_000
    )
    #expect(
      SchoolText.page(page) == [
        "URN     NAME                                      PHASE        LA              POSTCODE  CHARTER",
        "107979  Horsforth School                          secondary    383 Leeds       LS18 5RF  listed",
        "100002  A School With A Remarkably Long Name Th…  all-through  330 Birmingham  B1 1AA    not committed",
        "showing 2 of 24000; next page: --page-token abc+/=",
      ]
    )
  }

  @Test("The last page's footer has no token; an empty page says so; odd tokens are shell-quoted")
  func footers() {
    #expect(
      SchoolText.page(Registry.ListSchoolsResponse()) == ["no schools match", "showing 0 of 0"]
    )
    #expect(PageFooter.text(shown: 3, total: 3, nextPageToken: "") == "showing 3 of 3")
    #expect(
      PageFooter.text(shown: 1, total: 9, nextPageToken: "it's")
        == "showing 1 of 9; next page: --page-token 'it'\\''s'"
    )
  }

  @Test("People: details with one role per line, tables with grants in ROLE:SCOPE form")
  func people() {
    var person = Registry.Person()
    person.personId = "p-7"
    person.email = "ann@example.org"
    person.displayName = "Ann Smith"
    person.state = .active
    person.roles = [
      Registry.RoleGrant(role: .schoolAdmin, scope: .schoolUrn("107979")),
      Registry.RoleGrant(role: .localAuthorityAdviser, scope: .localAuthorityCode("383")),
    ]
    person.createTime = Protobuf.Timestamp(rfc3339: "2009-01-10T08:00:00Z")
    #expect(
      PersonText.details(person) == [
        "ID       p-7",
        "Name     Ann Smith",
        "Email    ann@example.org",
        "State    active",
        "Roles    school-admin:107979",
        "         local-authority-adviser:383",
        "Invited  2009-01-10T08:00:00Z",
        "Joined   not yet",
      ]
    )
    #expect(
      PersonText.page(Registry.ListPeopleResponse(people: [person], totalSize: 1)) == [
        "ID   NAME       EMAIL            STATE   ROLES",
        "p-7  Ann Smith  ann@example.org  active  school-admin:107979, local-authority-adviser:383",
        "showing 1 of 1",
      ]
    )
  }

  @Test("Events are one line each: sequence, time, actor, what happened")
  func events() {
    func event(_ payload: Registry.RegistryEvent.Payload?) -> String {
      EventText.line(
        Registry.RegistryEvent(
          sequence: 42,
          occurredAt: Protobuf.Timestamp(rfc3339: "2009-01-14T09:30:00Z"),
          actor: Self.actor,
          payload: payload
        )
      )
    }
    #expect(
      event(.schoolRegistered(Registry.SchoolRegistered(school: Self.horsforth)))
        == "42  2009-01-14T09:30:00Z  Ann Smith  school 107979 registered: Horsforth School (committed, listed)"
    )
    #expect(
      event(.schoolCommitted(Registry.SchoolCommitted(school: Self.horsforth)))
        == "42  2009-01-14T09:30:00Z  Ann Smith  school 107979 committed to the Charter"
    )
    #expect(
      event(.publicListingChanged(Registry.PublicListingChanged(school: Self.horsforth))).hasSuffix(
        "school 107979 listed on the public map"
      )
    )
    #expect(
      event(
        .schoolDetailsChanged(
          Registry.SchoolDetailsChanged(school: Self.horsforth, changedPaths: ["name", "address"])
        )
      ).hasSuffix("school 107979 details changed: name, address")
    )
    #expect(
      event(
        .roleGranted(
          Registry.RoleGranted(personId: "p-9", grant: Registry.RoleGrant(role: .assessor))
        )
      ).hasSuffix("person p-9 granted assessor")
    )
    #expect(
      event(.personRemoved(Registry.PersonRemoved(personId: "p-9", reason: "left"))).hasSuffix(
        "person p-9 removed: left"
      )
    )
    #expect(event(nil).hasSuffix("an event this version of charter does not know"))
  }

  @Test("Tables pad every column but the last, and leave no trailing spaces")
  func table() {
    var table = TextTable(columns: ["A", "LONGER", "C"])
    table.append(["wide cell", "", ""])
    table.append(["x"])
    #expect(table.render() == ["A          LONGER  C", "wide cell", "x"])
    #expect(TextTable.truncate("abcdef", to: 4) == "abc…")
    #expect(TextTable.truncate("abcd", to: 4) == "abcd")
  }
}
