"""A stock grpcio client (PyPI) for `charter.accreditation.v1.Accreditation`, written only from
the protos in `proto/`: it reads a school's Charter standing and certificates with the head's
token, verifies a certificate with no token (as the public would), rebuilds the signed
canonical text documented on `CertificateFacts` and checks the Ed25519 signature with the key
from GetCertificateSigningKeys, and provokes the documented errors. Prints `PASS <case>` or
`FAIL <case>: why` for each; exits 0 only when every case passes.

Usage: accreditation_client.py --port N --token T --school-urn U --school-name NAME
                               --verification-code CODE --other-school-urn U2
"""
import argparse
import datetime
import os
import sys
import tempfile

import grpc
from grpc_tools import protoc

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
PROTOS = ["charter/common/v1/common.proto", "charter/accreditation/v1/accreditation.proto"]


def load():
    """Generates the Python modules for the accreditation protos into a temporary directory."""
    out = tempfile.mkdtemp(prefix="charter-accreditation-py-")
    import grpc_tools

    well_known = os.path.join(os.path.dirname(grpc_tools.__file__), "_proto")
    args = ["protoc", f"-I{os.path.join(REPO, 'proto')}", f"-I{well_known}", f"--python_out={out}", f"--grpc_python_out={out}"]
    if protoc.main(args + PROTOS) != 0:
        raise SystemExit("grpc_tools.protoc failed to generate the accreditation protos")
    sys.path.insert(0, out)
    from charter.common.v1 import common_pb2
    from charter.accreditation.v1 import accreditation_pb2, accreditation_pb2_grpc

    return common_pb2, accreditation_pb2, accreditation_pb2_grpc


