"""The applicant's pages: upload refusals, submit refusals, read-only after submit."""

from django.urls import reverse

from certification.models import DocumentType, DossierFile
from tests.factories import add_product
from tests.files import pdf_bytes, pdf_upload


def upload_url(application):
    return reverse("certification:document-upload", kwargs={"pk": application.pk})


def stored_files(settings):
    root = settings.MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_upload_accepts_a_pdf(client, applicant, draft):
    client.force_login(applicant)
    doc_type = DocumentType.objects.get(code="legal-status")
    response = client.post(
        upload_url(draft), {"document_type": doc_type.pk, "files": [pdf_upload("устав.pdf")]}
    )
    assert response.status_code == 302
    assert draft.files.get().original_name == "устав.pdf"


def test_bad_file_is_named_with_its_reason_and_not_stored(client, applicant, draft, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(applicant)
    doc_type = DocumentType.objects.get(code="legal-status")
    bad = SimpleUploadedFile("вирус.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    response = client.post(
        upload_url(draft),
        {"document_type": doc_type.pk, "files": [bad]},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400
    assert "вирус.pdf" in response.json()["errors"][0]
    assert not DossierFile.objects.exists() and not stored_files(settings)


def test_good_files_are_kept_beside_a_bad_one(client, applicant, draft):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(applicant)
    doc_type = DocumentType.objects.get(code="legal-status")
    files = [pdf_upload("a.pdf"), SimpleUploadedFile("b.pdf", b""), pdf_upload("c.pdf")]
    response = client.post(
        upload_url(draft),
        {"document_type": doc_type.pk, "files": files},
        HTTP_ACCEPT="application/json",
    )
    assert [f["name"] for f in response.json()["saved"]] == ["a.pdf", "c.pdf"]
    assert len(response.json()["errors"]) == 1


def test_download_has_attachment_disposition(client, applicant, complete_draft):
    client.force_login(applicant)
    dossier_file = complete_draft.files.first()
    url = reverse(
        "certification:document-download",
        kwargs={"pk": complete_draft.pk, "file_pk": dossier_file.pk},
    )
    response = client.get(url)
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == pdf_bytes()


def test_submit_refused_lists_what_is_missing(client, applicant, draft):
    client.force_login(applicant)
    response = client.post(
        reverse("certification:application-submit", kwargs={"pk": draft.pk}), follow=True
    )
    text = response.content.decode()
    assert "8.7" in text and "8.8" in text
    draft.refresh_from_db()
    assert draft.state == "draft"


def test_submit_shows_the_timeline(client, applicant, complete_draft):
    client.force_login(applicant)
    response = client.post(
        reverse("certification:application-submit", kwargs={"pk": complete_draft.pk}),
        follow=True,
    )
    assert response.context["application"].state == "submitted"
    assert [t.target for t in response.context["timeline"]] == ["draft", "submitted"]


def test_submitted_application_steps_are_read_only(client, applicant, complete_draft):
    from certification import services

    services.application_submit(application=complete_draft, by=applicant)
    client.force_login(applicant)
    url = reverse(
        "certification:application-step", kwargs={"pk": complete_draft.pk, "step": "products"}
    )
    assert client.get(url).status_code == 302
    response = client.post(
        upload_url(complete_draft),
        {"document_type": DocumentType.objects.get(code="branches").pk, "files": [pdf_upload()]},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400


def test_product_needs_batch_or_serial_production(client, applicant, draft):
    # Л.4.4: «серийное производство» or the batch data.
    from tests.factories import category, normative_document

    client.force_login(applicant)
    url = reverse("certification:application-step", kwargs={"pk": draft.pk, "step": "products"})
    response = client.post(
        url,
        {
            "save_product": "1",
            "product-name": "Халва",
            "product-category": category().pk,
            "product-normative_document": normative_document().pk,
        },
    )
    assert response.status_code == 400
    assert not draft.products.exists()


def test_wizard_pages_render(client, applicant, complete_draft):
    client.force_login(applicant)
    add_product(complete_draft, applicant, name="Халва")
    for step in ("organization", "products", "documents", "declaration", "review"):
        url = reverse(
            "certification:application-step", kwargs={"pk": complete_draft.pk, "step": step}
        )
        assert client.get(url).status_code == 200, step


def test_queue_is_for_the_secretary(client, applicant, secretary):
    url = reverse("certification:queue")
    client.force_login(applicant)
    assert client.get(url).status_code == 403
    client.force_login(secretary)
    assert client.get(url).status_code == 200


def test_secretary_returns_with_remarks(client, applicant, secretary, complete_draft):
    from certification import services

    services.application_submit(application=complete_draft, by=applicant)
    client.force_login(secretary)
    client.post(
        reverse("certification:application-remarks", kwargs={"pk": complete_draft.pk}),
        {"return-comment": "Приложите протоколы испытаний текущего года"},
    )
    complete_draft.refresh_from_db()
    assert complete_draft.state == "returned"


def test_a_product_name_evoking_a_haram_product_is_refused(client, applicant, draft):
    # GOST 7.2: the name must not evoke ham, bacon, beer, rum...; nothing is stored.
    from tests.factories import category, normative_document

    client.force_login(applicant)
    url = reverse("certification:application-step", kwargs={"pk": draft.pk, "step": "products"})
    response = client.post(
        url,
        {
            "save_product": "1",
            "product-name": "Ветчина из индейки",
            "product-category": category().pk,
            "product-normative_document": normative_document().pk,
            "product-serial_production": "on",
        },
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert response.status_code == 400
    assert "ГОСТ 7.2" in response.content.decode()
    assert not draft.products.exists()
