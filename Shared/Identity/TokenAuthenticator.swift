public import RPCCore
public import ServiceKit

/// Authenticates calls that carry `authorization: Bearer <token>` (gRPC's usual credential
/// header) against a ``TokenVerifier``.
public struct TokenAuthenticator: CallAuthenticator {
  public typealias Principal = Caller
  let verifier: TokenVerifier

  public init(verifier: TokenVerifier) { self.verifier = verifier }

  public func authenticate(_ context: ServerContext) async throws -> Caller? {
    guard let header = context.requestMetadata.firstString(forKey: "authorization") else { return nil }
    guard header.count > 7, header.prefix(7).lowercased() == "bearer " else {
      throw IdentityError.invalidToken("authorization must be \"Bearer <token>\"")
    }
    return try await verifier.verify(String(header.dropFirst(7)))
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

/// Presents a token on every outbound call: how services and the CLI authenticate to peers.
public struct BearerTokenInterceptor: ClientInterceptor {
  private let token: @Sendable () -> String?

  /// - Parameter token: the current token (read per call, so a refreshed token is picked up).
  public init(token: @escaping @Sendable () -> String?) { self.token = token }

  public func intercept<Result: Sendable>(
    descriptor: MethodDescriptor, options: CallOptions,
    next: @Sendable (CallOptions) async throws -> Result
  ) async throws -> Result {
    guard let token = token(), options.metadata["authorization"].isEmpty else { return try await next(options) }
    var options = options
    options.metadata.append("authorization", .string("Bearer \(token)"))
    return try await next(options)
  }
}
