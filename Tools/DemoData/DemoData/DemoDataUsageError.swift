/// A mistake in `charter-demo-data`'s arguments.
///
/// Each case says exactly what was wrong, so the executable can print a message that tells the
/// user what to type instead, and tests can check for the precise mistake.
public enum DemoDataUsageError: Error, Sendable, Hashable, CustomStringConvertible {
  /// No command was given.
  case missingCommand
  /// The first argument is not a command.
  case unknownCommand(String)
  /// An option the command does not take.
  case unknownOption(String, command: String)
  /// An option given twice.
  case repeatedOption(String)
  /// An option at the end of the arguments, or followed by another option, so without a value.
  case missingValue(option: String)
  /// An option's value is not acceptable.
  case invalidValue(option: String, value: String, expected: String)
  /// An argument that is neither a command nor an option.
  case unexpectedArgument(String)

  public var description: String {
    switch self {
    case .missingCommand:
      "missing command: expected schools or local-authorities"
    case .unknownCommand(let command):
      "unknown command '\(command)': expected schools or local-authorities"
    case .unknownOption(let option, let command):
      "unknown option '\(option)' for \(command)"
    case .repeatedOption(let option):
      "option '\(option)' is given more than once"
    case .missingValue(let option):
      "option '\(option)' needs a value"
    case .invalidValue(let option, let value, let expected):
      "invalid value '\(value)' for \(option): expected \(expected)"
    case .unexpectedArgument(let argument):
      "unexpected argument '\(argument)'"
    }
  }
}
