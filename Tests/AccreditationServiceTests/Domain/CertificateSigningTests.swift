import AccreditationService
import CharterValues
import Testing

/// The signature covers every fact printed on a certificate: change any one and the check
/// fails.
@Suite("Certificate signatures")
struct CertificateSigningTests {
  static let facts = CertificateFacts(
    certificateID: "cert-7kqm2xpa9dht", number: "NGL-2009-L2-000042", verificationCode: "7KQM2XPA9DHT",
    schoolURN: "107654", schoolName: "Horsforth St Margaret's Church of England Primary School", kind: .recognised,
    title: "Recognised for ICT 2009", issuedAt: UTCTime("2009-03-02T10:15:00Z")!,
    validFrom: UTCTime("2009-03-02T10:15:00Z")!, validUntil: UTCTime("2012-03-02T10:15:00Z")!, year: 2009)

  @Test("the canonical text is the documented lines in field order")
  func canonicalText() {
    #expect(
      Self.facts.canonicalText == """
        charter-certificate-v1
        certificate_id=cert-7kqm2xpa9dht
        certificate_number=NGL-2009-L2-000042
        verification_code=7KQM2XPA9DHT
        school_urn=107654
        school_name=Horsforth St Margaret's Church of England Primary School
        kind=CERTIFICATE_KIND_RECOGNISED
        level=CHARTER_LEVEL_RECOGNISED
        title=Recognised for ICT 2009
        issued_at=2009-03-02T10:15:00Z
        valid_from=2009-03-02T10:15:00Z
        valid_until=2012-03-02T10:15:00Z
        year=2009
        award_result=
        award_category=
        mark_award_id=

        """)
  }

  @Test("a signature verifies; any changed fact, another key or a bent signature does not")
  func tampering() throws {
    let signer = try CertificateSigner(privateKeyPEM: CertificateSigner.generatePrivateKeyPEM())
    let signature = try signer.sign(Self.facts)
    #expect(signature.count == 64)
    #expect(signer.verify(Self.facts, signature: signature, keyID: signer.current.keyID))
    var renamed = Self.facts
    renamed.schoolName = "Horsforth Newlaithes Primary School"
    #expect(!signer.verify(renamed, signature: signature, keyID: signer.current.keyID))
    var extended = Self.facts
    extended.validUntil = UTCTime("2015-03-02T10:15:00Z")!
    #expect(!signer.verify(extended, signature: signature, keyID: signer.current.keyID))
    var promoted = Self.facts
    promoted.kind = .ictMark
    #expect(!signer.verify(promoted, signature: signature, keyID: signer.current.keyID))
    var bent = signature
    bent[10] ^= 1
    #expect(!signer.verify(Self.facts, signature: bent, keyID: signer.current.keyID))
    let other = try CertificateSigner(privateKeyPEM: CertificateSigner.generatePrivateKeyPEM())
    #expect(!other.verify(Self.facts, signature: signature, keyID: signer.current.keyID))
    // A rotated key still verifies what it signed.
    let rotated = try CertificateSigner(
      privateKeyPEM: CertificateSigner.generatePrivateKeyPEM(), previousPublicKeyPEMs: [signer.current.pem])
    #expect(rotated.verify(Self.facts, signature: signature, keyID: signer.current.keyID))
    // Checked twice (the second time from memory), still the same answers.
    #expect(signer.verify(Self.facts, signature: signature, keyID: signer.current.keyID))
    #expect(!signer.verify(renamed, signature: signature, keyID: signer.current.keyID))
  }

  @Test("status: valid, expired after its date, revoked once revoked")
  func status() {
    #expect(Self.facts.status(at: UTCTime("2010-01-01T00:00:00Z")!, revokedAt: nil) == .valid)
    #expect(Self.facts.status(at: UTCTime("2012-03-02T10:15:00Z")!, revokedAt: nil) == .expired)
    #expect(
      Self.facts.status(at: UTCTime("2010-01-01T00:00:00Z")!, revokedAt: UTCTime("2009-12-01T00:00:00Z")!) == .revoked)
  }
}
