internal import Contracts

/// Prints results: proto3 JSON with `--json`, else the human lines.
enum ResultPrinter {
  static func print(json: Bool, _ message: some ProtoJSONEncodable, human: () -> [String]) {
    if json {
      Console.output(message.protoJSON())
    } else {
      for line in human() { Console.output(line) }
    }
  }
}
