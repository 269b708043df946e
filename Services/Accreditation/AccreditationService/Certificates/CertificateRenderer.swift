import CharterValues

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Draws a certificate's documents from its signed facts alone: the A4 certificate as a PDF,
/// and the badge schools put on letterheads and websites as a PNG and as SVG. Documents are
/// rendered on demand (the same facts always give the same document), so nothing but the
/// facts and their signature is stored.
public enum CertificateRenderer {
  /// The badge's width and height, in pixels (PNG) or user units (SVG).
  public static let badgeSize = 512
  /// A4 landscape, in PostScript points.
  static let pageWidth = 841.89
  static let pageHeight = 595.28

  /// The certificate as a one-page A4 PDF.
  /// - Parameter signature: printed in the document's keywords, for offline checks.
  /// - Throws: ``RenderingError`` when cairo fails.
  public static func pdf(_ facts: CertificateFacts, signature: [UInt8] = []) throws(RenderingError) -> [UInt8] {
    let design = CertificateDesign(facts: facts)
    let metadata = CairoDocument.PDFMetadata(
      title: "\(facts.title): \(facts.schoolName)",
      subject: "Certificate \(facts.number), \(design.levelLine)",
      keywords: "verification code \(VerificationCode.formatted(facts.verificationCode)); signature "
        + Base64URL.encode(signature),
      date: UTCTime(secondsSince1970: facts.issuedAt.secondsSince1970).description)
    return try CairoDocument.pdf(width: pageWidth, height: pageHeight, metadata: metadata) { canvas in
      drawCertificate(design, on: canvas)
    }
  }

  /// The badge as a PNG of ``badgeSize`` pixels square, transparent outside its disc.
  public static func pngBadge(_ facts: CertificateFacts) throws(RenderingError) -> [UInt8] {
    try CairoDocument.png(width: badgeSize, height: badgeSize) { canvas in
      drawBadge(CertificateDesign(facts: facts), on: canvas, size: Double(badgeSize))
    }
  }

  /// The badge as SVG, for websites.
  public static func svgBadge(_ facts: CertificateFacts) throws(RenderingError) -> [UInt8] {
    try CairoDocument.svg(width: Double(badgeSize), height: Double(badgeSize)) { canvas in
      drawBadge(CertificateDesign(facts: facts), on: canvas, size: Double(badgeSize))
    }
  }

  // MARK: the certificate

  static func drawCertificate(_ design: CertificateDesign, on canvas: CairoCanvas) {
    let facts = design.facts
    let width = pageWidth
    let height = pageHeight
    let centre = width / 2
    canvas.fillRectangle(x: 0, y: 0, width: width, height: height, colour: CertificateDesign.paper)
    // Borders: a broad band in the level's colour, a tinted margin and a fine inner rule.
    canvas.fillRectangle(x: 18, y: 18, width: width - 36, height: height - 36, colour: design.colour)
    canvas.fillRectangle(x: 26, y: 26, width: width - 52, height: height - 52, colour: design.accent)
    canvas.fillRectangle(x: 34, y: 34, width: width - 68, height: height - 68, colour: CertificateDesign.paper)
    canvas.strokeRectangle(x: 42, y: 42, width: width - 84, height: height - 84, colour: design.colour, lineWidth: 0.8)
    for (x, y) in [(42.0, 42.0), (width - 42, 42.0), (42.0, height - 42), (width - 42, height - 42)] {
      canvas.fillCircle(x: x, y: y, radius: 5, colour: design.colour)
    }

    canvas.text(
      "NEXT GENERATION LEARNING CHARTER", x: centre, y: 88, font: .sans(11, bold: true), colour: design.colour,
      tracking: 3.2)
    canvas.line(from: (centre - 150, 100), to: (centre + 150, 100), colour: design.colour, lineWidth: 0.6)
    canvas.text(
      "Certificate", x: centre, y: 128, font: .serif(15, italic: true), colour: CertificateDesign.muted)
    canvas.text(
      facts.title, x: centre, y: 172,
      font: canvas.fitting(facts.title, font: .serif(38, bold: true), width: 660, minimum: 20),
      colour: design.colour)
    canvas.text(design.levelLine, x: centre, y: 198, font: .sans(11), colour: CertificateDesign.muted, tracking: 0.4)

    canvas.text(
      "This is to certify that", x: centre, y: 240, font: .serif(15, italic: true), colour: CertificateDesign.ink)
    let nameFont = canvas.fitting(facts.schoolName, font: .serif(30, bold: true), width: 640, minimum: 16)
    canvas.text(facts.schoolName, x: centre, y: 282, font: nameFont, colour: CertificateDesign.ink)
    canvas.line(from: (centre - 230, 294), to: (centre + 230, 294), colour: design.accent, lineWidth: 1.2)
    canvas.text(
      "Unique Reference Number \(facts.schoolURN)", x: centre, y: 312, font: .sans(10),
      colour: CertificateDesign.muted)

    let citationFont = CairoCanvas.Font.serif(13.5)
    for (i, line) in canvas.wrap(design.citation, font: citationFont, width: 600).prefix(3).enumerated() {
      canvas.text(line, x: centre, y: 346 + Double(i) * 19, font: citationFont, colour: CertificateDesign.ink)
    }
    canvas.text(
      design.datesLine, x: centre, y: 418, font: .sans(12, bold: true), colour: design.colour)

    // The level's emblem between the certificate's particulars.
    drawEmblem(design, on: canvas, x: centre, y: 488, radius: 46)

    let left = 70.0
    let right = width - 70
    canvas.text(
      "CERTIFICATE NUMBER", x: left, y: 478, font: .sans(8, bold: true), colour: CertificateDesign.muted,
      alignment: .left, tracking: 1.2)
    canvas.text(
      facts.number, x: left, y: 496, font: .sans(13, bold: true), colour: CertificateDesign.ink, alignment: .left)
    canvas.text(
      "Issued \(CertificateDesign.longDate(facts.issuedAt))", x: left, y: 514, font: .sans(10),
      colour: CertificateDesign.muted, alignment: .left)

    canvas.text(
      "VERIFICATION CODE", x: right, y: 478, font: .sans(8, bold: true), colour: CertificateDesign.muted,
      alignment: .right, tracking: 1.2)
    canvas.text(
      VerificationCode.formatted(facts.verificationCode), x: right, y: 496, font: Self.codeFont(13),
      colour: CertificateDesign.ink, alignment: .right)
    canvas.text(
      "Check it with the Charter's certificate verification", x: right, y: 514, font: .sans(10),
      colour: CertificateDesign.muted, alignment: .right)
    canvas.text(
      "Signed by the Charter accreditation service (Ed25519)", x: centre, y: height - 50, font: .sans(7.5),
      colour: CertificateDesign.muted)
  }

