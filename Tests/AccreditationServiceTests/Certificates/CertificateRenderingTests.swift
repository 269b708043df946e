import AccreditationService
import CharterValues
import Foundation
import TestSupport
import Testing

/// The documents as people get them: a one-page A4 PDF that poppler's `pdftoppm` renders and
/// whose text `pdftotext` reads back (school, level, code), and a badge PNG of the stated size
/// and SVG. With `CHARTER_KEEP_RENDERINGS=DIR` the files are kept in DIR to look at.
@Suite("Certificate documents")
struct CertificateRenderingTests {
  static let issued = UTCTime("2009-03-02T10:15:00Z")!

  static func facts(_ kind: CertificateKind) -> CertificateFacts {
    let (title, until, result, category): (String, UTCTime?, AwardResult?, String) =
      switch kind {
      case .committed: ("Committed to ICT", nil, nil, "")
      case .recognised: ("Recognised for ICT 2009", issued.adding(years: 3), nil, "")
      case .ictMark: ("ICT Mark Accredited", issued.adding(years: 3), nil, "")
      case .excellence:
        ("ICT Excellence Award 2009", nil, .winner, "Leadership, management and collaboration — Primary")
      }
    return CertificateFacts(
      certificateID: "cert-7kqm2xpa9dh\(kind.rawValue)", number: "NGL-2009-L\(kind.rawValue)-000042",
      verificationCode: "7KQM2XPA9DH\(kind.rawValue)", schoolURN: "107654",
      schoolName: "Horsforth St Margaret's Church of England Primary School", kind: kind, title: title,
      issuedAt: issued, validFrom: issued, validUntil: until, year: 2009, awardResult: result, awardCategory: category,
      markAwardID: kind == .ictMark ? "award-2009-0042" : "")
  }

  static func directory() throws -> URL {
    let kept = ProcessInfo.processInfo.environment["CHARTER_KEEP_RENDERINGS"]
    let url =
      kept.map { URL(fileURLWithPath: $0) }
      ?? FileManager.default.temporaryDirectory.appendingPathComponent("certificates-\(UUID())")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Runs a poppler tool and returns its standard output.
  static func run(_ tool: String, _ arguments: [String]) async throws -> String {
    let process = try ChildProcess("/usr/bin/\(tool)", arguments)
    let status = await process.waitForExit(timeout: .seconds(60))
    guard status == 0 else { throw TestFailure("\(tool) exited \(status.map(String.init) ?? "-"): \(process.stderr)") }
    return process.stdout
  }

  @Test(
    "each level's PDF is one A4 page that pdftoppm renders and pdftotext reads: school, level, code",
    arguments: CertificateKind.allCases)
  func pdf(kind: CertificateKind) async throws {
    let facts = Self.facts(kind)
    let document = try CertificateRenderer.pdf(facts, signature: Array(repeating: 7, count: 64))
    #expect(document.starts(with: Array("%PDF-1.5".utf8)))
    let directory = try Self.directory()
    let pdf = directory.appendingPathComponent("certificate-level\(kind.rawValue).pdf")
    try Data(document).write(to: pdf)
    let prefix = directory.appendingPathComponent("certificate-level\(kind.rawValue)").path
    _ = try await Self.run("pdftoppm", ["-png", "-r", "60", pdf.path, prefix])
    let pages = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
      $0.hasPrefix("certificate-level\(kind.rawValue)-") && $0.hasSuffix(".png")
    }
    #expect(pages.count == 1, "pages: \(pages)")
    let text = try await Self.run("pdftotext", ["-layout", pdf.path, "-"])
    let words = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    #expect(words.contains("Horsforth St Margaret's Church of England Primary School"))
    #expect(words.contains(facts.title))
    #expect(words.contains("Level \(kind.rawValue) of the Next Generation Learning Charter"))
    #expect(words.contains(VerificationCode.formatted(facts.verificationCode)))
    #expect(words.contains(facts.number))
    let info = try await Self.run("pdfinfo", [pdf.path])
    let fields = Dictionary(
      info.split(separator: "\n").compactMap { line -> (String, String)? in
        guard let colon = line.firstIndex(of: ":") else { return nil }
        return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
      }, uniquingKeysWith: { first, _ in first })
    #expect(fields["Pages"] == "1")
    #expect(fields["Page size"] == "841.89 x 595.28 pts (A4)")
    if ProcessInfo.processInfo.environment["CHARTER_KEEP_RENDERINGS"] == nil {
      try? FileManager.default.removeItem(at: directory)
    }
  }

