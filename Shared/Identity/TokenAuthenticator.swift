public import RPCCore

/// Authenticates calls that carry `authorization: Bearer <token>` (gRPC's usual credential
/// header) against a ``TokenVerifier``.
public struct TokenAuthenticator: CallAuthenticator {
  public typealias Principal = Caller
  let verifier: TokenVerifier

  public init(verifier: TokenVerifier) { self.verifier = verifier }

  public func authenticate(_ context: ServerContext) async throws -> Caller? {
    guard let header = context.requestMetadata.firstString(forKey: BearerCredential.metadataKey) else { return nil }
    guard let token = BearerCredential.token(inMetadataValue: header) else {
      throw IdentityError.invalidToken("authorization must be \"Bearer <token>\"")
    }
    return try await verifier.verify(token)
  }
}

extension ServerContext {
  /// The authenticated caller.
  /// - Throws: UNAUTHENTICATED when the call has none (a public method was called anonymously).
  public func requireCaller() throws -> Caller {
    guard let caller = principal(as: Caller.self) else {
      throw RPCError(code: .unauthenticated, message: "this call needs credentials (authorization: Bearer <token>)")
    }
    return caller
  }

  /// The authenticated caller, if any.
  public var caller: Caller? { principal(as: Caller.self) }
}

/// How a Charter token travels on a call: gRPC's usual credential metadata,
/// `authorization: Bearer <token>`, written and read only here.
public enum BearerCredential {
  /// The metadata key.
  public static let metadataKey = "authorization"

  /// The metadata value presenting `token`.
  public static func metadataValue(for token: String) -> String { "Bearer \(token)" }

  /// The token a metadata value presents, or `nil` when it is not `Bearer <token>` (the scheme
  /// in any case).
  public static func token(inMetadataValue value: String) -> String? {
    guard value.count > 7, value.prefix(7).lowercased() == "bearer " else { return nil }
    return String(value.dropFirst(7))
  }
}

/// Presents a token on every outbound call: how services and the CLI authenticate to peers.
public struct BearerTokenInterceptor: ClientInterceptor {
  private let token: @Sendable () -> String?

  /// - Parameter token: the current token (read per call, so a refreshed token is picked up).
  public init(token: @escaping @Sendable () -> String?) { self.token = token }

  public func intercept<Result: Sendable>(
    descriptor: MethodDescriptor, options: CallOptions,
    next: @Sendable (CallOptions) async throws -> Result
  ) async throws -> Result {
    guard let token = token(), options.metadata[BearerCredential.metadataKey].isEmpty else {
      return try await next(options)
    }
    var options = options
    options.metadata.append(BearerCredential.metadataKey, .string(BearerCredential.metadataValue(for: token)))
    return try await next(options)
  }
}
