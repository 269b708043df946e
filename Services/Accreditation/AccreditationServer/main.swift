// charter-accreditation: every school's Charter level, recognition, deadlines, Excellence
// Awards and certificates (charter.accreditation.v1).
import AccreditationService
import CharterValues
import FoundationEssentials
import ServiceKit

await ServiceMain.run(.accreditation, peers: AccreditationHost.peers, options: AccreditationHost.options) {
  settings, logger in
  try await AccreditationHost.build(
    settings: settings, environment: ProcessInfo.processInfo.environment, logger: logger)
}
