/// Every framework version and mapping the service knows, loaded once at start-up.
///
/// Framework content is data, not code: the built-in versions come from JSON files embedded in
/// the binary, are validated as a whole, and then never change while the service runs. A
/// catalog refuses two versions with the same id, so a published version cannot be shadowed by
/// an edited copy.
public struct FrameworkCatalog: Sendable {
  /// The versions, newest first (by first day of use, then id).
  public let versions: [FrameworkVersion]
  /// The mappings between versions.
  public let mappings: [FrameworkMapping]

  private init(versions: [FrameworkVersion], mappings: [FrameworkMapping]) {
    self.versions = versions.sorted {
      ($0.validFrom, $0.id) > ($1.validFrom, $1.id)
    }
    self.mappings = mappings
  }

  /// The frameworks shipped with the service: the eight-element framework (`srf-2008`), its
  /// six-element revision (`srf-2010`) and the mapping between them.
  ///
  /// - Throws: ``FrameworkDataError`` naming the embedded file and the problem, when the
  ///   shipped data is invalid (a build that should never be deployed).
  public static func builtIn() throws(FrameworkDataError) -> FrameworkCatalog {
    try load(
      versions: [
        FrameworkDataFile(name: "srf-2008.json", bytes: PackageResources.srf_2008_json),
        FrameworkDataFile(name: "srf-2010.json", bytes: PackageResources.srf_2010_json),
      ],
      mappings: [
        FrameworkDataFile(
          name: "srf-2008-to-srf-2010.json", bytes: PackageResources.srf_2008_to_srf_2010_json)
      ])
  }

  /// Loads and validates framework versions and the mappings between them.
  ///
  /// - Parameters:
  ///   - versions: One file per framework version.
  ///   - mappings: One file per mapping; each may only name versions among `versions`.
  /// - Returns: The catalog.
  /// - Throws: ``FrameworkDataError`` naming the first invalid file: any problem
  ///   ``FrameworkVersion/init(json:file:)`` reports, two versions with one id, two mappings
  ///   between the same pair, or a mapping that does not fit its versions.
  public static func load(
    versions: [FrameworkDataFile],
    mappings: [FrameworkDataFile]
  ) throws(FrameworkDataError) -> FrameworkCatalog {
    var byId: [String: FrameworkVersion] = [:]
    var loaded: [FrameworkVersion] = []
    for file in versions {
      let version = try FrameworkVersion(json: file.bytes, file: file.name)
      guard byId[version.id] == nil else {
        throw FrameworkDataError(file: file.name, problem: .duplicateVersionId(version.id))
      }
      byId[version.id] = version
      loaded.append(version)
    }
    var loadedMappings: [FrameworkMapping] = []
    for file in mappings {
      let mapping = try FrameworkMapping(json: file.bytes, file: file.name, versions: byId)
      guard
        !loadedMappings.contains(where: {
          $0.fromFrameworkId == mapping.fromFrameworkId && $0.toFrameworkId == mapping.toFrameworkId
        })
      else {
        throw FrameworkDataError(
          file: file.name,
          problem: .duplicateMapping(from: mapping.fromFrameworkId, to: mapping.toFrameworkId))
      }
      loadedMappings.append(mapping)
    }
    return FrameworkCatalog(versions: loaded, mappings: loadedMappings)
  }

  /// The version with the given id.
  public func version(id: String) -> FrameworkVersion? {
    versions.first { $0.id == id }
  }

  /// An aspect of one version.
  ///
  /// - Returns: The aspect, or `nil` when the version or the aspect does not exist.
  public func aspect(id aspectId: String, in frameworkId: String) -> Aspect? {
    version(id: frameworkId)?.aspect(id: aspectId)
  }

  /// The newest published version (latest publish time): where new reviews start by default.
  ///
  /// `nil` only for a catalog without any published version.
  public var currentVersion: FrameworkVersion? {
    versions
      .compactMap { version in
        version.status == .published ? version.publishTime.map { (version, $0) } : nil
      }
      .max { ($0.1, $0.0.validFrom) < ($1.1, $1.0.validFrom) }?.0
  }

  /// The mapping from one version to another.
  ///
  /// - Returns: The mapping, or `nil` when there is none between these two versions.
  public func mapping(from fromFrameworkId: String, to toFrameworkId: String) -> FrameworkMapping? {
    mappings.first { $0.fromFrameworkId == fromFrameworkId && $0.toFrameworkId == toFrameworkId }
  }
}
