internal import Logging
internal import NIOCore

/// Where a connection is in its graceful close (gRFC A9 / PROTOCOL-HTTP2 "GOAWAY").
enum DrainState {
  case open
  /// GOAWAY(2^31-1) and a PING went out; the final GOAWAY follows the PING's ACK (one round
  /// trip, so requests already in flight are not lost) or a one-second timeout.
  case noticeSent
  /// The final GOAWAY went out; close once the last call has ended.
  case goAwaySent
  /// The client sent GOAWAY; close once the last call has ended.
  case closingAfterCalls
}

/// PING payloads that tell the server's own pings apart.
enum PingPayload {
  static let keepalive: UInt64 = 0x4348_4B41_4C49_5645  // "CHKALIVE"
  static let shutdown: UInt64 = 0x4348_5348_5554_444E  // "CHSHUTDN"
}

/// Keepalive, ping policing, idle and age limits, and graceful close.
extension ServerConnectionHandler {
  func startConnectionTimers() {
    scheduleKeepalive(after: TimeAmount(configuration.keepalive.time))
    if let maxAge = configuration.connection.maxAge {
      // ±10% jitter so connections opened together do not all close together (gRFC A9).
      let base = maxAge.nanoseconds
      let jitter = Int64.random(in: -(base / 10)...(base / 10))
      ageTimer = eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(base + jitter)) {
        self.logger.debug("connection reached its maximum age", metadata: ["peer": "\(self.peer)"])
        self.beginGracefulClose()
        if let grace = self.configuration.connection.maxAgeGrace {
          self.forceCloseTimer = self.eventLoop.assumeIsolated().scheduleTask(
            in: TimeAmount(grace)
          ) { self.closeNow() }
        }
      }
    }
    streamsDidChange()
  }

  /// Called when a stream ends: arms the idle timer and finishes a drain.
  func streamsDidChange() {
    if streams.isEmpty, idleTimer == nil, let maxIdle = configuration.connection.maxIdleTime {
      idleTimer = eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(maxIdle)) {
        self.idleTimer = nil
        if self.streams.isEmpty {
          self.logger.debug("closing idle connection", metadata: ["peer": "\(self.peer)"])
          self.beginGracefulClose()
        }
      }
    }
    closeIfFinished()
  }

  // MARK: keepalive

  private func scheduleKeepalive(after delay: TimeAmount) {
    keepaliveTimer?.cancel()
    keepaliveTimer = eventLoop.assumeIsolated().scheduleTask(in: delay) {
      self.keepaliveDue()
    }
  }

  private func keepaliveDue() {
    let time = TimeAmount(configuration.keepalive.time)
    let quietFor = NIODeadline.now() - lastReadAt
    if quietFor < time {
      scheduleKeepalive(after: time - quietFor)
      return
    }
    session.submitPing(PingPayload.keepalive)
    scheduleFlush()
    keepaliveTimeoutTimer = eventLoop.assumeIsolated().scheduleTask(
      in: TimeAmount(configuration.keepalive.timeout)
    ) {
      self.logger.debug("keepalive ping unanswered; closing", metadata: ["peer": "\(self.peer)"])
      self.closeNow()
    }
  }

  func receivedPingAck(_ payload: UInt64) {
    switch payload {
    case PingPayload.keepalive:
      keepaliveTimeoutTimer?.cancel()
      keepaliveTimeoutTimer = nil
      scheduleKeepalive(after: TimeAmount(configuration.keepalive.time))
    case PingPayload.shutdown:
      sendFinalGoAway()
    default:
      break
    }
  }

  /// Polices client pings (gRFC A8): too frequent, or while idle without permission, is a
  /// strike; too many strikes end the connection with ENHANCE_YOUR_CALM.
  func receivedClientPing() {
    let now = NIODeadline.now()
    let policy = configuration.clientKeepalive
    var bad = streams.isEmpty && !policy.permitWithoutCalls
    if let last = lastClientPingAt, now - last < TimeAmount(policy.minPingInterval) { bad = true }
    lastClientPingAt = now
    guard bad else { return }
    pingStrikes += 1
    if pingStrikes > policy.maxStrikes {
      logger.info("client pings too often; closing", metadata: ["peer": "\(peer)"])
      session.submitGoAway(
        lastStreamID: session.lastProcessedStreamID, errorCode: .enhanceYourCalm,
        debugData: "too_many_pings")
      drain = .goAwaySent
      for stream in streams.all { abandon(stream) }
      flush()
      closeAfterWrites()
    }
  }

  // MARK: graceful close

  /// Starts the two-step GOAWAY: calls already open (and those racing the notice) finish;
  /// no new ones are accepted after the final GOAWAY.
  func beginGracefulClose() {
    switch drain {
    case .open, .closingAfterCalls:
      break
    case .noticeSent, .goAwaySent:
      return
    }
    guard !isClosed else { return }
    drain = .noticeSent
    session.submitShutdownNotice()
    session.submitPing(PingPayload.shutdown)
    eventLoop.assumeIsolated().scheduleTask(in: .seconds(1)) { self.sendFinalGoAway() }
    flush()
  }

  func sendFinalGoAway() {
    guard case .noticeSent = drain, !isClosed else { return }
    session.submitGoAway(lastStreamID: session.lastProcessedStreamID, errorCode: .noError)
    drain = .goAwaySent
    flush()
  }

  /// Closes the connection once a drain has nothing left to do.
  func closeIfFinished() {
    guard !isClosed, streams.isEmpty else { return }
    switch drain {
    case .goAwaySent, .closingAfterCalls:
      guard session.output.readableBytes == 0, !session.wantsWrite else { return }
      closeAfterWrites()
    case .open, .noticeSent:
      return
    }
  }

  /// Closes after everything already written has reached the socket.
  func closeAfterWrites() {
    guard let context, !isClosed else { return }
    tearDown()
    context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(capacity: 0)))
      .assumeIsolated().whenComplete { _ in context.close(promise: nil) }
  }
}

extension TimeAmount {
  init(_ duration: Duration) {
    self = .nanoseconds(duration.nanoseconds)
  }
}
