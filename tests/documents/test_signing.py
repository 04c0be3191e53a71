"""The body's PAdES signature on the documents it issues (halal_portal/signing.py): made in the
render task, over the whole file, accepted by poppler's pdfsig and pyHanko's validator; a copy
changed after signing is refused with the reason."""

import hashlib
import io
import subprocess
import tempfile

import pytest
from django.core.management import call_command
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from halal_portal import rendering, signing
from halal_portal.models import DocumentStatus, RenderedDocument
from halal_portal.tasks import render_document_task
from tests.certification.workflow import decide

from .archival import pdfa_problems
from .helpers import pdf_text

pytestmark = pytest.mark.django_db

# The reasons are given in the active language (the site's, Russian, in the tests).
CHANGED = "Документ изменён после подписания: его содержимое не совпадает с подписью."

SIGNED_KINDS = {
    "certificate",
    "certificate_annex",
    "protocol",
    "decision_letter",
    "sampling_act",
    "production_act",
    "production_act_acknowledged",
}


def stored(kind: str, obj) -> RenderedDocument:
    document = RenderedDocument.objects.get(kind=kind, object_id=obj.pk)
    render_document_task.delay(document.pk)
    document.refresh_from_db()
    return document


def content(document: RenderedDocument) -> bytes:
    with document.file.open("rb") as f:
        return f.read()


def pdfsig(pdf: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        return subprocess.run(["pdfsig", f.name], capture_output=True, text=True).stdout


def flip_inside_signed_range(pdf: bytes) -> bytes:
    """One byte of the page content changed: inside the first signed range (the whole original
    rendering), well away from the signature's own /Contents hole."""
    changed = bytearray(pdf)
    position = pdf.index(b"stream", len(pdf) // 4) + 20
    changed[position] ^= 0x01
    return bytes(changed)


def test_the_signed_kinds_are_the_bodys_issued_documents():
    signed = {name for name, kind in rendering.kinds().items() if kind.signed}
    assert signed == SIGNED_KINDS


def test_the_stored_certificate_is_signed_and_its_hash_is_of_the_signed_file(certified):
    document = stored("certificate", certified)
    pdf = content(document)
    assert document.status == DocumentStatus.READY
    assert document.sha256 == hashlib.sha256(pdf).hexdigest() and document.size == len(pdf)
    check = signing.verify_signed_pdf(pdf)
    assert check.genuine and check.reason == "" and check.keywords == [certified.number]


def test_signed_pdf_stays_pdfa(certified):
    assert pdfa_problems(content(stored("certificate", certified))) == []


def test_pdfsig_accepts_the_signature(certified):
    report = pdfsig(content(stored("certificate", certified)))
    assert "Signature Validation: Signature is Valid." in report
    assert "Total document signed" in report and "ETSI.CAdES.detached" in report


def test_pyhanko_validator_accepts_the_signature(certified, signing_pair):
    from pyhanko.keys import load_cert_from_pemder

    reader = PdfFileReader(io.BytesIO(content(stored("certificate", certified))))
    root = load_cert_from_pemder(str(signing_pair[1]))
    status = validate_pdf_signature(
        reader.embedded_signatures[0], ValidationContext(trust_roots=[root])
    )
    assert status.bottom_line and status.coverage.name == "ENTIRE_FILE"


def test_protocol_and_decision_letter_are_signed(reviewed, secretary, commission):
    item = decide(reviewed, "refuse", secretary=secretary, members=commission, grounds="Свинина")
    assert signing.verify_signed_pdf(content(stored("protocol", item.meeting))).genuine
    assert signing.verify_signed_pdf(content(stored("decision_letter", item))).genuine


def test_the_application_is_the_applicants_and_is_not_signed(filed):
    check = signing.verify_signed_pdf(content(stored("application", filed)))
    assert not check.genuine and check.reason == "Файл не содержит электронной подписи."


def test_a_re_render_from_the_snapshot_is_signed_again_with_the_same_content(certified):
    first = stored("certificate", certified)
    before = content(first)
    RenderedDocument.objects.filter(pk=first.pk).update(status=DocumentStatus.FAILED)
    again = stored("certificate", certified)
    after = content(again)
    assert signing.verify_signed_pdf(after).genuine
    assert pdf_text(after) == pdf_text(before) and again.sha256 != first.sha256


def test_a_copy_signed_again_is_genuine_though_its_bytes_differ(certified):
    document = stored("certificate", certified)
    copy = rendering.issue_bytes("certificate", document.snapshot)
    assert copy != content(document) and signing.verify_signed_pdf(copy).genuine


def test_one_byte_flipped_inside_the_signed_range_is_refused(certified):
    tampered = flip_inside_signed_range(content(stored("certificate", certified)))
    check = signing.verify_signed_pdf(tampered)
    assert not check.genuine
    assert check.reason == CHANGED


def test_pdfsig_refuses_the_tampered_copy(certified):
    tampered = flip_inside_signed_range(content(stored("certificate", certified)))
    assert "Signature is Valid" not in pdfsig(tampered)


def test_an_update_appended_after_signing_is_refused(certified):
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(content(stored("certificate", certified))))
    info = writer.trailer["/Info"]
    info["/Title"] = writer.trailer["/Info"]["/Author"]
    writer.update_container(info)
    out = io.BytesIO()
    writer.write(out)
    check = signing.verify_signed_pdf(out.getvalue())
    assert not check.genuine
    assert check.reason == "В документ что-то добавлено после подписания."


def test_a_signature_by_another_key_is_refused(certified, tmp_path, settings):
    document = stored("certificate", certified)
    other_key, other_cert = tmp_path / "k.pem", tmp_path / "c.pem"
    signing.create_self_signed(key_path=other_key, cert_path=other_cert, common_name="Подделка")
    body = (settings.PDF_SIGNING_KEY, settings.PDF_SIGNING_CERT)
    settings.PDF_SIGNING_KEY, settings.PDF_SIGNING_CERT = str(other_key), str(other_cert)
    forged = rendering.issue_bytes("certificate", document.snapshot)
    settings.PDF_SIGNING_KEY, settings.PDF_SIGNING_CERT = body
    check = signing.verify_signed_pdf(forged)
    assert not check.genuine
    assert check.reason == "Подпись выполнена не ключом уполномоченной организации."


def test_garbage_is_refused_as_unreadable():
    check = signing.verify_signed_pdf(b"%PDF-1.7 not really")
    assert not check.genuine and check.reason


def test_without_the_key_the_render_fails_instead_of_storing_it_unsigned(
    certified, settings, tmp_path
):
    settings.PDF_SIGNING_KEY = str(tmp_path / "missing.pem")
    document = stored("certificate", certified)
    assert document.status == DocumentStatus.FAILED and not document.file
    assert "SigningNotConfigured" in document.failure_reason


def test_create_signing_key_makes_a_pair_once(settings, tmp_path):
    settings.PDF_SIGNING_KEY = str(tmp_path / "s" / "key.pem")
    settings.PDF_SIGNING_CERT = str(tmp_path / "s" / "cert.pem")
    call_command("create_signing_key", name="Орган", stdout=io.StringIO())
    first = (tmp_path / "s" / "cert.pem").read_bytes()
    call_command("create_signing_key", stdout=io.StringIO())
    assert (tmp_path / "s" / "cert.pem").read_bytes() == first
    assert (tmp_path / "s" / "key.pem").stat().st_mode & 0o077 == 0
    assert signing.body_certificate().subject.human_friendly.endswith("Common Name: Орган")
