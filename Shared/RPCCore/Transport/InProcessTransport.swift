import Synchronization

/// A server transport and its client in one process, with no socket: a call goes from the
/// typed client straight into the server's dispatcher (interceptors, handler) and back.
///
/// Service tests use it to call a service exactly as a client would (metadata, deadlines,
/// status codes, streaming with backpressure) in microseconds and without port races; the
/// loopback HTTP/2 and process-level tests stay for the wire itself.
///
/// ```swift
/// let transport = InProcessTransport()
/// _ = try await transport.listen(dispatching: CallDispatcher(router: router))
/// let client = Registry.Client(RPCClient(transport: transport.client))
/// ```
public final class InProcessTransport: ServerTransport {
  private struct State {
    var dispatcher: CallDispatcher?
    var draining = false
    var calls: [Int: Task<Void, Never>] = [:]
    var nextID = 0
  }

  private let state = Mutex(State())

  public init() {}

  /// The client side: hand it to `RPCClient`.
  public var client: InProcessClientTransport { InProcessClientTransport(server: self) }

  public func listen(dispatching dispatcher: CallDispatcher) async throws -> ServerAddress {
    state.withLock {
      $0.dispatcher = dispatcher
      $0.draining = false
    }
    return ServerAddress(host: "in-process", port: nil)
  }

  public func shutdownGracefully(gracePeriod: Duration) async {
    state.withLock { $0.draining = true }
    let end = ContinuousClock.now.advanced(by: gracePeriod)
    while ContinuousClock.now < end, state.withLock({ !$0.calls.isEmpty }) {
      try? await Task.sleep(for: .milliseconds(5))
    }
    let remaining = state.withLock { state in
      defer { state.calls.removeAll() }
      return Array(state.calls.values)
    }
    for call in remaining { call.cancel() }
    for call in remaining { await call.value }
  }

  /// Calls open now.
  public var openCallCount: Int { state.withLock { $0.calls.count } }

  /// Starts a call's server side as a task the transport can cancel at shutdown.
  fileprivate func start(
    _ path: String, _ body: @escaping @Sendable (ServerMethod, [any ServerInterceptor]) async -> Void
  ) throws -> Task<Void, Never> {
    try state.withLock { state -> Task<Void, Never> in
      guard let dispatcher = state.dispatcher, !state.draining else {
        throw RPCError(code: .unavailable, message: "the server is not accepting calls")
      }
      guard let method = dispatcher.router.method(forPath: path) else {
        throw RPCError(code: .unimplemented, message: "method not found: \(path)")
      }
      let id = state.nextID
      state.nextID += 1
      let interceptors = dispatcher.interceptors
      let task = Task {
        await body(method, interceptors)
        self.state.withLock { _ = $0.calls.removeValue(forKey: id) }
      }
      state.calls[id] = task
      return task
    }
  }
}

/// The client half of an ``InProcessTransport``.
public struct InProcessClientTransport: ClientTransport {
  let server: InProcessTransport

  public func unary(
    _ descriptor: MethodDescriptor, request: [UInt8], metadata: Metadata, deadline: ContinuousClock.Instant?
  ) async throws -> UnaryCallResult {
    let call = try await openStream(descriptor, metadata: metadata, deadline: deadline)
    defer { call.cancel() }
    return try await withTaskCancellationHandler {
      try await call.send(request)
      try await call.closeSending()
      guard let response = try await call.receive() else {
        throw RPCError(code: .internalError, message: "server ended the call without a response")
      }
      _ = try await call.receive()
      return UnaryCallResult(
        message: response, initialMetadata: try await call.initialMetadata(),
        trailingMetadata: await call.trailingMetadata())
    } onCancel: {
      call.cancel()
    }
  }

  public func openStream(
    _ descriptor: MethodDescriptor, metadata: Metadata, deadline: ContinuousClock.Instant?
  ) async throws -> any ClientStreamCall {
    if let deadline, deadline <= .now { throw RPCError(code: .deadlineExceeded, message: "deadline exceeded") }
    let call = InProcessCall(deadline: deadline)
    let context = ServerContext(
      descriptor: descriptor, requestMetadata: metadata, deadline: deadline, peer: "in-process")
    let task = try server.start(descriptor.path) { method, interceptors in
      await call.serve(method, context: context, interceptors: interceptors)
    }
    call.attach(task)
    return call
  }

  public func close() async {}
}

/// One call's two directions: requests the client sends and the server reads, responses the
/// server writes and the client reads, each bounded so neither side outruns the other.
final class InProcessCall: ClientStreamCall, Sendable {
  let requests = MessageQueue()
  let responses = MessageQueue()
  private let deadline: ContinuousClock.Instant?
  private let state = Mutex<(task: Task<Void, Never>?, status: Status?, initial: Metadata, trailing: Metadata)>(
    (nil, nil, [:], [:]))
  private let ended = MessageQueue()

  init(deadline: ContinuousClock.Instant?) { self.deadline = deadline }

  func attach(_ task: Task<Void, Never>) { state.withLock { $0.task = task } }

