#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Darwin)
  internal import Darwin
#endif

/// The few file operations the CLI needs, on POSIX calls (no Foundation).
enum Files {
  /// The file's text, or `nil` when it does not exist.
  static func readText(_ path: String) throws(FileError) -> String? {
    guard let bytes = try readBytes(path) else { return nil }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The file's bytes, or `nil` when it does not exist.
  static func readBytes(_ path: String) throws(FileError) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    if fd < 0 {
      if errno == ENOENT { return nil }
      throw FileError(path: path, errno: errno)
    }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw FileError(path: path, errno: errno)
      }
      if count == 0 { return bytes }
      bytes.append(contentsOf: chunk[..<count])
    }
  }

  /// Writes `text` to `path`, replacing the file (created with `mode`).
  static func write(_ text: String, to path: String, mode: mode_t = 0o644) throws(FileError) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
    guard fd >= 0 else { throw FileError(path: path, errno: errno) }
    defer { close(fd) }
    try writeAll(fd, text, path: path)
  }

  /// Writes `bytes` (a PDF, an image) to `path`, replacing the file (created with `mode`).
  static func write(bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws(FileError) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
    guard fd >= 0 else { throw FileError(path: path, errno: errno) }
    defer { close(fd) }
    try writeAll(fd, bytes[...], path: path)
  }

  /// Writes `text` to a temporary file beside `path`, with `mode`, then renames it over `path`,
  /// so readers see the old file or the new one, never a partial one.
  static func writeAtomically(_ text: String, to path: String, mode: mode_t) throws(FileError) {
    let temporary = path + ".tmp-\(getpid())"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
    guard fd >= 0 else { throw FileError(path: temporary, errno: errno) }
    do throws(FileError) {
      // The mode given to open is filtered by the umask; make sure it is exactly `mode`.
      guard fchmod(fd, mode) == 0 else { throw FileError(path: temporary, errno: errno) }
      try writeAll(fd, text, path: temporary)
      guard fsync(fd) == 0 else { throw FileError(path: temporary, errno: errno) }
      close(fd)
    } catch {
      close(fd)
      unlink(temporary)
      throw error
    }
    guard rename(temporary, path) == 0 else {
      let error = FileError(path: path, errno: errno)
      unlink(temporary)
      throw error
    }
  }

  /// Creates the directory holding `path` and any missing parents, new ones with `mode`.
  static func createDirectories(parentOf path: String, mode: mode_t) throws(FileError) {
    guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return }
    let directory = String(path[..<slash])
    var prefix = directory.hasPrefix("/") ? "/" : ""
    for component in directory.split(separator: "/") {
      prefix += prefix.isEmpty || prefix == "/" ? String(component) : "/" + component
      if mkdir(prefix, mode) != 0, errno != EEXIST { throw FileError(path: prefix, errno: errno) }
    }
  }

  /// Deletes the file; returns whether it existed.
  static func remove(_ path: String) throws(FileError) -> Bool {
    if unlink(path) == 0 { return true }
    if errno == ENOENT { return false }
    throw FileError(path: path, errno: errno)
  }

  private static func writeAll(_ fd: Int32, _ text: String, path: String) throws(FileError) {
    try writeAll(fd, Array(text.utf8)[...], path: path)
  }

  private static func writeAll(_ fd: Int32, _ bytes: ArraySlice<UInt8>, path: String) throws(FileError) {
    var bytes = bytes
    while !bytes.isEmpty {
      let written = bytes.withUnsafeBytes { systemWrite(fd, $0.baseAddress, $0.count) }
      if written < 0 {
        if errno == EINTR { continue }
        throw FileError(path: path, errno: errno)
      }
      bytes = bytes.dropFirst(written)
    }
  }
}

/// `write(2)`, named apart from ``Files/write(_:to:mode:)``.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
  write(fd, buffer, count)
}
