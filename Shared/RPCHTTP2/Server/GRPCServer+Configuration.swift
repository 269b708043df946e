/// Tunables of a ``GRPCServer``. Every default is the one gRPC's reference implementations use
/// unless a comment says otherwise.
extension GRPCServer {
  public struct Configuration: Sendable {
    /// Address to listen on (`127.0.0.1`, `0.0.0.0`, `::1`).
    public var host: String
    /// Port to listen on; 0 picks a free one (see ``GRPCServer/port``).
    public var port: Int
    /// Event-loop threads; `nil` means one per core.
    public var threads: Int?
    public var rpc: RPC
    public var http2: HTTP2
    public var keepalive: Keepalive
    public var clientKeepalive: ClientKeepalivePolicy
    public var connection: Connection

    public init(
      host: String = "127.0.0.1",
      port: Int = 0,
      threads: Int? = nil,
      rpc: RPC = .defaults,
      http2: HTTP2 = .defaults,
      keepalive: Keepalive = .defaults,
      clientKeepalive: ClientKeepalivePolicy = .defaults,
      connection: Connection = .defaults
    ) {
      self.host = host
      self.port = port
      self.threads = threads
      self.rpc = rpc
      self.http2 = http2
      self.keepalive = keepalive
      self.clientKeepalive = clientKeepalive
      self.connection = connection
    }

    public static var defaults: Configuration { Configuration() }
  }

  /// Per-call limits.
  public struct RPC: Sendable {
    /// Largest request message accepted; larger ones end the call with RESOURCE_EXHAUSTED.
    /// Default 4 MiB.
    public var maxRequestMessageSize: Int
    /// Largest total size of request header fields (name + value + 32 each, as HTTP/2
    /// counts them). Default 16 KiB.
    public var maxHeaderListSize: Int
    /// Response bytes a streaming handler may queue before `write` suspends. Default 1 MiB.
    public var responseBufferHighWatermark: Int

    public init(
      maxRequestMessageSize: Int = 4 * 1024 * 1024,
      maxHeaderListSize: Int = 16 * 1024,
      responseBufferHighWatermark: Int = 1024 * 1024
    ) {
      self.maxRequestMessageSize = maxRequestMessageSize
      self.maxHeaderListSize = maxHeaderListSize
      self.responseBufferHighWatermark = responseBufferHighWatermark
    }

    public static var defaults: RPC { RPC() }
  }

  /// HTTP/2 settings the server announces.
  public struct HTTP2: Sendable {
    /// SETTINGS_MAX_CONCURRENT_STREAMS. Default 100 (nghttp2's example server, grpc-core).
    public var maxConcurrentStreams: Int
    /// SETTINGS_INITIAL_WINDOW_SIZE: how much a client may send on one stream before the
    /// server consumes it. Default 1 MiB.
    public var streamWindowSize: Int
    /// Connection-level receive window. Default 8 MiB.
    public var connectionWindowSize: Int

    public init(
      maxConcurrentStreams: Int = 100,
      streamWindowSize: Int = 1024 * 1024,
      connectionWindowSize: Int = 8 * 1024 * 1024
    ) {
      self.maxConcurrentStreams = maxConcurrentStreams
      self.streamWindowSize = streamWindowSize
      self.connectionWindowSize = connectionWindowSize
    }

    public static var defaults: HTTP2 { HTTP2() }
  }

  /// Server-initiated keepalive pings (gRFC A8): after `time` without any frame from the
  /// client the server pings, and closes the connection if no ACK arrives within `timeout`.
  public struct Keepalive: Sendable {
    /// Default 2 hours.
    public var time: Duration
    /// Default 20 seconds.
    public var timeout: Duration

    public init(time: Duration = .seconds(7200), timeout: Duration = .seconds(20)) {
      self.time = time
      self.timeout = timeout
    }

    public static var defaults: Keepalive { Keepalive() }
  }

  /// How often clients may ping (gRFC A8 "ping abuse"). A ping sooner than
  /// `minPingInterval` after the previous one, or any ping while no call is open unless
  /// `permitWithoutCalls`, is a strike; after `maxStrikes` strikes the server sends
  /// GOAWAY(ENHANCE_YOUR_CALM, "too_many_pings") and closes. Each HEADERS or DATA frame the
  /// server sends resets the strikes and the interval, as gRPC's C core and Go servers do:
  /// their clients probe bandwidth with pings while response data flows, so a long stream must
  /// not count against them, while pings with nothing sent in between still do.
  public struct ClientKeepalivePolicy: Sendable {
    /// Default 5 minutes.
    public var minPingInterval: Duration
    /// Default false.
    public var permitWithoutCalls: Bool
    /// Default 2.
    public var maxStrikes: Int

    public init(
      minPingInterval: Duration = .seconds(300), permitWithoutCalls: Bool = false,
      maxStrikes: Int = 2
    ) {
      self.minPingInterval = minPingInterval
      self.permitWithoutCalls = permitWithoutCalls
      self.maxStrikes = maxStrikes
    }

    public static var defaults: ClientKeepalivePolicy { ClientKeepalivePolicy() }
  }

  /// Connection lifetime limits (gRFC A9). `nil` means unlimited.
  public struct Connection: Sendable {
    /// Close a connection gracefully after this long without any open call. Default none.
    public var maxIdleTime: Duration?
    /// Close a connection gracefully after it has existed this long (±10% jitter). Default none.
    public var maxAge: Duration?
    /// After `maxAge`, how long open calls may continue before the connection is closed
    /// anyway. Default none (wait for them).
    public var maxAgeGrace: Duration?

    public init(maxIdleTime: Duration? = nil, maxAge: Duration? = nil, maxAgeGrace: Duration? = nil) {
      self.maxIdleTime = maxIdleTime
      self.maxAge = maxAge
      self.maxAgeGrace = maxAgeGrace
    }

    public static var defaults: Connection { Connection() }
  }
}
