public import RPCCore

/// Where a call sits in a distributed trace, as the W3C Trace Context `traceparent` header
/// carries it (`00-<32 hex trace id>-<16 hex parent span id>-<2 hex flags>`).
///
/// Every service accepts it from gRPC metadata (the gateway from HTTP headers), keeps it in a
/// task local while serving the call, passes it on to the calls it makes with a new span id,
/// and puts the trace id on every log line, so one public request can be followed through the
/// gateway and every service it touched by grepping the logs for one id. Exporting spans (OTLP)
/// is left to a collector reading these ids; nothing is exported by default.
public struct TraceContext: Sendable, Hashable, CustomStringConvertible {
  /// The metadata (and HTTP header) key.
  public static let metadataKey = "traceparent"

  /// 32 lower-case hex digits, not all zero.
  public let traceID: String
  /// 16 lower-case hex digits, not all zero: the span that made this call.
  public let spanID: String
  /// The trace flags (bit 0: sampled).
  public let flags: UInt8

  /// The trace a task is serving, if any.
  @TaskLocal public static var current: TraceContext?

  /// Parses a `traceparent` value; `nil` for anything the W3C format does not allow (wrong
  /// lengths, upper case, all-zero ids, version ff).
  public init?(traceparent: String) {
    let parts = traceparent.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count >= 4, parts[0].count == 2, parts[0] != "ff", Self.isHex(parts[0]),
      parts[1].count == 32, Self.isHex(parts[1]), parts[1].contains(where: { $0 != "0" }),
      parts[2].count == 16, Self.isHex(parts[2]), parts[2].contains(where: { $0 != "0" }),
      parts[3].count == 2, Self.isHex(parts[3]), let flags = UInt8(parts[3], radix: 16)
    else { return nil }
    // Version 00 has exactly four parts; later versions may append more.
    if parts[0] == "00", parts.count != 4 { return nil }
    traceID = String(parts[1])
    spanID = String(parts[2])
    self.flags = flags
  }

  init(traceID: String, spanID: String, flags: UInt8) {
    self.traceID = traceID
    self.spanID = spanID
    self.flags = flags
  }

  /// A new trace, sampled.
  public static func start() -> TraceContext {
    TraceContext(traceID: randomHex(16), spanID: randomHex(8), flags: 1)
  }

  /// The same trace with a new span id: what this process passes on to a call it makes.
  public func child() -> TraceContext { TraceContext(traceID: traceID, spanID: Self.randomHex(8), flags: flags) }

  /// The `traceparent` value.
  public var traceparent: String {
    let hex = String(flags, radix: 16)
    return "00-\(traceID)-\(spanID)-\(hex.count == 1 ? "0" + hex : hex)"
  }

  public var description: String { traceparent }

  private static func isHex(_ text: Substring) -> Bool {
    text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
  }

  private static func randomHex(_ bytes: Int) -> String {
    var generator = SystemRandomNumberGenerator()
    var text = ""
    repeat {
      text = ""
      for _ in 0..<bytes {
        let byte = UInt8.random(in: 0...255, using: &generator)
        let hex = String(byte, radix: 16)
        text += hex.count == 1 ? "0" + hex : hex
      }
    } while !text.contains(where: { $0 != "0" })
    return text
  }
}

/// Server side: takes the caller's `traceparent` (or starts a trace) and keeps it in
/// ``TraceContext/current`` while the call is served.
public struct TraceContextServerInterceptor: ServerInterceptor {
  public init() {}

  public func intercept<Result: Sendable>(
    context: ServerContext, next: @Sendable (ServerContext) async throws -> Result
  ) async throws -> Result {
    let trace =
      context.requestMetadata.firstString(forKey: TraceContext.metadataKey).flatMap(TraceContext.init(traceparent:))
      ?? .start()
    return try await TraceContext.$current.withValue(trace) { try await next(context) }
  }
}

/// Client side: calls made while serving one pass the trace on, each as a new span.
public struct TraceContextClientInterceptor: ClientInterceptor {
  public init() {}

  public func intercept<Result: Sendable>(
    descriptor: MethodDescriptor, options: CallOptions,
    next: @Sendable (CallOptions) async throws -> Result
  ) async throws -> Result {
    guard let trace = TraceContext.current, options.metadata[TraceContext.metadataKey].isEmpty else {
      return try await next(options)
    }
    var options = options
    options.metadata.append(TraceContext.metadataKey, .string(trace.child().traceparent))
    return try await next(options)
  }
}
