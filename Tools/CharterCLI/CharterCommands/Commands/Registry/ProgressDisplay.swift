/// Shows import progress on standard error: a bar redrawn in place on a terminal (at most
/// ten times a second), or a line every tenth of the way otherwise.
final class ProgressDisplay {
  private let isTerminal: Bool
  private var lastDrawn: ContinuousClock.Instant?
  private var previousDone = 0
  private var latest: SchoolImportProgress?

  init(isTerminal: Bool) { self.isTerminal = isTerminal }

  func show(_ progress: SchoolImportProgress) {
    latest = progress
    if isTerminal {
      let now = ContinuousClock.now
      if let lastDrawn, now - lastDrawn < .milliseconds(100), progress.done < progress.total {
        return
      }
      lastDrawn = now
      Console.writeError("\r" + ProgressText.bar(progress) + "\u{1B}[K")
    } else {
      if let line = ProgressText.milestone(progress, previousDone: previousDone) {
        Console.error(line)
      }
      previousDone = progress.done
    }
  }

  /// Ends the bar's line, so what follows starts on a fresh one.
  func finish() {
    if isTerminal, latest != nil { Console.writeError("\n") }
  }
}
