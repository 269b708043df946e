import CharterValues
import Logging
import ServiceKit
import Testing

@Suite("Service settings")
struct ServiceSettingsTests {
  static let key = SettingOption(flag: "--signing-key", environment: "SIGNING_KEY_FILE", help: "key file")

  @Test("defaults come from the service's identity")
  func defaults() throws {
    let s = try ServiceSettings.load(for: .registry, peers: [.selfReview], arguments: [], environment: [:])
    #expect(s.host == "127.0.0.1")
    #expect(s.port == 7101)
    #expect(s.dataDirectory == "./data")
    #expect(s.logLevel == .info)
    #expect(s.peers[.selfReview] == "127.0.0.1:7102")
  }

  @Test("flags win over environment variables, which win over defaults")
  func precedence() throws {
    let environment = [
      "PORT": "9000", "HOST": "0.0.0.0", "DATA_DIR": "/var/lib/charter", "LOG_LEVEL": "debug",
      "REGISTRY_SERVICE_ADDR": "registry:7101",
    ]
    let fromEnvironment = try ServiceSettings.load(
      for: .selfReview, peers: [.registry], arguments: [], environment: environment)
    #expect(fromEnvironment.port == 9000)
    #expect(fromEnvironment.host == "0.0.0.0")
    #expect(fromEnvironment.dataDirectory == "/var/lib/charter")
    #expect(fromEnvironment.logLevel == .debug)
    #expect(fromEnvironment.address(of: .registry)! == ("registry", 7101))
    let fromFlags = try ServiceSettings.load(
      for: .selfReview, peers: [.registry], arguments: ["--port", "9100", "--registry-addr=[::1]:7201"],
      environment: environment)
    #expect(fromFlags.port == 9100)
    #expect(fromFlags.address(of: .registry)! == ("::1", 7201))
  }

  @Test(
    "a bad or unknown setting is refused with a message naming it",
    arguments: [
      (["--port", "seventy"], [String: String](), "--port"),
      ([], ["PORT": "70000"], "PORT"),
      ([], ["LOG_LEVEL": "loud"], "LOG_LEVEL"),
      ([], ["REGISTRY_SERVICE_ADDR": "no-port"], "REGISTRY_SERVICE_ADDR"),
      (["--colour", "blue"], [:], "--colour"),
      (["--port"], [:], "--port"),
    ])
  func refusals(arguments: [String], environment: [String: String], named: String) {
    #expect {
      _ = try ServiceSettings.load(for: .selfReview, peers: [.registry], arguments: arguments, environment: environment)
    } throws: { error in
      guard case .invalid(let setting, _)? = error as? SettingsError else { return false }
      return setting.hasPrefix(named)
    }
  }

  @Test("a required service option must be given")
  func requiredOption() throws {
    let required = SettingOption(
      flag: "--signing-key", environment: "SIGNING_KEY_FILE", required: true, help: "key file")
    #expect(throws: SettingsError.self) {
      _ = try ServiceSettings.load(for: .registry, options: [required], arguments: [], environment: [:])
    }
    let s = try ServiceSettings.load(
      for: .registry, options: [required], arguments: [], environment: ["SIGNING_KEY_FILE": "/k"])
    #expect(s.option(required) == "/k")
  }

  @Test("--help returns the usage text, naming every setting")
  func help() {
    #expect {
      _ = try ServiceSettings.load(
        for: .registry, peers: [.selfReview], options: [Self.key], arguments: ["--help"], environment: [:])
    } throws: { error in
      guard case .helpRequested(let usage)? = error as? SettingsError else { return false }
      return usage.contains("charter-registry") && usage.contains("SELF_REVIEW_SERVICE_ADDR")
        && usage.contains("--signing-key")
    }
  }
}
