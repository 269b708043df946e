import CharterValues
public import Contracts
import FoundationEssentials
import Identity
public import RPCCore
import ServiceKit

/// Certificates: listing, the documents rendered on demand, and public verification.
extension AccreditationService {
  public func listCertificates(request: Accreditation.ListCertificatesRequest, context: ServerContext)
    async throws -> Accreditation.ListCertificatesResponse
  {
    let caller = try context.requireCaller()
    let urn = try Self.urn(request.schoolUrn)
    let page = try PageRequest(size: request.pageSize, token: request.pageToken)
    let before = try page.afterKey.map { key -> Int64 in
      guard let n = Int64(key) else {
        throw InvalidField(field: "page_token", reason: "is not a token from a previous page")
      }
      return n
    }
    let rows = try await keeper.certificates(urn: urn, before: before, limit: page.size) { school in
      try Self.authorizeRead(school, caller)
    }
    var response = Accreditation.ListCertificatesResponse(certificates: rows.map(\.certificate))
    response.nextPageToken = page.nextToken(after: rows) { String($0.n) }
    return response
  }

  public func getCertificate(request: Accreditation.GetCertificateRequest, context: ServerContext)
    async throws -> Accreditation.GetCertificateResponse
  {
    let caller = try context.requireCaller()
    let id = try Self.id(request.certificateId, "certificate_id")
    let (record, message) = try await keeper.certificate(id: id) { school in
      guard let school else { throw AccreditationError.certificateNotFound(id: id) }
      try Self.authorizeRead(school, caller)
    }
    let format = request.format
    guard format.isRecognized else { throw InvalidField(field: "format", reason: "is not a certificate format") }
    // Rendering takes milliseconds of CPU: off the connection's event loop.
    let (document, mediaType) = try await withTaskExecutorPreference(globalConcurrentExecutor) {
      try Self.render(record.facts, signature: record.signature, format: format)
    }
    var certificate = message
    certificate.mediaType = mediaType
    certificate.sizeBytes = Int64(document.count)
    return Accreditation.GetCertificateResponse(certificate: certificate, document: document, mediaType: mediaType)
  }

  /// A certificate's document in `format`, with its media type.
  static func render(_ facts: CertificateFacts, signature: [UInt8], format: Accreditation.CertificateFormat) throws
    -> ([UInt8], String)
  {
    switch format {
    case .pngBadge: (try CertificateRenderer.pngBadge(facts), "image/png")
    case .svgBadge: (try CertificateRenderer.svgBadge(facts), "image/svg+xml")
    default: (try CertificateRenderer.pdf(facts, signature: signature), "application/pdf")
    }
  }

  public func verifyCertificate(request: Accreditation.VerifyCertificateRequest, context: ServerContext)
    async throws -> Accreditation.CertificateVerification
  {
    let text = try TextField.required(request.verificationCode, field: "verification_code", max: 40)
    guard let code = VerificationCode.normalised(text) else {
      var verification = Accreditation.CertificateVerification()
      verification.status = .unknown
      verification.checkedAt = Protobuf.Timestamp(keeper.store.now)
      verification.explanation =
        "\"\(text)\" is not a certificate code: codes have twelve letters and digits, such as 7KQM-2XPA-9DHT."
      return verification
    }
    return try await keeper.verify(code: code)
  }

  public func getCertificateSigningKeys(
    request: Accreditation.GetCertificateSigningKeysRequest, context: ServerContext
  ) async throws -> Accreditation.GetCertificateSigningKeysResponse {
    Accreditation.GetCertificateSigningKeysResponse(
      keys: keeper.signer.keys.map { Accreditation.CertificateSigningKey(keyId: $0.keyID, publicKeyPem: $0.pem) })
  }
}
