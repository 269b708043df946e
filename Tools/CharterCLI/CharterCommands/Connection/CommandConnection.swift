internal import CharterValues
internal import Contracts
internal import RPCCore

/// A service the CLI has commands for: where it listens and how to make its typed client.
protocol CommandTarget {
  associatedtype Client
  /// How help text names it ("the registry").
  static var displayName: String { get }
  static var address: CharterService { get }
  static func client(_ rpc: RPCClient) -> Client
}

/// `charter registry …`.
enum RegistryTarget: CommandTarget {
  static let displayName = "registry"
  static let address = CharterService.registry
  static func client(_ rpc: RPCClient) -> Registry.Client { Registry.Client(rpc) }
}

/// `charter self-review …`.
enum SelfReviewTarget: CommandTarget {
  static let displayName = "self-review service"
  static let address = CharterService.selfReview
  static func client(_ rpc: RPCClient) -> SelfReview.Client { SelfReview.Client(rpc) }
}

/// A typed client with what every call of one command sends: deadline and token.
struct CommandConnection<Client> {
  let client: Client
  let callOptions: CallOptions
  let credential: Credential?

  /// The call options without a deadline, for a feed followed until interrupted.
  var streamingOptions: CallOptions {
    CallOptions(timeout: nil, metadata: callOptions.metadata)
  }
}

typealias RegistryConnection = CommandConnection<Registry.Client>
typealias SelfReviewConnection = CommandConnection<SelfReview.Client>
