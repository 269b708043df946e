import Synchronization

/// Everything a handler may need to know about the call it is serving, besides the messages.
///
/// A context is created by the transport for each accepted call. It carries the request
/// metadata, the deadline the client set (if any), the peer's address and a place for the
/// handler to put response metadata. Interceptors may attach values (an authenticated caller,
/// a request id) through ``attributes``. Cancellation (client reset, deadline) reaches the
/// handler as Swift task cancellation.
public struct ServerContext: Sendable {
  /// The method being called.
  public let descriptor: MethodDescriptor
  /// Custom metadata the client sent (reserved `grpc-*` and HTTP headers removed).
  public let requestMetadata: Metadata
  /// When the client stops waiting, from `grpc-timeout`; `nil` when it set no deadline.
  public let deadline: ContinuousClock.Instant?
  /// The remote address, formatted as `ipv4:127.0.0.1:50051` / `ipv6:[::1]:50051`.
  public let peer: String
  /// Values interceptors attach for handlers, keyed by type.
  public var attributes: ContextAttributes
  /// Where the handler puts initial and trailing response metadata.
  public let response: ResponseMetadata

  public init(
    descriptor: MethodDescriptor,
    requestMetadata: Metadata = [:],
    deadline: ContinuousClock.Instant? = nil,
    peer: String = "in-process",
    attributes: ContextAttributes = ContextAttributes(),
    response: ResponseMetadata = ResponseMetadata()
  ) {
    self.descriptor = descriptor
    self.requestMetadata = requestMetadata
    self.deadline = deadline
    self.peer = peer
    self.attributes = attributes
    self.response = response
  }

  /// Time left before the deadline, or `nil` when there is none.
  public var timeRemaining: Duration? {
    deadline.map { ContinuousClock.now.duration(to: $0) }
  }
}

/// Response metadata a handler sets while it runs: initial metadata goes out in the response
/// headers (before the first message), trailing metadata with the final status.
public final class ResponseMetadata: Sendable {
  private let state = Mutex<(initial: Metadata, trailing: Metadata)>(([:], [:]))

  public init() {}

  /// Adds to the response headers. Has no effect once the first response message was sent.
  public func addInitial(_ key: String, _ value: Metadata.Value) {
    state.withLock { $0.initial.append(key, value) }
  }

  /// Adds to the trailers sent with the final status.
  public func addTrailing(_ key: String, _ value: Metadata.Value) {
    state.withLock { $0.trailing.append(key, value) }
  }

  public var initial: Metadata { state.withLock { $0.initial } }
  public var trailing: Metadata { state.withLock { $0.trailing } }
}

/// A small type-keyed bag of values that interceptors hand to handlers.
///
/// ```swift
/// struct Caller: ContextAttributeKey { typealias Value = String }
/// context.attributes[Caller.self] = "alice"
/// ```
public struct ContextAttributes: Sendable {
  private var values: [ObjectIdentifier: any Sendable] = [:]

  public init() {}

  public subscript<Key: ContextAttributeKey>(key: Key.Type) -> Key.Value? {
    get { values[ObjectIdentifier(key)] as? Key.Value }
    set { values[ObjectIdentifier(key)] = newValue }
  }
}

/// Names one kind of value in ``ContextAttributes``.
public protocol ContextAttributeKey {
  associatedtype Value: Sendable
}
