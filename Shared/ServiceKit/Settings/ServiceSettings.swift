public import CharterValues
public import Logging
public import RPCCore

/// The settings every Charter executable reads the same way (ARCHITECTURE.md §1): flags win
/// over environment variables, which win over defaults; a missing or bad setting stops
/// start-up with a message naming it.
///
/// | flag | environment | default |
/// |---|---|---|
/// | `--host` | `HOST` | `127.0.0.1` |
/// | `--port` | `PORT` | the service's port |
/// | `--data-dir` | `DATA_DIR` | `./data` |
/// | `--log-level` | `LOG_LEVEL` | `info` |
/// | `--metrics-port` | `METRICS_PORT` | none (no metrics endpoint) |
/// | `--registry-addr` … | `REGISTRY_SERVICE_ADDR` … | `127.0.0.1:7101` … |
///
/// A service may declare extra options (a key file, a grace period) with ``SettingOption``.
public struct ServiceSettings: Sendable {
  public var host: String
  public var port: Int
  public var dataDirectory: String
  public var logLevel: Logger.Level
  /// The admin port serving Prometheus metrics at `/metrics`; `nil`: no metrics endpoint.
  public var metricsPort: Int?
  /// `host:port` of each peer the service declared it needs.
  public var peers: [CharterService: String]
  /// Values of the service's own options, by flag.
  public var options: [String: String]
  /// Transports to peers that replace dialling their address: set only by tests and tools that
  /// run several services in one process (an ``InProcessTransport``'s client), never read from
  /// flags or the environment.
  public var peerTransports: [CharterService: any ClientTransport] = [:]

  public init(
    host: String = "127.0.0.1", port: Int, dataDirectory: String = "./data",
    logLevel: Logger.Level = .info, peers: [CharterService: String] = [:], options: [String: String] = [:]
  ) {
    self.host = host
    self.port = port
    self.dataDirectory = dataDirectory
    self.logLevel = logLevel
    self.peers = peers
    self.options = options
  }

  /// The address of a peer, as `(host, port)`.
  public func address(of peer: CharterService) -> (host: String, port: Int)? {
    peers[peer].flatMap(Self.parseAddress)
  }

  public func option(_ option: SettingOption) -> String? { options[option.flag] ?? option.defaultValue }

  /// Reads settings from command-line arguments (without the program name) and the environment.
  /// - Throws: ``SettingsError`` naming the first bad or unknown setting, or `.helpRequested`.
  public static func load(
    for identity: CharterService,
    peers: [CharterService] = [],
    options: [SettingOption] = [],
    arguments: [String],
    environment: [String: String]
  ) throws(SettingsError) -> ServiceSettings {
    var flags: [String: String] = [:]
    let known = Set(
      ["--host", "--port", "--data-dir", "--log-level", "--metrics-port"] + peers.map(\.addressFlag)
        + options.map(\.flag))
    var i = 0
    while i < arguments.count {
      let argument = arguments[i]
      if argument == "--help" || argument == "-h" { throw .helpRequested(usage(identity, peers, options)) }
      var name = argument
      var value: String?
      if let eq = argument.firstIndex(of: "=") {
        name = String(argument[..<eq])
        value = String(argument[argument.index(after: eq)...])
      }
      guard known.contains(name) else { throw .invalid(setting: argument, reason: "unknown option (see --help)") }
      if value == nil {
        guard i + 1 < arguments.count else { throw .invalid(setting: name, reason: "needs a value") }
        value = arguments[i + 1]
        i += 1
      }
      flags[name] = value
      i += 1
    }
    func pick(_ flag: String, _ env: String) -> (String, String)? {
      if let v = flags[flag] { return (v, flag) }
      if let v = environment[env], !v.isEmpty { return (v, env) }
      return nil
    }

    var settings = ServiceSettings(port: identity.defaultPort)
    if let (v, _) = pick("--host", "HOST") { settings.host = v }
    if let (v, source) = pick("--port", "PORT") {
      guard let port = Int(v), (0...65535).contains(port) else {
        throw .invalid(setting: source, reason: "\"\(v)\" is not a port number")
      }
      settings.port = port
    }
    if let (v, _) = pick("--data-dir", "DATA_DIR") { settings.dataDirectory = v }
    if let (v, source) = pick("--metrics-port", "METRICS_PORT") {
      guard let port = Int(v), (0...65535).contains(port) else {
        throw .invalid(setting: source, reason: "\"\(v)\" is not a port number")
      }
      settings.metricsPort = port
    }
    if let (v, source) = pick("--log-level", "LOG_LEVEL") {
      guard let level = Logger.Level(rawValue: v.lowercased()) else {
        throw .invalid(
          setting: source, reason: "\"\(v)\" is not one of trace, debug, info, notice, warning, error, critical")
      }
      settings.logLevel = level
    }
    for peer in peers {
      let (value, source) = pick(peer.addressFlag, peer.addressVariable) ?? (peer.defaultAddress, "default")
      guard parseAddress(value) != nil else {
        throw .invalid(
          setting: source == "default" ? peer.addressVariable : source, reason: "\"\(value)\" is not host:port")
      }
      settings.peers[peer] = value
    }
    for option in options {
      if let (v, _) = pick(option.flag, option.environmentVariable) {
        settings.options[option.flag] = v
      } else if option.isRequired, option.defaultValue == nil {
        throw .invalid(setting: option.environmentVariable, reason: "is required (\(option.help))")
      }
    }
    return settings
  }

  static func parseAddress(_ text: String) -> (host: String, port: Int)? {
    guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
      (1...65535).contains(port)
    else { return nil }
    var host = String(text[..<colon])
    if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
    return host.isEmpty ? nil : (host, port)
  }

  static func usage(_ identity: CharterService, _ peers: [CharterService], _ options: [SettingOption]) -> String {
    var lines = [
      "usage: \(identity.executable) [options]", "",
      "  --host HOST          (HOST, default 127.0.0.1)",
      "  --port PORT          (PORT, default \(identity.defaultPort))",
      "  --data-dir DIR       (DATA_DIR, default ./data)",
      "  --log-level LEVEL    (LOG_LEVEL, default info)",
      "  --metrics-port PORT  (METRICS_PORT, default none) Prometheus text at http://HOST:PORT/metrics",
    ]
    for peer in peers {
      lines.append("  \(peer.addressFlag) HOST:PORT  (\(peer.addressVariable), default \(peer.defaultAddress))")
    }
    for option in options {
      lines.append("  \(option.flag) VALUE  (\(option.environmentVariable)) \(option.help)")
    }
    return lines.joined(separator: "\n")
  }
}

/// A setting specific to one service.
public struct SettingOption: Sendable {
  public let flag: String
  public let environmentVariable: String
  public let defaultValue: String?
  public let isRequired: Bool
  public let help: String

  public init(
    flag: String, environment: String, default defaultValue: String? = nil, required: Bool = false, help: String
  ) {
    self.flag = flag
    self.environmentVariable = environment
    self.defaultValue = defaultValue
    self.isRequired = required
    self.help = help
  }
}

/// Why settings could not be read.
public enum SettingsError: Error, CustomStringConvertible, Equatable {
  /// A setting is missing, unknown or malformed; `setting` names the flag or variable.
  case invalid(setting: String, reason: String)
  /// `--help` was given; the payload is the usage text.
  case helpRequested(String)

  public var description: String {
    switch self {
    case .invalid(let setting, let reason): "configuration error: \(setting) \(reason)"
    case .helpRequested(let usage): usage
    }
  }
}
