public import Identity

/// Who may do what with the Charter standing (issue 10, "Who may do what"):
///
/// - a school's people (admins and contributors) read its standing, certificates and
///   recognition requests; its admins ask for recognition and enter award cycles;
/// - a referee acts only on requests naming them;
/// - a local-authority adviser reads their authority's schools;
/// - programme admins (the programme office) act on everything; services read;
/// - certificate verification is public (no token at all), and so is a referee's answer given
///   with an invitation code, the code being the credential.
///
/// Everything else is PERMISSION_DENIED.
public enum AccreditationPolicy {
  public static func mayReadStanding(school urn: String, localAuthority: String, caller: Caller) -> Bool {
    caller.isProgrammeAdmin || caller.isService || caller.belongs(to: urn)
      || caller.advises(localAuthority: localAuthority)
  }

  public static func mayRequestRecognition(school urn: String, caller: Caller) -> Bool {
    caller.isProgrammeAdmin || caller.administers(school: urn)
  }

  /// A referee with an account answers for requests naming them; the programme office records
  /// answers given on paper.
  public static func mayAnswerAsReferee(refereePersonID: String?, caller: Caller) -> Bool {
    if caller.isProgrammeAdmin { return true }
    guard let refereePersonID, let person = caller.personID else { return false }
    return refereePersonID == person
  }

  /// A recognition request is readable by whoever may read the school, and by its referee.
  public static func mayReadRecognition(
    school urn: String, localAuthority: String, refereePersonID: String?, caller: Caller
  ) -> Bool {
    mayReadStanding(school: urn, localAuthority: localAuthority, caller: caller)
      || (refereePersonID != nil && refereePersonID == caller.personID)
  }

  /// Deciding recognitions, audits, invitations, the programme switch and the award cycles.
  public static func mayRunProgramme(caller: Caller) -> Bool { caller.isProgrammeAdmin }

  public static func mayEnterAward(school urn: String, caller: Caller) -> Bool {
    caller.isProgrammeAdmin || caller.administers(school: urn)
  }

  public static func mayReadAuthority(_ code: String, caller: Caller) -> Bool {
    caller.isProgrammeAdmin || caller.isService || caller.advises(localAuthority: code)
  }

  /// Every school's events, lists across authorities.
  public static func mayReadEverything(caller: Caller) -> Bool { caller.isProgrammeAdmin || caller.isService }

  /// Award cycles and the programme's status are not personal: any signed-in caller.
  public static func mayReadProgramme(caller: Caller) -> Bool { true }
}
