import Contracts
import RPCCore
import Testing

/// The generated service layer, without a network: descriptors, registration, dispatch.
@Suite("Generated services")
struct GeneratedServicesTests {
  @Test(
    "Method descriptors match the protos: path, call shape, idempotency",
    arguments: expectedMethods)
  func descriptorMatchesProto(expected: ExpectedMethod) {
    let descriptor = expected.descriptor
    #expect(descriptor.path == expected.path)
    #expect("/\(descriptor.service)/\(descriptor.method)" == expected.path)
    #expect(descriptor.kind.clientStreams == expected.clientStreaming)
    #expect(descriptor.kind.serverStreams == expected.serverStreaming)
    #expect(descriptor.isIdempotent == (expected.idempotencyLevel != "IDEMPOTENCY_UNKNOWN"))
  }

  @Test("Spot checks of well-known descriptors")
  func wellKnownDescriptors() {
    #expect(Health.Method.check.path == "/grpc.health.v1.Health/Check")
    #expect(Health.Method.check.kind == .unary)
    #expect(Health.Method.watch.kind == .serverStreaming)
    #expect(GRPCTesting.TestService.Method.streamingInputCall.kind == .clientStreaming)
    #expect(GRPCTesting.TestService.Method.fullDuplexCall.kind == .bidirectionalStreaming)
    #expect(GRPCTesting.TestService.Method.halfDuplexCall.kind == .bidirectionalStreaming)
    #expect(
      GRPCTesting.UnimplementedService.Method.unimplementedCall.path
        == "/grpc.testing.UnimplementedService/UnimplementedCall")
    #expect(Registry.Method.getSchool.path == "/charter.registry.v1.Registry/GetSchool")
    #expect(Registry.Method.getSchool.isIdempotent)
    #expect(!Registry.Method.registerSchool.isIdempotent)
    #expect(Registry.Method.streamEvents.kind == .serverStreaming)
    #expect(SelfReview.Method.rateAspect.path == "/charter.selfreview.v1.SelfReview/RateAspect")
    #expect(Evaluation.Method.all.count == 26)
    #expect(Evaluation.Method.suggestAssessors.path == "/charter.evaluation.v1.Evaluation/SuggestAssessors")
    #expect(PublicMap.Method.streamEvents.isIdempotent)
  }

  @Test(
    "Every service's method list covers all its RPCs exactly once",
    arguments: generatedServices)
  func methodListsAreComplete(service: GeneratedService) {
    let fromProto = expectedMethods.map(\.path).filter {
      $0.hasPrefix("/\(service.name)/")
    }
    #expect(service.methods.map(\.path) == fromProto)
    #expect(Set(service.methods.map(\.path)).count == service.methods.count)
    #expect(service.methods.allSatisfy { $0.service == service.name })
  }

  @Test(
    "A service implementation registers every method in a router",
    arguments: generatedServices)
  func registrationCoversEveryMethod(service: GeneratedService) {
    var router = RPCRouter()
    service.register(&router)
    #expect(router.services == [service.name])
    for method in service.methods {
      let found = router.method(forPath: method.path)
      #expect(found?.descriptor == method, "\(method.path) not routed")
    }
    #expect(router.registeredMethods.count == service.methods.count)
  }

  @Test("A unary call runs through the generated registration with real encoded bytes")
  func unaryInProcessRoundTrip() async throws {
    var router = RPCRouter()
    router.register(HealthStub(status: .notServing))
    let method = try #require(router.method(forPath: "/grpc.health.v1.Health/Check"))
    let request = try Health.HealthCheckRequest(service: "charter.registry.v1.Registry")
      .serializedBytes()
    let outcome = await method.execute(
      request: request, outbound: nil,
      context: ServerContext(descriptor: Health.Method.check), interceptors: [])
    #expect(outcome.status.code == .ok)
    let response = try Health.HealthCheckResponse(serializedBytes: try #require(outcome.response))
    #expect(response.status == .notServing)
    #expect(outcome.response == (try Health.HealthCheckResponse(status: .notServing).serializedBytes()))
  }

  @Test("Handler errors reach the outcome as their status")
  func handlerErrorBecomesStatus() async throws {
    var router = RPCRouter()
    router.register(HealthStub(status: .serving))
    let method = try #require(router.method(forPath: Health.Method.check.path))
    let request = try Health.HealthCheckRequest(service: "unknown.Service").serializedBytes()
    let outcome = await method.execute(
      request: request, outbound: nil,
      context: ServerContext(descriptor: Health.Method.check), interceptors: [])
    #expect(outcome.status.code == .notFound)
    #expect(outcome.response == nil)
  }

  @Test("A request whose string is not UTF-8 never reaches the handler")
  func invalidRequestIsRejected() async throws {
    var router = RPCRouter()
    router.register(HealthStub(status: .serving))
    let method = try #require(router.method(forPath: Health.Method.check.path))
    let request = WireBuilder.build { $0.lengthDelimited(1, [0xC3, 0x28]) }
    let outcome = await method.execute(
      request: request, outbound: nil,
      context: ServerContext(descriptor: Health.Method.check), interceptors: [])
    #expect(outcome.status.code != .ok)
    #expect(outcome.status.message.contains("not valid UTF-8"))
  }

  @Test(
    "The stub of every service answers UNIMPLEMENTED for unary calls",
    arguments: generatedServices)
  func stubsAnswerUnimplemented(service: GeneratedService) async throws {
    var router = RPCRouter()
    service.register(&router)
    for descriptor in service.methods where descriptor.kind == .unary {
      let method = try #require(router.method(forPath: descriptor.path))
      let outcome = await method.execute(
        request: [], outbound: nil, context: ServerContext(descriptor: descriptor),
        interceptors: [])
      #expect(outcome.status.code == .unimplemented)
    }
  }
}

/// A health service answering one status for the registry and NOT_FOUND otherwise.
private struct HealthStub: Health.ServiceProtocol {
  let status: Health.HealthCheckResponse.ServingStatus

  func check(request: Health.HealthCheckRequest, context: ServerContext) async throws
    -> Health.HealthCheckResponse
  {
    guard request.service == "" || request.service == "charter.registry.v1.Registry" else {
      throw RPCError(code: .notFound, message: "unknown service \(request.service)")
    }
    return Health.HealthCheckResponse(status: status)
  }

  func watch(
    request: Health.HealthCheckRequest,
    response: RPCResponseWriter<Health.HealthCheckResponse>,
    context: ServerContext
  ) async throws {
    try await response.write(Health.HealthCheckResponse(status: status))
  }
}
