internal import CCairo

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
  /// little larger and several times quicker to serve.
  static func png(width: Int, height: Int, draw: (CairoCanvas) -> Void) throws(RenderingError) -> [UInt8] {
    guard let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height)) else {
      throw RenderingError(stage: "create the image surface")
    }
    defer { cairo_surface_destroy(surface) }
    do {
      let canvas = CairoCanvas(surface: surface)
      draw(canvas)
    }
    cairo_surface_flush(surface)
    guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let data = cairo_image_surface_get_data(surface) else {
      throw RenderingError(stage: "draw the image", status: cairo_surface_status(surface).rawValue)
    }
    let stride = Int(cairo_image_surface_get_stride(surface))
    return try PNGEncoder.encode(width: width, height: height) { y, row in
      // cairo's ARGB32: native-endian words, alpha premultiplied; PNG wants straight RGBA.
      let pixels = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
      for x in 0..<width {
        let pixel = pixels[x]
        let alpha = pixel >> 24
        var red = (pixel >> 16) & 0xFF
        var green = (pixel >> 8) & 0xFF
        var blue = pixel & 0xFF
        if alpha != 0, alpha != 255 {
          red = (red * 255 + alpha / 2) / alpha
          green = (green * 255 + alpha / 2) / alpha
          blue = (blue * 255 + alpha / 2) / alpha
        }
        row[4 * x] = UInt8(truncatingIfNeeded: red)
        row[4 * x + 1] = UInt8(truncatingIfNeeded: green)
        row[4 * x + 2] = UInt8(truncatingIfNeeded: blue)
        row[4 * x + 3] = UInt8(truncatingIfNeeded: alpha)
      }
    }
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

/// Writes an 8-bit RGBA PNG (RFC 2083): signature, IHDR, one IDAT of Sub-filtered rows
/// compressed by zlib with run-length matching, IEND; each chunk with its CRC-32.
enum PNGEncoder {
  /// - Parameter row: fills row `y` (`4 × width` bytes, straight RGBA).
  static func encode(
    width: Int, height: Int, row: (Int, UnsafeMutableBufferPointer<UInt8>) -> Void
  ) throws(RenderingError) -> [UInt8] {
    let rowBytes = 4 * width
    var filtered = [UInt8](repeating: 0, count: height * (1 + rowBytes))
    var current = [UInt8](repeating: 0, count: rowBytes)
    filtered.withUnsafeMutableBufferPointer { out in
      current.withUnsafeMutableBufferPointer { line in
        for y in 0..<height {
          row(y, line)
          let start = y * (1 + rowBytes)
          out[start] = 1  // Sub: each byte less the same channel of the pixel to its left
          for i in 0..<rowBytes {
            out[start + 1 + i] = i < 4 ? line[i] : line[i] &- line[i - 4]
          }
        }
      }
    }
    let compressed = try deflateRLE(filtered)

    var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
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
    chunk("IHDR", bigEndian(UInt32(width)) + bigEndian(UInt32(height)) + [8, 6, 0, 0, 0])
    chunk("IDAT", compressed)
    chunk("IEND", [])
    return png
  }

  /// A zlib stream of `bytes` with run-length matching only (`Z_RLE`): for a badge's flat
  /// colours nearly as small as full deflate, and several times quicker.
  private static func deflateRLE(_ bytes: [UInt8]) throws(RenderingError) -> [UInt8] {
    var stream = z_stream()
    var status = deflateInit2_(
      &stream, Z_BEST_SPEED, Z_DEFLATED, 15, 8, Z_RLE, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
    guard status == Z_OK else {
      throw RenderingError(stage: "start compressing the PNG", status: UInt32(bitPattern: status))
    }
    defer { deflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))))
    status = bytes.withUnsafeBufferPointer { source in
      output.withUnsafeMutableBufferPointer { target in
        stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
        stream.avail_in = uInt(source.count)
        stream.next_out = target.baseAddress
        stream.avail_out = uInt(target.count)
        return deflate(&stream, Z_FINISH)
      }
    }
    guard status == Z_STREAM_END else {
      throw RenderingError(stage: "compress the PNG", status: UInt32(bitPattern: status))
    }
    output.removeSubrange(Int(stream.total_out)...)
    return output
  }

  private static func bigEndian(_ value: UInt32) -> [UInt8] {
    [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
  }
}
