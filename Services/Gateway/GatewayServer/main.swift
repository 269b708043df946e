// charter-gateway: the public HTTP API and the interactive map page, in front of public-map
// (and accreditation, for certificate verification). Stores nothing.
import CharterValues
import FoundationEssentials
import GatewayService
import Logging
import ServiceKit

#if canImport(Glibc)
  import Glibc
#endif

let settings: ServiceSettings
do {
  settings = try ServiceSettings.load(
    for: .gateway, peers: GatewayApplication.peers, options: GatewayApplication.options,
    arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)
} catch {
  if case .helpRequested(let usage) = error {
    print(usage)
    exit(0)
  }
  StandardError.write("charter-gateway: \(error)\n")
  exit(2)
}
JSONLogHandler.bootstrap(service: CharterService.gateway.name, level: settings.logLevel)
let logger = Logger(label: CharterService.gateway.executable)
do {
  try await GatewayApplication.run(settings: settings, logger: logger)
} catch let error as SettingsError {
  StandardError.write("charter-gateway: \(error)\n")
  exit(2)
} catch {
  logger.critical("start-up failed", metadata: ["error": "\(error)"])
  exit(1)
}
logger.info("stopped")
exit(0)
