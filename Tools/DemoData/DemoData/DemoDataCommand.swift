/// What `charter-demo-data` was asked to do, parsed from its arguments.
///
/// Parsing lives in the library, not the executable, so that tests can check every argument
/// error without starting a process, and so that `main.swift` is only input and output.
///
/// ```text
/// charter-demo-data schools [--count N] [--seed S] [--output FILE]
/// charter-demo-data local-authorities [--output FILE]
/// charter-demo-data --help
/// ```
public enum DemoDataCommand: Sendable, Hashable {
  /// Generate schools and write them as the demo CSV (``DemoSchoolsCSV``).
  case schools(count: Int, seed: UInt64, output: String?)
  /// Write the local-authority table as CSV (``LocalAuthoritiesCSV``).
  case localAuthorities(output: String?)
  /// Print ``usage``.
  case help

  /// The executable's help text.
  public static let usage = """
    Usage:
      charter-demo-data schools [--count N] [--seed S] [--output FILE]
      charter-demo-data local-authorities [--output FILE]
      charter-demo-data --help

    Generates the Charter platform's demo data as CSV, deterministically: the same seed and
    count always give byte-identical output.

    Commands:
      schools             Realistic schools in England's proportions by phase and local
                          authority, with demo Charter choices. Columns:
                          \(DemoSchoolsCSV.columns.joined(separator: ","))
      local-authorities   England's 152 local authorities (2010). Columns:
                          \(LocalAuthoritiesCSV.columns.joined(separator: ","))

    Options:
      --count N           How many schools, 1 to \(SchoolGenerator.maximumCount) \
    (default \(SchoolGenerator.defaultCount)).
      --seed S            Any whole number from 0 to \(UInt64.max) (default \
    \(SchoolGenerator.defaultSeed)).
      --output FILE       Write to FILE instead of standard output.
      -h, --help          Show this help.

    """

  /// Parses the executable's arguments (without the program name).
  ///
  /// A help flag anywhere (or `help` as the command) wins over everything else. Options may be
  /// written `--count 100` or `--count=100`, each at most once.
  ///
  /// - Parameter arguments: The arguments after the program name.
  /// - Returns: The command to run.
  /// - Throws: ``DemoDataUsageError`` for a missing or unknown command, an unknown or repeated
  ///   option, an option without its value, or a value out of range.
  public static func parse(_ arguments: [String]) throws(DemoDataUsageError) -> DemoDataCommand {
    if arguments.first == "help" || arguments.contains(where: { $0 == "--help" || $0 == "-h" }) {
      return .help
    }
    guard let command = arguments.first else { throw .missingCommand }
    let allowed: [String]
    switch command {
    case "schools": allowed = ["--count", "--seed", "--output"]
    case "local-authorities": allowed = ["--output"]
    default:
      if command.hasPrefix("-") { throw .missingCommand }
      throw .unknownCommand(command)
    }

    var values: [String: String] = [:]
    var rest = arguments.dropFirst()
    while let argument = rest.popFirst() {
      guard argument.hasPrefix("--") else { throw .unexpectedArgument(argument) }
      let option: String
      let value: String
      if let equals = argument.firstIndex(of: "=") {
        option = String(argument[..<equals])
        value = String(argument[argument.index(after: equals)...])
      } else {
        option = argument
        guard let next = rest.popFirst(), !next.hasPrefix("--") else {
          throw .missingValue(option: option)
        }
        value = next
      }
      guard allowed.contains(option) else { throw .unknownOption(option, command: command) }
      guard values[option] == nil else { throw .repeatedOption(option) }
      values[option] = value
    }

    let output = values["--output"]
    if output?.isEmpty == true {
      throw .invalidValue(option: "--output", value: "", expected: "a file path")
    }
    guard command == "schools" else { return .localAuthorities(output: output) }

    var count = SchoolGenerator.defaultCount
    if let text = values["--count"] {
      guard text.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let value = Int(text),
        (1...SchoolGenerator.maximumCount).contains(value)
      else {
        throw .invalidValue(
          option: "--count", value: text,
          expected: "a whole number from 1 to \(SchoolGenerator.maximumCount)")
      }
      count = value
    }
    var seed = SchoolGenerator.defaultSeed
    if let text = values["--seed"] {
      guard text.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let value = UInt64(text) else {
        throw .invalidValue(
          option: "--seed", value: text, expected: "a whole number from 0 to \(UInt64.max)")
      }
      seed = value
    }
    return .schools(count: count, seed: seed, output: output)
  }

  /// Where the command's output goes: a file path, or `nil` for standard output.
  public var output: String? {
    switch self {
    case .schools(_, _, let output), .localAuthorities(let output): output
    case .help: nil
    }
  }

  /// Runs the command, returning the text it writes.
  ///
  /// - Returns: The schools CSV, the local-authority CSV, or ``usage``.
  public func render() -> String {
    switch self {
    case .schools(let count, let seed, _):
      DemoSchoolsCSV.render(SchoolGenerator(seed: seed, count: count).generate())
    case .localAuthorities:
      LocalAuthoritiesCSV.render(LocalAuthority.england)
    case .help:
      Self.usage
    }
  }
}