  /// The server side: runs the method with the deadline enforced, then reports the outcome.
  func serve(_ method: ServerMethod, context: ServerContext, interceptors: [any ServerInterceptor]) async {
    let outcome: ServerCallOutcome = await withTaskGroup(of: ServerCallOutcome?.self) { group in
      group.addTask {
        if method.descriptor.kind.clientStreams {
          return await method.execute(
            inbound: self.requests, outbound: self.responses, context: context, interceptors: interceptors)
        }
        let request: [UInt8]
        do {
          guard let first = try await self.requests.nextMessage() else {
            return ServerCallOutcome(
              status: Status(code: .internalError, message: "the client sent no request message"), response: nil,
              trailingMetadata: [:])
          }
          request = first
        } catch {
          return ServerCallOutcome(
            status: RPCError(mapping: error, deadline: context.deadline).status, response: nil,
            trailingMetadata: [:])
        }
        return await method.execute(
          request: request, outbound: method.descriptor.kind.serverStreams ? self.responses : nil, context: context,
          interceptors: interceptors)
      }
      if let deadline = self.deadline {
        group.addTask {
          try? await Task.sleep(until: deadline, clock: .continuous)
          return nil
        }
      }
      let first = await group.next()!
      group.cancelAll()
      if let outcome = first { return outcome }
      // The deadline passed first: the handler is cancelled; the client sees DEADLINE_EXCEEDED.
      _ = await group.next()
      return ServerCallOutcome(
        status: Status(code: .deadlineExceeded, message: "deadline exceeded"), response: nil, trailingMetadata: [:])
    }
    var status = outcome.status
    if Task.isCancelled, status.code == .ok {
      status = Status(code: .cancelled, message: "call cancelled")
    }
    if status.code == .ok, let response = outcome.response {
      try? await responses.writeMessage(response)
    }
    state.withLock {
      $0.status = status
      $0.initial = context.response.initial
      $0.trailing = outcome.trailingMetadata
    }
    responses.finish()
    requests.finish()
  }

  func send(_ message: [UInt8]) async throws {
    if let status = state.withLock({ $0.status }), status.code != .ok { throw RPCError(status: status) }
    try await requests.writeMessage(message)
  }

  func closeSending() async throws { requests.finish() }

  func initialMetadata() async throws -> Metadata {
    await responses.waitUntilReadable()
    return state.withLock { $0.initial }
  }

  func receive() async throws -> [UInt8]? {
    if let message = try await responses.nextMessage() { return message }
    let (status, trailing) = state.withLock { ($0.status, $0.trailing) }
    guard let status else { return nil }
    guard status.code == .ok else { throw RPCError(status: status, metadata: trailing) }
    return nil
  }

  func trailingMetadata() async -> Metadata {
    await responses.waitUntilFinished()
    return state.withLock { $0.trailing }
  }

  func cancel() {
    let task = state.withLock { $0.task }
    task?.cancel()
  }
}

/// A bounded queue of whole messages between two tasks: writers wait while it is full,
/// readers while it is empty; `finish()` ends it (readers then get `nil`, writers an error).
/// Waiting tasks wake when they are cancelled.
final class MessageQueue: InboundMessageSource, OutboundMessageSink, Sendable {
  static let capacity = 16

  private struct State {
    var messages: [[UInt8]] = []
    var finished = false
    var waiters: [CheckedContinuation<Void, Never>] = []
  }

  private let state = Mutex(State())

  func writeMessage(_ bytes: [UInt8]) async throws {
    while true {
      try Task.checkCancellation()
      let (queued, finished) = state.withLock { state -> (Bool, Bool) in
        guard !state.finished else { return (false, true) }
        guard state.messages.count < Self.capacity else { return (false, false) }
        state.messages.append(bytes)
        return (true, false)
      }
      if finished { throw RPCError(code: .cancelled, message: "the call has ended") }
      if queued {
        wakeAll()
        return
      }
      await wait(until: { $0.finished || $0.messages.count < Self.capacity })
    }
  }

  func nextMessage() async throws -> [UInt8]? {
    while true {
      let (message, finished) = state.withLock { state -> ([UInt8]?, Bool) in
        state.messages.isEmpty ? (nil, state.finished) : (state.messages.removeFirst(), false)
      }
      if let message {
        wakeAll()
        return message
      }
      if finished { return nil }
      try Task.checkCancellation()
      await wait(until: { $0.finished || !$0.messages.isEmpty })
    }
  }

  /// Waits until a message is queued or the queue is finished.
  func waitUntilReadable() async {
    await wait(until: { $0.finished || !$0.messages.isEmpty })
  }

  /// Waits until the queue is finished.
  func waitUntilFinished() async {
    while !state.withLock({ $0.finished }) {
      await wait(until: { $0.finished })
      if Task.isCancelled { return }
    }
  }

  func finish() {
    state.withLock { $0.finished = true }
    wakeAll()
  }

  /// Suspends until `ready` holds (checked under the lock), something changes, or the task is
  /// cancelled; callers check again, so a spurious wake-up is harmless.
  private func wait(until ready: @escaping (State) -> Bool) async {
    await withTaskCancellationHandler {
      await withCheckedContinuation { continuation in
        let resumeNow = state.withLock { state in
          if ready(state) || Task.isCancelled { return true }
          state.waiters.append(continuation)
          return false
        }
        if resumeNow { continuation.resume() }
      }
    } onCancel: {
      wakeAll()
    }
  }

  private func wakeAll() {
    let waiters = state.withLock { state in
      defer { state.waiters.removeAll() }
      return state.waiters
    }
    for waiter in waiters { waiter.resume() }
  }
}
