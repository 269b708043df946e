/// Code that runs around every handler on a server: request ids, logging, metrics, auth.
///
/// An interceptor may change the context passed on (to attach an authenticated caller),
/// short-circuit by throwing (`RPCError(code: .unauthenticated, …)`), or observe the outcome.
/// `next` runs the rest of the chain and the handler; for streaming calls it returns once the
/// handler has finished.
///
/// ```swift
/// struct RequireToken: ServerInterceptor {
///   func intercept<Result: Sendable>(
///     context: ServerContext, next: @Sendable (ServerContext) async throws -> Result
///   ) async throws -> Result {
///     guard context.requestMetadata.firstString(forKey: "authorization") != nil else {
///       throw RPCError(code: .unauthenticated, message: "missing token")
///     }
///     return try await next(context)
///   }
/// }
/// ```
public protocol ServerInterceptor: Sendable {
  func intercept<Result: Sendable>(
    context: ServerContext,
    next: @Sendable (ServerContext) async throws -> Result
  ) async throws -> Result
}
