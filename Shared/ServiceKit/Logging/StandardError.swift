#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Writes to file descriptor 2 without Foundation's `FileHandle`: services link only
/// FoundationEssentials, which keeps the full Foundation library (and its ICU data) out of
/// their memory.
public enum StandardError {
  /// Writes all of `text`, retrying after interrupted or partial writes.
  public static func write(_ text: String) {
    var text = text
    text.withUTF8 { bytes in
      guard var next = bytes.baseAddress else { return }
      var remaining = bytes.count
      while remaining > 0 {
        let written = systemWrite(2, next, remaining)
        if written < 0 {
          if errno == EINTR { continue }
          return
        }
        next += written
        remaining -= written
      }
    }
  }
}

#if canImport(Glibc)
  private let systemWrite = Glibc.write
#elseif canImport(Musl)
  private let systemWrite = Musl.write
#endif
