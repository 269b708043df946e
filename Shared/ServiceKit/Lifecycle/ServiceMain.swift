public import CharterValues
import FoundationEssentials
public import Logging
import RPCHTTP2

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// The whole life of a service executable, so each `main.swift` is a few lines:
///
/// ```swift
/// await ServiceMain.run(.registry, options: RegistryHost.options) { settings, logger in
///   try await RegistryHost.build(settings: settings, environment: ProcessInfo.processInfo.environment, logger: logger)
/// }
/// ```
///
/// Settings come from flags and the environment; the service is built, then runs on HTTP/2
/// until SIGTERM or SIGINT and shuts down in order (see ``ServiceHost``). Exit codes: 0 after a
/// graceful stop, 1 when start-up fails (store, migration, bind), 2 for bad configuration (the
/// message names the setting).
public enum ServiceMain {
  public static func run(
    _ service: CharterService,
    peers: [CharterService] = [],
    options: [SettingOption] = [],
    gracePeriod: Duration = .seconds(10),
    build: (ServiceSettings, Logger) async throws -> ServiceHost
  ) async -> Never {
    let settings: ServiceSettings
    do {
      settings = try ServiceSettings.load(
        for: service, peers: peers, options: options, arguments: Array(CommandLine.arguments.dropFirst()),
        environment: ProcessInfo.processInfo.environment)
    } catch {
      if case .helpRequested(let usage) = error {
        print(usage)
        exit(0)
      }
      StandardError.write("\(service.executable): \(error)\n")
      exit(2)
    }
    JSONLogHandler.bootstrap(service: service.name, level: settings.logLevel)
    let logger = Logger(label: service.executable)
    do {
      let host = try await build(settings, logger)
      host.gracePeriod = gracePeriod
      try await host.run(
        on: HTTP2ServerTransport(configuration: .init(host: settings.host, port: settings.port), logger: logger))
    } catch let error as SettingsError {
      StandardError.write("\(service.executable): \(error)\n")
      exit(2)
    } catch {
      logger.critical("start-up failed", metadata: ["error": "\(error)"])
      exit(1)
    }
    logger.info("stopped")
    exit(0)
  }
}
