"""Defence in depth in the browser: a Content-Security-Policy without inline scripts on every
page, Permissions-Policy, Cross-Origin-Resource-Policy, and nothing a logged-in user is shown left
in a cache; stored files go out as inert attachments under a clean name."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from certification import services
from certification.models import DocumentType
from halal_portal.downloads import download_name
from tests.files import pdf_bytes

# An inline handler (onclick=…), an inline <script> with code, or a style attribute.
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>")
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle\s*=", re.IGNORECASE)


def directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in policy.split(";") if " " in part.strip())


@pytest.mark.django_db
def test_every_page_has_a_policy_without_inline_scripts(client):
    policy = directives(client.get(reverse("home")))
    assert "'self'" in policy["script-src"]
    assert "unsafe-inline" not in policy["script-src"]
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"


@pytest.mark.django_db
def test_pages_carry_the_permissions_and_resource_policies(client):
    response = client.get(reverse("registry:search"))
    assert "geolocation=()" in response["Permissions-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


@pytest.mark.django_db
def test_a_logged_in_users_page_is_not_stored_in_any_cache(client, applicant):
    client.force_login(applicant)
    cache_control = client.get(reverse("accounts:organization"))["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control


@pytest.mark.django_db
def test_an_anonymous_page_is_not_marked_no_store(client):
    assert "no-store" not in client.get(reverse("home")).get("Cache-Control", "")


def test_the_pages_a_user_walks_have_no_inline_script_handler_or_style(client, complete_draft):
    client.force_login(complete_draft.created_by)
    urls = [
        reverse("home"),
        reverse("dashboard"),
        reverse("registry:search"),
        reverse("certification:application-list"),
        complete_draft.get_absolute_url(),
        reverse(
            "certification:application-step", kwargs={"pk": complete_draft.pk, "step": "documents"}
        ),
    ]
    for url in urls:
        html = client.get(url, follow=True).content.decode()
        assert not INLINE_HANDLER.search(html), url
        assert not INLINE_SCRIPT.search(html), url
        assert not STYLE_ATTRIBUTE.search(html), url


@pytest.mark.django_db
def test_the_api_docs_allow_inline_styles_but_still_no_inline_scripts(client):
    response = client.get(reverse("api-docs"))
    assert response.status_code == 200
    policy = directives(response)
    assert "unsafe-inline" in policy["style-src"]
    assert "unsafe-inline" not in policy["script-src"]
    assert not INLINE_SCRIPT.search(response.content.decode())


@pytest.mark.parametrize(
    ("name", "content_type", "expected"),
    [
        ("report.html", "application/pdf", "report.pdf"),
        ("Акт.PDF", "application/pdf", "Акт.PDF"),
        ("photo.jpeg", "image/jpeg", "photo.jpeg"),
        ("scan", "image/png", "scan.png"),
        ("invoice\u202efdp.exe", "application/pdf", "invoicefdp.pdf"),
        ("a\x07b.tif", "image/tiff", "ab.tif"),
    ],
)
def test_a_download_is_named_by_its_detected_type_without_control_characters(
    name, content_type, expected
):
    assert download_name(name, content_type) == expected


def test_a_polyglot_uploaded_as_html_downloads_as_an_inert_pdf(client, draft, applicant):
    client.force_login(applicant)
    doc_type = DocumentType.objects.filter(signed_online=False).first()
    dossier_file = services.dossier_file_add(
        application=draft,
        document_type=doc_type,
        upload=SimpleUploadedFile("page.html", pdf_bytes(), content_type="text/html"),
        by=applicant,
    )
    response = client.get(
        reverse(
            "certification:document-download",
            kwargs={"pk": draft.pk, "file_pk": dossier_file.pk},
        )
    )
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="page.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox")
