/// Decides who is calling, from the call's metadata (a bearer token, a service credential).
public protocol CallAuthenticator: Sendable {
  associatedtype Principal: Sendable
  /// The caller, or `nil` when the call carries no credentials at all.
  /// - Throws: ``RPCError`` UNAUTHENTICATED when credentials are present but invalid.
  func authenticate(_ context: ServerContext) async throws -> Principal?
}

/// Where ``AuthenticationInterceptor`` puts the authenticated caller for handlers.
public struct AuthenticatedPrincipal<Principal: Sendable>: ContextAttributeKey {
  public typealias Value = Principal
}

/// The auth hook every service installs: authenticates each call and attaches the caller to
/// the context. Calls without credentials fail UNAUTHENTICATED unless their method is public
/// (health checks, sign-in, public map queries); authorisation stays with each handler, which
/// knows its own rules.
public struct AuthenticationInterceptor<Authenticator: CallAuthenticator>: ServerInterceptor {
  let authenticator: Authenticator
  let publicPaths: Set<String>

  public init(authenticator: Authenticator, publicMethods: [MethodDescriptor]) {
    self.authenticator = authenticator
    self.publicPaths = Set(publicMethods.map(\.path)).union([
      "/grpc.health.v1.Health/Check", "/grpc.health.v1.Health/Watch",
    ])
  }

  public func intercept<Result: Sendable>(
    context: ServerContext, next: @Sendable (ServerContext) async throws -> Result
  ) async throws -> Result {
    var context = context
    if let principal = try await authenticator.authenticate(context) {
      context.attributes[AuthenticatedPrincipal<Authenticator.Principal>.self] = principal
    } else if !publicPaths.contains(context.descriptor.path) {
      throw RPCError(code: .unauthenticated, message: "this call needs credentials (authorization: Bearer <token>)")
    }
    return try await next(context)
  }
}

extension ServerContext {
  /// The caller an ``AuthenticationInterceptor`` authenticated, if any.
  public func principal<Principal: Sendable>(as type: Principal.Type = Principal.self) -> Principal? {
    attributes[AuthenticatedPrincipal<Principal>.self]
  }
}
