import DemoData
import Testing

@Suite("DemoDataCommand")
struct DemoDataCommandTests {
  @Test("schools with no options uses the default count and seed, writing to stdout")
  func defaults() throws {
    #expect(
      try DemoDataCommand.parse(["schools"])
        == .schools(count: 24_000, seed: 2009, output: nil))
  }

  @Test("options are read in either form and any order")
  func options() throws {
    #expect(
      try DemoDataCommand.parse([
        "schools", "--seed", "42", "--output", "out.csv", "--count", "100",
      ])
        == .schools(count: 100, seed: 42, output: "out.csv"))
    #expect(
      try DemoDataCommand.parse(["schools", "--count=5", "--seed=18446744073709551615"])
        == .schools(count: 5, seed: .max, output: nil))
    #expect(
      try DemoDataCommand.parse(["local-authorities", "--output", "la.csv"])
        == .localAuthorities(output: "la.csv"))
    #expect(try DemoDataCommand.parse(["local-authorities"]) == .localAuthorities(output: nil))
  }

  @Test(
    "help wins wherever it appears",
    arguments: [
      ["--help"], ["-h"], ["help"], ["schools", "--help"], ["bogus", "-h"],
      ["schools", "--count", "x", "--help"],
    ])
  func help(arguments: [String]) throws {
    #expect(try DemoDataCommand.parse(arguments) == .help)
    #expect(DemoDataCommand.help.render() == DemoDataCommand.usage)
  }

  @Test(
    "bad arguments are reported precisely",
    arguments: [
      ([], DemoDataUsageError.missingCommand),
      (["--count", "5"], .missingCommand),
      (["school"], .unknownCommand("school")),
      (["schools", "--counts", "5"], .unknownOption("--counts", command: "schools")),
      (
        ["local-authorities", "--count", "5"],
        .unknownOption("--count", command: "local-authorities")
      ),
      (["schools", "--count"], .missingValue(option: "--count")),
      (["schools", "--count", "--seed", "1"], .missingValue(option: "--count")),
      (["schools", "--seed", "1", "--seed", "2"], .repeatedOption("--seed")),
      (["schools", "extra"], .unexpectedArgument("extra")),
      (
        ["schools", "--count", "0"],
        .invalidValue(option: "--count", value: "0", expected: "a whole number from 1 to 900000")
      ),
      (
        ["schools", "--count", "900001"],
        .invalidValue(
          option: "--count", value: "900001", expected: "a whole number from 1 to 900000")
      ),
      (
        ["schools", "--count", "+5"],
        .invalidValue(option: "--count", value: "+5", expected: "a whole number from 1 to 900000")
      ),
      (
        ["schools", "--count", "ten"],
        .invalidValue(option: "--count", value: "ten", expected: "a whole number from 1 to 900000")
      ),
      (
        ["schools", "--seed", "-1"],
        .invalidValue(
          option: "--seed", value: "-1", expected: "a whole number from 0 to 18446744073709551615")
      ),
      (
        ["schools", "--seed", "18446744073709551616"],
        .invalidValue(
          option: "--seed", value: "18446744073709551616",
          expected: "a whole number from 0 to 18446744073709551615")
      ),
      (
        ["schools", "--output="],
        .invalidValue(option: "--output", value: "", expected: "a file path")
      ),
    ])
  func errors(arguments: [String], expected: DemoDataUsageError) {
    #expect(throws: expected) { try DemoDataCommand.parse(arguments) }
  }

  @Test("error messages name the mistake")
  func messages() {
    #expect(
      DemoDataUsageError.unknownCommand("school").description
        == "unknown command 'school': expected schools or local-authorities")
    #expect(
      DemoDataUsageError.invalidValue(option: "--count", value: "0", expected: "a number")
        .description == "invalid value '0' for --count: expected a number")
  }

  @Test("the commands render their CSVs")
  func render() {
    let schools = DemoDataCommand.schools(count: 10, seed: 3, output: nil).render()
    #expect(schools == DemoSchoolsCSV.render(SchoolGenerator(seed: 3, count: 10).generate()))
    let authorities = DemoDataCommand.localAuthorities(output: "x.csv").render()
    #expect(authorities.hasPrefix("la_code,la_name,region,latitude,longitude\n"))
    #expect(DemoDataCommand.localAuthorities(output: "x.csv").output == "x.csv")
  }
}
