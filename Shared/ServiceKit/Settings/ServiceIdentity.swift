/// Names one Charter executable and the defaults every deployment of it starts from.
public struct ServiceIdentity: Sendable, Hashable {
  /// Short name: `registry`, `self-review`, …; also the SQLite file's base name.
  public let name: String
  /// The executable: `charter-registry`, ….
  public let executable: String
  /// Default port (ARCHITECTURE.md §1).
  public let defaultPort: Int

  public init(name: String, executable: String, defaultPort: Int) {
    self.name = name
    self.executable = executable
    self.defaultPort = defaultPort
  }

  public static let registry = ServiceIdentity(name: "registry", executable: "charter-registry", defaultPort: 7101)
  public static let selfReview = ServiceIdentity(
    name: "self-review", executable: "charter-self-review", defaultPort: 7102)
  public static let evaluation = ServiceIdentity(
    name: "evaluation", executable: "charter-evaluation", defaultPort: 7103)
  public static let accreditation = ServiceIdentity(
    name: "accreditation", executable: "charter-accreditation", defaultPort: 7104)
  public static let publicMap = ServiceIdentity(name: "public-map", executable: "charter-public-map", defaultPort: 7105)
  public static let gateway = ServiceIdentity(name: "gateway", executable: "charter-gateway", defaultPort: 8080)
  /// gRPC's interop TestService, for conformance tests and the runtime benchmark.
  public static let interop = ServiceIdentity(name: "interop", executable: "charter-interop-server", defaultPort: 50051)
}

/// A Charter service another one may call, located by `<NAME>_SERVICE_ADDR=host:port`.
public enum Peer: String, Sendable, CaseIterable {
  case registry
  case selfReview = "self-review"
  case evaluation
  case accreditation
  case publicMap = "public-map"

  public var identity: ServiceIdentity {
    switch self {
    case .registry: .registry
    case .selfReview: .selfReview
    case .evaluation: .evaluation
    case .accreditation: .accreditation
    case .publicMap: .publicMap
    }
  }

  /// `REGISTRY_SERVICE_ADDR`, `SELF_REVIEW_SERVICE_ADDR`, …
  public var environmentVariable: String {
    rawValue.uppercased().replacingOccurrences(of: "-", with: "_") + "_SERVICE_ADDR"
  }

  /// `--registry-addr`, `--self-review-addr`, …
  public var flag: String { "--\(rawValue)-addr" }

  /// The default: loopback and the service's default port.
  public var defaultAddress: String { "127.0.0.1:\(identity.defaultPort)" }
}

extension String {
  fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
    split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
