"""The slaughter journal's part of the certification gate (GOST 7.6, 8.17): deviations recorded
since the production check started are listed for the commission. Answering them is not built
yet, so they are shown, said to be so, and do not refuse the decision by themselves."""

from decimal import Decimal

import pytest
from django.utils import timezone

from certification import evidence, services
from slaughter.services import slaughter_entry_record
from tests.certification.workflow import check_production, decide
from tests.factories import add_product, complete_application

POULTRY_OVER_CURRENT = {
    "line": "Линия убоя птицы № 2",
    "species": "chickens",
    "method": "mechanical",
    "slaughterers": "Нуриев А. А.",
    "stunning": "electrical",
    "current_a": Decimal("0.60"),  # over Table 1
    "duration_s": Decimal("4.00"),
    "stun_to_slaughter_s": 20,
    "video_recorded": True,
    "death_confirmed": True,
    "head_count": 2800,
    "veterinary_document": "ВСД № 1215-П",
}


@pytest.fixture
def meat_in_check(draft, applicant, secretary, commission):
    add_product(draft, applicant, code="poultry", name="Мясо кур охлажденное")
    complete_application(draft, by=applicant, code="poultry")
    services.application_submit(application=draft, by=applicant)
    services.application_register(application=draft, by=secretary, members=commission)
    decide(draft, "proceed", secretary=secretary, members=commission)
    check_production(draft, secretary=secretary)
    return draft


def test_deviations_since_the_check_are_listed_without_refusing(meat_in_check, applicant):
    slaughter_entry_record(
        organization=meat_in_check.organization,
        by=applicant,
        data={"date": timezone.localdate(), **POULTRY_OVER_CURRENT},
    )
    found = evidence.findings(meat_in_check, question="issue")
    notes = [f for f in found if not f.blocking]
    assert notes and "7.6.7" in notes[0].text
    assert evidence.unmet(meat_in_check, question="issue") == []


def test_the_meeting_page_says_the_deviations_do_not_refuse(
    client, meat_in_check, applicant, secretary, commission
):
    slaughter_entry_record(
        organization=meat_in_check.organization,
        by=applicant,
        data={"date": timezone.localdate(), **POULTRY_OVER_CURRENT},
    )
    meeting = services.meeting_create(by=secretary, date=timezone.localdate(), chair=commission[0])
    today = timezone.localdate()
    services.agenda_item_add(
        meeting=meeting,
        by=secretary,
        application=meat_in_check,
        question="issue",
        valid_from=today,
        valid_to=services.certificates.max_valid_to(today),
    )
    client.force_login(secretary)
    page = client.get(meeting.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "evidence-notes" in page and "Линия убоя птицы № 2" in page
