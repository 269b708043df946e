import CharterValues
public import Contracts
import FoundationEssentials
import RPCCore
import Storage

// The contract's face of the domain's values, in one place for the store (events carry
// messages) and the handlers.

extension CharterLevel {
  public var contract: Common.CharterLevel {
    switch self {
    case .withdrawn: .withdrawn
    case .notCommitted: .notCommitted
    case .committed: .committed
    case .recognised: .recognised
    case .ictMark: .ictMark
    case .excellence: .excellence
    }
  }
}

extension AwardResult {
  public var contract: Accreditation.AwardResult {
    switch self {
    case .entrant: .entrant
    case .shortlisted: .shortlisted
    case .notShortlisted: .notShortlisted
    case .highlyCommended: .highlyCommended
    case .runnerUp: .runnerUp
    case .winner: .winner
    }
  }

  /// The result a message names; `nil` for UNSPECIFIED and unknown values.
  public init?(_ contract: Accreditation.AwardResult) {
    guard contract.isRecognized, contract != .unspecified, let result = AwardResult(rawValue: Int(contract.rawValue))
    else { return nil }
    self = result
  }
}

extension AwardStage {
  public var contract: Accreditation.AwardCycleState { Accreditation.AwardCycleState(rawValue: Int32(rawValue)) }

  public init?(_ contract: Accreditation.AwardCycleState) {
    guard let stage = AwardStage(rawValue: Int(contract.rawValue)) else { return nil }
    self = stage
  }
}

extension RecognitionStage {
  public var contract: Accreditation.RecognitionState { Accreditation.RecognitionState(rawValue: Int32(rawValue)) }

  public init?(_ contract: Accreditation.RecognitionState) {
    guard let stage = RecognitionStage(rawValue: Int(contract.rawValue)) else { return nil }
    self = stage
  }
}

extension CertificateKind {
  public var contract: Accreditation.CertificateKind { Accreditation.CertificateKind(rawValue: Int32(rawValue)) }
}

extension CertificateStatus {
  public var contract: Accreditation.CertificateStatus { Accreditation.CertificateStatus(rawValue: Int32(rawValue)) }
}

extension LevelChangeCause {
  var message: Accreditation.LevelChangeCause {
    Accreditation.LevelChangeCause(
      source: source.rawValue, eventType: eventType, sequence: sequence, subjectId: subjectID)
  }
}

extension CertificateFacts {
  public var message: Accreditation.CertificateFacts {
    var facts = Accreditation.CertificateFacts()
    facts.certificateId = certificateID
    facts.certificateNumber = number
    facts.verificationCode = verificationCode
    facts.schoolUrn = schoolURN
    facts.schoolName = schoolName
    facts.kind = kind.contract
    facts.level = level.contract
    facts.title = title
    facts.issuedAt = Protobuf.Timestamp(issuedAt)
    facts.validFrom = Protobuf.Timestamp(validFrom)
    facts.validUntil = validUntil.map(Protobuf.Timestamp.init)
    facts.year = Int32(year)
    facts.awardResult = awardResult?.contract ?? .unspecified
    facts.awardCategory = awardCategory
    facts.markAwardId = markAwardID
    return facts
  }
}

extension CertificateRecord {
  func message(at now: UTCTime) -> Accreditation.Certificate {
    var certificate = Accreditation.Certificate()
    certificate.certificateId = facts.certificateID
    certificate.schoolUrn = facts.schoolURN
    certificate.kind = facts.kind.contract
    certificate.title = facts.title
    certificate.issuedAt = Protobuf.Timestamp(facts.issuedAt)
    certificate.validUntil = facts.validUntil.map(Protobuf.Timestamp.init)
    certificate.mediaType = "application/pdf"
    certificate.certificateNumber = facts.number
    certificate.verificationCode = VerificationCode.formatted(facts.verificationCode)
    certificate.level = facts.level.contract
    certificate.schoolName = facts.schoolName
    certificate.status = facts.status(at: now, revokedAt: UTCTime(milliseconds: revokedAt)).contract
    certificate.revokedAt = revokedAt.map(Protobuf.Timestamp.init(milliseconds:))
    certificate.revocationReason = revocationReason
    certificate.facts = facts.message
    certificate.signature = signature
    certificate.signingKeyId = keyID
    return certificate
  }
}

