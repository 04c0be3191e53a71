"""PAdES signatures of the documents the authorized organization issues, and their check.

The body signs with its own key and certificate (``PDF_SIGNING_KEY`` / ``PDF_SIGNING_CERT``,
PEM files; see .env.example). In production they point at the body's real ones; in the embedded
mode and the tests ``manage.py create_signing_key`` makes a self-signed pair. A signature is a
PAdES baseline B-B signature (ETSI EN 319 142-1: ``/SubFilter /ETSI.CAdES.detached``, the signing
certificate among the signed attributes), added as an incremental update: the PDF/A rendering
stays byte for byte as WeasyPrint wrote it, inside the signed range.

``verify_signed_pdf`` answers whether some bytes are a document the body signed and that nobody
changed since: the signature must cover the whole file, its digest must match, and its signer
must be the body's certificate. A re-signed copy (a re-render of the same snapshot) is genuine
though its bytes differ from the stored copy; a copy changed after signing is refused, with the
reason.

Nothing here renders (WeasyPrint stays in halal_portal/pdf.py) or touches the database.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import logging
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _
from pyhanko.keys import load_cert_from_pemder, load_private_key_from_pemder
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.metadata.model import VENDOR as PRODUCER
from pyhanko.pdf_utils.misc import PdfReadError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.general import get_pyca_cryptography_hash
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

logger = logging.getLogger(__name__)

FIELD_NAME = "Signature1"
SIGNATURE_BYTES = 16384


class SigningNotConfigured(ImproperlyConfigured):
    """The body's key or certificate is missing or unreadable: nothing may be issued unsigned."""


# --- the body's key ---------------------------------------------------------------------------


def key_paths() -> tuple[Path, Path]:
    return Path(settings.PDF_SIGNING_KEY), Path(settings.PDF_SIGNING_CERT)


class BodySigner(signers.SimpleSigner):
    """pyHanko's in-memory signer, with the private key parsed once instead of at every signature:
    cryptography checks an RSA key when it loads it, which cost ~200 ms of each ~250 ms signature
    here (measured with cProfile on this 2-core machine)."""

    _private_key = None

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
        if mechanism.signature_algo != "rsassa_pkcs1v15":
            return super().sign_raw(data, digest_algorithm)
        if self._private_key is None:
            self._private_key = serialization.load_der_private_key(
                self.signing_key.dump(), password=None
            )
        return self._private_key.sign(
            data, PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm)
        )


@lru_cache(maxsize=4)
def _load_signer(key_path: str, cert_path: str, passphrase: str, stamp: tuple) -> BodySigner:
    # ``stamp`` (the files' mtimes) keys the cache: a replaced key is read again.
    try:
        signing_key = load_private_key_from_pemder(
            key_path, passphrase=passphrase.encode() if passphrase else None
        )
        signing_cert = load_cert_from_pemder(cert_path)
    except (OSError, ValueError, TypeError) as error:
        raise SigningNotConfigured(
            f"The signing key {key_path} or certificate {cert_path} could not be read: {error}"
        ) from error
    signer = BodySigner(
        signing_cert=signing_cert,
        signing_key=signing_key,
        cert_registry=SimpleCertificateStore(),
    )
    return signer


def body_signer() -> BodySigner:
    """The signer of the body's documents, read once per process (and again when replaced)."""
    key, cert = key_paths()
    if not key.is_file() or not cert.is_file():
        raise SigningNotConfigured(
            f"The document signing key ({key}) and certificate ({cert}) are missing: set "
            "PDF_SIGNING_KEY and PDF_SIGNING_CERT, or run `manage.py create_signing_key` in the "
            "embedded mode."
        )
    stamp = (key.stat().st_mtime_ns, cert.stat().st_mtime_ns)
    return _load_signer(str(key), str(cert), settings.PDF_SIGNING_KEY_PASSPHRASE, stamp)


def body_certificate() -> asn1_x509.Certificate:
    return body_signer().signing_cert


