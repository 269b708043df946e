public import Contracts

/// The changes `charter registry update-school` was asked to make, turned into an
/// `UpdateSchoolDetails` request that names exactly the fields given in `update_paths`.
///
/// The registry replaces an address or local authority whole, but operators change one part
/// (a new postcode, a renamed authority). When only some parts are given, the others are taken
/// from the school as it is now (``needsCurrentSchool``), so nothing given is lost and nothing
/// not given changes.
public struct SchoolUpdate: Sendable, Hashable {
  public var name: String?
  /// New address lines; an empty array clears them.
  public var streets: [String]?
  public var town: String?
  public var county: String?
  public var postcode: String?
  public var phase: Common.SchoolPhase?
  public var localAuthorityCode: String?
  public var localAuthorityName: String?
  public var numberOnRoll: Int32?
  public var location: Common.GeoPoint?
  /// Removes the map position (the school is then not mapped).
  public var clearLocation = false

  public init() {}

  /// Whether nothing would change.
  public var isEmpty: Bool { paths.isEmpty }

  /// Whether the request needs the school's current details: some but not all parts of the
  /// address, or of the local authority, are given.
  public var needsCurrentSchool: Bool {
    let addressParts = [streets != nil, town != nil, county != nil, postcode != nil]
    let authorityParts = [localAuthorityCode != nil, localAuthorityName != nil]
    return (addressParts.contains(true) && addressParts.contains(false))
      || (authorityParts.contains(true) && authorityParts.contains(false))
  }

  /// The `update_paths` the request will carry, in field order.
  public var paths: [String] {
    var paths: [String] = []
    if name != nil { paths.append("name") }
    if streets != nil || town != nil || county != nil || postcode != nil { paths.append("address") }
    if phase != nil { paths.append("phase") }
    if localAuthorityCode != nil || localAuthorityName != nil { paths.append("local_authority") }
    if numberOnRoll != nil { paths.append("number_on_roll") }
    if location != nil || clearLocation { paths.append("location") }
    return paths
  }

  /// The request for school `urn`.
  ///
  /// - Parameter current: The school as it is now; parts of the address or local authority
  ///   not given are copied from it (when ``needsCurrentSchool``; ignored otherwise).
  public func request(urn: String, current: Registry.School?) -> Registry.UpdateSchoolDetailsRequest {
    var request = Registry.UpdateSchoolDetailsRequest()
    request.urn = urn
    request.updatePaths = paths
    if let name { request.name = name }
    if paths.contains("address") {
      var address = current?.address ?? Common.PostalAddress()
      if let streets { address.lines = streets.map(\.trimmingSpaces).filter { !$0.isEmpty } }
      if let town { address.town = town }
      if let county { address.county = county }
      if let postcode { address.postcode = ValueSyntax.postcode(postcode) }
      request.address = address
    }
    if let phase { request.phase = phase }
    if paths.contains("local_authority") {
      var authority = current?.localAuthority ?? Common.LocalAuthority()
      if let localAuthorityCode { authority.code = localAuthorityCode }
      if let localAuthorityName { authority.name = localAuthorityName }
      request.localAuthority = authority
    }
    if let numberOnRoll { request.numberOnRoll = numberOnRoll }
    if !clearLocation, let location { request.location = location }
    return request
  }
}
