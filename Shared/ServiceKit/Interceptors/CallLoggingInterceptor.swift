public import Logging
public import RPCCore

/// One structured log line per call: method, status, duration, peer and request id. Errors
/// that are not RPC errors are logged with their underlying cause (which the caller never
/// sees, as it only gets UNKNOWN).
public struct CallLoggingInterceptor: ServerInterceptor {
  let logger: Logger
  /// Methods logged at `debug` rather than `info` (health probes would flood the log).
  let quietPaths: Set<String>

  public init(
    logger: Logger, quietPaths: Set<String> = ["/grpc.health.v1.Health/Check", "/grpc.health.v1.Health/Watch"]
  ) {
    self.logger = logger
    self.quietPaths = quietPaths
  }

  public func intercept<Result: Sendable>(
    context: ServerContext, next: @Sendable (ServerContext) async throws -> Result
  ) async throws -> Result {
    let start = ContinuousClock.now
    let level: Logger.Level = quietPaths.contains(context.descriptor.path) ? .debug : .info
    do {
      let result = try await next(context)
      log(level, context, start, code: .ok, message: nil, cause: nil)
      return result
    } catch {
      let mapped = RPCError(mapping: error, deadline: context.deadline)
      // A caller that hangs up or runs out of time is routine; anything else unmapped is a bug.
      let routine = error is RPCError || error is any RPCErrorConvertible || error is CancellationError
      let cause = routine ? nil : "\(error)"
      log(cause == nil ? level : .error, context, start, code: mapped.code, message: mapped.message, cause: cause)
      throw error
    }
  }

  private func log(
    _ level: Logger.Level, _ context: ServerContext, _ start: ContinuousClock.Instant,
    code: Status.Code, message: String?, cause: String?
  ) {
    guard logger.logLevel <= level else { return }
    let elapsed = ContinuousClock.now - start
    var metadata: Logger.Metadata = [
      "rpc": "\(context.descriptor.path)",
      "grpc_code": "\(code)",
      "duration_ms":
        "\(Double(elapsed.components.attoseconds / 1_000_000_000_000 + elapsed.components.seconds * 1_000_000) / 1000)",
      "peer": "\(context.peer)",
    ]
    if let id = context.attributes[RequestID.AttributeKey.self] { metadata["request_id"] = "\(id)" }
    if let message, !message.isEmpty { metadata["grpc_message"] = "\(message)" }
    if let cause { metadata["cause"] = "\(cause)" }
    logger.log(level: level, "rpc finished", metadata: metadata)
  }
}
