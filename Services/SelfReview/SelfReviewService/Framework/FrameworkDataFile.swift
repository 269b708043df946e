/// The bytes of one framework data file and its name, as handed to the catalog loader.
///
/// The built-in files are embedded in the binary at build time, so loading does no file I/O;
/// tests pass small inline files the same way.
public struct FrameworkDataFile: Sendable, Hashable {
  /// The file's name, used in errors (e.g. "srf-2008.json").
  public let name: String
  /// The file's content: UTF-8 JSON.
  public let bytes: [UInt8]

  /// A data file from its bytes.
  public init(name: String, bytes: [UInt8]) {
    self.name = name
    self.bytes = bytes
  }

  /// A data file from JSON text.
  public init(name: String, json: String) {
    self.init(name: name, bytes: Array(json.utf8))
  }
}
