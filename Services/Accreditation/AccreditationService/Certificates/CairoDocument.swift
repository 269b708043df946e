internal import CCairo
import Synchronization

/// Renders a drawing to bytes in memory with cairo: a PDF page, a PNG image or an SVG
/// document, each written through cairo's stream callbacks into a buffer, never a file.
///
/// cairo calls the write function with the `closure` pointer it was given; the buffer travels
/// through that pointer (an unretained ``ByteSink``), because in Swift 6 a C callback that
/// captures context crashes the compiler, so the callbacks here capture nothing.
enum CairoDocument {
  /// Where cairo's output goes.
  final class ByteSink {
    var bytes: [UInt8] = []
  }

  /// The write function every surface here uses: appends to the ``ByteSink`` behind `closure`.
  private static let write: cairo_write_func_t = { closure, data, length in
    guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
    let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
    sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
    return CAIRO_STATUS_SUCCESS
  }

  /// Metadata written into a PDF's information dictionary.
  struct PDFMetadata {
    var title: String
    var subject: String
    var keywords: String
    /// ISO 8601 (`2009-01-14T09:30:00Z`): set from the certificate, so the same certificate
    /// always renders to the same bytes.
    var date: String
  }

  /// One page of `width` × `height` points.
  static func pdf(
    width: Double, height: Double, metadata: PDFMetadata, draw: (CairoCanvas) -> Void
  ) throws(RenderingError) -> [UInt8] {
    let sink = ByteSink()
    let closure = Unmanaged.passUnretained(sink).toOpaque()
    guard let surface = cairo_pdf_surface_create_for_stream(write, closure, width, height) else {
      throw RenderingError(stage: "create the PDF surface")
    }
    cairo_pdf_surface_restrict_to_version(surface, CAIRO_PDF_VERSION_1_5)
    for (key, value) in [
      (CAIRO_PDF_METADATA_TITLE, metadata.title), (CAIRO_PDF_METADATA_SUBJECT, metadata.subject),
      (CAIRO_PDF_METADATA_KEYWORDS, metadata.keywords), (CAIRO_PDF_METADATA_AUTHOR, "Next Generation Learning Charter"),
      (CAIRO_PDF_METADATA_CREATOR, "charter-accreditation"), (CAIRO_PDF_METADATA_CREATE_DATE, metadata.date),
      (CAIRO_PDF_METADATA_MOD_DATE, metadata.date),
    ] {
      value.withCString { cairo_pdf_surface_set_metadata(surface, key, $0) }
    }
    do {
      let canvas = CairoCanvas(surface: surface)
      draw(canvas)
      canvas.showPage()
    }
    return try finish(surface, sink: sink)
  }

  /// An SVG document of `width` × `height` units (text becomes glyph outlines).
  static func svg(width: Double, height: Double, draw: (CairoCanvas) -> Void) throws(RenderingError)
    -> [UInt8]
  {
    let sink = ByteSink()
    let closure = Unmanaged.passUnretained(sink).toOpaque()
    guard let surface = cairo_svg_surface_create_for_stream(write, closure, width, height) else {
      throw RenderingError(stage: "create the SVG surface")
    }
    cairo_svg_surface_restrict_to_version(surface, CAIRO_SVG_VERSION_1_1)
    do {
      let canvas = CairoCanvas(surface: surface)
      draw(canvas)
    }
    return try finish(surface, sink: sink)
  }

