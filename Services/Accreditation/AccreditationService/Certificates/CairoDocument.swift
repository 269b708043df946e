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
    let sink = ByteSink()
    let status = withExtendedLifetime(sink) {
      cairo_surface_write_to_png_stream(surface, write, Unmanaged.passUnretained(sink).toOpaque())
    }
    guard status == CAIRO_STATUS_SUCCESS else { throw RenderingError(stage: "write the PNG", status: status.rawValue) }
    return sink.bytes
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
