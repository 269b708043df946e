public import Foundation
import Synchronization

/// A process a test starts (an executable of this package, a Python peer) and reads from.
public final class ChildProcess: Sendable {
  public let process: Process
  private let input: Pipe
  private let output = Output()

  private final class Output: Sendable {
    let state = Mutex<(stdout: String, stderr: String)>(("", ""))
    func withLock<T: Sendable>(_ body: (inout sending (stdout: String, stderr: String)) -> sending T) -> T {
      state.withLock(body)
    }
  }

  /// Starts `executable` with `arguments`; its stdin is a pipe kept open until ``stop()``.
  public init(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let environment { process.environment = environment }
    let out = Pipe()
    let err = Pipe()
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    self.process = process
    self.input = input
    let output = self.output
    out.fileHandleForReading.readabilityHandler = { handle in
      let data = handle.availableData
      if data.isEmpty {
        handle.readabilityHandler = nil  // EOF; otherwise the handler fires in a loop
      } else {
        output.withLock { $0.stdout += String(decoding: data, as: UTF8.self) }
      }
    }
    err.fileHandleForReading.readabilityHandler = { handle in
      let data = handle.availableData
      if data.isEmpty {
        handle.readabilityHandler = nil  // EOF; otherwise the handler fires in a loop
      } else {
        output.withLock { $0.stderr += String(decoding: data, as: UTF8.self) }
      }
    }
    try process.run()
  }

  public var stdout: String { output.withLock { $0.stdout } }
  public var stderr: String { output.withLock { $0.stderr } }

  /// Polls the output until `match` finds something (or `timeout`), returning it.
  public func waitForOutput<T>(timeout: Duration = .seconds(30), _ match: (String, String) -> T?) async -> T? {
    let end = ContinuousClock.now.advanced(by: timeout)
    while ContinuousClock.now < end {
      let (out, err) = output.withLock { ($0.stdout, $0.stderr) }
      if let found = match(out, err) { return found }
      if !process.isRunning {
        let (out, err) = output.withLock { ($0.stdout, $0.stderr) }
        return match(out, err)
      }
      try? await Task.sleep(for: .milliseconds(20))
    }
    return nil
  }

  /// Waits for the process to exit on its own and returns its status.
  public func waitForExit(timeout: Duration = .seconds(120)) async -> Int32? {
    let end = ContinuousClock.now.advanced(by: timeout)
    while process.isRunning, ContinuousClock.now < end { try? await Task.sleep(for: .milliseconds(20)) }
    if process.isRunning { return nil }
    try? await Task.sleep(for: .milliseconds(50))  // let the pipes drain
    return process.terminationStatus
  }

  public func signal(_ sig: Int32) { kill(process.processIdentifier, sig) }

  /// Ends the process: closes its stdin (peers that serve until EOF exit), then SIGTERM, then
  /// SIGKILL if it is still there after two seconds. SIG_IGN dispositions survive exec, so a
  /// child may well ignore SIGTERM.
  public func stop() async {
    try? input.fileHandleForWriting.close()
    guard process.isRunning else { return }
    process.terminate()
    let end = ContinuousClock.now.advanced(by: .seconds(2))
    while process.isRunning, ContinuousClock.now < end { try? await Task.sleep(for: .milliseconds(10)) }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    let hardEnd = ContinuousClock.now.advanced(by: .seconds(2))
    while process.isRunning, ContinuousClock.now < hardEnd { try? await Task.sleep(for: .milliseconds(10)) }
  }

  /// The directory holding this package's built products (next to the test bundle).
  public static var buildProducts: URL {
    URL(
      fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        ?? CommandLine.arguments[0]
    )
    .deletingLastPathComponent()
  }

  /// The repository root (three levels above this file).
  public static var repositoryRoot: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
  }

  /// Runs a Python script with the `python3` found on PATH (the one the test command
  /// installed grpcio into).
  public static func python(_ script: String, _ arguments: [String]) throws -> ChildProcess {
    try ChildProcess("/usr/bin/env", ["python3", "-u", script] + arguments)
  }
}
