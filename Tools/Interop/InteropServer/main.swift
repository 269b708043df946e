// charter-interop-server: gRPC's standard interop TestService on Charter's runtime.
import InteropService
import ServiceKit

await ServiceMain.run(.interop, gracePeriod: .seconds(5)) { settings, logger in
  ServiceHost(
    identity: .interop, settings: settings, services: [InteropTestService()],
    standardInterceptors: false, logger: logger)
}
