#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Darwin)
  internal import Darwin
#endif

/// The process's standard streams: results go to standard output (so they can be piped),
/// everything else (errors, hints, progress, prompts) to standard error.
enum Console {
  /// Prints a line of results.
  static func output(_ line: String) { print(line) }

  /// Pushes buffered results out now, for output that is read as it comes (`events --follow`).
  static func flushOutput() { fflush(nil) }

  /// Prints a line on standard error.
  static func error(_ line: String) { writeError(line + "\n") }

  /// Writes text on standard error as is (no line break), unbuffered.
  static func writeError(_ text: String) {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
      let written = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
      if written < 0 {
        if errno == EINTR { continue }
        return
      }
      bytes = bytes.dropFirst(written)
    }
  }

  /// Whether standard error is a terminal (so a redrawn progress bar makes sense).
  static var errorIsTerminal: Bool { isatty(2) == 1 }

  /// Whether standard input is a terminal (so a password can be prompted for).
  static var inputIsTerminal: Bool { isatty(0) == 1 }

  /// An environment variable's value.
  static func environment(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
  }

  /// Reads one line from standard input, without its line break; `nil` at end of input.
  static func readInputLine() -> String? { readLine(strippingNewline: true) }

  /// Prompts on standard error and reads a line from the terminal without echoing it. A
  /// signal that ends the process during the prompt (Ctrl-C) puts echo back first, so the
  /// shell is not left typing blind.
  ///
  /// - Returns: The line, or `nil` when standard input is not a terminal or was closed.
  static func readSecret(prompt: String) -> String? {
    guard inputIsTerminal else { return nil }
    writeError(prompt)
    var original = termios()
    guard tcgetattr(0, &original) == 0 else { return nil }
    var silent = original
    silent.c_lflag &= ~tcflag_t(ECHO)
    terminalBeforeSecret = original
    let endingSignals = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    let previousHandlers = endingSignals.map { signal($0, restoreTerminalAndExit) }
    tcsetattr(0, TCSAFLUSH, &silent)
    defer {
      tcsetattr(0, TCSAFLUSH, &original)
      for (signalNumber, handler) in zip(endingSignals, previousHandlers) { signal(signalNumber, handler) }
      writeError("\n")
    }
    return readLine(strippingNewline: true)
  }
}

/// The terminal settings a secret prompt changed, for ``restoreTerminalAndExit`` (a signal
/// handler cannot capture them). Written only before the handler is installed.
nonisolated(unsafe) private var terminalBeforeSecret = termios()

/// Ends the process on a signal that arrived during a secret prompt, after putting the
/// terminal back; only async-signal-safe calls, and the shell's 128+signal exit status.
private func restoreTerminalAndExit(_ signalNumber: Int32) {
  tcsetattr(0, TCSAFLUSH, &terminalBeforeSecret)
  _ = write(2, "\n", 1)
  _exit(128 + signalNumber)
}
