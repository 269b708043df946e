internal import ArgumentParser
internal import Contracts
internal import RPCCore

/// `charter accreditation certificates URN`.
struct CertificatesCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "certificates", abstract: "List a school's certificates, newest first, with their status and codes.")

  @Argument(help: "The school's URN.", transform: ArgumentParsing.urn) var urn: String
  @OptionGroup var paging: AccreditationPaging
  @OptionGroup(title: "Connection options") var connection: AccreditationConnectionOptions

  func run() async throws {
    let request = Accreditation.ListCertificatesRequest(
      schoolUrn: urn, pageSize: paging.pageSize, pageToken: paging.pageToken)
    let page = try await connection.withAccreditation { accreditation in
      try await accreditation.client.listCertificates(request, options: accreditation.callOptions)
    }
    ResultPrinter.print(json: connection.json, page) { page.certificates.map(AccreditationText.certificateLine) }
    AccreditationPaging.footer(page.nextPageToken, json: connection.json)
  }
}

/// `charter accreditation certificate URN --out file.pdf`: saves the certificate of the
/// school's current level (or of `--kind`, or `--id`) as a PDF, or its badge as PNG or SVG.
struct CertificateCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "certificate",
    abstract: "Save a school's certificate as an A4 PDF, or its badge as PNG or SVG.",
    discussion: """
      Without --kind or --id, the newest valid certificate of the school's highest level. The \
      format follows --out's extension (.pdf, .png, .svg) unless --format says otherwise.
      """)

  @Argument(help: "The school's URN.", transform: ArgumentParsing.urn) var urn: String
  @Option(help: ArgumentHelp("The file to write.", valueName: "file")) var out: String
  @Option(
    help: ArgumentHelp("committed, recognised, ict-mark or excellence-award.", valueName: "kind"),
    transform: AccreditationArgumentParsing.kind)
  var kind: Accreditation.CertificateKind?
  @Option(help: ArgumentHelp("A certificate id, from `certificates`.", valueName: "id")) var id: String?
  @Option(help: ArgumentHelp("pdf, png or svg.", valueName: "format"), transform: AccreditationArgumentParsing.format)
  var format: Accreditation.CertificateFormat?
  @OptionGroup(title: "Connection options") var connection: AccreditationConnectionOptions

  func validate() throws {
    guard format != nil || AccreditationSyntax.format(forFile: out) != nil else {
      throw ValidationError("say --format pdf, png or svg, or give --out a .pdf, .png or .svg name")
    }
    guard kind == nil || id == nil else { throw ValidationError("pass --kind or --id, not both") }
  }

  func run() async throws {
    let format = self.format ?? AccreditationSyntax.format(forFile: out) ?? .pdf
    let response = try await connection.withAccreditation { accreditation in
      var certificateID = id ?? ""
      if certificateID.isEmpty {
        let all = try await accreditation.client.listCertificates(
          .init(schoolUrn: urn, pageSize: 1000), options: accreditation.callOptions
        ).certificates
        guard let chosen = Self.choose(all, kind: kind) else {
          throw CommandFailure(
            "school \(urn) has no \(kind.map { AccreditationSyntax.word($0, prefix: "CERTIFICATE_KIND_") + " " } ?? "")certificate"
          )
        }
        certificateID = chosen.certificateId
      }
      return try await accreditation.client.getCertificate(
        .init(certificateId: certificateID, format: format), options: accreditation.callOptions)
    }
    do {
      try Files.write(bytes: response.document, to: out)
    } catch {
      throw CommandFailure("cannot write the certificate: \(error)")
    }
    if connection.json {
      Console.output(response.certificate?.protoJSON() ?? "{}")
    } else {
      Console.output(
        "wrote \(out) (\(response.mediaType), \(response.document.count) bytes): "
          + (response.certificate.map(AccreditationText.certificateLine) ?? ""))
    }
  }

  /// The certificate asked for: the newest of `kind`, else the newest valid one of the
  /// highest kind, else the newest.
  static func choose(_ all: [Accreditation.Certificate], kind: Accreditation.CertificateKind?)
    -> Accreditation.Certificate?
  {
    let newestFirst = all.sorted { ($0.issuedAt?.seconds ?? 0) > ($1.issuedAt?.seconds ?? 0) }
    if let kind { return newestFirst.first { $0.kind == kind } }
    let valid = newestFirst.filter { $0.status == .valid }
    return valid.max { $0.kind.rawValue < $1.kind.rawValue } ?? newestFirst.first
  }
}

/// `charter accreditation verify CODE`: what anyone can check, no token needed.
struct VerifyCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract:
      "Check a verification code: valid, expired, revoked or unknown, with the signed facts (exit 3 unless valid).")

  @Argument(help: "The verification code printed on the certificate.") var code: String
  @OptionGroup(title: "Connection options") var connection: AccreditationConnectionOptions

  func run() async throws {
    let verification = try await connection.withAccreditation { accreditation in
      try await accreditation.client.verifyCertificate(
        .init(verificationCode: code), options: accreditation.callOptions)
    }
    ResultPrinter.print(json: connection.json, verification) { AccreditationText.verification(verification) }
    if verification.status != .valid { throw ExitCode(3) }
  }
}

/// `charter accreditation signing-keys`: the public keys certificates are signed with.
struct SigningKeysCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "signing-keys", abstract: "Print the Ed25519 public keys certificates are signed with (PEM).")

  @OptionGroup(title: "Connection options") var connection: AccreditationConnectionOptions

  func run() async throws {
    let keys = try await connection.withAccreditation { accreditation in
      try await accreditation.client.getCertificateSigningKeys(.init(), options: accreditation.callOptions)
    }
    ResultPrinter.print(json: connection.json, keys) {
      keys.keys.flatMap { ["# key \($0.keyId)"] + $0.publicKeyPem.split(separator: "\n").map(String.init) }
    }
  }
}

/// `charter accreditation events`: the accreditation event feed, one line per event.
struct AccreditationEventsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "events",
    abstract: "Print accreditation events, one per line (JSON lines with --json).",
    discussion: """
      Without --follow the feed is read up to its current end; with --follow it stays open \
      until interrupted. Every school's events are for programme admins and services; \
      --school narrows the feed to one school, which its own people may read.
      """)

  @Option(help: ArgumentHelp("Only events with a larger sequence number.", valueName: "n")) var after: Int64 = 0
  @Option(help: ArgumentHelp("Only events about this school.", valueName: "urn"), transform: ArgumentParsing.urn)
  var school: String?
  @Flag(help: "Keep streaming live events until interrupted.") var follow = false
  @OptionGroup(title: "Connection options") var connection: AccreditationConnectionOptions

  func validate() throws {
    guard after >= 0 else { throw ValidationError("--after must not be negative") }
  }

  func run() async throws {
    let request = Accreditation.StreamEventsRequest(afterSequence: after, stopAtHead: !follow, schoolUrn: school ?? "")
    let json = connection.json
    let follow = self.follow
    let count = try await connection.withAccreditation { accreditation in
      try await accreditation.client.streamEvents(
        request, options: follow ? accreditation.streamingOptions : accreditation.callOptions
      ) { events in
        var count = 0
        for try await event in events {
          Console.output(json ? event.protoJSON() : AccreditationText.eventLine(event))
          count += 1
          if follow { Console.flushOutput() }
        }
        return count
      }
    }
    if !json, count == 0 { Console.error("no events after \(after)") }
  }
}
