internal import ArgumentParser
internal import CharterValues

/// `charter services`: the platform's roster (every executable, the gRPC service it serves,
/// its default port and its peers' address variable), printed from the one list in
/// `CharterService`, so scripts such as `deploy/local/run.sh` never keep a copy.
struct ServicesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "services",
    abstract: "List the Charter executables with their gRPC service, default port and address variable.",
    discussion: """
      With --env, prints shell assignments for a local system on loopback: NAME_PORT and \
      NAME_SERVICE_ADDR for every service (deploy/local/run.sh evaluates them).
      """
  )

  @Flag(help: "Print NAME_PORT=… and NAME_SERVICE_ADDR=… lines for the shell.")
  var env = false

  func run() {
    print(Self.text(env: env), terminator: "")
  }

  static func text(env: Bool) -> String {
    if env {
      return CharterService.all.map { service in
        var lines = "\(service.portVariable)=\(service.defaultPort)\n"
        if CharterService.grpcServices.contains(service) {
          lines += "\(service.addressVariable)=\(service.defaultAddress)\n"
        }
        return lines
      }.joined()
    }
    let rows = CharterService.all.map { service in
      [
        service.executable, service.grpcService ?? "(HTTP)", String(service.defaultPort),
        CharterService.grpcServices.contains(service) ? service.addressVariable : "-",
      ]
    }
    let table: [[String]] = [["executable", "serves", "port", "address variable"]] + rows
    var widths: [Int] = Array(repeating: 0, count: 4)
    for row in table {
      for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
    }
    var text = ""
    for row in table {
      var cells: [String] = []
      for (column, cell) in row.enumerated() {
        cells.append(cell + String(repeating: " ", count: widths[column] - cell.count))
      }
      var line = cells.joined(separator: "  ")
      while line.last == " " { line.removeLast() }
      text += line + "\n"
    }
    return text
  }
}
