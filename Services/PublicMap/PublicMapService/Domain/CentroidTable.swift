public import CharterValues

/// Where to put a publicly listed school that the registry gives no location: the centre of
/// its postcode district (outward code) when a district table knows it, else the centre of its
/// local authority, from the table shipped in `Data/` (see `Data/PROVENANCE.md`). A school is
/// never dropped from the map for want of a location; its pin is marked approximate.
public struct CentroidTable: Sendable {
  public struct Point: Sendable, Hashable {
    public var latitude: Double
    public var longitude: Double
    public init(latitude: Double, longitude: Double) {
      self.latitude = latitude
      self.longitude = longitude
    }
  }

  /// Centres by local authority code ("383").
  public var localAuthorities: [String: Point]
  /// Centres by postcode district ("LS1").
  public var postcodeDistricts: [String: Point]

  public init(localAuthorities: [String: Point], postcodeDistricts: [String: Point] = [:]) {
    self.localAuthorities = localAuthorities
    self.postcodeDistricts = postcodeDistricts
  }

  /// The shipped table: the 152 English local authorities' centres, no postcode districts.
  public static let shipped: CentroidTable = {
    let text = String(decoding: PackageResources.local_authority_centroids_csv, as: UTF8.self)
    // A shipped file that does not parse is a build defect, caught by the domain tests.
    return CentroidTable(localAuthorities: (try? parse(csv: text, keyColumn: "la_code")) ?? [:])
  }()

  /// A table's rows: `key,…,latitude,longitude` with a header line naming the key column and
  /// `latitude` and `longitude`; names may be quoted.
  /// - Throws: ``CentroidTableError`` naming the first bad line.
  public static func parse(csv text: String, keyColumn: String) throws(CentroidTableError) -> [String: Point] {
    var lines = text.split(whereSeparator: \.isNewline).map(String.init)
    guard !lines.isEmpty else { throw CentroidTableError(line: 1, reason: "no header line") }
    let header = fields(of: lines.removeFirst())
    guard let key = header.firstIndex(of: keyColumn), let lat = header.firstIndex(of: "latitude"),
      let lon = header.firstIndex(of: "longitude")
    else { throw CentroidTableError(line: 1, reason: "the header needs \(keyColumn), latitude and longitude") }
    var result: [String: Point] = [:]
    for (index, line) in lines.enumerated() where !line.isEmpty {
      let row = fields(of: line)
      guard row.count == header.count, let latitude = Double(row[lat]), let longitude = Double(row[lon]),
        (-90...90).contains(latitude), (-180...180).contains(longitude)
      else { throw CentroidTableError(line: index + 2, reason: "expected \(header.count) fields with degrees") }
      result[row[key].uppercased()] = Point(latitude: latitude, longitude: longitude)
    }
    return result
  }

  private static func fields(of line: String) -> [String] {
    var fields: [String] = []
    var current = ""
    var quoted = false
    for character in line {
      switch character {
      case "\"": quoted.toggle()
      case "," where !quoted:
        fields.append(current.trimmingWhitespace)
        current = ""
      default: current.append(character)
      }
    }
    fields.append(current.trimmingWhitespace)
    return fields
  }

  /// Where a school without a location goes, and how that was decided; `nil` when neither its
  /// postcode district nor its authority is known.
  public func place(postcode: String, localAuthorityCode: String) -> (point: Point, byDistrict: Bool)? {
    if let district = Self.district(of: postcode), let point = postcodeDistricts[district] { return (point, true) }
    if let point = localAuthorities[localAuthorityCode] { return (point, false) }
    return nil
  }

  /// A postcode's district (outward code): "LS1 4AP" → "LS1".
  public static func district(of postcode: String) -> String? {
    guard let parsed = try? Postcode(postcode, field: "postcode") else { return nil }
    return String(parsed.value.prefix { $0 != " " })
  }
}

/// A centroid table that does not parse, with the line at fault.
public struct CentroidTableError: Error, Sendable, Hashable, CustomStringConvertible {
  public var line: Int
  public var reason: String
  public init(line: Int, reason: String) {
    self.line = line
    self.reason = reason
  }
  public var description: String { "line \(line): \(reason)" }
}

extension String {
  fileprivate var trimmingWhitespace: String {
    String(self.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
  }
}
