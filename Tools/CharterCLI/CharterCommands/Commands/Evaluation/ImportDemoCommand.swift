internal import ArgumentParser
internal import CharterValues
internal import Contracts
internal import DemoData
internal import RPCCore
internal import RPCHTTP2

/// `charter evaluation import-demo schools.csv`: the demo assessors and ICT Mark applications
/// (see ``DemoEvaluationPlan`` and ``DemoEvaluationImport``), loaded through the registry's
/// and the evaluation service's RPCs.
struct ImportDemoCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import-demo",
    abstract: "Load demo assessors and applications in every state for a demo schools file.",
    discussion: """
      Run as a programme admin after `charter registry import` and `charter self-review \
      import-demo-reviews` on the same file. The registry invites each assessor and each \
      school's head; the assessors register their pen portraits; the schools whose self-review \
      is at the standard everywhere apply, and each application is walked to its planned state \
      by the people who take each step. Steps of applications made years ago are backdated, \
      which the evaluation service accepts only when started with --demo-backdating; its Mark \
      scheduler then makes the older Marks due for renewal or expired. Exit status 0 when \
      everything was loaded, 1 otherwise.
      """
  )

  @Argument(help: ArgumentHelp("The demo schools file.", valueName: "schools.csv"))
  var file: String

  @Option(help: ArgumentHelp("How many assessors (one in ten a lead assessor).", valueName: "n"))
  var assessors = 60

  @Option(help: ArgumentHelp("At most how many applications.", valueName: "n"))
  var applications = 160

  @Option(help: ArgumentHelp("The seed the plan is drawn from.", valueName: "n"))
  var seed: UInt64 = 2011

  @Option(help: ArgumentHelp("Schools walked at once.", valueName: "n"))
  var concurrency = 8

  @Option(
    help: ArgumentHelp(
      "The registry's address (default: $REGISTRY_SERVICE_ADDR, else 127.0.0.1:7101).", valueName: "host:port"))
  var registryAddress: String?

  @OptionGroup(title: "Connection options") var connection: EvaluationConnectionOptions

  func validate() throws {
    guard (1...1000).contains(assessors) else { throw ValidationError("--assessors must be within 1...1000") }
    guard (0...100_000).contains(applications) else {
      throw ValidationError("--applications must be within 0...100000")
    }
    guard (1...64).contains(concurrency) else { throw ValidationError("--concurrency must be within 1...64") }
  }

  func run() async throws {
    let text: String
    do {
      guard let read = try Files.readText(file) else { throw CommandFailure("no such file: \(file)") }
      text = read
    } catch let error as FileError {
      throw CommandFailure("cannot read \(file): \(error)")
    }
    let schools: [DemoSchool]
    do { schools = try DemoSchoolsCSV.parse(text) } catch { throw CommandFailure("\(file): \(error)") }
    let plan = DemoEvaluationPlan.make(
      schools: schools, assessorCount: assessors, applicationCount: applications, today: UTCTime.now().date, seed: seed)
    guard let admin = try connection.credential() else {
      throw CommandFailure("sign in as a programme admin first (`charter registry sign-in`)")
    }
    Console.error("loading \(plan.assessors.count) assessors and \(plan.applications.count) applications…")
    let registryTransport = HTTP2ClientTransport(
      configuration: try ServiceConnection.configuration(
        address: CharterService.registry.resolve(flag: registryAddress, environment: Console.environment),
        origin: registryAddress == nil ? CharterService.registry.addressVariable : "--registry-address"))
    let evaluationTransport = HTTP2ClientTransport(configuration: try connection.transportConfiguration())
    let timeout = connection.callTimeout
    func client(_ transport: HTTP2ClientTransport) -> RPCClient {
      RPCClient(transport: transport, configuration: RPCClient.Configuration(defaultTimeout: timeout))
    }
    let engine = DemoEvaluationImport(
      registry: Registry.Client(client(registryTransport)), evaluation: Evaluation.Client(client(evaluationTransport)),
      adminToken: admin.token, concurrency: concurrency)
    let summary = await engine.run(plan) { Console.error("  \($0)") }
    await registryTransport.close()
    await evaluationTransport.close()
    let states = DemoEvaluationPlan.Scenario.allCases.compactMap { scenario in
      summary.applications[scenario].map { "\(EvaluationSyntax.state(scenario.expectedState)) \($0)" }
    }
    Console.output(
      "loaded \(summary.assessors) assessors and \(summary.applications.values.reduce(0, +)) applications: "
        + states.joined(separator: ", "))
    for failure in summary.failures.prefix(20) { Console.error("not loaded: \(failure)") }
    if summary.failures.count > 20 { Console.error("… and \(summary.failures.count - 20) more not loaded") }
    if !summary.failures.isEmpty { throw ExitCode(1) }
  }
}
