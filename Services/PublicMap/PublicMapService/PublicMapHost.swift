public import CharterValues
import Contracts
import FoundationEssentials
public import Logging
import RegistryReplica
public import ServiceKit

/// Wires the public map from settings: its store (a disposable read model), the centroid
/// table for schools without a location, the public service (no token needed to read), and
/// the two feeds the map is built from (the registry's schools, accreditation's levels and
/// badges), followed with this service's credential.
public enum PublicMapHost {
  public static let postcodeCentroidsFile = SettingOption(
    flag: "--postcode-centroids-file", environment: "POSTCODE_CENTROIDS_FILE",
    help: "CSV district,latitude,longitude of postcode-district centres (default: none; authority centres only)")
  /// The service's own settings, for `--help`.
  public static let options = PeerCredentials.options + [postcodeCentroidsFile]
  /// The peers whose feeds it follows.
  public static let peers: [CharterService] = [.registry, .accreditation]

  /// The parts tests reach into.
  public struct Assembly: Sendable {
    public let host: ServiceHost
    public let keeper: PinKeeper
  }

  public static func build(
    settings: ServiceSettings, environment: [String: String], logger: Logger, clock: any WallClock = SystemWallClock()
  ) async throws -> ServiceHost {
    try await assemble(settings: settings, environment: environment, logger: logger, clock: clock).host
  }

  public static func assemble(
    settings: ServiceSettings, environment: [String: String], logger: Logger, clock: any WallClock = SystemWallClock()
  ) async throws -> Assembly {
    let centroids = try centroids(settings: settings)
    let store = try await PublicMapStore.open(inDirectory: settings.dataDirectory, clock: clock)
    let host = ServiceHost(.publicMap, settings: settings, logger: logger)
    host.keep(store)
    let keeper = PinKeeper(store: store, centroids: centroids)
    host.serve([PublicMapService(store: store)])
    if let credential = try PeerCredentials.serviceToken(settings: settings, environment: environment) {
      let registry = Registry.Client(try host.client(for: .registry, credential: credential))
      let accreditation = Accreditation.Client(try host.client(for: .accreditation, credential: credential))
      host.run(
        FeedFollower(feed: RegistrySchoolsReplica.feed, source: registry, database: store.database, logger: logger) {
          event, db in try keeper.applyRegistry(event, in: db)
        })
      host.run(
        FeedFollower(feed: "accreditation", source: accreditation, database: store.database, logger: logger) {
          event, db in try keeper.applyAccreditation(event, in: db)
        })
    } else {
      logger.warning("no service credential (SERVICE_TOKEN_FILE): not following the registry or accreditation; no pins")
    }
    return Assembly(host: host, keeper: keeper)
  }

  /// The shipped authority centres, with the configured postcode-district table if any.
  static func centroids(settings: ServiceSettings) throws -> CentroidTable {
    var table = CentroidTable.shipped
    if let file = settings.option(postcodeCentroidsFile) {
      do {
        table.postcodeDistricts = try CentroidTable.parse(
          csv: try String(contentsOfFile: file, encoding: .utf8), keyColumn: "district")
      } catch {
        throw SettingsError.invalid(
          setting: postcodeCentroidsFile.environmentVariable, reason: "cannot use \(file): \(error)")
      }
    }
    return table
  }
}
