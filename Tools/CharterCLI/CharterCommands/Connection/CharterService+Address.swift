public import CharterValues

extension CharterService {
  /// The address to call: `flag` if given, else the service's address variable
  /// (`REGISTRY_SERVICE_ADDR`, …) if set, else its default port on loopback: the platform's
  /// one configuration convention (ARCHITECTURE.md §1).
  public func resolve(flag: String?, environment: (String) -> String?) -> String {
    if let flag { return flag }
    if let value = environment(addressVariable), !value.isEmpty { return value }
    return defaultAddress
  }
}
