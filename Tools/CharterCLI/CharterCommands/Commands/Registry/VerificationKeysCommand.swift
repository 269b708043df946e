internal import ArgumentParser
internal import Contracts

/// `charter registry verification-keys`: the public keys that verify registry tokens.
struct VerificationKeysCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verification-keys",
    abstract: "Show the public keys that verify registry tokens (needs no token)."
  )

  @Flag(help: "Also print each key as PEM.")
  var pem = false

  @OptionGroup(title: "Connection options") var connection: ConnectionOptions

  func run() async throws {
    let response = try await connection.withRegistry(authenticated: false) { registry in
      try await registry.client.getVerificationKeys(
        Registry.GetVerificationKeysRequest(),
        options: registry.callOptions
      )
    }
    let pem = self.pem
    ResultPrinter.print(json: connection.json, response) {
      var table = TextTable(columns: ["KEY ID", "ALGORITHM", "VALID FROM", "VALID UNTIL"])
      for key in response.keys {
        table.append([
          key.keyId, key.algorithm, TimestampText.instant(key.notBefore),
          key.notAfter == nil ? "current" : TimestampText.instant(key.notAfter),
        ])
      }
      var lines = response.keys.isEmpty ? ["no keys"] : table.render()
      if pem {
        for key in response.keys {
          lines +=
            ["", "# \(key.keyId)"] + key.publicKeyPem.split(separator: "\n").map(String.init)
        }
      }
      return lines
    }
  }
}
