public import CharterValues
public import Contracts
public import Storage

/// What makes a service's store its own: which service it belongs to, the events of its feed,
/// and its tables as append-only migrations. A service declares one, and its store is
/// `ServiceStore<ItsSchema>` with its queries as extensions:
///
/// ```swift
/// public enum RegistrySchema: ServiceSchema {
///   public static let service = CharterService.registry
///   public typealias Event = Registry.RegistryEvent
///   public static func registerMigrations(in migrator: inout Migrator) throws { … }
/// }
/// public typealias RegistryStore = ServiceStore<RegistrySchema>
/// extension RegistryStore { func register(_ details: SchoolDetails, …) async throws -> … }
/// ```
public protocol ServiceSchema: Sendable {
  associatedtype Event: FeedEvent
  /// The service whose store this is (its file is `<name>.sqlite`).
  static var service: CharterService { get }
  /// Registers the store's own migrations, after the outbox and feed positions every store
  /// has. Never edit one that has shipped; add a new one.
  static func registerMigrations(in migrator: inout Migrator) throws
  /// How much of its file the store keeps in memory (see `Database.Configuration`); SQLite's
  /// default unless the service measured that it needs more.
  static var pageCacheBytes: Int { get }
}

extension ServiceSchema {
  public static var pageCacheBytes: Int { Database.Configuration.defaultPageCacheBytes }
}