def canonical_text(facts, accreditation, common):
    """The text the signature covers, rebuilt from the contract's documentation alone."""

    def instant(field):
        if not facts.HasField(field):
            return ""
        seconds = getattr(facts, field).seconds
        return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

    def enum_name(enum, value):
        return "" if value == 0 else enum.Name(value)

    lines = [
        "charter-certificate-v1",
        f"certificate_id={facts.certificate_id}",
        f"certificate_number={facts.certificate_number}",
        f"verification_code={facts.verification_code}",
        f"school_urn={facts.school_urn}",
        f"school_name={facts.school_name}",
        f"kind={enum_name(accreditation.CertificateKind, facts.kind)}",
        f"level={enum_name(common.CharterLevel, facts.level)}",
        f"title={facts.title}",
        f"issued_at={instant('issued_at')}",
        f"valid_from={instant('valid_from')}",
        f"valid_until={instant('valid_until')}",
        f"year={facts.year}",
        f"award_result={enum_name(accreditation.AwardResult, facts.award_result)}",
        f"award_category={facts.award_category}",
        f"mark_award_id={facts.mark_award_id}",
    ]
    return "".join(line + "\n" for line in lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--school-urn", required=True)
    parser.add_argument("--school-name", required=True)
    parser.add_argument("--verification-code", required=True)
    parser.add_argument("--other-school-urn", required=True)
    options = parser.parse_args()
    common, accreditation, accreditation_grpc = load()

    channel = grpc.insecure_channel(f"127.0.0.1:{options.port}")
    stub = accreditation_grpc.AccreditationStub(channel)
    auth = [("authorization", f"Bearer {options.token}")]
    failures = []
    state = {}

    def case(name, body):
        try:
            body()
            print(f"PASS {name}", flush=True)
        except Exception as error:  # a failed case is reported, the others still run
            failures.append(name)
            print(f"FAIL {name}: {error!r}", flush=True)

    def expect(condition, message):
        if not condition:
            raise AssertionError(message)

    def expect_status(code, body):
        try:
            body()
        except grpc.RpcError as error:
            expect(error.code() == code, f"expected {code}, got {error.code()}: {error.details()}")
            return
        raise AssertionError(f"expected {code}, the call succeeded")

    def standing():
        found = stub.GetCharterStanding(accreditation.GetCharterStandingRequest(school_urn=options.school_urn), metadata=auth, timeout=10)
        expect(found.level == common.CHARTER_LEVEL_COMMITTED, f"level {common.CharterLevel.Name(found.level)}")
        expect(found.school_name == options.school_name, f"name {found.school_name!r}")
        expect(found.HasField("commit_deadline"), "no commitment deadline")
        committed = found.history[0].changed_at.seconds
        deadline = datetime.datetime.fromtimestamp(found.commit_deadline.seconds, datetime.timezone.utc)
        start = datetime.datetime.fromtimestamp(committed, datetime.timezone.utc)
        expect(deadline.year - start.year == 3, f"deadline {deadline} is not three years after {start}")
        expect([h.to_level for h in found.history] == [common.CHARTER_LEVEL_COMMITTED], f"history {found.history}")

    def certificates():
        listed = stub.ListCertificates(accreditation.ListCertificatesRequest(school_urn=options.school_urn), metadata=auth, timeout=10)
        kinds = [c.kind for c in listed.certificates]
        expect(kinds == [accreditation.CERTIFICATE_KIND_COMMITTED], f"kinds {kinds}")
        expect(listed.certificates[0].verification_code.replace("-", "") == options.verification_code.replace("-", ""),
               "a different verification code")
        pdf = stub.GetCertificate(accreditation.GetCertificateRequest(
            certificate_id=listed.certificates[0].certificate_id, format=accreditation.CERTIFICATE_FORMAT_PDF), metadata=auth, timeout=10)
        expect(pdf.document.startswith(b"%PDF") and pdf.media_type == "application/pdf", f"not a PDF: {pdf.media_type}")

    def verify_valid():
        checked = stub.VerifyCertificate(accreditation.VerifyCertificateRequest(verification_code=options.verification_code), timeout=10)
        expect(checked.status == accreditation.VERIFICATION_STATUS_VALID, f"status {checked.status}: {checked.explanation}")
        expect(checked.facts.school_urn == options.school_urn and checked.facts.school_name == options.school_name, "facts")
        expect(checked.facts.kind == accreditation.CERTIFICATE_KIND_COMMITTED, f"kind {checked.facts.kind}")
        expect(len(checked.signature) == 64, f"an Ed25519 signature is 64 bytes, not {len(checked.signature)}")
        state["verification"] = checked

    def verify_lenient_code():
        typed = options.verification_code.replace("-", "").lower()
        typed = " ".join(typed[i:i + 4] for i in range(0, len(typed), 4))
        checked = stub.VerifyCertificate(accreditation.VerifyCertificateRequest(verification_code=typed), timeout=10)
        expect(checked.status == accreditation.VERIFICATION_STATUS_VALID, f"{typed!r}: status {checked.status}")

    def verify_unknown():
        checked = stub.VerifyCertificate(accreditation.VerifyCertificateRequest(verification_code="ZZZZ-ZZZZ-ZZZZ"), timeout=10)
        expect(checked.status == accreditation.VERIFICATION_STATUS_UNKNOWN, f"status {checked.status}")
        expect(not checked.HasField("facts"), "facts for an unknown code")

    def signing_key_verifies():
        from cryptography.hazmat.primitives.serialization import load_pem_public_key
        from cryptography.exceptions import InvalidSignature

        checked = state["verification"]
        keys = stub.GetCertificateSigningKeys(accreditation.GetCertificateSigningKeysRequest(), timeout=10)
        key = next(k for k in keys.keys if k.key_id == checked.signing_key_id)
        public_key = load_pem_public_key(key.public_key_pem.encode())
        text = canonical_text(checked.facts, accreditation, common).encode()
        public_key.verify(checked.signature, text)  # raises InvalidSignature when it does not verify
        try:
            public_key.verify(checked.signature, text.replace(options.school_name.encode(), b"Forged Academy"))
        except InvalidSignature:
            return
        raise AssertionError("the signature verified over changed facts")

    case("standing", standing)
    case("certificates", certificates)
    case("verify_valid", verify_valid)
    case("verify_lenient_code", verify_lenient_code)
    case("verify_unknown", verify_unknown)
    case("signing_key_verifies", signing_key_verifies)
    case("other_school_permission_denied", lambda: expect_status(
        grpc.StatusCode.PERMISSION_DENIED,
        lambda: stub.GetCharterStanding(accreditation.GetCharterStandingRequest(school_urn=options.other_school_urn), metadata=auth, timeout=10)))
    case("unknown_school_not_found", lambda: expect_status(
        grpc.StatusCode.NOT_FOUND,
        lambda: stub.GetCharterStanding(accreditation.GetCharterStandingRequest(school_urn="999998"), metadata=auth, timeout=10)))
    case("no_token_unauthenticated", lambda: expect_status(
        grpc.StatusCode.UNAUTHENTICATED,
        lambda: stub.GetCharterStanding(accreditation.GetCharterStandingRequest(school_urn=options.school_urn), timeout=10)))
    case("bad_urn_invalid_argument", lambda: expect_status(
        grpc.StatusCode.INVALID_ARGUMENT,
        lambda: stub.GetCharterStanding(accreditation.GetCharterStandingRequest(school_urn="not-a-urn"), metadata=auth, timeout=10)))
    channel.close()
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
