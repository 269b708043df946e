/// The `grpc-timeout` header codec (gRPC PROTOCOL-HTTP2: "TimeoutValue TimeoutUnit", at most
/// eight ASCII digits followed by one of `H M S m u n`).
enum GRPCTimeout {
  /// Parses a header value; `nil` when it is malformed (the caller rejects the call).
  static func parse(_ value: UnsafeRawBufferPointer) -> Duration? {
    guard value.count >= 2, value.count <= 9 else { return nil }
    var amount: Int64 = 0
    for i in 0..<(value.count - 1) {
      let c = value[i]
      guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
      amount = amount * 10 + Int64(c - UInt8(ascii: "0"))
    }
    switch value[value.count - 1] {
    case UInt8(ascii: "H"): return .seconds(amount * 3600)
    case UInt8(ascii: "M"): return .seconds(amount * 60)
    case UInt8(ascii: "S"): return .seconds(amount)
    case UInt8(ascii: "m"): return .milliseconds(amount)
    case UInt8(ascii: "u"): return .microseconds(amount)
    case UInt8(ascii: "n"): return .nanoseconds(amount)
    default: return nil
    }
  }

  static func parse(_ value: String) -> Duration? {
    var value = value
    return value.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
  }

  /// Encodes a timeout in the finest unit whose value fits in eight digits, rounding up so
  /// the server never sees less time than the client will wait. Non-positive timeouts encode
  /// as one nanosecond (already expired).
  static func encode(_ timeout: Duration) -> String {
    let (seconds, attoseconds) = timeout.components
    guard seconds >= 0, seconds > 0 || attoseconds > 0 else { return "1n" }
    // Nanoseconds, saturating.
    let (secNanos, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
    let nanos = overflow ? Int64.max : secNanos &+ (attoseconds + 999_999_999) / 1_000_000_000
    let units: [(Int64, Character)] = [
      (1, "n"), (1_000, "u"), (1_000_000, "m"), (1_000_000_000, "S"), (60_000_000_000, "M"),
      (3_600_000_000_000, "H"),
    ]
    for (scale, unit) in units {
      let value = (nanos + scale - 1) / scale
      if value <= 99_999_999 { return "\(value)\(unit)" }
    }
    return "99999999H"
  }
}
