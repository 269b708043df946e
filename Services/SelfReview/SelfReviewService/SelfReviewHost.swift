import Contracts
public import FoundationEssentials
import Identity
public import Logging
import RPCCore
import RPCHTTP2
public import ServiceKit
import Storage

/// Builds a running self-review service from settings: its store (migrated), the framework
/// catalog (validated at start-up), token checks with the registry's key, and a consumer of
/// the registry's event feed keeping its view of schools current.
public enum SelfReviewHost {
  public static let options = [PeerCredentials.publicKeyFile, PeerCredentials.serviceTokenFile]

  public static func build(
    settings: ServiceSettings, environment: [String: String], logger: Logger,
    now: @escaping @Sendable () -> Date = { Date() }
  ) async throws -> ServiceHost {
    let frameworks = try FrameworkCatalog.builtIn()
    let store = try await SelfReviewStore.open(inDirectory: settings.dataDirectory)
    guard let registryAddress = settings.address(of: .registry) else {
      throw SettingsError.invalid(setting: Peer.registry.environmentVariable, reason: "is required")
    }
    let serviceToken = try PeerCredentials.serviceToken(settings: settings, environment: environment)
    let transport = HTTP2ClientTransport(host: registryAddress.host, port: registryAddress.port)
    let interceptors: [any ClientInterceptor] =
      [RequestIDClientInterceptor()] + (serviceToken.map { token in [BearerTokenInterceptor { token }] } ?? [])
    let registry = Registry.Client(RPCClient(transport: transport, interceptors: interceptors))
    do {
      let keys = try await PeerCredentials.verificationKeys(settings: settings, registry: registry, logger: logger)
      let verifier = try await TokenVerifier(keys: keys)
      let service = try SelfReviewService(store: store, frameworks: frameworks, now: now)
      let host = ServiceHost(
        identity: .selfReview, settings: settings, services: [service],
        interceptors: [
          AuthenticationInterceptor(authenticator: TokenAuthenticator(verifier: verifier), publicMethods: [])
        ],
        logger: logger)

      let follower: Task<Void, Never>?
      if serviceToken != nil {
        let consumer = EventFeedConsumer<Registry.RegistryEvent>(
          feed: "registry", database: store.database, logger: logger,
          subscribe: { after, deliver in
            try await registry.streamEvents(.init(afterSequence: after, stopAtHead: false)) { stream in
              for try await event in stream { try await deliver(event) }
            }
          },
          sequence: { $0.sequence },
          apply: { event, db in try SelfReviewStore.apply(event, in: db) })
        follower = Task { await consumer.run() }
      } else {
        follower = nil
        logger.warning(
          "no service credential (SERVICE_TOKEN_FILE): not following the registry's schools; reviews cannot start")
      }
      host.onShutdown {
        await store.close()
      }
      host.onShutdown {
        follower?.cancel()
        _ = await follower?.value
        await transport.close()
      }
      return host
    } catch {
      await transport.close()
      await store.close()
      throw error
    }
  }
}
