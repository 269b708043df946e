public import Identity

/// Who may see and change a school's self-review:
///
/// - the school's people (admins and contributors) rate, plan and read;
/// - programme admins do everything; the platform's services read;
/// - the school's local-authority advisers read;
/// - an ICT Mark assessor (or the lead assessor moderating) reads the schools whose
///   assessment evaluation allocated to them, while it is under way (evaluation's feed says
///   so); other assessors do not.
public enum SelfReviewPolicy {
  /// - Parameter allocatedAssessor: whether the caller is the assessor or moderator of an
  ///   assessment of this school under way.
  public static func mayRead(
    school urn: String, localAuthority: String, caller: Caller, allocatedAssessor: Bool = false
  ) -> Bool {
    caller.isProgrammeAdmin || caller.isService || caller.belongs(to: urn)
      || caller.advises(localAuthority: localAuthority)
      || (caller.isAssessor && allocatedAssessor)
  }

  public static func mayWrite(school urn: String, caller: Caller) -> Bool {
    caller.isProgrammeAdmin || caller.belongs(to: urn)
  }

  public static func mayReadEvents(caller: Caller) -> Bool { caller.isProgrammeAdmin || caller.isService }
}
