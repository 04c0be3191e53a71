"""Every issued PDF is PDF/A-3b with its metadata (halal_portal/pdf.py); see archival.py for what
is checked and why veraPDF is not used."""

import io

import pytest
from pypdf import PdfReader

from certification import services
from halal_portal import pdf
from halal_portal.models import RenderedDocument
from halal_portal.rendering import render_bytes
from tests.audits.conftest import (  # noqa: F401
    filled_act,
    sent_act,
    signed_production_act,
    submitted_act,
)
from tests.certification.workflow import decide, issue

from .archival import pdfa_problems, xmp_text, xmp_value
from .conftest import BODY_NAME

pytestmark = pytest.mark.django_db


def rendered_kinds() -> dict[str, bytes]:
    """The unsigned PDF of every document of the database, by kind (the first of each)."""
    found = {}
    for document in RenderedDocument.objects.order_by("pk"):
        found.setdefault(document.kind, render_bytes(document.kind, document.snapshot))
    return found


def test_every_certification_document_is_pdfa_3b(reviewed, secretary, commission):
    services.conclusion_save(
        application=reviewed, by=secretary, outcome="production_check", text="Да."
    )
    issue(reviewed, secretary=secretary, members=commission)
    decide(
        reviewed,
        "suspend_certificate",
        secretary=secretary,
        members=commission,
        grounds="Нарушение маркировки",
    )
    documents = rendered_kinds()
    assert {"application", "conclusion", "protocol", "certificate", "decision_letter"} <= set(
        documents
    )
    assert {kind: pdfa_problems(pdf) for kind, pdf in documents.items()} == dict.fromkeys(
        documents, []
    )


def test_the_certificate_annex_is_pdfa_3b(with_type):
    documents = rendered_kinds()
    assert pdfa_problems(documents["certificate_annex"]) == []


def test_production_check_documents_are_pdfa_3b(signed_act):
    documents = rendered_kinds()
    assert {"check_program", "sampling_act"} <= set(documents)
    assert {kind: pdfa_problems(pdf) for kind, pdf in documents.items()} == dict.fromkeys(
        documents, []
    )


@pytest.mark.usefixtures("sent_act")
def test_the_production_check_act_is_pdfa_3b():
    documents = rendered_kinds()
    assert "production_act" in documents
    assert {kind: pdfa_problems(pdf) for kind, pdf in documents.items()} == dict.fromkeys(
        documents, []
    )


def test_metadata_names_the_document_its_body_and_its_date(certified):
    document = RenderedDocument.objects.get(kind="certificate", object_id=certified.pk)
    reader = PdfReader(io.BytesIO(render_bytes("certificate", document.snapshot)))
    info = reader.metadata
    assert info["/Title"] == (
        f"Сертификат на право маркировки знаком «Халяль» № {certified.number}"
    )
    assert info["/Author"] == BODY_NAME and info["/Keywords"] == certified.number
    assert info["/Subject"] == "Сертификат на право маркировки знаком «Халяль»"
    assert info["/CreationDate"] == f"D:{certified.issued_at:%Y%m%d}"
    assert xmp_value(xmp_text(reader), "xmp:CreateDate") == f"{certified.issued_at:%Y-%m-%d}"


def test_the_application_carries_its_submission_date(filed):
    document = RenderedDocument.objects.get(kind="application", object_id=filed.pk)
    info = PdfReader(io.BytesIO(render_bytes("application", document.snapshot))).metadata
    assert info["/CreationDate"] == f"D:{filed.submitted_at.astimezone():%Y%m%d}"


def test_a_title_made_of_pieces_is_one_line(certified, secretary, commission):
    letter = decide(
        certified.application,
        "withdraw_certificate",
        secretary=secretary,
        members=commission,
        grounds="Нарушение",
    )
    document = RenderedDocument.objects.get(kind="decision_letter", object_id=letter.pk)
    title = PdfReader(io.BytesIO(render_bytes("decision_letter", document.snapshot))).metadata[
        "/Title"
    ]
    assert title == (
        f"Решение о прекращении действия сертификата — сертификат № {certified.number}"
    )


def test_empty_metadata_leaves_no_empty_entries():
    output = pdf.html_to_pdf(
        '<html lang="ru"><head><title>Т</title><meta name="author" content="">'
        '<meta name="keywords" content=""></head><body>Т</body></html>'
    )
    info = PdfReader(io.BytesIO(output)).metadata
    assert "/Author" not in info and "/Keywords" not in info
