public import CharterValues
import Crypto

/// The trusted party who vouches for a school's level 2 claim: an LA adviser, consultant or
/// partner, never one of the school's own people. The Charter's critics pointed out that
/// level 2 is self-certified, so the referee's identity and role are recorded in full.
public struct Referee: Sendable, Hashable {
  /// What kind of trusted party.
  public enum Kind: Int, Sendable, Hashable, CaseIterable {
    case localAuthorityAdviser = 1
    case consultant = 2
    case partner = 3
  }

  public var name: String
  /// Lower-cased, as invitations are addressed.
  public var email: String
  public var organisation: String
  public var kind: Kind
  /// Their registry person id, when they have an account (they then answer signed in).
  public var personID: String?

  public init(name: String, email: String, organisation: String, kind: Kind, personID: String? = nil) {
    self.name = name
    self.email = email
    self.organisation = organisation
    self.kind = kind
    self.personID = personID
  }

  /// A referee as a request names one, checked field by field.
  /// - Throws: ``InvalidField`` (`referee.name`, `referee.email`, `referee.organisation`,
  ///   `referee.kind`, `referee.person_id`).
  public static func validated(
    name: String, email: String, organisation: String, kind: Int32, personID: String
  ) throws(InvalidField) -> Referee {
    let name = try TextField.required(name, field: "referee.name", max: 200)
    let email = try Self.email(email)
    let organisation = try TextField.optional(organisation, field: "referee.organisation", max: 200)
    guard let kind = Kind(rawValue: Int(kind)) else {
      throw InvalidField(
        field: "referee.kind", reason: "must say whether the referee is an LA adviser, a consultant or a partner")
    }
    let person = try TextField.optional(personID, field: "referee.person_id", max: 64)
    return Referee(
      name: name, email: email, organisation: organisation, kind: kind, personID: person.isEmpty ? nil : person)
  }

  /// An email address, trimmed and lower-cased: one `@` with something either side, a dot in
  /// the domain, no spaces.
  static func email(_ text: String) throws(InvalidField) -> String {
    let email = try TextField.required(text, field: "referee.email", max: 254).lowercased()
    let parts = email.split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
      !parts[1].hasSuffix("."), !email.contains(where: \.isWhitespace)
    else { throw InvalidField(field: "referee.email", reason: "is not an email address") }
    return email
  }

  /// The SHA-256 of a lower-cased email address, in hex: how this service remembers the
  /// school's people's addresses (to keep them from vouching for their own school) without
  /// holding the addresses.
  public static func emailDigest(_ email: String) -> String {
    SHA256.hash(data: Array(email.trimmingWhiteSpace.lowercased().utf8)).map { byte in
      let hex = String(byte, radix: 16)
      return hex.count == 1 ? "0" + hex : hex
    }.joined()
  }

  /// Refuses a referee who is one of the school's own people (by account or by address), or
  /// the person asking.
  /// - Parameters:
  ///   - schoolPeople: the registry ids of the school's admins and contributors.
  ///   - schoolEmailDigests: ``emailDigest(_:)`` of their addresses.
  ///   - requester: the person asking, if a person.
  /// - Throws: ``InvalidField`` (`referee`).
  public func checkIndependent(
    schoolPeople: Set<String>, schoolEmailDigests: Set<String>, requester: String?
  ) throws(InvalidField) {
    if let personID, schoolPeople.contains(personID) || personID == requester {
      throw InvalidField(field: "referee", reason: "is one of the school's own people; ask an independent referee")
    }
    if schoolEmailDigests.contains(Self.emailDigest(email)) {
      throw InvalidField(field: "referee", reason: "is one of the school's own people; ask an independent referee")
    }
  }
}

/// Which approved recognitions are audited: a fixed share, chosen by the recognition's id so
/// the choice is reproducible (the same id is always in or out) and cannot be steered by the
/// school, which never picks ids.
public enum SpotCheckSelection {
  /// Whether `recognitionID` falls in the audited `share` (0 through 1).
  public static func isSelected(recognitionID: String, share: Double) -> Bool {
    guard share > 0 else { return false }
    guard share < 1 else { return true }
    let digest = Array(SHA256.hash(data: Array(recognitionID.utf8)))
    let value = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    return Double(value) / 18_446_744_073_709_551_616.0 < share
  }
}
