public import CharterValues

/// The assessment visit (CHARTER-DOMAIN.md §3): normally half a day, on a date agreed from
/// the days the school offered, following the usual agenda unless the assessor sets another,
/// concentrating on two or three elements.
public enum AssessmentVisit {
  /// How long a visit lasts: half a day.
  public static let length: Duration = .seconds(4 * 3600)
  /// The most days a school offers at once.
  public static let maximumOfferedDays = 10
  /// The most elements a visit concentrates on.
  public static let maximumFocusElements = 3

  /// The usual agenda, in order (Naace's assessment-visit guidance, paraphrased).
  public static let usualAgenda = [
    "Context of the school from the headteacher and senior leaders",
    "Tour of the school",
    "Evidence review with the ICT leader",
    "Meetings with subject leaders",
    "Meetings with teachers and others (network manager, teaching assistants, governors, parents)",
    "Meeting with pupils",
    "Assessor reflects on a recommendation",
    "Feedback to the senior leadership team",
  ]

  /// Checks the days a school offers: one to ten, none before `today`, without repeats (kept
  /// in order).
  /// - Throws: ``InvalidField`` (`dates`).
  public static func checkOffered(_ days: [CalendarDate], today: CalendarDate) throws(InvalidField) -> [CalendarDate] {
    guard !days.isEmpty else { throw InvalidField(field: "dates", reason: "offer at least one day") }
    guard days.count <= maximumOfferedDays else {
      throw InvalidField(field: "dates", reason: "offer at most \(maximumOfferedDays) days")
    }
    if let past = days.first(where: { $0 < today }) {
      throw InvalidField(field: "dates", reason: "\(past) is in the past")
    }
    var unique: [CalendarDate] = []
    for day in days where !unique.contains(day) { unique.append(day) }
    return unique.sorted()
  }

  /// Checks a visit's start: not in the past, on one of the offered days.
  /// - Throws: ``InvalidField`` (`visit.starts_at`).
  public static func checkStart(_ start: UTCTime, offered: [CalendarDate], now: UTCTime) throws(InvalidField) {
    guard start >= now else { throw InvalidField(field: "visit.starts_at", reason: "is in the past") }
    guard offered.contains(start.date) else {
      throw InvalidField(
        field: "visit.starts_at",
        reason: "\(start.date) is not a day the school offered ("
          + offered.map(\.description).joined(separator: ", ") + ")")
    }
  }
}
