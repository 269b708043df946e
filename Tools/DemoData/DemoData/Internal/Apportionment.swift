/// Divides a whole number of things between claimants in proportion to their weights.
enum Apportionment {
  /// Splits `total` in proportion to `weights` by the largest-remainder (Hamilton) method, so
  /// the shares add up to exactly `total` and each is within one of its exact quota.
  ///
  /// Integer arithmetic throughout, and ties go to the earlier claimant, so the result is the
  /// same on every machine.
  ///
  /// - Parameters:
  ///   - total: What to divide; zero or more.
  ///   - weights: Non-negative weights; if all are zero, every share is zero.
  /// - Returns: One share per weight.
  static func largestRemainder(_ total: Int, weights: [Int]) -> [Int] {
    let sum = weights.reduce(0, +)
    guard sum > 0 else { return weights.map { _ in 0 } }
    var shares = weights.map { total * $0 / sum }
    let remainders = weights.map { total * $0 % sum }
    let leftover = total - shares.reduce(0, +)
    let order = remainders.indices.sorted {
      remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : $0 < $1
    }
    for index in order.prefix(leftover) { shares[index] += 1 }
    return shares
  }
}
