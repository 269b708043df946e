#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Darwin)
  internal import Darwin
#endif

/// The bytes of a file, read in chunks as they are consumed, so a CSV of any size is parsed
/// without holding it whole: `CSVReader(bytes: try FileBytes(path: "schools.csv"))`.
///
/// `IteratorProtocol` cannot throw, so a read error ends the bytes early and is kept in
/// ``failure``; check it after the last record.
public final class FileBytes: IteratorProtocol {
  private let fd: Int32
  private let path: String
  private var buffer: [UInt8]
  private var index = 0
  private var count = 0
  /// The read error that ended the bytes early, if one did.
  public private(set) var failure: FileError?

  /// Opens `path` for reading, `chunkSize` bytes at a time.
  public init(path: String, chunkSize: Int = 64 * 1024) throws(FileError) {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw FileError(path: path, errno: errno) }
    self.fd = fd
    self.path = path
    self.buffer = [UInt8](repeating: 0, count: max(1, chunkSize))
  }

  deinit { close(fd) }

  public func next() -> UInt8? {
    if index == count {
      guard failure == nil else { return nil }
      while true {
        let filled = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if filled < 0 {
          if errno == EINTR { continue }
          failure = FileError(path: path, errno: errno)
          return nil
        }
        if filled == 0 { return nil }
        index = 0
        count = filled
        break
      }
    }
    defer { index += 1 }
    return buffer[index]
  }
}
