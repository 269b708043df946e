import CharterValues
import Contracts
import Logging
import RPCCore
import ServiceLifecycle
import Storage

/// Keeps a service's store for as long as the service runs: checkpoints its write-ahead log in
/// the background, and on shutdown (when everything started after it has stopped) closes it.
struct StoreKeeping: Service {
  let database: Database
  let close: @Sendable () async -> Void
  let logger: Logger

  func run() async throws {
    await withTaskGroup(of: Void.self) { group in
      group.addTask { await database.checkpointInBackground() }
      try? await gracefulShutdown()
      group.cancelAll()
    }
    await close()
    logger.info("store closed", metadata: ["path": "\(database.path)"])
  }
}

/// Closes what a service opened towards its peers (client connections) once everything that
/// uses them has stopped.
struct Closing: Service {
  let close: @Sendable () async -> Void

  func run() async throws {
    try? await gracefulShutdown()
    await close()
  }
}

/// The gRPC server as a lifecycle task: listens, reports SERVING once the service is ready,
/// and on shutdown goes NOT_SERVING, ends open event feed streams, stops accepting calls and
/// lets open ones finish within the grace period.
struct RPCServing: Service {
  let host: ServiceHost
  let transport: any ServerTransport
  let dispatcher: CallDispatcher

  func run() async throws {
    let address = try await transport.listen(dispatching: dispatcher)
    host.listening(at: address)
    await withTaskGroup(of: Void.self) { group in
      group.addTask {
        await host.readiness.waitUntilReady()
        guard !Task.isCancelled else { return }
        host.health.setAll(.serving)
        host.logger.info(
          "\(host.service.executable) serving",
          metadata: [
            "host": "\(address.host)", "port": "\(address.port.map(String.init) ?? "-")",
            "data_dir": "\(host.settings.dataDirectory)",
          ])
      }
      try? await gracefulShutdown()
      group.cancelAll()
    }
    let gracePeriod = host.gracePeriod
    host.logger.info("shutting down", metadata: ["grace_period_s": "\(gracePeriod.components.seconds)"])
    host.health.setAll(.notServing)
    // Let Watch subscribers see NOT_SERVING before their streams end with the drain.
    host.health.finishWatches()
    host.endFeedStreams()
    await transport.shutdownGracefully(gracePeriod: gracePeriod)
    host.logger.info("server stopped; calls drained")
  }
}
