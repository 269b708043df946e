internal import CCairo

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// A thin Swift face over one cairo drawing context, with only what certificates and badges
/// draw: shapes, filled and stroked, and text measured and placed with cairo's font
/// selection (fontconfig). The only place besides ``CairoDocument`` that touches cairo.
final class CairoCanvas {
  /// An sRGB colour with alpha, 0 through 1.
  struct Colour: Sendable, Hashable {
    var red: Double
    var green: Double
    var blue: Double
    var alpha: Double = 1

    /// `0xRRGGBB`.
    init(hex: UInt32, alpha: Double = 1) {
      red = Double((hex >> 16) & 0xFF) / 255
      green = Double((hex >> 8) & 0xFF) / 255
      blue = Double(hex & 0xFF) / 255
      self.alpha = alpha
    }

    static let white = Colour(hex: 0xFFFFFF)
  }

  /// A font as cairo's "toy" API selects it from fontconfig.
  struct Font: Sendable, Hashable {
    var family: String
    var size: Double
    var bold = false
    var italic = false

    static func serif(_ size: Double, bold: Bool = false, italic: Bool = false) -> Font {
      Font(family: "DejaVu Serif", size: size, bold: bold, italic: italic)
    }

    static func sans(_ size: Double, bold: Bool = false, italic: Bool = false) -> Font {
      Font(family: "DejaVu Sans", size: size, bold: bold, italic: italic)
    }
  }

  enum Alignment { case left, centre, right }

  private let context: OpaquePointer

  init(surface: OpaquePointer) {
    context = cairo_create(surface)
  }

  deinit { cairo_destroy(context) }

  // MARK: shapes

  func setColour(_ colour: Colour) {
    cairo_set_source_rgba(context, colour.red, colour.green, colour.blue, colour.alpha)
  }

  func fillRectangle(x: Double, y: Double, width: Double, height: Double, colour: Colour) {
    setColour(colour)
    cairo_rectangle(context, x, y, width, height)
    cairo_fill(context)
  }

  func strokeRectangle(x: Double, y: Double, width: Double, height: Double, colour: Colour, lineWidth: Double) {
    setColour(colour)
    cairo_set_line_width(context, lineWidth)
    cairo_rectangle(context, x, y, width, height)
    cairo_stroke(context)
  }

  func fillCircle(x: Double, y: Double, radius: Double, colour: Colour) {
    setColour(colour)
    cairo_new_sub_path(context)
    cairo_arc(context, x, y, radius, 0, 2 * Double.pi)
    cairo_fill(context)
  }

  func strokeCircle(x: Double, y: Double, radius: Double, colour: Colour, lineWidth: Double) {
    setColour(colour)
    cairo_set_line_width(context, lineWidth)
    cairo_new_sub_path(context)
    cairo_arc(context, x, y, radius, 0, 2 * Double.pi)
    cairo_stroke(context)
  }

  func line(from start: (Double, Double), to end: (Double, Double), colour: Colour, lineWidth: Double) {
    setColour(colour)
    cairo_set_line_width(context, lineWidth)
    cairo_move_to(context, start.0, start.1)
    cairo_line_to(context, end.0, end.1)
    cairo_stroke(context)
  }

  /// A filled polygon through `points`.
  func fillPolygon(_ points: [(Double, Double)], colour: Colour) {
    guard let first = points.first else { return }
    setColour(colour)
    cairo_move_to(context, first.0, first.1)
    for point in points.dropFirst() { cairo_line_to(context, point.0, point.1) }
    cairo_close_path(context)
    cairo_fill(context)
  }

  /// A five-pointed star centred on (`x`, `y`).
  func fillStar(x: Double, y: Double, radius: Double, colour: Colour) {
    let points = (0..<10).map { i -> (Double, Double) in
      let r = i % 2 == 0 ? radius : radius * 0.42
      let angle = -Double.pi / 2 + Double(i) * Double.pi / 5
      return (x + r * cos(angle), y + r * sin(angle))
    }
    fillPolygon(points, colour: colour)
  }

  // MARK: text

  private func select(_ font: Font) {
    font.family.withCString { family in
      cairo_select_font_face(
        context, family, font.italic ? CAIRO_FONT_SLANT_ITALIC : CAIRO_FONT_SLANT_NORMAL,
        font.bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
    }
    cairo_set_font_size(context, font.size)
  }

  /// How wide `text` is in `font`.
  func width(of text: String, font: Font, tracking: Double = 0) -> Double {
    select(font)
    var extents = cairo_text_extents_t()
    text.withCString { cairo_text_extents(context, $0, &extents) }
    return extents.x_advance + tracking * Double(max(0, text.count - 1))
  }

  /// Draws `text` with its baseline at `y`, placed against `x` by `alignment`. With
  /// `tracking`, letters are spaced apart one by one (small-capital headings).
  func text(
    _ text: String, x: Double, y: Double, font: Font, colour: Colour, alignment: Alignment = .centre,
    tracking: Double = 0
  ) {
    let width = self.width(of: text, font: font, tracking: tracking)
    var start: Double
    switch alignment {
    case .left: start = x
    case .centre: start = x - width / 2
    case .right: start = x - width
    }
    setColour(colour)
    if tracking == 0 {
      cairo_move_to(context, start, y)
      text.withCString { cairo_show_text(context, $0) }
      return
    }
    for character in text {
      let piece = String(character)
      cairo_move_to(context, start, y)
      piece.withCString { cairo_show_text(context, $0) }
      start += self.width(of: piece, font: font) + tracking
    }
  }

  /// The largest size up to `font.size` (and at least `minimum`) at which `text` fits `width`.
  func fitting(_ text: String, font: Font, width: Double, minimum: Double) -> Font {
    var font = font
    while font.size > minimum, self.width(of: text, font: font) > width { font.size -= 1 }
    return font
  }

  /// `text` broken into lines no wider than `width`, at spaces.
  func wrap(_ text: String, font: Font, width: Double) -> [String] {
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ") {
      let candidate = current.isEmpty ? String(word) : current + " " + word
      if !current.isEmpty, self.width(of: candidate, font: font) > width {
        lines.append(current)
        current = String(word)
      } else {
        current = candidate
      }
    }
    if !current.isEmpty { lines.append(current) }
    return lines
  }

  /// Shows the current page (PDF) before the surface finishes.
  func showPage() { cairo_show_page(context) }
}