  /// A PNG image of `width` × `height` pixels, transparent where nothing is drawn.
  ///
  /// cairo draws; the PNG is encoded here rather than by `cairo_surface_write_to_png_stream`,
  /// whose libpng defaults (adaptive filtering, zlib level 6) spent three quarters of a badge's
  /// time compressing: rows with the Sub filter and zlib's run-length matching make a badge a
  /// little larger and several times quicker to serve. The pixel memory, the filtered rows and
  /// the compressor come from ``PNGScratch`` and are reused by the next image of that size.
  static func png(width: Int, height: Int, draw: (CairoCanvas) -> Void) throws(RenderingError) -> [UInt8] {
    let scratch = try PNGScratch.take(width: width, height: height)
    defer { PNGScratch.give(scratch) }
    scratch.clearPixels()
    guard
      let surface = cairo_image_surface_create_for_data(
        scratch.pixels, CAIRO_FORMAT_ARGB32, Int32(width), Int32(height), Int32(scratch.stride))
    else {
      throw RenderingError(stage: "create the image surface")
    }
    defer { cairo_surface_destroy(surface) }
    do {
      let canvas = CairoCanvas(surface: surface)
      draw(canvas)
    }
    cairo_surface_flush(surface)
    guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
      throw RenderingError(stage: "draw the image", status: cairo_surface_status(surface).rawValue)
    }
    return try PNGEncoder.encode(scratch)
  }

  /// Finishes a stream surface (which flushes its last bytes into the sink) and destroys it.
  private static func finish(_ surface: OpaquePointer, sink: ByteSink) throws(RenderingError) -> [UInt8] {
    let status = withExtendedLifetime(sink) { () -> cairo_status_t in
      cairo_surface_finish(surface)
      let status = cairo_surface_status(surface)
      cairo_surface_destroy(surface)
      return status
    }
    guard status == CAIRO_STATUS_SUCCESS else {
      throw RenderingError(stage: "finish the document", status: status.rawValue)
    }
    return sink.bytes
  }
}

/// cairo could not render a document (out of memory, a font missing entirely).
public struct RenderingError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What was being done.
  public var stage: String
  /// cairo's status number, when it gave one.
  public var status: UInt32 = 0

  public var description: String { "could not \(stage)" + (status == 0 ? "" : " (cairo status \(status))") }
}

/// The memory one PNG needs while it is made, kept for the next: cairo's pixels, the filtered
/// rows and a zlib compressor. Allocating them afresh cost each badge a few hundred page faults
/// and a compressor set-up, as much as drawing it. A few are kept (one per concurrent render).
final class PNGScratch: @unchecked Sendable {
  let width: Int
  let height: Int
  let stride: Int
  /// cairo's ARGB32 pixels: native-endian words, alpha premultiplied.
  let pixels: UnsafeMutablePointer<UInt8>
  /// Each row's filter byte and filtered RGBA bytes, as the IDAT compresses them.
  let filtered: UnsafeMutablePointer<UInt8>
  var filteredCount: Int { height * (1 + 4 * width) }
  /// Room for the compressed rows however badly they compress (zlib's bound).
  let compressed: UnsafeMutablePointer<UInt8>
  let compressedCapacity: Int
  var stream = z_stream()

  private static let kept = Mutex<[PNGScratch]>([])
  private static let keptAtMost = 4

  private init(width: Int, height: Int) throws(RenderingError) {
    self.width = width
    self.height = height
    stride = Int(cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, Int32(width)))
    pixels = .allocate(capacity: stride * height)
    filtered = .allocate(capacity: height * (1 + 4 * width))
    let status = deflateInit2_(
      &stream, Z_BEST_SPEED, Z_DEFLATED, 15, 8, Z_RLE, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
    guard status == Z_OK else {
      pixels.deallocate()
      filtered.deallocate()
      compressed = .allocate(capacity: 0)
      compressedCapacity = 0
      throw RenderingError(stage: "start compressing the PNG", status: UInt32(bitPattern: status))
    }
    compressedCapacity = Int(deflateBound(&stream, uLong(height * (1 + 4 * width))))
    compressed = .allocate(capacity: compressedCapacity)
  }

  deinit {
    deflateEnd(&stream)
    pixels.deallocate()
    filtered.deallocate()
    compressed.deallocate()
  }

  static func take(width: Int, height: Int) throws(RenderingError) -> PNGScratch {
    let reused = kept.withLock { kept -> PNGScratch? in
      guard let index = kept.firstIndex(where: { $0.width == width && $0.height == height }) else { return nil }
      return kept.remove(at: index)
    }
    if let reused { return reused }
    return try PNGScratch(width: width, height: height)
  }

  static func give(_ scratch: PNGScratch) {
    kept.withLock { kept in
      if kept.count < keptAtMost { kept.append(scratch) }
    }
  }

  /// Transparent everywhere, as a new surface is.
  func clearPixels() { pixels.initialize(repeating: 0, count: stride * height) }
}

