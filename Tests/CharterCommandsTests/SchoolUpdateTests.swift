import CharterCommands
import Contracts
import Testing

/// `update-school`: only the fields given change, and partial addresses keep the rest.
@Suite("School update")
struct SchoolUpdateTests {
  static var current: Registry.School {
    var school = Registry.School()
    school.urn = "107979"
    school.address = Common.PostalAddress(
      lines: ["Lee Lane East"],
      town: "Leeds",
      county: "West Yorkshire",
      postcode: "LS18 5RF"
    )
    school.localAuthority = Common.LocalAuthority(code: "383", name: "Leeds")
    return school
  }

  @Test("Only the fields given are named in update_paths, in field order")
  func paths() {
    var update = SchoolUpdate()
    #expect(update.isEmpty)
    update.numberOnRoll = 1700
    update.name = "Horsforth School"
    update.phase = .secondary
    let request = update.request(urn: "107979", current: nil)
    #expect(request.updatePaths == ["name", "phase", "number_on_roll"])
    #expect(request.name == "Horsforth School")
    #expect(request.numberOnRoll == 1700)
    #expect(request.address == nil)
    #expect(!update.needsCurrentSchool)
  }

  @Test("Part of the address keeps the other parts from the current school")
  func partialAddress() {
    var update = SchoolUpdate()
    update.postcode = "ls18 5rg"
    #expect(update.needsCurrentSchool)
    let request = update.request(urn: "107979", current: Self.current)
    #expect(request.updatePaths == ["address"])
    #expect(
      request.address
        == Common.PostalAddress(
          lines: ["Lee Lane East"],
          town: "Leeds",
          county: "West Yorkshire",
          postcode: "LS18 5RG"
        )
    )
  }

  @Test("Renaming the local authority keeps its code")
  func partialAuthority() {
    var update = SchoolUpdate()
    update.localAuthorityName = "City of Leeds"
    #expect(update.needsCurrentSchool)
    #expect(
      update.request(urn: "107979", current: Self.current).localAuthority
        == Common.LocalAuthority(code: "383", name: "City of Leeds")
    )
  }

  @Test("A whole address needs no lookup; clearing the location sends the path without a value")
  func wholeAddressAndClearing() {
    var update = SchoolUpdate()
    update.streets = [""]
    update.town = "Leeds"
    update.county = ""
    update.postcode = "LS1 1AA"
    update.clearLocation = true
    #expect(!update.needsCurrentSchool)
    let request = update.request(urn: "107979", current: nil)
    #expect(request.updatePaths == ["address", "location"])
    #expect(
      request.address
        == Common.PostalAddress(lines: [], town: "Leeds", county: "", postcode: "LS1 1AA")
    )
    #expect(request.location == nil)
  }
}
