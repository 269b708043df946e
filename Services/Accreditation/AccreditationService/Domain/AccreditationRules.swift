/// The Charter's periods and shares that the accreditation rules read, in one place, so tests
/// and deployments can see (and change) them without touching the rules.
///
/// The defaults are the Charter's: recognition holds for three years, a commitment is to reach
/// the ICT Mark within three years with a reminder six months before, a tenth of recognitions
/// is audited (the main criticism of level 2 was that it is self-certified).
public struct AccreditationRules: Sendable, Hashable {
  /// How long Recognised status (level 2) holds after approval, unless the Mark comes first.
  public var recognitionYears = 3
  /// How long a committed school has to reach the ICT Mark.
  public var commitmentYears = 3
  /// How many months before the commitment deadline the reminder goes out.
  public var commitmentReminderMonths = 6
  /// How many months before a Mark's expiry it counts as due for renewal.
  public var markRenewalMonths = 6
  /// How many months after expiry a Mark still shows in an adviser's renewal list (a late
  /// renewal is allowed up to twelve months after expiry).
  public var lateRenewalMonths = 12
  /// For award cycles that do not require the ICT Mark: how long a level 4 result counts.
  public var excellenceWithoutMarkYears = 3
  /// The share of approved recognitions selected for a spot-check audit, 0 through 1.
  public var spotCheckShare = 0.1
  /// How long a referee's invitation code works.
  public var refereeInvitationLifetime: Duration = .seconds(30 * 86_400)

  public init() {}
}
