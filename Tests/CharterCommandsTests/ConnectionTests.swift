import CharterCommands
import CharterValues
import RPCCore
import Testing

/// Where the address and the token come from, and how failures are worded.
@Suite("Connection settings")
struct ConnectionTests {
  @Test("The address is the flag, else the service's variable, else its default port")
  func address() {
    let registry = CharterService.registry
    #expect(
      registry.resolve(flag: "10.0.0.5:9000", environment: { _ in "ignored:1" }) == "10.0.0.5:9000"
    )
    #expect(
      registry.resolve(
        flag: nil,
        environment: { $0 == "REGISTRY_SERVICE_ADDR" ? "registry:7101" : nil }
      ) == "registry:7101"
    )
    #expect(registry.resolve(flag: nil, environment: { _ in nil }) == "127.0.0.1:7101")
    #expect(CharterService.named("self-review")?.defaultAddress == "127.0.0.1:7102")
    #expect(
      CharterService.named("charter.publicmap.v1.PublicMap")?.addressVariable
        == "PUBLIC_MAP_SERVICE_ADDR"
    )
    #expect(CharterService.named("nope") == nil)
  }

  @Test("The token comes from --token, then --token-file, then CHARTER_TOKEN, then the saved one")
  func credentialPrecedence() throws {
    let files = ["/t/flagfile": "file-token\n", "/cfg/token": "saved-token\n"]
    let environment = ["CHARTER_TOKEN": "env-token", "CHARTER_CONFIG_DIR": "/cfg"]
    func resolve(flag: String?, file: String?, environment: [String: String]) throws -> Credential? {
      try Credential.resolve(
        flag: flag,
        file: file,
        environment: { environment[$0] },
        readFile: { files[$0] }
      )
    }
    #expect(
      try resolve(flag: " flag-token ", file: nil, environment: environment)
        == Credential(token: "flag-token", source: .flag)
    )
    #expect(
      try resolve(flag: nil, file: "/t/flagfile", environment: environment)
        == Credential(token: "file-token", source: .file("/t/flagfile"))
    )
    #expect(
      try resolve(flag: nil, file: nil, environment: environment)
        == Credential(token: "env-token", source: .environment)
    )
    #expect(
      try resolve(flag: nil, file: nil, environment: ["CHARTER_CONFIG_DIR": "/cfg"])
        == Credential(token: "saved-token", source: .saved("/cfg/token"))
    )
    #expect(try resolve(flag: nil, file: nil, environment: ["HOME": "/home/ann"]) == nil)
    #expect(Credential(token: "abc", source: .flag).authorizationValue == "Bearer abc")
  }

  @Test("A token the user named must exist and not be empty")
  func credentialErrors() {
    #expect(throws: CredentialError.missingFile("/none")) {
      try Credential.resolve(
        flag: nil,
        file: "/none",
        environment: { _ in nil },
        readFile: { _ in nil }
      )
    }
    #expect(throws: CredentialError.empty(.flag)) {
      try Credential.resolve(
        flag: "  ",
        file: nil,
        environment: { _ in nil },
        readFile: { _ in nil }
      )
    }
    #expect(throws: CredentialError.empty(.file("/blank"))) {
      try Credential.resolve(
        flag: nil,
        file: "/blank",
        environment: { _ in nil },
        readFile: { _ in "\n" }
      )
    }
  }

  @Test(
    "The saved token lives in CHARTER_CONFIG_DIR, else XDG_CONFIG_HOME/charter, else ~/.config/charter"
  )
  func tokenPath() {
    #expect(
      TokenStore.path(environment: { ["CHARTER_CONFIG_DIR": "/etc/charter/", "HOME": "/h"][$0] })
        == "/etc/charter/token"
    )
    #expect(
      TokenStore.path(environment: { ["XDG_CONFIG_HOME": "/x", "HOME": "/h"][$0] })
        == "/x/charter/token"
    )
    #expect(
      TokenStore.path(environment: { ["HOME": "/home/ann"][$0] })
        == "/home/ann/.config/charter/token"
    )
    #expect(TokenStore.path(environment: { _ in nil }) == nil)
  }

  @Test("An RPC failure reads error: CODE: message; UNAUTHENTICATED hints at signing in")
  func errorText() {
    let notFound = RPCError(code: .notFound, message: "no school with URN 123456")
    #expect(ErrorText.lines(for: notFound) == ["error: NOT_FOUND: no school with URN 123456"])
    #expect(CommandFailure(notFound).lines == ["error: NOT_FOUND: no school with URN 123456"])
    let unauthenticated = RPCError(code: .unauthenticated, message: "token expired")
    let noToken = ErrorText.lines(for: unauthenticated)
    #expect(noToken[0] == "error: UNAUTHENTICATED: token expired")
    #expect(noToken[1].hasPrefix("hint: no token was sent; sign in with `charter registry sign-in"))
    let saved = ErrorText.lines(for: unauthenticated, credential: .saved("/cfg/token"))
    #expect(saved[1].hasPrefix("hint: the token saved in /cfg/token was refused"))
    let flag = ErrorText.lines(for: unauthenticated, credential: .environment)
    #expect(flag[1].hasPrefix("hint: the token from CHARTER_TOKEN was refused"))
    #expect(ErrorText.status(of: RPCError(code: .internalError, message: "")) == "INTERNAL")
  }
}
