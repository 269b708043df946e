import CompressNIO
import Foundation
import NIOCore

#if canImport(Glibc)
  import Glibc
#endif

/// A plain HTTP/1.1 exchange over a real TCP socket, so tests see exactly what the gateway
/// sends (status, every header, compressed bytes) with nothing in between.
struct HTTPExchange {
  var status: Int
  var headers: [String: String]
  var body: [UInt8]

  var text: String { String(decoding: body, as: UTF8.self) }
  func header(_ name: String) -> String? { headers[name.lowercased()] }
  var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:] }

  /// Sends one GET (or `method`) and reads the whole response (`Connection: close`).
  static func get(
    port: Int, _ target: String, headers: [String: String] = [:], method: String = "GET",
    timeout: Double = 10
  ) async throws -> HTTPExchange {
    try await offCooperativePool {
      try exchange(port: port, target, headers: headers, method: method, timeout: timeout)
    }
  }

  /// Runs blocking socket I/O on a thread of its own. The test run has as many cooperative
  /// threads as cores (two here); a blocking `recv` on one of them starves the in-process
  /// gateway and public map that must answer it, and every other test in the run with them.
  static func offCooperativePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
      Thread { continuation.resume(with: Result { try body() }) }.start()
    }
  }

  private static func exchange(
    port: Int, _ target: String, headers: [String: String], method: String, timeout: Double
  ) throws -> HTTPExchange {
    let socket = try connect(port: port, timeout: timeout)
    defer { close(socket) }
    var request = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
    for (name, value) in headers { request += "\(name): \(value)\r\n" }
    request += "\r\n"
    _ = request.withCString { send(socket, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
    var data: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = recv(socket, &buffer, buffer.count, 0)
      if n <= 0 { break }
      data += buffer[0..<n]
    }
    return try parse(data)
  }

  static func connect(port: Int, timeout: Double) throws -> Int32 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var tv = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1_000_000))
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard result == 0 else {
      close(fd)
      throw HTTPExchangeError(reason: "cannot connect to port \(port)")
    }
    return fd
  }

  static func parse(_ data: [UInt8]) throws -> HTTPExchange {
    let separator: [UInt8] = [13, 10, 13, 10]
    guard let end = (0..<max(0, data.count - 3)).first(where: { Array(data[$0..<$0 + 4]) == separator }) else {
      throw HTTPExchangeError(reason: "no header end in \(data.count) bytes")
    }
    let head = String(decoding: data[0..<end], as: UTF8.self).components(separatedBy: "\r\n")
    let status = Int(head[0].split(separator: " ")[1]) ?? 0
    var headers: [String: String] = [:]
    for line in head.dropFirst() {
      guard let colon = line.firstIndex(of: ":") else { continue }
      let name = line[..<colon].lowercased()
      let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      headers[name] = headers[name].map { $0 + ", " + value } ?? value
    }
    var body = Array(data[(end + 4)...])
    if headers["transfer-encoding"]?.contains("chunked") ?? false { body = dechunk(body) }
    return HTTPExchange(status: status, headers: headers, body: body)
  }

  static func dechunk(_ data: [UInt8]) -> [UInt8] {
    var result: [UInt8] = []
    var index = 0
    while index < data.count {
      guard let lineEnd = (index..<max(index, data.count - 1)).first(where: { data[$0] == 13 && data[$0 + 1] == 10 }),
        let size = Int(String(decoding: data[index..<lineEnd], as: UTF8.self), radix: 16), size > 0
      else { break }
      let start = lineEnd + 2
      result += data[start..<min(start + size, data.count)]
      index = start + size + 2
    }
    return result
  }

  /// The body, gunzipped when the response says it is gzip.
  func decodedBody() throws -> [UInt8] {
    guard header("content-encoding") == "gzip" else { return body }
    var buffer = ByteBuffer(bytes: body)
    let plain = try buffer.decompress(with: .gzip())
    return Array(plain.readableBytesView)
  }
}

struct HTTPExchangeError: Error, CustomStringConvertible {
  var reason: String
  var description: String { reason }
}
