import Foundation

/// A fresh directory for one test's database files, removed when the value is released.
final class TemporaryDirectory: Sendable {
  let path: String

  init() throws {
    let base = FileManager.default.temporaryDirectory.path
    path = "\(base)/storage-tests-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(atPath: path)
  }

  /// The path of a file called `name` inside the directory.
  func file(_ name: String) -> String { "\(path)/\(name)" }
}
