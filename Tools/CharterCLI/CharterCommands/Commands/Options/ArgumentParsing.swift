internal import ArgumentParser
internal import CharterValues
internal import Contracts

/// Argument parsers that explain what is wrong with a value (ArgumentParser shows the
/// error's description after "The value … is invalid").
enum ArgumentParsing {
  static func roleGrant(_ text: String) throws -> Registry.RoleGrant {
    try RoleGrantSyntax.parse(text)
  }

  static func role(_ text: String) throws -> Common.Role {
    try RoleGrantSyntax.role(named: text)
  }

  static func phase(_ text: String) throws -> Common.SchoolPhase {
    guard let phase = SchoolPhaseSyntax.phase(named: text) else {
      throw ArgumentProblem("expected \(SchoolPhaseSyntax.allNames)")
    }
    return phase
  }

  static func urn(_ text: String) throws -> String {
    guard let urn = try? SchoolURN(parsing: text) else { throw ArgumentProblem("a URN is six digits") }
    return urn.rawValue
  }

  static func date(_ text: String) throws -> Protobuf.Timestamp {
    guard let date = ValueSyntax.midnightUTC(ofDate: text) else {
      throw ArgumentProblem("expected a date as YYYY-MM-DD or DD/MM/YYYY")
    }
    return date
  }
}

/// Why an argument value was refused, in words.
struct ArgumentProblem: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// The checks on `--latitude`/`--longitude` pairs.
enum LocationArguments {
  static func validate(latitude: Double?, longitude: Double?) throws {
    switch (latitude, longitude) {
    case (nil, nil): return
    case (let latitude?, let longitude?):
      guard abs(latitude) <= 90 else { throw ValidationError("--latitude must be within -90...90") }
      guard abs(longitude) <= 180 else {
        throw ValidationError("--longitude must be within -180...180")
      }
    default:
      throw ValidationError("--latitude and --longitude go together")
    }
  }
}
