internal import CContracts
internal import CProtobufC

#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Darwin)
  internal import Darwin
#endif

/// A bump allocator holding the C form of one message for one `pack` call.
///
/// Encoding builds the protobuf-c structs of a message tree (nested structs, string copies,
/// repeated-field arrays) out of an arena, packs them, and drops the arena. The first block
/// lives on the stack (``withContractArena(_:)``), so small messages encode without any heap
/// allocation besides the result array; bigger ones spill into heap chunks that are freed when
/// the arena goes away. protobuf-c never takes ownership of anything it packs, and fields left
/// at `protobuf_c_empty_string` by the `…__init` functions are never freed, because the arena
/// frees only its own chunks.
struct ContractArena: ~Copyable {
  /// Size of the stack block; most requests and responses fit.
  static let stackBlockSize = 1024
  private static let minimumChunkSize = 4096

  private var cursor: UnsafeMutableRawPointer
  private var end: UnsafeMutableRawPointer
  private var chunks: [UnsafeMutableRawPointer] = []
  private var nextChunkSize = ContractArena.minimumChunkSize

  init(block: UnsafeMutableRawBufferPointer) {
    cursor = block.baseAddress!
    end = block.baseAddress! + block.count
  }

  deinit {
    for chunk in chunks { chunk.deallocate() }
  }

  /// Raw, uninitialised, suitably aligned memory valid until the arena is dropped.
  mutating func allocateBytes(_ byteCount: Int, alignment: Int) -> UnsafeMutableRawPointer {
    let address = UInt(bitPattern: cursor)
    let mask = UInt(alignment - 1)
    let aligned = UnsafeMutableRawPointer(bitPattern: (address + mask) & ~mask)!
    if byteCount <= end - aligned {
      cursor = aligned + byteCount
      return aligned
    }
    let size = max(nextChunkSize, byteCount + alignment)
    nextChunkSize = min(nextChunkSize * 2, 1 << 20)
    let chunk = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
    chunks.append(chunk)
    let start = UnsafeMutableRawPointer(
      bitPattern: (UInt(bitPattern: chunk) + mask) & ~mask)!
    cursor = start + byteCount
    end = chunk + size
    return start
  }

  /// Memory for `count` values of `T`, bound to `T` and uninitialised.
  mutating func allocate<T>(_ type: T.Type, count: Int = 1) -> UnsafeMutablePointer<T> {
    allocateBytes(MemoryLayout<T>.stride * count, alignment: MemoryLayout<T>.alignment)
      .bindMemory(to: T.self, capacity: count)
  }

  /// A NUL-terminated copy of `string`.
  /// - Throws: ``ContractEncodingError`` when `string` contains U+0000.
  mutating func cString(
    _ string: String, field: StaticString, of messageType: String
  ) throws -> UnsafeMutablePointer<CChar> {
    var string = string
    let count = string.utf8.count
    let destination = allocateBytes(count + 1, alignment: 1)
    let hasNul = string.withUTF8 { source -> Bool in
      guard let base = source.baseAddress, source.count > 0 else { return false }
      destination.copyMemory(from: base, byteCount: source.count)
      return memchr(base, 0, source.count) != nil
    }
    if hasNul {
      throw ContractEncodingError(
        reason: .nulInString, messageType: messageType, field: "\(field)")
    }
    destination.storeBytes(of: 0, toByteOffset: count, as: UInt8.self)
    return destination.bindMemory(to: CChar.self, capacity: count + 1)
  }

  /// A protobuf-c `bytes` value pointing at a copy of `bytes` (no data pointer when empty).
  mutating func binaryData(_ bytes: [UInt8]) -> ProtobufCBinaryData {
    guard !bytes.isEmpty else { return ProtobufCBinaryData(len: 0, data: nil) }
    let destination = allocate(UInt8.self, count: bytes.count)
    bytes.withUnsafeBufferPointer {
      destination.initialize(from: $0.baseAddress!, count: $0.count)
    }
    return ProtobufCBinaryData(len: bytes.count, data: destination)
  }

  /// A copy of a non-empty array of plain values (numbers) for a repeated field.
  mutating func copyArray<T: BitwiseCopyable>(_ values: [T]) -> UnsafeMutablePointer<T> {
    let destination = allocate(T.self, count: values.count)
    values.withUnsafeBufferPointer {
      destination.initialize(from: $0.baseAddress!, count: $0.count)
    }
    return destination
  }
}

/// Runs `body` with an arena whose first block is on the stack; everything allocated from it
/// is freed when `body` returns.
func withContractArena<Result>(_ body: (inout ContractArena) throws -> Result) throws -> Result {
  try withUnsafeTemporaryAllocation(
    byteCount: ContractArena.stackBlockSize, alignment: 16
  ) { block in
    var arena = ContractArena(block: block)
    return try body(&arena)
  }
}
