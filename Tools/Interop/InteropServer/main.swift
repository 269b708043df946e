import RPCCore
import RPCHTTP2

struct Raw: RPCMessage {
  var bytes: [UInt8]
  init(serializedBytes bytes: UnsafeRawBufferPointer) throws { self.bytes = Array(bytes) }
  func serializedBytes() throws -> [UInt8] { bytes }
}
var router = RPCRouter()
router.registerUnary(MethodDescriptor(service: "grpc.testing.TestService", method: "EmptyCall", kind: .unary)) {
  (r: Raw, _) in r
}
let args = CommandLine.arguments; let port = args.firstIndex(of: "--port").map { Int(args[$0 + 1])! } ?? 50051
let server = GRPCServer(configuration: .init(port: port, threads: 1), router: router)
try await server.start()
while true { try await Task.sleep(for: .seconds(3600)) }