  @Test("the same facts render to the same PDF bytes")
  func deterministic() throws {
    let facts = Self.facts(.ictMark)
    #expect(try CertificateRenderer.pdf(facts) == CertificateRenderer.pdf(facts))
  }

  @Test("a badge's PNG is the same whatever was rendered before it (its memory is reused)")
  func badgeMemoryReused() async throws {
    let first = try CertificateRenderer.pngBadge(Self.facts(.ictMark))
    // Others in between, some at once, so reused memory has held other pixels.
    try await withThrowingTaskGroup(of: Void.self) { group in
      for kind in CertificateKind.allCases {
        group.addTask { _ = try CertificateRenderer.pngBadge(Self.facts(kind)) }
      }
      try await group.waitForAll()
    }
    #expect(try CertificateRenderer.pngBadge(Self.facts(.excellence)) != first)
    #expect(try CertificateRenderer.pngBadge(Self.facts(.ictMark)) == first)
  }

  @Test("the badge is a 512 × 512 PNG and an SVG of the same size", arguments: CertificateKind.allCases)
  func badge(kind: CertificateKind) throws {
    let png = try CertificateRenderer.pngBadge(Self.facts(kind))
    #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
    // IHDR: width and height, big-endian, at bytes 16 and 20.
    func word(_ offset: Int) -> Int { png[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
    #expect(Array(png[12..<16]) == Array("IHDR".utf8))
    #expect(word(16) == CertificateRenderer.badgeSize && word(20) == CertificateRenderer.badgeSize)
    #expect(CertificateRenderer.badgeSize == 512)
    let svg = String(decoding: try CertificateRenderer.svgBadge(Self.facts(kind)), as: UTF8.self)
    #expect(svg.hasPrefix("<?xml"))
    #expect(svg.contains("<svg") && svg.contains("width=\"512pt\"") || svg.contains("width=\"512\""))
    if let kept = ProcessInfo.processInfo.environment["CHARTER_KEEP_RENDERINGS"] {
      try Data(png).write(to: URL(fileURLWithPath: kept).appendingPathComponent("badge-level\(kind.rawValue).png"))
      try Data(svg.utf8).write(to: URL(fileURLWithPath: kept).appendingPathComponent("badge-level\(kind.rawValue).svg"))
    }
  }
}

/// The badge's PNG, which the service encodes itself, read back by an independent decoder.
@Suite("Badge PNG encoding")
struct BadgePNGTests {
  @Test("Python's zlib reads the badge: every CRC checks, rows are whole, corners transparent, the badge drawn")
  func independentDecoder() async throws {
    let png = try CertificateRenderer.pngBadge(CertificateRenderingTests.facts(.ictMark))
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("badge-png-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try Data(png).write(to: directory.appendingPathComponent("badge.png"))
    let script = """
      import struct, sys, zlib
      data = open(sys.argv[1], "rb").read()
      assert data[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
      at, chunks = 8, {}
      while at < len(data):
          length, kind = struct.unpack(">I4s", data[at:at + 8])
          body = data[at + 8:at + 8 + length]
          crc, = struct.unpack(">I", data[at + 8 + length:at + 12 + length])
          assert zlib.crc32(kind + body) == crc, kind
          chunks[kind] = chunks.get(kind, b"") + body
          at += 12 + length
      width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
      assert (depth, colour) == (8, 6)
      raw = zlib.decompress(chunks[b"IDAT"])
      assert len(raw) == height * (1 + 4 * width)
      rows = []
      for y in range(height):
          line = bytearray(raw[y * (1 + 4 * width) + 1:(y + 1) * (1 + 4 * width)])
          assert raw[y * (1 + 4 * width)] == 1
          for i in range(4, len(line)):
              line[i] = (line[i] + line[i - 4]) & 0xFF
          rows.append(line)
      alpha = lambda x, y: rows[y][4 * x + 3]
      assert alpha(0, 0) == 0 and alpha(width - 1, height - 1) == 0
      opaque = sum(1 for r in rows for i in range(3, len(r), 4) if r[i] == 255)
      assert opaque > width * height // 10, f"only {opaque} opaque pixels"
      print("PNG OK", width, height, opaque)
      """
    try Data(script.utf8).write(to: directory.appendingPathComponent("check.py"))
    let check = try ChildProcess.python(
      directory.appendingPathComponent("check.py").path, [directory.appendingPathComponent("badge.png").path])
    #expect(await check.waitForExit() == 0, "\(check.stderr)")
    #expect(check.stdout.hasPrefix("PNG OK 512 512"), "\(check.stdout)")
  }
}
