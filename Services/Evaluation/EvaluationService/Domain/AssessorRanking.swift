public import CharterValues
import Contracts
public import RegistryReplica

/// Ranks the assessors who could take a school's assessment, for `SuggestAssessors`: the
/// programme office (or the school choosing) sees the best matches first and why, and why
/// every other assessor is excluded.
///
/// The score is a sum the reasons spell out: 100 to start; +20 when the pen portrait names the
/// school's local authority, +10 when it covers only its region; −8 for each assessment the
/// assessor has in hand; when both their base and the school have a location, up to +10 for
/// being near (10 less 1 per 10 km, never below 0), so an assessor who gave no location is
/// neither helped nor hurt; +5 when the school asked for them. Ties go to the name, then the id.
public enum AssessorRanking {
  /// An assessor who could be allocated, with their score and its reasons.
  public struct Suggestion: Sendable, Hashable {
    public var assessor: AssessorProfile
    public var score: Double
    public var reasons: [String]
    public var distanceKilometres: Double?
    public var preferredBySchool: Bool
    public var openAllocations: Int
  }

  /// An assessor who may not be allocated, with every reason.
  public struct Exclusion: Sendable, Hashable {
    public var assessor: AssessorProfile
    public var refusals: [AllocationRefusal]
  }

  /// Suggestions (best first) and exclusions (by name) for `school`.
  ///
  /// - Parameters:
  ///   - assessors: Every assessor, with their current workload.
  ///   - preferredID: The assessor the school asked for, if any.
  public static func rank(
    _ assessors: [(profile: AssessorProfile, openAllocations: Int)], for school: RegistrySchool,
    preferredID: String?, today: CalendarDate, conferenceMonths: Int = 12
  ) -> (suggestions: [Suggestion], excluded: [Exclusion]) {
    var suggestions: [Suggestion] = []
    var excluded: [Exclusion] = []
    let schoolLocation = school.location.map { GeoLocation(latitude: $0.latitude, longitude: $0.longitude) }
    for (assessor, open) in assessors {
      let refusals = AllocationRules.refusals(
        assessor: assessor, school: school, today: today, conferenceMonths: conferenceMonths)
      guard refusals.isEmpty else {
        excluded.append(Exclusion(assessor: assessor, refusals: refusals))
        continue
      }
      var score = 100.0
      var reasons: [String] = []
      switch assessor.penPortrait.coverage(of: school.localAuthorityCode) {
      case .localAuthority:
        score += 20
        reasons.append("covers local authority \(school.localAuthorityCode) (+20)")
      case .region(let region):
        score += 10
        reasons.append("covers the \(region.name) region (+10)")
      case .none:
        break
      }
      reasons.append("covers the \(PhaseText.name(school.phase)) phase")
      if open > 0 {
        score -= 8 * Double(open)
        reasons.append("\(open) assessment\(open == 1 ? "" : "s") in hand (−\(8 * open))")
      } else {
        reasons.append("no assessments in hand")
      }
      var distance: Double?
      if let schoolLocation, let base = assessor.penPortrait.baseLocation {
        let km = base.kilometres(to: schoolLocation)
        distance = km
        let nearness = max(0, 10 - km / 10)
        score += nearness
        reasons.append("based \(Int(km.rounded())) km away (+\(Int(nearness.rounded())))")
      }
      let preferred = assessor.id == preferredID
      if preferred {
        score += 5
        reasons.append("the school's choice (+5)")
      }
      suggestions.append(
        Suggestion(
          assessor: assessor, score: score, reasons: reasons, distanceKilometres: distance,
          preferredBySchool: preferred, openAllocations: open))
    }
    suggestions.sort {
      ($0.score, $1.assessor.displayName, $1.assessor.id) > ($1.score, $0.assessor.displayName, $0.assessor.id)
    }
    excluded.sort { ($0.assessor.displayName, $0.assessor.id) < ($1.assessor.displayName, $1.assessor.id) }
    return (suggestions, excluded)
  }
}
