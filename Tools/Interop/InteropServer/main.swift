import CharterValues
// charter-interop-server: gRPC's standard interop TestService on Charter's runtime.
import InteropService
import ServiceKit

await ServiceMain.run(.interop, gracePeriod: .seconds(5)) { settings, logger in
  let host = ServiceHost(.interop, settings: settings, logger: logger)
  host.serve([InteropTestService()], standardInterceptors: false)
  return host
}
