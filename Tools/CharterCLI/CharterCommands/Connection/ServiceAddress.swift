/// The Charter gRPC services the CLI can reach, with where each listens by default.
///
/// Addresses follow the platform's one configuration convention (ARCHITECTURE.md §1): a flag
/// wins, else the peer variable every service reads (`REGISTRY_SERVICE_ADDR`, …), else the
/// service's default port on loopback.
public struct ServiceAddress: Sendable, Hashable {
  /// Short name (`registry`, `self-review`, …).
  public let name: String
  /// Fully qualified gRPC service name, as `grpc.health.v1` knows it.
  public let grpcService: String
  /// The environment variable holding its `host:port`.
  public let environmentVariable: String
  /// Its default port on 127.0.0.1.
  public let defaultPort: Int

  public static let registry = ServiceAddress(
    name: "registry",
    grpcService: "charter.registry.v1.Registry",
    environmentVariable: "REGISTRY_SERVICE_ADDR",
    defaultPort: 7101
  )
  public static let selfReview = ServiceAddress(
    name: "self-review",
    grpcService: "charter.selfreview.v1.SelfReview",
    environmentVariable: "SELF_REVIEW_SERVICE_ADDR",
    defaultPort: 7102
  )
  public static let evaluation = ServiceAddress(
    name: "evaluation",
    grpcService: "charter.evaluation.v1.Evaluation",
    environmentVariable: "EVALUATION_SERVICE_ADDR",
    defaultPort: 7103
  )
  public static let accreditation = ServiceAddress(
    name: "accreditation",
    grpcService: "charter.accreditation.v1.Accreditation",
    environmentVariable: "ACCREDITATION_SERVICE_ADDR",
    defaultPort: 7104
  )
  public static let publicMap = ServiceAddress(
    name: "public-map",
    grpcService: "charter.publicmap.v1.PublicMap",
    environmentVariable: "PUBLIC_MAP_SERVICE_ADDR",
    defaultPort: 7105
  )

  /// Every service, in port order.
  public static let all: [ServiceAddress] = [
    .registry, .selfReview, .evaluation, .accreditation, .publicMap,
  ]

  /// The service a short or fully qualified name stands for, if it is one of ``all``.
  public static func named(_ name: String) -> ServiceAddress? {
    all.first { $0.name == name || $0.grpcService == name }
  }

  /// `127.0.0.1:<defaultPort>`.
  public var defaultAddress: String { "127.0.0.1:\(defaultPort)" }

  /// The address to call: `flag` if given, else the environment variable if set, else the
  /// default.
  public func resolve(flag: String?, environment: (String) -> String?) -> String {
    if let flag { return flag }
    if let value = environment(environmentVariable), !value.isEmpty { return value }
    return defaultAddress
  }
}
