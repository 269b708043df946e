public import Contracts
public import RPCCore

/// The services behind the gateway, through their typed gRPC clients, every call with a
/// deadline: public-map for the map, accreditation for certificate verification. Any gRPC
/// failure becomes an ``APIProblem`` here, once (a backend that is down is 503 within the
/// deadline, never a hang).
public struct MapBackend: Sendable {
  public let publicMap: PublicMap.Client
  public let accreditation: Accreditation.Client
  public let health: Health.Client
  /// The deadline of each read.
  public var timeout: Duration

  public init(publicMap: RPCClient, accreditation: RPCClient, timeout: Duration = .seconds(2)) {
    self.publicMap = PublicMap.Client(publicMap)
    self.accreditation = Accreditation.Client(accreditation)
    self.health = Health.Client(publicMap)
    self.timeout = timeout
  }

  var options: CallOptions { CallOptions(timeout: timeout) }

  /// Runs a call, turning its failure into the public's problem.
  func call<T: Sendable>(parameter: String? = nil, _ body: (CallOptions) async throws -> T) async throws(APIProblem)
    -> T
  {
    do {
      return try await body(options)
    } catch let error as RPCError {
      throw APIProblem.from(error, parameter: parameter)
    } catch let problem as APIProblem {
      throw problem
    } catch {
      throw APIProblem.from(RPCError(code: .unavailable, message: "\(error)"))
    }
  }

  /// Whether public-map answers its health check as SERVING within a second.
  public func publicMapIsReady() async -> Bool {
    do {
      let response = try await health.check(
        .init(service: "charter.publicmap.v1.PublicMap"), options: CallOptions(timeout: .seconds(1)))
      return response.status == .serving
    } catch {
      return false
    }
  }
}
