internal import Contracts
import FoundationEssentials
public import Logging

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Writes one JSON object per log line to standard error: `timestamp`, `severity`,
/// `service`, `message`, then the metadata fields. Platform log collectors parse it without
/// configuration, and one call's lines can be found by `request_id`.
public struct JSONLogHandler: LogHandler {
  public var logLevel: Logger.Level
  public var metadata: Logger.Metadata = [:]
  public var metadataProvider: Logger.MetadataProvider?
  private let service: String
  private let label: String

  public init(label: String, service: String, level: Logger.Level) {
    self.label = label
    self.service = service
    self.logLevel = level
  }

  public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  public func log(event: LogEvent) {
    var fields = metadata
    if let provided = metadataProvider?.get() { fields.merge(provided) { _, new in new } }
    if let extra = event.metadata { fields.merge(extra) { _, new in new } }
    var line = "{\"timestamp\":\"\(Self.timestamp())\",\"severity\":\"\(event.level.rawValue.uppercased())\""
    line += ",\"service\":\(JSONString.quoted(service)),\"logger\":\(JSONString.quoted(label))"
    line += ",\"message\":\(JSONString.quoted(event.message.description))"
    for key in fields.keys.sorted() {
      line += ",\(JSONString.quoted(key)):\(Self.render(fields[key]!))"
    }
    line += "}\n"
    StandardError.write(line)
  }

  /// Installs this handler for the whole process. Lines written while a call is served carry
  /// its `trace_id` and `span_id` (``TraceContext``) and `request_id`.
  public static func bootstrap(service: String, level: Logger.Level) {
    LoggingSystem.bootstrap { label in
      var handler = JSONLogHandler(label: label, service: service, level: level)
      handler.metadataProvider = callMetadata
      return handler
    }
  }

  /// The ids of the call the current task serves, for every log line.
  public static let callMetadata = Logger.MetadataProvider {
    var metadata: Logger.Metadata = [:]
    if let trace = TraceContext.current {
      metadata["trace_id"] = .string(trace.traceID)
      metadata["span_id"] = .string(trace.spanID)
    }
    if let id = RequestID.current { metadata["request_id"] = .string(id) }
    return metadata
  }

  public static func render(_ value: Logger.Metadata.Value) -> String {
    switch value {
    case .string(let s): return JSONString.quoted(s)
    case .stringConvertible(let c): return JSONString.quoted(c.description)
    case .array(let a): return "[" + a.map(render).joined(separator: ",") + "]"
    case .dictionary(let d):
      return "{" + d.keys.sorted().map { "\(JSONString.quoted($0)):\(render(d[$0]!))" }.joined(separator: ",") + "}"
    }
  }

  public static func timestamp() -> String {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    var tm = tm()
    var seconds = ts.tv_sec
    gmtime_r(&seconds, &tm)
    func pad(_ v: Int32, _ n: Int) -> String {
      let s = String(v)
      return String(repeating: "0", count: max(0, n - s.count)) + s
    }
    return "\(pad(tm.tm_year + 1900, 4))-\(pad(tm.tm_mon + 1, 2))-\(pad(tm.tm_mday, 2))T"
      + "\(pad(tm.tm_hour, 2)):\(pad(tm.tm_min, 2)):\(pad(tm.tm_sec, 2)).\(pad(Int32(ts.tv_nsec / 1_000_000), 3))Z"
  }
}
