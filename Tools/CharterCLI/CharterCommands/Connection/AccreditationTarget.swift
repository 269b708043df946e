internal import ArgumentParser
internal import CharterValues
internal import Contracts
internal import RPCCore

/// `charter accreditation …`.
enum AccreditationTarget: CommandTarget {
  static let displayName = "accreditation service"
  static let address = CharterService.accreditation
  static func client(_ rpc: RPCClient) -> Accreditation.Client { Accreditation.Client(rpc) }
}

typealias AccreditationConnection = CommandConnection<Accreditation.Client>
typealias AccreditationConnectionOptions = TargetConnectionOptions<AccreditationTarget>

extension TargetConnectionOptions where Target == AccreditationTarget {
  func withAccreditation<Result>(_ body: (AccreditationConnection) async throws -> Result) async throws -> Result {
    try await withService(body)
  }
}