/// Writes an 8-bit RGBA PNG (RFC 2083): signature, IHDR, one IDAT of Sub-filtered rows
/// compressed by zlib with run-length matching, IEND; each chunk with its CRC-32.
enum PNGEncoder {
  /// Encodes the pixels cairo drew into `scratch`.
  static func encode(_ scratch: PNGScratch) throws(RenderingError) -> [UInt8] {
    filter(scratch)
    let compressed = try deflateRLE(scratch)

    var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    png.reserveCapacity(compressed.count + 64)
    func chunk(_ type: String, _ body: [UInt8]) {
      let typeBytes = Array(type.utf8)
      png += bigEndian(UInt32(body.count))
      png += typeBytes
      png += body
      var crc = typeBytes.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
      crc = body.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, uInt($0.count)) }
      png += bigEndian(UInt32(crc))
    }
    // 8 bits per channel, colour type 6 (RGBA), deflate, adaptive filtering, no interlace.
    chunk("IHDR", bigEndian(UInt32(scratch.width)) + bigEndian(UInt32(scratch.height)) + [8, 6, 0, 0, 0])
    chunk("IDAT", compressed)
    chunk("IEND", [])
    return png
  }

  /// Turns cairo's premultiplied native-endian words into straight RGBA and applies the Sub
  /// filter (each byte less the same channel of the pixel to its left) in one pass.
  static func filter(_ scratch: PNGScratch) {
    let width = scratch.width
    var out = scratch.filtered
    for y in 0..<scratch.height {
      let pixels = UnsafeRawPointer(scratch.pixels + y * scratch.stride).assumingMemoryBound(to: UInt32.self)
      out.pointee = 1  // Sub
      out += 1
      var left: UInt32 = 0  // the straight RGBA (red in the low byte) of the pixel to the left
      for x in 0..<width {
        let pixel = pixels[x]
        var rgba: UInt32
        let alpha = pixel >> 24
        if alpha == 0 {
          rgba = 0
        } else {
          var red = (pixel >> 16) & 0xFF
          var green = (pixel >> 8) & 0xFF
          var blue = pixel & 0xFF
          if alpha != 255 {
            red = (red * 255 + alpha / 2) / alpha
            green = (green * 255 + alpha / 2) / alpha
            blue = (blue * 255 + alpha / 2) / alpha
          }
          rgba = red | green << 8 | blue << 16 | alpha << 24
        }
        if rgba == left {
          (out + 0).pointee = 0
          (out + 1).pointee = 0
          (out + 2).pointee = 0
          (out + 3).pointee = 0
        } else {
          (out + 0).pointee = UInt8(truncatingIfNeeded: rgba) &- UInt8(truncatingIfNeeded: left)
          (out + 1).pointee = UInt8(truncatingIfNeeded: rgba >> 8) &- UInt8(truncatingIfNeeded: left >> 8)
          (out + 2).pointee = UInt8(truncatingIfNeeded: rgba >> 16) &- UInt8(truncatingIfNeeded: left >> 16)
          (out + 3).pointee = UInt8(truncatingIfNeeded: rgba >> 24) &- UInt8(truncatingIfNeeded: left >> 24)
          left = rgba
        }
        out += 4
      }
    }
  }

  /// A zlib stream of the filtered rows with run-length matching only (`Z_RLE`): for a
  /// badge's flat colours nearly as small as full deflate, and several times quicker.
  private static func deflateRLE(_ scratch: PNGScratch) throws(RenderingError) -> [UInt8] {
    var status = deflateReset(&scratch.stream)
    guard status == Z_OK else {
      throw RenderingError(stage: "restart the PNG compressor", status: UInt32(bitPattern: status))
    }
    scratch.stream.next_in = scratch.filtered
    scratch.stream.avail_in = uInt(scratch.filteredCount)
    scratch.stream.next_out = scratch.compressed
    scratch.stream.avail_out = uInt(scratch.compressedCapacity)
    status = deflate(&scratch.stream, Z_FINISH)
    guard status == Z_STREAM_END else {
      throw RenderingError(stage: "compress the PNG", status: UInt32(bitPattern: status))
    }
    return Array(UnsafeBufferPointer(start: scratch.compressed, count: Int(scratch.stream.total_out)))
  }

  private static func bigEndian(_ value: UInt32) -> [UInt8] {
    [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
  }
}
