/// A seeded pseudo-random number generator whose output depends on nothing but its seed.
///
/// The demo data must be byte-identical for a seed on every machine and every Swift release, so
/// it uses neither `SystemRandomNumberGenerator` nor the standard library's `random(in:using:)`
/// (whose algorithm may change between releases), only this generator's own methods. The core
/// is xoshiro256** (Blackman and Vigna, 2018), seeded through SplitMix64 as its authors
/// recommend; bounded integers use Lemire's multiply-and-reject method, which is unbiased.
struct RandomSource {
  private var s0: UInt64
  private var s1: UInt64
  private var s2: UInt64
  private var s3: UInt64

  /// Creates the generator for one stream of a seed.
  ///
  /// Separate streams keep one concern's draws (say, which phase goes where) from shifting when
  /// another concern draws more or fewer numbers.
  ///
  /// - Parameters:
  ///   - seed: The user's seed.
  ///   - stream: A constant naming the concern.
  init(seed: UInt64, stream: UInt64) {
    var state = seed ^ (stream &* 0xD1B5_4A32_D192_ED03)
    func splitMix() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s0 = splitMix()
    s1 = splitMix()
    s2 = splitMix()
    s3 = splitMix()
  }

  /// The next 64 random bits.
  mutating func next() -> UInt64 {
    let result = rotateLeft(s1 &* 5, by: 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotateLeft(s3, by: 45)
    return result
  }

  /// A uniformly distributed integer in `0..<bound`.
  ///
  /// - Parameter bound: The exclusive upper bound; greater than zero.
  mutating func below(_ bound: Int) -> Int {
    precondition(bound > 0, "empty range")
    let limit = UInt64(bound)
    var product = next().multipliedFullWidth(by: limit)
    if product.low < limit {
      let threshold = (0 &- limit) % limit
      while product.low < threshold {
        product = next().multipliedFullWidth(by: limit)
      }
    }
    return Int(product.high)
  }

  /// A uniformly distributed integer in `range`.
  mutating func integer(in range: ClosedRange<Int>) -> Int {
    range.lowerBound + below(range.upperBound - range.lowerBound + 1)
  }

  /// A uniformly distributed double in `0..<1`, with 53 random bits.
  mutating func unit() -> Double {
    Double(next() >> 11) * 0x1p-53
  }

  /// `true` with probability `probability`.
  mutating func chance(_ probability: Double) -> Bool {
    unit() < probability
  }

  /// A uniformly chosen element of a non-empty array.
  mutating func element<Element>(of array: [Element]) -> Element {
    array[below(array.count)]
  }

  /// An element of a non-empty array ordered most common first: the smaller of two uniform
  /// draws, so the first element is about twice as likely as average and the last one rare.
  mutating func commonFirst<Element>(of array: [Element]) -> Element {
    array[min(below(array.count), below(array.count))]
  }

  /// An index into `weights`, chosen with probability proportional to its weight.
  ///
  /// - Parameter weights: Non-negative weights, at least one of them positive.
  mutating func index(weightedBy weights: [Int]) -> Int {
    var pick = below(weights.reduce(0, +))
    for (index, weight) in weights.enumerated() {
      if pick < weight { return index }
      pick -= weight
    }
    preconditionFailure("unreachable: pick is below the total weight")
  }

  /// Shuffles `array` in place (Fisher–Yates).
  mutating func shuffle<Element>(_ array: inout [Element]) {
    guard array.count > 1 else { return }
    for index in stride(from: array.count - 1, to: 0, by: -1) {
      array.swapAt(index, below(index + 1))
    }
  }

  private func rotateLeft(_ value: UInt64, by amount: UInt64) -> UInt64 {
    (value << amount) | (value >> (64 - amount))
  }
}
