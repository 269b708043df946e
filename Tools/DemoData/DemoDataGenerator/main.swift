// charter-demo-data: writes the Charter platform's demo schools or local authorities as CSV.
// Everything but input and output lives in the DemoData library; see DemoDataCommand.
import DemoData
import Foundation

func fail(_ message: String, status: Int32) -> Never {
  FileHandle.standardError.write(Data("charter-demo-data: \(message)\n".utf8))
  exit(status)
}

let command: DemoDataCommand
do {
  command = try DemoDataCommand.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
  fail("\(error)\nRun 'charter-demo-data --help' for usage.", status: 64)  // EX_USAGE
}
let data = Data(command.render().utf8)
if let path = command.output {
  do {
    try data.write(to: URL(fileURLWithPath: path), options: .atomic)
  } catch {
    fail("cannot write \(path): \(error.localizedDescription)", status: 1)
  }
} else {
  FileHandle.standardOutput.write(data)
}
