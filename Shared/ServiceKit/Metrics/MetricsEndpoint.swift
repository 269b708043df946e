public import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
public import ServiceLifecycle

/// The admin port's HTTP server: `GET /metrics` answers the service's Prometheus text; any other
/// path is 404. It runs beside the gRPC server (never on the gRPC port) and stops with it.
public struct MetricsEndpoint: Service {
  let host: String
  let port: Int
  let metrics: ServiceMetrics
  let logger: Logger

  public init(host: String, port: Int, metrics: ServiceMetrics, logger: Logger) {
    self.host = host
    self.port = port
    self.metrics = metrics
    self.logger = logger
  }

  public func run() async throws {
    let metrics = self.metrics
    let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
      .childChannelInitializer { channel in
        channel.pipeline.configureHTTPServerPipeline().flatMap {
          channel.pipeline.addHandler(MetricsHTTPHandler(metrics: metrics))
        }
      }
      .bind(host: host, port: port).get()
    logger.info("metrics served", metadata: ["metrics_port": "\(channel.localAddress?.port ?? port)"])
    try? await gracefulShutdown()
    try? await channel.close()
  }
}

private final class MetricsHTTPHandler: ChannelInboundHandler, @unchecked Sendable {
  typealias InboundIn = HTTPServerRequestPart
  typealias OutboundOut = HTTPServerResponsePart
  let metrics: ServiceMetrics
  private var path = ""

  init(metrics: ServiceMetrics) { self.metrics = metrics }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    switch unwrapInboundIn(data) {
    case .head(let head): path = head.uri.split(separator: "?").first.map(String.init) ?? head.uri
    case .body: break
    case .end:
      let found = path == "/metrics"
      let body = found ? metrics.exposition() : "not found; try /metrics\n"
      var headers = HTTPHeaders()
      headers.add(name: "content-type", value: found ? "text/plain; version=0.0.4; charset=utf-8" : "text/plain")
      headers.add(name: "content-length", value: String(body.utf8.count))
      context.write(
        wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: found ? .ok : .notFound, headers: headers))),
        promise: nil)
      context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: body)))), promise: nil)
      context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
  }
}
