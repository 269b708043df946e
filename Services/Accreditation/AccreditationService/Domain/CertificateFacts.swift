public import CharterValues

/// What a certificate is for: one kind per Charter level.
public enum CertificateKind: Int, Sendable, Hashable, CaseIterable {
  case committed = 1
  case recognised = 2
  case ictMark = 3
  case excellence = 4

  /// The level it certifies.
  public var level: CharterLevel {
    switch self {
    case .committed: .committed
    case .recognised: .recognised
    case .ictMark: .ictMark
    case .excellence: .excellence
    }
  }

  /// The contract's name for the kind, as the canonical text writes it.
  public var protoName: String {
    switch self {
    case .committed: "CERTIFICATE_KIND_COMMITTED"
    case .recognised: "CERTIFICATE_KIND_RECOGNISED"
    case .ictMark: "CERTIFICATE_KIND_ICT_MARK"
    case .excellence: "CERTIFICATE_KIND_EXCELLENCE_AWARD"
    }
  }
}

extension CharterLevel {
  /// The contract's name for the level (`charter.common.v1.CharterLevel`).
  public var protoName: String {
    switch self {
    case .withdrawn: "CHARTER_LEVEL_WITHDRAWN"
    case .notCommitted: "CHARTER_LEVEL_NOT_COMMITTED"
    case .committed: "CHARTER_LEVEL_COMMITTED"
    case .recognised: "CHARTER_LEVEL_RECOGNISED"
    case .ictMark: "CHARTER_LEVEL_ICT_MARK"
    case .excellence: "CHARTER_LEVEL_EXCELLENCE"
    }
  }
}

extension AwardResult {
  /// The contract's name for the result.
  public var protoName: String {
    switch self {
    case .entrant: "AWARD_RESULT_ENTRANT"
    case .shortlisted: "AWARD_RESULT_SHORTLISTED"
    case .notShortlisted: "AWARD_RESULT_NOT_SHORTLISTED"
    case .highlyCommended: "AWARD_RESULT_HIGHLY_COMMENDED"
    case .runnerUp: "AWARD_RESULT_RUNNER_UP"
    case .winner: "AWARD_RESULT_WINNER"
    }
  }
}

/// What a certificate says, exactly as the service signs it. Everything printed on the
/// certificate and badge comes from these facts, so a document can always be rendered again,
/// and the signature over ``canonicalText`` lets anyone check that no fact was changed.
public struct CertificateFacts: Sendable, Hashable {
  public var certificateID: String
  /// The printed number, `NGL-2009-L3-000042`.
  public var number: String
  /// The verification code, without hyphens.
  public var verificationCode: String
  public var schoolURN: String
  public var schoolName: String
  public var kind: CertificateKind
  /// "Recognised for ICT 2009", "ICT Mark Accredited", …
  public var title: String
  public var issuedAt: UTCTime
  /// When what it certifies began.
  public var validFrom: UTCTime
  /// Until when; `nil` for level 1 and year-stamped awards.
  public var validUntil: UTCTime?
  /// The year printed on it (recognition, award cycle; the year of commitment or award
  /// otherwise).
  public var year: Int
  /// For an Excellence Award.
  public var awardResult: AwardResult?
  /// For an Excellence Award: the category, and sub-category after " — ".
  public var awardCategory: String
  /// For the ICT Mark: evaluation's award id.
  public var markAwardID: String

  public init(
    certificateID: String, number: String, verificationCode: String, schoolURN: String, schoolName: String,
    kind: CertificateKind, title: String, issuedAt: UTCTime, validFrom: UTCTime, validUntil: UTCTime?, year: Int,
    awardResult: AwardResult? = nil, awardCategory: String = "", markAwardID: String = ""
  ) {
    self.certificateID = certificateID
    self.number = number
    self.verificationCode = verificationCode
    self.schoolURN = schoolURN
    self.schoolName = schoolName
    self.kind = kind
    self.title = title
    self.issuedAt = issuedAt
    self.validFrom = validFrom
    self.validUntil = validUntil
    self.year = year
    self.awardResult = awardResult
    self.awardCategory = awardCategory
    self.markAwardID = markAwardID
  }

  /// The level it certifies.
  public var level: CharterLevel { kind.level }

  /// The text the signature covers: a version line, then one `name=value` line per fact in
  /// the contract's field order (instants in RFC 3339 to the second, enums by their proto
  /// names, absent values empty), each ending in a newline. Documented on
  /// `charter.accreditation.v1.CertificateFacts`, so anyone can rebuild it and check a
  /// signature offline.
  public var canonicalText: String {
    func instant(_ time: UTCTime?) -> String {
      time.map { UTCTime(secondsSince1970: $0.secondsSince1970).description } ?? ""
    }
    let lines = [
      "charter-certificate-v1",
      "certificate_id=\(certificateID)",
      "certificate_number=\(number)",
      "verification_code=\(verificationCode)",
      "school_urn=\(schoolURN)",
      "school_name=\(schoolName)",
      "kind=\(kind.protoName)",
      "level=\(level.protoName)",
      "title=\(title)",
      "issued_at=\(instant(issuedAt))",
      "valid_from=\(instant(validFrom))",
      "valid_until=\(instant(validUntil))",
      "year=\(year)",
      "award_result=\(awardResult?.protoName ?? "")",
      "award_category=\(awardCategory)",
      "mark_award_id=\(markAwardID)",
    ]
    return lines.map { $0 + "\n" }.joined()
  }

  /// Whether it may be displayed as current at `time`, given its revocation.
  public func status(at time: UTCTime, revokedAt: UTCTime?) -> CertificateStatus {
    if let revokedAt, revokedAt <= time { return .revoked }
    if let validUntil, validUntil <= time { return .expired }
    return .valid
  }
}

/// Whether a certificate still stands.
public enum CertificateStatus: Int, Sendable, Hashable {
  case valid = 1
  case expired = 2
  case revoked = 3
}
