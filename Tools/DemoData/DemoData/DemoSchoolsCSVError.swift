/// Why a demo schools CSV could not be read, and where.
///
/// It names the line so that someone who edited the file by hand can find the mistake.
public struct DemoSchoolsCSVError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The line of the file the problem is on, counting from 1: where the CSV syntax breaks, or,
  /// for a bad value, the line its record starts on (a quoted field may span lines).
  public var line: Int
  /// What is wrong, such as `phase must be nursery, primary, … not "infant"`.
  public var message: String

  /// Creates an error.
  public init(line: Int, message: String) {
    self.line = line
    self.message = message
  }

  public var description: String { "line \(line): \(message)" }
}
