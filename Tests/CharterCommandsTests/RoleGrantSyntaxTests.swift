import CharterCommands
import Contracts
import Testing

/// `ROLE[:SCOPE]` text to `Registry.RoleGrant` and back.
@Suite("Role grant syntax")
struct RoleGrantSyntaxTests {
  @Test(
    "Each role parses from its name with the scope it needs, and formats back the same",
    arguments: [
      ("school-admin:123456", Registry.RoleGrant(role: .schoolAdmin, scope: .schoolUrn("123456"))),
      (
        "school-contributor:107979",
        Registry.RoleGrant(role: .schoolContributor, scope: .schoolUrn("107979"))
      ),
      ("assessor", Registry.RoleGrant(role: .assessor)),
      ("lead-assessor", Registry.RoleGrant(role: .leadAssessor)),
      (
        "local-authority-adviser:330",
        Registry.RoleGrant(role: .localAuthorityAdviser, scope: .localAuthorityCode("330"))
      ),
      ("programme-admin", Registry.RoleGrant(role: .programmeAdmin)),
      ("service", Registry.RoleGrant(role: .service)),
    ]
  )
  func roundTrip(text: String, grant: Registry.RoleGrant) throws {
    #expect(try RoleGrantSyntax.parse(text) == grant)
    #expect(RoleGrantSyntax.format(grant) == text)
  }

  @Test("Case, underscores, a ROLE_ prefix and the spelling 'advisor' are accepted")
  func lenientNames() throws {
    #expect(
      try RoleGrantSyntax.parse("ROLE_SCHOOL_ADMIN:123456")
        == Registry.RoleGrant(role: .schoolAdmin, scope: .schoolUrn("123456"))
    )
    #expect(
      try RoleGrantSyntax.parse("Programme_Admin") == Registry.RoleGrant(role: .programmeAdmin)
    )
    #expect(try RoleGrantSyntax.parse("local-authority-advisor:330").role == .localAuthorityAdviser)
    #expect(try RoleGrantSyntax.role(named: "lead_assessor") == .leadAssessor)
  }

  @Test(
    "Bad grants are refused with the reason",
    arguments: [
      ("", RoleGrantSyntaxError.emptyRole),
      (":123456", .emptyRole),
      ("headteacher", .unknownRole("headteacher")),
      ("school-admin", .missingScope(role: "school-admin", kind: .school)),
      ("school-admin:", .missingScope(role: "school-admin", kind: .school)),
      (
        "local-authority-adviser",
        .missingScope(role: "local-authority-adviser", kind: .localAuthority)
      ),
      ("programme-admin:123456", .unexpectedScope(role: "programme-admin", scope: "123456")),
      ("assessor:330", .unexpectedScope(role: "assessor", scope: "330")),
      ("school-admin:12345", .invalidScope(role: "school-admin", scope: "12345", kind: .school)),
      (
        "school-contributor:abcdef",
        .invalidScope(role: "school-contributor", scope: "abcdef", kind: .school)
      ),
      (
        "local-authority-adviser:3300",
        .invalidScope(role: "local-authority-adviser", scope: "3300", kind: .localAuthority)
      ),
    ] as [(String, RoleGrantSyntaxError)]
  )
  func errors(text: String, error: RoleGrantSyntaxError) {
    #expect(throws: error) { try RoleGrantSyntax.parse(text) }
  }

  @Test("Error messages say what to type instead")
  func messages() {
    #expect(
      RoleGrantSyntaxError.missingScope(role: "school-admin", kind: .school).description
        == "school-admin needs a school URN: school-admin:URN (e.g. school-admin:123456)"
    )
    #expect(
      RoleGrantSyntaxError.unknownRole("headteacher").description
        == "unknown role \"headteacher\" (expected one of: school-admin, school-contributor, assessor, lead-assessor, local-authority-adviser, programme-admin, service)"
    )
    #expect(
      RoleGrantSyntaxError.unexpectedScope(role: "assessor", scope: "1").description
        == "assessor is a global role and takes no scope (got \":1\")"
    )
  }

  @Test("Roles this version does not know still format")
  func unknownRoleFormats() {
    #expect(RoleGrantSyntax.format(Registry.RoleGrant(role: .unrecognized(42))) == "role-42")
  }
}

@Suite("Phase and value syntax")
struct ValueSyntaxTests {
  @Test("Phase names: short, DfE wording, proto names; round trip through name(of:)")
  func phases() {
    for (phase, name) in SchoolPhaseSyntax.phaseNames {
      #expect(SchoolPhaseSyntax.phase(named: name) == phase)
      #expect(SchoolPhaseSyntax.name(of: phase) == name)
    }
    #expect(SchoolPhaseSyntax.phase(named: "All Through") == .allThrough)
    #expect(SchoolPhaseSyntax.phase(named: "Pupil referral unit") == .pupilReferralUnit)
    #expect(SchoolPhaseSyntax.phase(named: "SCHOOL_PHASE_PRIMARY") == .primary)
    #expect(SchoolPhaseSyntax.phase(named: "middle deemed primary") == .middle)
    #expect(SchoolPhaseSyntax.phase(named: "infant") == nil)
    #expect(SchoolPhaseSyntax.phase(named: "") == nil)
  }

  @Test("Booleans: the common spellings and nothing else")
  func booleans() {
    for text in ["true", "TRUE", "yes", "Y", "t", "1"] {
      #expect(ValueSyntax.boolean(text) == true)
    }
    for text in ["false", "No", "n", "F", "0"] { #expect(ValueSyntax.boolean(text) == false) }
    for text in ["", "maybe", "2", "on"] { #expect(ValueSyntax.boolean(text) == nil) }
  }

  @Test("Dates: ISO and UK order to midnight UTC; impossible days refused")
  func dates() {
    #expect(ValueSyntax.midnightUTC(ofDate: "2009-01-14")?.rfc3339 == "2009-01-14T00:00:00Z")
    #expect(ValueSyntax.midnightUTC(ofDate: "14/01/2009")?.rfc3339 == "2009-01-14T00:00:00Z")
    #expect(ValueSyntax.midnightUTC(ofDate: "2012-02-29")?.rfc3339 == "2012-02-29T00:00:00Z")
    for text in [
      "2009-02-29", "2009-13-01", "2009-1-", "01/14/2009", "2009/01/14", "14.01.2009", "",
      "2009-01-14T10:00:00Z",
    ] {
      #expect(ValueSyntax.midnightUTC(ofDate: text) == nil, "\(text)")
    }
  }

  @Test("Postcodes: upper case with one space before the inward code")
  func postcodes() {
    #expect(ValueSyntax.postcode("ls185rf") == "LS18 5RF")
    #expect(ValueSyntax.postcode(" ls18   5rf ") == "LS18 5RF")
    #expect(ValueSyntax.postcode("M11AA") == "M1 1AA")
    #expect(ValueSyntax.postcode("not a postcode") == "NOT A POSTCODE")
  }
}