extension Referee {
  var message: Accreditation.Referee {
    Accreditation.Referee(
      name: name, email: email, organisation: organisation,
      kind: Accreditation.RefereeKind(rawValue: Int32(kind.rawValue)), personId: personID ?? "")
  }
}

extension RecognitionRecord {
  func message(schoolName: String, localAuthority: String) throws -> Accreditation.Recognition {
    var recognition = Accreditation.Recognition()
    recognition.recognitionId = id
    recognition.schoolUrn = urn
    recognition.state = stage.contract
    recognition.referee = referee.message
    if let confirmed = refereeConfirmed {
      recognition.refereeResponse = Accreditation.RefereeResponse(
        confirmed: confirmed, comment: refereeComment ?? "",
        respondedAt: refereeRespondedAt.map(Protobuf.Timestamp.init(milliseconds:)))
    }
    if let approved {
      recognition.decision = Accreditation.RecognitionDecision(
        approved: approved, reason: decisionReason ?? "",
        decidedAt: decidedAt.map(Protobuf.Timestamp.init(milliseconds:)),
        decidedBy: try decidedBy.map { try Common.Actor(serializedBytes: $0) })
    }
    recognition.elementsAtStandard = elementsAtStandard
    recognition.requestedAt = Protobuf.Timestamp(milliseconds: requestedAt)
    recognition.expiresAt = expiresAt.map(Protobuf.Timestamp.init(milliseconds:))
    if approved == true {
      recognition.spotCheck = Accreditation.SpotCheck(
        selected: spotCheckSelected, completed: spotCheckCompleted, upheld: spotCheckUpheld, note: spotCheckNote,
        recordedAt: spotCheckAt.map(Protobuf.Timestamp.init(milliseconds:)),
        recordedBy: try spotCheckBy.map { try Common.Actor(serializedBytes: $0) })
    }
    recognition.note = note
    recognition.closedReason = closedReason
    recognition.schoolName = schoolName
    recognition.localAuthorityCode = localAuthority
    recognition.commentaryComplete = commentaryComplete
    recognition.requestedBy = try Common.Actor(serializedBytes: requestedBy)
    recognition.refereeInvitedAt = invitedAt.map(Protobuf.Timestamp.init(milliseconds:))
    return recognition
  }
}

extension CycleRecord {
  func message(entryCount: Int) -> Accreditation.AwardCycle {
    var cycle = Accreditation.AwardCycle()
    cycle.cycleId = id
    cycle.year = Int32(year)
    cycle.state = stage.contract
    cycle.entryDeadline = CalendarDate(entryDeadline).map(Common.Date.init)
    cycle.categories = categoriesMessage
    cycle.requiresIctMark = requiresMark
    cycle.entryCount = Int32(entryCount)
    cycle.createTime = Protobuf.Timestamp(milliseconds: createdAt)
    cycle.level4MinimumResult = threshold.contract
    cycle.updateTime = Protobuf.Timestamp(milliseconds: updatedAt)
    return cycle
  }
}

extension EntryRecord {
  func message(categories: [AwardCategory], schoolName: String) -> Accreditation.AwardEntry {
    var entry = Accreditation.AwardEntry()
    entry.entryId = id
    entry.cycleId = cycleID
    entry.schoolUrn = urn
    entry.categoryId = categoryID
    entry.subCategoryId = subCategoryID
    entry.statement = statement
    entry.result = result.contract
    entry.enteredAt = Protobuf.Timestamp(milliseconds: enteredAt)
    entry.schoolName = schoolName
    let category = categories.first { $0.id == categoryID }
    entry.categoryTitle = category?.title ?? categoryID
    entry.subCategoryTitle = category?.subCategories.first { $0.id == subCategoryID }?.title ?? ""
    entry.resultRecordedAt = resultAt.map(Protobuf.Timestamp.init(milliseconds:))
    entry.year = Int32(year)
    return entry
  }
}

extension Common.Actor {
  /// This service, when it acts on its own (a date passed, a feed event applied).
  static let accreditation: Common.Actor = {
    var actor = Common.Actor()
    actor.principal = .serviceName("charter-accreditation")
    actor.displayName = "charter-accreditation"
    return actor
  }()

  /// Another service, for feed events that name no actor.
  static func service(_ name: String) -> Common.Actor {
    var actor = Common.Actor()
    actor.principal = .serviceName(name)
    actor.displayName = name
    return actor
  }
}
