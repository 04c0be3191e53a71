"""Certificates the label review reads (rows without the workflow: the review only reads them)
and the case table of tests/labelling/cases.yaml."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from django.core.cache import cache
from django.utils import timezone

from certification import services
from certification.models import Certificate, CertificateAnnex, CertificateProduct, Meeting
from labelling.review import Label
from tests.factories import category, normative_document

CASES = yaml.safe_load((Path(__file__).parent / "cases.yaml").read_text())
DECIMALS = ("alcohol_percent", "sign_diameter_mm")


def label_of(case: dict) -> Label:
    data = dict(case["label"])
    for name in DECIMALS:
        if name in data:
            data[name] = Decimal(str(data[name]))
    if "label_date" in data:
        data["label_date"] = datetime.date.fromisoformat(str(data["label_date"]))
    return Label(**data)


def expected(case: dict) -> tuple[str, list[list[str]]]:
    return case["verdict"], [list(f) for f in case["findings"]]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and the knowledge base's generation start afresh in every test."""
    cache.clear()
    yield
    cache.clear()


def _certificate(number, *, organization, applicant, secretary, status="valid", protocol=901):
    meeting = Meeting.objects.create(
        date=datetime.date(2025, 12, 20),
        secretary=secretary,
        state="closed",
        protocol_number=protocol,
        protocol_date=datetime.date(2025, 12, 20),
    )
    certificate = Certificate.objects.create(
        number=number,
        application=services.application_create(organization=organization, by=applicant),
        status=status,
        valid_from=datetime.date(2026, 1, 1),
        valid_to=datetime.date(2027, 12, 31),
        manufacturer_name=organization.full_name,
        manufacturer_address=organization.legal_address,
        manufacturer_country="Россия",
        category=category(),
        meeting=meeting,
        head_name="И. Р. Гарипов",
        signed_at=timezone.now(),
    )
    CertificateProduct.objects.create(
        certificate=certificate,
        name="Пахлава медовая",
        category=category(),
        normative_document=normative_document(),
        batch_text="серийное производство",
    )
    return certificate


@pytest.fixture
def certificates(organization, applicant, secretary):
    """ХП.00901 (valid, with an annex from 01.06.2026) and ХП.00902 (suspended)."""
    valid = _certificate(
        "ХП.00901", organization=organization, applicant=applicant, secretary=secretary
    )
    annex = CertificateAnnex.objects.create(
        certificate=valid,
        number=1,
        meeting=valid.meeting,
        issued_at=datetime.datetime(2026, 6, 1, 10, 0, tzinfo=timezone.get_current_timezone()),
    )
    CertificateProduct.objects.create(
        certificate=valid,
        annex=annex,
        name="Халва подсолнечная",
        category=category(),
        normative_document=normative_document(),
        batch_text="серийное производство",
    )
    suspended = _certificate(
        "ХП.00902",
        organization=organization,
        applicant=applicant,
        secretary=secretary,
        status="suspended",
        protocol=902,
    )
    return valid, suspended