def create_self_signed(
    *, key_path: Path, cert_path: Path, common_name: str, organization: str = "", days: int = 3650
) -> None:
    """A new RSA-2048 key and a self-signed certificate for it (PEM), for the embedded mode and
    the tests; production uses the body's real certificate. The key file is readable by its owner
    only."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, common_name[:64])]
    if organization:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization[:64]))
    name = x509.Name(attributes)
    now = datetime.datetime.now(tz=datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            # Signing documents (non-repudiation) and, as its own root, its certificate.
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    key_path.parent.mkdir(parents=True, exist_ok=True)
    cert_path.parent.mkdir(parents=True, exist_ok=True)
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key_path.chmod(0o600)
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))


# --- signing ----------------------------------------------------------------------------------


def _align_producer(writer: IncrementalPdfFileWriter) -> None:
    """PDF/A: the Info dictionary and the XMP metadata say the same (ISO 19005-3, 6.6.2.3.1).

    On writing, pyHanko sets the XMP ``pdf:Producer`` to its own name but only appends its name to
    the Info dictionary's ``/Producer`` («WeasyPrint 70.0; pyHanko 0.38.0»); with its name alone
    in both they agree. WeasyPrint stays named as the creator tool (pdf.py sets it)."""
    try:
        info_ref = writer.trailer.raw_get("/Info")
    except KeyError:
        return
    info = info_ref.get_object()
    info["/Producer"] = generic.TextStringObject(PRODUCER)
    writer.mark_update(info_ref)


def sign_pdf(pdf: bytes, *, reason: str = "", location: str = "") -> bytes:
    """``pdf`` with the body's PAdES signature over all of it (an incremental update)."""
    signer = body_signer()
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    _align_producer(writer)
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        subfilter=SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason or None,
        location=location or None,
        name=settings.PDF_SIGNER_NAME or None,
    )
    # Room reserved for the signature container, so pyHanko skips the trial signature it would
    # otherwise make to measure it: an RSA-4096 signature with a chain of three certificates fits.
    out = signers.sign_pdf(writer, meta, signer=signer, bytes_reserved=SIGNATURE_BYTES)
    return out.getvalue()


# --- verification -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SignatureCheck:
    """What ``verify_signed_pdf`` found.

    ``genuine`` — signed by the body's key, intact, nothing added after the signature; ``reason``
    says why not otherwise (in the active language). ``signed_at`` and ``signer`` come from the
    signature; ``title`` and ``keywords`` from the signed document's Info dictionary (the
    keywords of a certificate or an annex carry its number: the registry matches on them).
    """

    genuine: bool
    reason: str = ""
    signer: str = ""
    signed_at: datetime.datetime | None = None
    title: str = ""
    keywords: list[str] = field(default_factory=list)
    sha256: str = ""


def _info_text(reader: PdfFileReader, key: str) -> str:
    try:
        info = reader.trailer_view["/Info"]
    except (KeyError, TypeError):
        return ""
    value = info.get(key) if info is not None else None
    return str(value) if value is not None else ""


def _refuse(reason: str, digest: str, **extra) -> SignatureCheck:
    return SignatureCheck(genuine=False, reason=reason, sha256=digest, **extra)


def verify_signed_pdf(pdf: bytes) -> SignatureCheck:
    """Whether ``pdf`` is a document signed by the body and unchanged since (see the module)."""
    digest = hashlib.sha256(pdf).hexdigest()
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        signatures = reader.embedded_signatures
    except (PdfReadError, ValueError, KeyError, TypeError, IndexError) as error:
        logger.info("Signature check: unreadable PDF (%s)", error)
        return _refuse(_("The file is not a readable PDF."), digest)
    if not signatures:
        return _refuse(_("The file carries no electronic signature."), digest)
    signature = signatures[-1]
    info = {
        "title": _info_text(reader, "/Title"),
        "keywords": [k.strip() for k in _info_text(reader, "/Keywords").split(",") if k.strip()],
    }
    body_cert = body_certificate()
    context = ValidationContext(trust_roots=[body_cert], allow_fetching=False)
    try:
        status = validate_pdf_signature(signature, context)
    except Exception as error:  # noqa: BLE001 — a malformed signature is a refusal, not a 500
        logger.info("Signature check: the signature could not be validated (%s)", error)
        return _refuse(_("The signature is damaged and cannot be checked."), digest, **info)
    signer_cert = status.signing_cert
    signer = signer_cert.subject.human_friendly if signer_cert is not None else ""
    extra = {**info, "signer": signer, "signed_at": status.signer_reported_dt}
    if not status.intact or not status.valid:
        return _refuse(
            _("The document was changed after it was signed: its content no longer matches "
              "the signature."),
            digest,
            **extra,
        )  # fmt: skip
    if signer_cert is None or signer_cert.sha256 != body_cert.sha256:
        return _refuse(
            _("The signature was not made with the key of the authorized organization."),
            digest,
            **extra,
        )
    if signature.coverage is None or signature.coverage.name != "ENTIRE_FILE":
        return _refuse(
            _("Something was added to the document after it was signed."), digest, **extra
        )
    return SignatureCheck(genuine=True, sha256=digest, **extra)
