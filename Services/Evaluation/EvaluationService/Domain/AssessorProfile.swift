public import CharterValues

/// What allocation needs to know of an assessor: their pen portrait and conflicts, whether
/// they are a lead assessor and still active, their code of practice and conference, and how
/// many assessments they have completed.
public struct AssessorProfile: Sendable, Hashable {
  public var id: String
  public var personID: String
  public var displayName: String
  public var penPortrait: PenPortrait
  /// Schools they supported with self-review or work for.
  public var supportedSchools: Set<String>
  public var isLeadAssessor: Bool
  /// Whether their registry role still stands.
  public var isActive: Bool
  public var codeOfPracticeSignedAt: UTCTime?
  public var lastConferenceOn: CalendarDate?
  public var completedAssessments: Int

  public init(
    id: String, personID: String, displayName: String, penPortrait: PenPortrait, supportedSchools: Set<String> = [],
    isLeadAssessor: Bool = false, isActive: Bool = true, codeOfPracticeSignedAt: UTCTime? = nil,
    lastConferenceOn: CalendarDate? = nil, completedAssessments: Int = 0
  ) {
    self.id = id
    self.personID = personID
    self.displayName = displayName
    self.penPortrait = penPortrait
    self.supportedSchools = supportedSchools
    self.isLeadAssessor = isLeadAssessor
    self.isActive = isActive
    self.codeOfPracticeSignedAt = codeOfPracticeSignedAt
    self.lastConferenceOn = lastConferenceOn
    self.completedAssessments = completedAssessments
  }
}
