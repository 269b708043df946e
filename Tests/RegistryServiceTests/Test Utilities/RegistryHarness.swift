import Contracts
import Foundation
import Identity
import Logging
import RPCCore
import RPCHTTP2
import RegistryService
import ServiceKit

/// A real registry on a loopback port with its own temporary data directory, and helpers to
/// act as the people in a test story.
final class RegistryHarness: Sendable {
  static let adminEmail = "admin@charter.test"
  static let adminPassword = "correct horse battery staple"

  let directory: String
  /// The key the registry signs with (so tests can forge expired tokens with it).
  let signingKeyPEM: String
  let host: ServiceHost
  let port: Int
  let transport: HTTP2ClientTransport

  static func start(directory: String? = nil) async throws -> RegistryHarness {
    let directory =
      directory
      ?? FileManager.default.temporaryDirectory
      .appendingPathComponent("registry-test-\(UUID().uuidString)").path
    var settings = ServiceSettings(port: 0, dataDirectory: directory, logLevel: .warning)
    settings.options[RegistryHost.bootstrapAdminEmail.flag] = adminEmail
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let keyFile = directory + "/signing-key.pem"
    if !FileManager.default.fileExists(atPath: keyFile) {
      try TokenSigner.generatePrivateKeyPEM().write(toFile: keyFile, atomically: true, encoding: .utf8)
    }
    settings.options[RegistryHost.signingKeyFile.flag] = keyFile
    var configuration = RegistryService.Configuration()
    configuration.passwordLogRounds = 10
    var logger = Logger(label: "registry-test")
    logger.logLevel = .warning
    let host = try await RegistryHost.build(
      settings: settings, environment: ["BOOTSTRAP_ADMIN_PASSWORD": adminPassword], logger: logger,
      configuration: configuration)
    let port = try await host.start()!
    return RegistryHarness(
      directory: directory, signingKeyPEM: try String(contentsOfFile: keyFile, encoding: .utf8), host: host, port: port)
  }

  private init(directory: String, signingKeyPEM: String, host: ServiceHost, port: Int) {
    self.directory = directory
    self.signingKeyPEM = signingKeyPEM
    self.host = host
    self.port = port
    self.transport = HTTP2ClientTransport(host: "127.0.0.1", port: port)
  }

  func stop() async {
    await transport.close()
    await host.shutdown(gracePeriod: .seconds(1))
  }

  /// A client presenting `token` (none: anonymous).
  func client(token: String?) -> Registry.Client {
    let interceptors: [any ClientInterceptor] = token.map { t in [BearerTokenInterceptor { t }] } ?? []
    return Registry.Client(RPCClient(transport: transport, interceptors: interceptors))
  }

  var anonymous: Registry.Client { client(token: nil) }

  func signIn(_ email: String, _ password: String) async throws -> String {
    try await anonymous.signIn(Registry.SignInRequest(email: email, password: password)).token
  }

  func admin() async throws -> Registry.Client {
    client(token: try await signIn(Self.adminEmail, Self.adminPassword))
  }

  /// Invites a person with `grants` (as the admin), accepts, signs in; returns their client.
  func person(_ email: String, _ grants: [RoleGrant], as inviter: Registry.Client? = nil) async throws -> (
    client: Registry.Client, id: String, token: String
  ) {
    let inviter = if let inviter { inviter } else { try await admin() }
    let invitation = try await inviter.invitePerson(
      Registry.InvitePersonRequest(email: email, displayName: email, roles: grants.map(\.message)))
    let password = "password-for-\(email)"
    _ = try await anonymous.acceptInvitation(
      Registry.AcceptInvitationRequest(invitationCode: invitation.invitationCode, password: password))
    let token = try await signIn(email, password)
    return (client(token: token), invitation.person?.personId ?? "", token)
  }

  static func schoolRequest(
    urn: String, name: String = "Oakfield Primary School", la: String = "330", laName: String = "Birmingham",
    phase: Common.SchoolPhase = .primary, postcode: String = "b15 2tt", commit: Bool = false, listed: Bool = false
  ) -> Registry.RegisterSchoolRequest {
    Registry.RegisterSchoolRequest(
      urn: urn, name: name,
      address: Common.PostalAddress(
        lines: ["1 School Lane"], town: "Birmingham", county: "West Midlands", postcode: postcode),
      phase: phase, localAuthority: Common.LocalAuthority(code: la, name: laName), numberOnRoll: 321,
      location: Common.GeoPoint(latitude: 52.45, longitude: -1.93), commitToCharter: commit, publiclyListed: listed)
  }
}

extension RoleGrant {
  static func schoolAdmin(_ urn: String) -> RoleGrant { try! RoleGrant(.schoolAdmin, .school(urn: urn)) }
  static func contributor(_ urn: String) -> RoleGrant { try! RoleGrant(.schoolContributor, .school(urn: urn)) }
  static func adviser(_ code: String) -> RoleGrant {
    try! RoleGrant(.localAuthorityAdviser, .localAuthority(code: code))
  }
  static var assessor: RoleGrant { try! RoleGrant(.assessor) }
  static var programmeAdmin: RoleGrant { try! RoleGrant(.programmeAdmin) }
}

/// The code of the RPCError `body` throws (nil if it succeeds or throws something else).
func code<T>(_ body: () async throws -> T) async -> Status.Code? {
  do {
    _ = try await body()
    return nil
  } catch let error as RPCError {
    return error.code
  } catch {
    return nil
  }
}

/// The RPCError `body` throws.
func rpcError<T>(_ body: () async throws -> T) async -> RPCError? {
  do {
    _ = try await body()
    return nil
  } catch let error as RPCError {
    return error
  } catch {
    return nil
  }
}