  static func codeFont(_ size: Double) -> CairoCanvas.Font {
    CairoCanvas.Font(family: "DejaVu Sans Mono", size: size, bold: true)
  }

  /// The rosette: a disc in the level's colour with one star per level reached.
  static func drawEmblem(_ design: CertificateDesign, on canvas: CairoCanvas, x: Double, y: Double, radius: Double) {
    canvas.fillCircle(x: x, y: y, radius: radius, colour: design.colour)
    canvas.strokeCircle(x: x, y: y, radius: radius - 5, colour: .white, lineWidth: 1.2)
    canvas.text(
      String(design.facts.level.rawValue), x: x, y: y + radius * 0.22, font: .serif(radius * 0.8, bold: true),
      colour: .white)
    drawStars(design, on: canvas, x: x, y: y - radius * 0.52, radius: radius * 0.11, gap: radius * 0.28)
  }

  /// Four stars in a row, those up to the level filled.
  static func drawStars(
    _ design: CertificateDesign, on canvas: CairoCanvas, x: Double, y: Double, radius: Double, gap: Double
  ) {
    for i in 0..<4 {
      let cx = x + (Double(i) - 1.5) * gap
      let filled = i < design.facts.level.rawValue
      canvas.fillStar(
        x: cx, y: y, radius: radius,
        colour: filled ? CertificateDesign.gold : CairoCanvas.Colour(hex: 0xFFFFFF, alpha: 0.35))
    }
  }

  // MARK: the badge

  static func drawBadge(_ design: CertificateDesign, on canvas: CairoCanvas, size: Double) {
    let facts = design.facts
    let centre = size / 2
    let scale = size / 512
    // A scalloped rosette edge, then the disc.
    let points = (0..<64).map { i -> (Double, Double) in
      let r = (i % 2 == 0 ? 250.0 : 238.0) * scale
      let angle = Double(i) * Double.pi / 32
      return (centre + r * cos(angle), centre + r * sin(angle))
    }
    canvas.fillPolygon(points, colour: design.colour)
    canvas.fillCircle(x: centre, y: centre, radius: 222 * scale, colour: design.colour)
    canvas.strokeCircle(x: centre, y: centre, radius: 206 * scale, colour: .white, lineWidth: 3 * scale)
    canvas.strokeCircle(x: centre, y: centre, radius: 198 * scale, colour: design.accent, lineWidth: 1 * scale)

    canvas.text(
      "NEXT GENERATION LEARNING", x: centre, y: 126 * scale, font: .sans(13 * scale, bold: true), colour: .white,
      tracking: 1.6 * scale)
    drawStars(design, on: canvas, x: centre, y: 148 * scale, radius: 13 * scale, gap: 36 * scale)

    let lines = design.badgeTitleLines
    let titleFont = CairoCanvas.Font.serif(lines.count == 3 ? 44 * scale : 50 * scale, bold: true)
    let lineHeight = titleFont.size * 1.08
    let top = 228 * scale - Double(lines.count - 2) * lineHeight * 0.35
    for (i, line) in lines.enumerated() {
      let font = canvas.fitting(line, font: titleFont, width: 330 * scale, minimum: 20 * scale)
      canvas.text(line, x: centre, y: top + Double(i) * lineHeight, font: font, colour: .white)
    }
    var y = top + Double(lines.count) * lineHeight + 4 * scale
    if !design.resultLabel.isEmpty {
      canvas.text(
        design.resultLabel.uppercased(), x: centre, y: y, font: .sans(17 * scale, bold: true),
        colour: design.resultColour, tracking: 1.5 * scale)
      y += 26 * scale
    }
    let nameFont = CairoCanvas.Font.sans(17 * scale, bold: true)
    let nameLines = canvas.wrap(facts.schoolName, font: nameFont, width: 300 * scale).prefix(2)
    for (i, line) in nameLines.enumerated() {
      canvas.text(
        line, x: centre, y: max(y, 356 * scale) + Double(i) * 22 * scale, font: nameFont, colour: design.accent)
    }
    canvas.text(
      VerificationCode.formatted(facts.verificationCode), x: centre, y: 438 * scale, font: Self.codeFont(15 * scale),
      colour: .white)
  }
}
