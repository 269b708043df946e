// charter-public-map: the public map's read model of publicly listed schools and their
// Charter levels, built from the registry's and accreditation's feeds (charter.publicmap.v1).
import CharterValues
import FoundationEssentials
import PublicMapService
import ServiceKit

await ServiceMain.run(.publicMap, peers: PublicMapHost.peers, options: PublicMapHost.options) { settings, logger in
  try await PublicMapHost.build(settings: settings, environment: ProcessInfo.processInfo.environment, logger: logger)
}
