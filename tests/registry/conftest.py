import datetime
import hashlib

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from certification import services
from certification.models import Certificate, CertificateProduct, Meeting
from halal_portal.models import DocumentStatus, RenderedDocument
from tests.factories import category, normative_document


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The rate limit's counters, the kept answers and the filters' choices start empty in
    every test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def registry_rate(monkeypatch):
    """Sets the registry's rate limit for the test (DRF's throttles read their rates once, when
    they are imported; settings.REGISTRY_API_RATE in production)."""
    from registry.api import RegistryRateThrottle

    def set_rate(rate: str) -> None:
        monkeypatch.setattr(RegistryRateThrottle, "THROTTLE_RATES", {"registry": rate})

    return set_rate


@pytest.fixture
def decided(under_review, secretary, commission):
    """ХП.00001 decided by a real meeting of the commission (its protocol numbered), not yet
    signed by the head (Л.4.6)."""
    from tests.certification.workflow import issue

    issue(under_review, secretary=secretary, members=commission)
    return under_review.certificate


@pytest.fixture
def issued(decided, head):
    """ХП.00001, decided and signed by the head: in the public registry."""
    return services.certificate_sign(certificate=decided, by=head)


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """``with on_commit():`` runs what the block's changes do when their transaction commits
    (the test's own transaction never does): the kept answers are dropped."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def queries_of(client, url: str, params: dict | None = None) -> int:
    """How many SQL queries a GET of ``url`` takes (it must answer 200)."""
    with CaptureQueriesContext(connection) as context:
        assert client.get(url, params or {}).status_code == 200
    return len(context)


def ready_pdf(obj, content: bytes = b"%PDF-1.7\n%%EOF\n") -> RenderedDocument:
    """The PDF of a certificate or an annex, rendered (its render is tested in tests/documents):
    saved as the render task does, so the public record changes as it would."""
    kind = "certificate" if isinstance(obj, Certificate) else "certificate_annex"
    document = RenderedDocument.objects.get(kind=kind, object_id=obj.pk)
    document.file.save(f"{kind}-{obj.pk}.pdf", ContentFile(content), save=False)
    document.sha256 = hashlib.sha256(content).hexdigest()
    document.size = len(content)
    document.status = DocumentStatus.READY
    document.save()
    return document


@pytest.fixture
def make_certificate(organization, applicant, secretary):
    """Registry rows without the workflow, for searches over many certificates."""
    counter = {"n": 100}

    def make(
        *,
        number: str | None = None,
        manufacturer: str = "ООО «Халяль Продукт»",
        country: str = "Россия",
        product: str = "Пахлава медовая",
        code: str = "confectionery",
        valid_to: datetime.date | None = None,
        product_type: str = "",
    ) -> Certificate:
        counter["n"] += 1
        today = timezone.localdate()
        meeting = Meeting.objects.create(
            date=today,
            secretary=secretary,
            state="closed",
            protocol_number=counter["n"],
            protocol_date=today,
        )
        valid_to = valid_to or today + datetime.timedelta(days=300)
        certificate = Certificate.objects.create(
            number=number or f"ХП.{counter['n']:05d}",
            application=services.application_create(organization=organization, by=applicant),
            valid_from=min(today, valid_to) - datetime.timedelta(days=100),
            valid_to=valid_to,
            manufacturer_name=manufacturer,
            manufacturer_address="420000, г. Казань, ул. Баумана, д. 1",
            manufacturer_country=country,
            product_type=product_type,
            category=category(code),
            meeting=meeting,
            head_name="И. Р. Гарипов",
            signed_at=timezone.now(),
        )
        CertificateProduct.objects.create(
            certificate=certificate,
            name=product,
            category=category(code),
            normative_document=normative_document(),
            batch_text="серийное производство",
        )
        certificate.events.create(kind="issued", status=certificate.status, meeting=meeting)
        return certificate

    return make
