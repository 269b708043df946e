import Contracts
import Foundation
import RPCCore
import Testing

/// Every sample against an independent protobuf implementation (Python `protobuf`, via
/// `Tests/Interop/contracts/check_contracts.py`): our bytes parse there with no unknown fields,
/// our JSON equals `json_format.MessageToDict`, and what Python builds from our JSON decodes
/// here to the original value.
///
/// Python 3 with `protobuf` and `grpcio-tools` (Tools/python-requirements.txt) is part of the
/// toolchain: when it is missing this test fails, it does not skip.
@Suite("Interoperability with Python protobuf")
struct PythonInteropTests {
  static let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // Interop
    .deletingLastPathComponent()  // ContractsTests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()

  @Test("Python parses our bytes and JSON identically, and we decode what Python encodes")
  func pythonAgreesOnEverySample() async throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("contracts-interop-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }

    var manifest = ""
    var expected: [(id: String, type: any ContractMessage.Type, message: any ContractMessage)] = []
    for (setIndex, set) in contractSampleSets.enumerated() {
      for (sampleIndex, sample) in set.samples.enumerated() {
        let id = "\(setIndex)-\(sampleIndex)"
        let bytes = try sample.message.serializedBytes()
        try Data(bytes).write(to: directory.appendingPathComponent("\(id).bin"))
        try Data(sample.message.protoJSON().utf8)
          .write(to: directory.appendingPathComponent("\(id).json"))
        manifest += "\(id)\t\(set.messageName)\t\(sample.name)\n"
        expected.append((id, set.type, sample.message))
      }
    }
    try Data(manifest.utf8).write(to: directory.appendingPathComponent("manifest.tsv"))

    let script = Self.repositoryRoot.appendingPathComponent(
      "Tests/Interop/contracts/check_contracts.py")
    let result = try await runPython(arguments: [
      script.path, "--proto-dir", Self.repositoryRoot.appendingPathComponent("proto").path,
      "--samples", directory.path,
    ])
    try #require(
      result.status != 2 && result.status != 127,
      "Python 3 with the protobuf and grpcio-tools modules is required (pip install -r Tools/python-requirements.txt):\n\(result.output)"
    )
    guard result.status == 0 else {
      Issue.record("Python disagrees with the Swift contracts:\n\(result.output)")
      return
    }

    for (id, type, message) in expected {
      let file = directory.appendingPathComponent("\(id).python.bin")
      guard let data = FileManager.default.contents(atPath: file.path) else {
        Issue.record("Python wrote no re-encoding for \(type.protoMessageName) sample \(id)")
        continue
      }
      let decoded = try decode(Array(data), as: type)
      #expect(equal(decoded, message), "\(type.protoMessageName) sample \(id) differs after Python")
    }
  }

  /// Runs python3 on a thread of its own: waiting for it must not block one of the two
  /// cooperative threads the rest of the (parallel) test run shares.
  private func runPython(arguments: [String]) async throws -> (status: Int32, output: String) {
    await withCheckedContinuation { continuation in
      Thread { continuation.resume(returning: runPythonBlocking(arguments: arguments)) }.start()
    }
  }

  private func runPythonBlocking(arguments: [String]) -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    do {
      try process.run()
    } catch {
      Issue.record("python3 could not be started (\(error)); it is required for this test")
      return (127, "")
    }
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
  }
}
