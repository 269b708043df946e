import Foundation

/// A child process whose standard output arrives as complete lines, without blocking a thread.
final class ChildProcess: @unchecked Sendable {
  private let process = Process()
  private let input = Pipe()
  private let output = Pipe()
  private let exited: AsyncStream<Int32>
  /// Complete lines written to standard output (a final line without a newline is dropped:
  /// it may have been cut off). Finishes when the output closes.
  let lines: AsyncStream<String>

  init(executable: String, arguments: [String]) throws {
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardInput = input
    process.standardOutput = output

    let (lines, lineSink) = AsyncStream.makeStream(of: String.self)
    self.lines = lines
    let pending = Mutexed(Data())
    output.fileHandleForReading.readabilityHandler = { handle in
      let chunk = handle.availableData
      if chunk.isEmpty {
        handle.readabilityHandler = nil
        lineSink.finish()
        return
      }
      let complete = pending.update { buffer -> [String] in
        buffer.append(chunk)
        guard let lastNewline = buffer.lastIndex(of: UInt8(ascii: "\n")) else { return [] }
        let text = String(decoding: buffer[..<lastNewline], as: UTF8.self)
        buffer = Data(buffer[(lastNewline + 1)...])
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      }
      for line in complete { lineSink.yield(line) }
    }

    let (exited, exitSink) = AsyncStream.makeStream(of: Int32.self)
    self.exited = exited
    process.terminationHandler = { process in
      exitSink.yield(process.terminationStatus)
      exitSink.finish()
    }
    try process.run()
  }

  var processIdentifier: Int32 { process.processIdentifier }

  func write(_ text: String) {
    input.fileHandleForWriting.write(Data(text.utf8))
  }

  func closeInput() {
    try? input.fileHandleForWriting.close()
  }

  func kill() {
    if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
  }

  /// Waits for the process to end and returns its termination status.
  func waitForExit() async -> Int32? {
    for await status in exited { return status }
    return process.isRunning ? nil : process.terminationStatus
  }

  /// Waits for the first line satisfying `predicate`, or `nil` when the output ends first.
  func firstLine(where predicate: (String) -> Bool) async -> String? {
    for await line in lines where predicate(line) { return line }
    return nil
  }
}
