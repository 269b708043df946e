public import Identity

/// Who may see and change a school's self-review:
///
/// - the school's people (admins and contributors) rate, plan and read;
/// - programme admins do everything; the platform's services read;
/// - the school's local-authority advisers read;
/// - assessors and lead assessors read (the evaluation service narrows this to schools
///   allocated to them once ICT Mark applications exist).
public enum SelfReviewPolicy {
  public static func mayRead(school urn: String, localAuthority: String, caller: Caller) -> Bool {
    caller.isProgrammeAdmin || caller.isService || caller.belongs(to: urn)
      || caller.advises(localAuthority: localAuthority)
      || caller.isAssessor
  }

  public static func mayWrite(school urn: String, caller: Caller) -> Bool {
    caller.isProgrammeAdmin || caller.belongs(to: urn)
  }

  public static func mayReadEvents(caller: Caller) -> Bool { caller.isProgrammeAdmin || caller.isService }
}
