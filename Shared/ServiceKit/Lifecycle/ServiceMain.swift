import Dispatch
import FoundationEssentials
public import Logging

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// The whole life of a service executable, so each `main.swift` is a few lines:
///
/// ```swift
/// await ServiceMain.run(.registry, peers: []) { settings, logger in
///   let store = try await RegistryStore.open(in: settings.dataDirectory)
///   let host = ServiceHost(identity: .registry, settings: settings, services: [RegistryService(store)], logger: logger)
///   host.onShutdown { await store.close() }
///   return host
/// }
/// ```
///
/// Exit codes: 0 after a graceful stop, 1 when start-up fails (store, migration, bind), 2 for
/// bad configuration (the message names the setting).
public enum ServiceMain {
  public static func run(
    _ identity: ServiceIdentity,
    peers: [Peer] = [],
    options: [SettingOption] = [],
    gracePeriod: Duration = .seconds(10),
    build: (ServiceSettings, Logger) async throws -> ServiceHost
  ) async -> Never {
    let settings: ServiceSettings
    do {
      settings = try ServiceSettings.load(
        for: identity, peers: peers, options: options,
        arguments: Array(CommandLine.arguments.dropFirst()),
        environment: ProcessInfo.processInfo.environment)
    } catch {
      if case .helpRequested(let usage) = error {
        print(usage)
        exit(0)
      }
      StandardError.write("\(identity.executable): \(error)\n")
      exit(2)
    }
    JSONLogHandler.bootstrap(service: identity.name, level: settings.logLevel)
    let logger = Logger(label: identity.executable)
    let signals = TerminationSignals()
    let host: ServiceHost
    do {
      host = try await build(settings, logger)
      try await host.start()
    } catch {
      logger.critical("start-up failed", metadata: ["error": "\(error)"])
      exit(1)
    }
    let signal = await signals.next()
    logger.info("received signal", metadata: ["signal": "\(signal == SIGTERM ? "SIGTERM" : "SIGINT")"])
    await host.shutdown(gracePeriod: gracePeriod)
    exit(0)
  }
}

/// SIGTERM and SIGINT delivered as an async value instead of killing the process.
public final class TerminationSignals: @unchecked Sendable {
  private let sources: [any DispatchSourceSignal]
  private let stream: AsyncStream<Int32>

  public init() {
    let (stream, continuation) = AsyncStream<Int32>.makeStream()
    self.stream = stream
    var sources: [any DispatchSourceSignal] = []
    for sig in [SIGTERM, SIGINT] {
      signal(sig, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
      source.setEventHandler { continuation.yield(sig) }
      source.resume()
      sources.append(source)
    }
    self.sources = sources
  }

  /// Waits for the next termination signal.
  public func next() async -> Int32 {
    var iterator = stream.makeAsyncIterator()
    return await iterator.next() ?? SIGTERM
  }
}
