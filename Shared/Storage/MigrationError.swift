/// A migration could not be registered or applied; it names the migration.
///
/// Start-up stops on this error: a service must not serve against a schema it does not expect.
public struct MigrationError: Error, Sendable, CustomStringConvertible {
  /// What went wrong.
  public struct Code: Sendable, Hashable, CustomStringConvertible {
    private enum Value: Hashable { case duplicateID, failed }
    private let value: Value

    /// Two migrations were registered with the same id.
    public static let duplicateID = Code(value: .duplicateID)
    /// The migration threw, or its bookkeeping failed; it was rolled back and not recorded.
    public static let failed = Code(value: .failed)

    public var description: String {
      switch value {
      case .duplicateID: "duplicate migration id"
      case .failed: "migration failed"
      }
    }
  }

  public var code: Code
  /// The id of the migration concerned.
  public var migrationID: String
  /// What the migration threw, usually a ``DatabaseError``.
  public var underlyingError: (any Error)?

  public init(code: Code, migrationID: String, underlyingError: (any Error)?) {
    self.code = code
    self.migrationID = migrationID
    self.underlyingError = underlyingError
  }

  public var description: String {
    var text = "\(code): \(migrationID)"
    if let underlyingError { text += ": \(underlyingError)" }
    return text
  }
}
