"""«Check a PDF»: the page's form and the API tell whether a file is the registered PDF of the
certificate or of one of its annexes, store nothing, refuse bad input with a 4xx and count
against the per-IP rate limit."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from certification import services
from tests.certification.workflow import decide
from tests.factories import category, normative_document

from .conftest import ready_pdf

PAGE = reverse("registry:certificate", kwargs={"number": "ХП.00001"})
VERIFY = reverse("registry:certificate-verify", kwargs={"number": "ХП.00001"})
API = reverse("registry-certificate-verify", kwargs={"number": "ХП.00001"})
CONTENT = b"%PDF-1.7\n% the registered certificate\n%%EOF\n"
ANNEX = b"%PDF-1.7\n% annex No. 1\n%%EOF\n"


def upload(content: bytes = CONTENT, name: str = "сертификат.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def verdict(response) -> str:
    """The answer the page gives, in English: «registered», «annex N» or «not»."""
    html = response.content.decode()
    if 'class="message verdict-match"' in html:
        annex = re.search(r"registered PDF of annex No\. (\d+)", html)
        return f"annex {annex.group(1)}" if annex else "registered"
    assert "is not the registered PDF" in html
    return "not"


ERROR = re.compile(r'<p class="message message-error" role="alert">([^<]+)</p>')


def error_on(response) -> str:
    match = ERROR.search(response.content.decode())
    return match.group(1) if match else ""


@pytest.fixture
def registered(issued):
    ready_pdf(issued, CONTENT)
    return issued


@pytest.fixture
def with_annex(registered, under_review, applicant, secretary, commission):
    request = services.annex_request_create(
        certificate=registered,
        by=applicant,
        products=[
            {"name": "Нуга", "category": category(), "normative_document": normative_document()}
        ],
    )
    decide(
        under_review, "issue_annex", secretary=secretary, members=commission, annex_request=request
    )
    ready_pdf(registered.annexes.get(), ANNEX)
    return registered


@pytest.mark.django_db
def test_the_registered_pdf_is_recognised(client, registered):
    response = client.post(VERIFY, {"file": upload()}, HTTP_ACCEPT_LANGUAGE="en")
    assert (response.status_code, verdict(response)) == (200, "registered")


@pytest.mark.django_db
def test_another_file_is_not(client, registered):
    response = client.post(VERIFY, {"file": upload(CONTENT + b" ")}, HTTP_ACCEPT_LANGUAGE="en")
    assert (response.status_code, verdict(response)) == (200, "not")


@pytest.mark.django_db
def test_an_annex_pdf_is_recognised_as_that_annex(client, with_annex):
    response = client.post(VERIFY, {"file": upload(ANNEX)}, HTTP_ACCEPT_LANGUAGE="en")
    assert verdict(response) == "annex 1"


@pytest.mark.django_db
def test_the_answer_is_shown_in_words(client, registered):
    response = client.post(VERIFY, {"file": upload()})
    assert "Этот файл — зарегистрированный PDF сертификата ХП.00001" in response.content.decode()


@pytest.mark.django_db
def test_the_checked_file_is_not_stored(client, registered, settings):
    before = sorted(p.name for p in settings.MEDIA_ROOT.rglob("*"))
    client.post(VERIFY, {"file": upload(b"%PDF-1.7\n" + b"x" * 3_000_000)})  # > memory limit
    assert sorted(p.name for p in settings.MEDIA_ROOT.rglob("*")) == before


@pytest.mark.django_db
def test_a_post_without_a_file_is_400_with_a_message(client, registered):
    response = client.post(VERIFY, {})
    assert response.status_code == 400 and error_on(response)


@pytest.mark.django_db
def test_a_file_over_the_limit_is_413_with_a_message(client, registered, settings):
    settings.REGISTRY_VERIFY_MAX_MB = 1
    response = client.post(VERIFY, {"file": upload(b"%" * (1024 * 1024 + 1))})
    assert response.status_code == 413 and error_on(response)


@pytest.mark.django_db
def test_a_body_declared_over_the_limit_is_refused_unread(registered, settings):
    settings.REGISTRY_VERIFY_MAX_MB = 1
    client = Client(enforce_csrf_checks=True)
    response = client.generic(
        "POST",
        VERIFY,
        b"",
        CONTENT_TYPE="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(5 * 1024 * 1024),
    )
    assert response.status_code == 413


@pytest.mark.django_db
def test_a_malformed_body_is_400(client, registered):
    response = client.generic(
        "POST", VERIFY, b"--xyz\r\ngarbage", content_type="multipart/form-data; boundary=xyz"
    )
    assert response.status_code == 400


@pytest.mark.django_db
def test_the_form_posts_without_a_csrf_token(registered):
    # The page is the same for every anonymous visitor (kept and shared by proxies), so its
    # form carries no token; the check changes nothing, as the API's verify action.
    client = Client(enforce_csrf_checks=True)
    assert 'name="csrfmiddlewaretoken"' not in client.get(PAGE).content.decode()
    response = client.post(VERIFY, {"file": upload()})
    assert (response.status_code, 'class="message verdict-match"' in response.content.decode()) == (
        200,
        True,
    )


@pytest.mark.django_db
def test_the_verdict_is_the_visitors_own(client, registered):
    assert client.post(VERIFY, {"file": upload()})["Cache-Control"] == "private, no-cache"


@pytest.mark.django_db
def test_the_form_is_rate_limited_per_ip(client, registered, registry_rate):
    registry_rate("2/minute")
    responses = [client.post(VERIFY, {"file": upload()}) for _ in range(3)]
    assert [r.status_code for r in responses] == [200, 200, 429]
    assert int(responses[-1]["Retry-After"]) > 0


@pytest.mark.django_db
def test_an_unsigned_certificate_cannot_be_checked(client, decided):
    ready_pdf(decided, CONTENT)
    assert client.post(VERIFY, {"file": upload()}).status_code == 404


@pytest.mark.django_db
def test_the_api_recognises_the_registered_pdf(client, with_annex):
    data = client.post(API, {"file": upload(ANNEX)}).json()
    assert (data["match"], data["document"], data["annex"]) == (True, "annex", 1)


@pytest.mark.django_db
def test_the_api_answers_a_mismatch(client, registered):
    data = client.post(API, {"file": upload(b"%PDF-1.7 forged")}).json()
    assert (data["match"], data["document"]) == (False, None)


@pytest.mark.django_db
def test_the_api_answer_matches_its_documented_schema(client, registered):
    from registry.serializers import RegistryVerifySerializer

    serializer = RegistryVerifySerializer(data=client.post(API, {"file": upload()}).json())
    assert serializer.is_valid(), serializer.errors


@pytest.mark.django_db
def test_the_api_refuses_a_missing_file_with_400(client, registered):
    response = client.post(API, {})
    assert response.status_code == 400 and response.json()["detail"]


@pytest.mark.django_db
def test_the_api_refuses_a_file_over_the_limit_with_413(client, registered, settings):
    settings.REGISTRY_VERIFY_MAX_MB = 1
    response = client.post(API, {"file": upload(b"%" * (1024 * 1024 + 1))})
    assert response.status_code == 413


@pytest.mark.django_db
def test_the_api_shares_the_registry_rate_limit(client, registered, registry_rate):
    registry_rate("2/minute")
    client.get(reverse("registry-certificate-detail", kwargs={"number": "ХП.00001"}))
    client.post(VERIFY, {"file": upload()})
    assert client.post(API, {"file": upload()}).status_code == 429


@pytest.mark.django_db
def test_the_verify_endpoint_is_in_the_openapi_schema(client):
    schema = client.get(reverse("api-schema"), {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/registry/certificates/{number}/verify/"]["post"]
    assert "multipart/form-data" in operation["requestBody"]["content"]


# --- the body's signature (issue 16): a re-signed copy is genuine, a tampered one is refused --


@pytest.fixture
def signed_copy(issued):
    """The certificate's PDF as the body issues it (signed), its stored copy, and a second
    signed rendering of the same snapshot: same document, other bytes."""
    from halal_portal import rendering
    from halal_portal.models import RenderedDocument
    from halal_portal.tasks import render_document_task

    document = RenderedDocument.objects.get(kind="certificate", object_id=issued.pk)
    render_document_task.delay(document.pk)
    document.refresh_from_db()
    return rendering.issue_bytes("certificate", document.snapshot)


def api_for(certificate) -> str:
    return reverse("registry-certificate-verify", kwargs={"number": certificate.number})


@pytest.mark.django_db
def test_a_copy_signed_by_the_body_is_genuine_though_its_bytes_differ(client, issued, signed_copy):
    data = client.post(api_for(issued), {"file": upload(signed_copy)}).json()
    assert (data["match"], data["matched_by"], data["document"]) == (
        True,
        "signature",
        "certificate",
    )


@pytest.mark.django_db
def test_a_signed_copy_changed_after_signing_is_refused_with_the_reason(
    client, issued, signed_copy
):
    from tests.documents.test_signing import CHANGED, flip_inside_signed_range

    data = client.post(
        api_for(issued), {"file": upload(flip_inside_signed_range(signed_copy))}
    ).json()
    assert data["match"] is False
    assert CHANGED in data["message"]
