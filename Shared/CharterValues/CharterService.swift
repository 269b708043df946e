/// One executable of the Charter platform, with the defaults every deployment of it starts
/// from: the roster that service start-up, the `charter` CLI and `deploy/local` all read, so a
/// port or an address variable is written down once.
public struct CharterService: Sendable, Hashable, CustomStringConvertible {
  /// Short name: `registry`, `self-review`, …; also the base name of its SQLite file and of the
  /// `--<name>-addr` flag its peers take.
  public let name: String
  /// The executable: `charter-registry`, ….
  public let executable: String
  /// The fully qualified gRPC service it serves (`charter.registry.v1.Registry`); `nil` for
  /// the HTTP gateway.
  public let grpcService: String?
  /// The port it listens on unless told otherwise (ARCHITECTURE.md §1).
  public let defaultPort: Int

  public init(name: String, executable: String, grpcService: String?, defaultPort: Int) {
    self.name = name
    self.executable = executable
    self.grpcService = grpcService
    self.defaultPort = defaultPort
  }

  public static let registry = CharterService(
    name: "registry", executable: "charter-registry", grpcService: "charter.registry.v1.Registry", defaultPort: 7101)
  public static let selfReview = CharterService(
    name: "self-review", executable: "charter-self-review", grpcService: "charter.selfreview.v1.SelfReview",
    defaultPort: 7102)
  public static let evaluation = CharterService(
    name: "evaluation", executable: "charter-evaluation", grpcService: "charter.evaluation.v1.Evaluation",
    defaultPort: 7103)
  public static let accreditation = CharterService(
    name: "accreditation", executable: "charter-accreditation",
    grpcService: "charter.accreditation.v1.Accreditation", defaultPort: 7104)
  public static let publicMap = CharterService(
    name: "public-map", executable: "charter-public-map", grpcService: "charter.publicmap.v1.PublicMap",
    defaultPort: 7105)
  public static let gateway = CharterService(
    name: "gateway", executable: "charter-gateway", grpcService: nil, defaultPort: 8080)
  /// gRPC's interop TestService, for conformance tests and the runtime benchmark.
  public static let interop = CharterService(
    name: "interop", executable: "charter-interop-server", grpcService: "grpc.testing.TestService",
    defaultPort: 50051)

  /// The gRPC services of the Charter itself, in port order: the peers a service or the CLI
  /// may call.
  public static let grpcServices: [CharterService] = [.registry, .selfReview, .evaluation, .accreditation, .publicMap]

  /// Every executable that serves something, in port order.
  public static let all: [CharterService] = grpcServices + [.gateway, .interop]

  /// The service a short name, executable or fully qualified gRPC name stands for.
  public static func named(_ name: String) -> CharterService? {
    all.first { $0.name == name || $0.executable == name || $0.grpcService == name }
  }

  /// The variable holding its `host:port` for callers: `REGISTRY_SERVICE_ADDR`, ….
  public var addressVariable: String {
    String(name.uppercased().map { $0 == "-" ? "_" : $0 }) + "_SERVICE_ADDR"
  }

  /// The variable `deploy/local` keeps its port in: `REGISTRY_PORT`, ….
  public var portVariable: String { String(name.uppercased().map { $0 == "-" ? "_" : $0 }) + "_PORT" }

  /// The flag a peer takes for its address: `--registry-addr`, ….
  public var addressFlag: String { "--\(name)-addr" }

  /// `127.0.0.1:<defaultPort>`.
  public var defaultAddress: String { "127.0.0.1:\(defaultPort)" }

  public var description: String { name }
}
