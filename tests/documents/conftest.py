"""An applicant with realistic Russian data taken through the whole workflow, so that every
document of the certification exists: application, conclusion, protocols, letters, certificate
and its annexes."""

import datetime

import pytest
from django.utils import timezone

from certification import rules, services

# The production check at each step (Annex Д approved, Annex Е signed, the act of Annex Ж drawn
# up), shared with tests/audits.
from tests.audits.conftest import (  # noqa: F401
    act,
    act_check,
    approved,
    auditor,
    in_check,
    production_act,
    program,
    ready_program,
    second_member,
    signed_act,
    started,
)
from tests.certification.workflow import decide, issue
from tests.factories import add_product, complete_application, normative_document

BODY_NAME = "АНО «Центр сертификации продукции «Халяль» Духовного управления мусульман»"
BODY_ADDRESS = "420111, Республика Татарстан, г. Казань, ул. Габдуллы Тукая, д. 50"


@pytest.fixture
def body(head):
    from accounts.models import AuthorizedBody

    body = AuthorizedBody.get()
    body.name, body.legal_address = BODY_NAME, BODY_ADDRESS
    body.phone, body.email = "+7 843 200-00-00", "halal@example.com"
    body.save()
    return body


@pytest.fixture
def filed(draft, applicant, body):
    """A draft with two products, one serial and one batch, completed and submitted."""
    add_product(draft, applicant, name="Пахлава медовая")
    add_product(
        draft,
        applicant,
        name="Чак-чак с мёдом",
        normative_document=normative_document("ГОСТ 6478-2017"),
        serial_production=False,
        batch_number="15",
        batch_date=datetime.date(2026, 2, 3),
        batch_size="500 кг",
    )
    complete_application(draft, by=applicant)
    return services.application_submit(application=draft, by=applicant)


@pytest.fixture
def reviewed(filed, secretary, commission):
    return services.application_register(application=filed, by=secretary, members=commission)


@pytest.fixture
def certified(reviewed, secretary, commission):
    """Certificate ХП.NNNNN issued at a closed meeting."""
    issue(reviewed, secretary=secretary, members=commission)
    return reviewed.certificate


@pytest.fixture
def with_type(reviewed, secretary, commission):
    """A certificate for a product type: its products go to annex No. 1 (Л.4.4)."""
    decide(reviewed, "proceed", secretary=secretary, members=commission)
    today = timezone.localdate()
    decide(
        reviewed,
        "issue",
        secretary=secretary,
        members=commission,
        valid_from=today,
        valid_to=rules.max_valid_to(today),
        product_type="Изделия кондитерские восточные",
    )
    return reviewed.certificate
