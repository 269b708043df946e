import CharterValues
// charter-registry: schools, people, roles and sign-in (charter.registry.v1.Registry).
import FoundationEssentials
import RegistryService
import ServiceKit

await ServiceMain.run(.registry, options: RegistryHost.options) { settings, logger in
  try await RegistryHost.build(settings: settings, environment: ProcessInfo.processInfo.environment, logger: logger)
}
