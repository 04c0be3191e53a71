"""The slaughter journal (GOST 7.6): what an entry must hold is required; what departs from the
rules of slaughter is recorded as it happened and shown with its clause, in the journal and in
section 9 of the production-check act."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from slaughter.models import SlaughterEntry
from slaughter.rules.entry import ANSWERS
from slaughter.services import line_create, slaughter_entry_record
from tests.slaughter.helpers import with_people

# What the controller confirms for a batch by the standard: yes to every question.
CHECKED = dict.fromkeys(ANSWERS, True)


def cattle(**extra):
    return {
        "date": timezone.localdate(),
        "species": "steers",
        "head_count": 20,
        "veterinary_document": "ВСД № 1187",
        "method": "manual",
        "stunning": "electrical",
        "current_a": Decimal("2.00"),
        "duration_s": Decimal("2.50"),
        "stun_to_slaughter_s": 90,
        **CHECKED,
        **extra,
    }


def poultry(**extra):
    return cattle(
        **{
            "species": "chickens",
            "head_count": 1000,
            "method": "mechanical",
            "slaughterers": 1,
            "current_a": Decimal("0.30"),
            "duration_s": Decimal("4.00"),
            "stun_to_slaughter_s": 20,
            **extra,
        }
    )


def record(register, by, data):
    organization = register.slaughterhouse.organization
    return slaughter_entry_record(
        organization=organization, by=by, data=with_people(register, data)
    )


def deviations(register, by, data) -> str:
    with translation.override("en"):
        return " ".join(record(register, by, data).deviations)


def refusal(register, by, data) -> dict:
    with pytest.raises(ValidationError) as error, translation.override("en"):
        record(register, by, data)
    return error.value.message_dict


def test_a_batch_by_the_standard_has_no_deviations(register, applicant):
    entry = record(register, applicant, cattle())
    assert entry.deviations == [] and entry.controller_worker == register.controller
    assert record(register, applicant, poultry(wrong_cut=10, rejected=10)).deviations == []  # 1 %


@pytest.mark.parametrize(
    ("data", "clause"),
    [
        # Table 1: steers 1.50–2.50 A, 2.00–3.00 s; chickens 0.25–0.50 A, 3.00–5.00 s.
        (cattle(current_a=Decimal("1.20")), "Current 1.20 A outside 1.50–2.50 A"),
        (cattle(duration_s=Decimal("3.50")), "Duration 3.50 s outside 2.00–3.00 s"),
        (poultry(current_a=Decimal("0.60")), "Table 1 for chickens"),
        (cattle(slaughterers=1), "7.6.2"),
        (cattle(stun_to_slaughter_s=200), "later than 180 s"),
        (poultry(stun_to_slaughter_s=31), "later than 30 s"),
        (poultry(wrong_cut=11, rejected=11), "1.1 % of the birds slaughtered wrongly"),
        (cattle(method="mechanical"), "7.6.8.2"),
        (cattle(video_recorded=False), "video recording"),
        (cattle(death_confirmed=False), "7.6.9"),
        (cattle(stunning="pneumatic", air_pressure_mpa=Decimal("1.60"), single_strike=True), "б"),
        (cattle(stunning="pneumatic", air_pressure_mpa=Decimal("1.20")), "з"),
        (
            poultry(stunning="pneumatic", air_pressure_mpa=Decimal("1.00"), single_strike=True),
            "large animals only",
        ),
    ],
)
def test_a_departure_from_gost_7_6_is_recorded_and_shown(register, applicant, data, clause):
    assert clause in deviations(register, applicant, data)
    assert SlaughterEntry.objects.count() == 1  # kept, not refused


def test_table_1_bounds_are_inclusive(register, applicant):
    data = cattle(current_a=Decimal("2.50"), duration_s=Decimal("2.00"))
    assert record(register, applicant, data).deviations == []


def test_without_stunning_no_parameters_are_kept(register, applicant):
    entry = record(register, applicant, cattle(stunning="none", stun_to_slaughter_s=None))
    assert (entry.current_a, entry.duration_s, entry.stun_to_slaughter_s) == (None, None, None)
    assert entry.stunning_operator is None
    assert entry.deviations == []


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (cattle(veterinary_document=""), "veterinary_document"),  # GOST 7.6.6
        (cattle(slaughterers=0), "slaughterers"),
        (cattle(current_a=None), "current_a"),
        (cattle(stunning="pneumatic"), "air_pressure_mpa"),
        (cattle(stun_to_slaughter_s=None), "stun_to_slaughter_s"),
        (cattle(rejected=21), "rejected"),
        (cattle(head_count=0), "head_count"),
        (cattle(date=timezone.localdate() + datetime.timedelta(days=1)), "date"),
        (cattle(video_recorded=None), "video_recorded"),
    ],
)
def test_an_incomplete_entry_is_refused(register, applicant, data, field):
    assert field in refusal(register, applicant, data)
    assert not SlaughterEntry.objects.exists()


def test_only_the_enterprise_writes_its_journal(register, outsider, auditor):
    for user in (outsider, auditor):
        with pytest.raises(PermissionDenied):
            record(register, user, cattle())


# --- pages ---


def journal_url(organization):
    return reverse("slaughter:journal", kwargs={"org_pk": organization.pk})


def form_data(register, **extra):
    data = {
        **{k: v for k, v in cattle().items() if v is not None},
        **dict.fromkeys(CHECKED, "1"),
        "line": register.line.pk,
        "knife": register.knife.pk,
        "neck_width_mm": "180",
        "slaughterers": [w.pk for w in register.slaughterers],
        "stunning_operator": register.operator.pk,
        "date": timezone.localdate().isoformat(),
        "sign": "on",
    }
    return {**data, **extra}


def test_the_controller_records_a_batch_through_the_page(client, organization, register, applicant):
    client.force_login(applicant)
    url = reverse("slaughter:entry-create", kwargs={"org_pk": organization.pk})
    response = client.post(url, form_data(register, current_a="3.10"), HTTP_ACCEPT_LANGUAGE="ru")
    entry = SlaughterEntry.objects.get()
    assert response.status_code == 302 and response["Location"] == entry.get_absolute_url()
    page = client.get(entry.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Сила тока 3,10 А вне 1,50–2,50 А" in page  # Table 1, in the reader's language
    listing = client.get(journal_url(organization)).content.decode()
    assert "1 отклонение" in listing


def test_a_refusal_through_the_page_names_the_field(client, organization, register, applicant):
    client.force_login(applicant)
    url = reverse("slaughter:entry-create", kwargs={"org_pk": organization.pk})
    response = client.post(
        url, form_data(register, veterinary_document=""), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400 and "GOST 7.6.6" in response.content.decode()
    assert not SlaughterEntry.objects.exists()


def test_the_auditor_of_the_check_reads_but_does_not_write(
    client, started, organization, register, applicant, auditor
):
    record(register, applicant, cattle())
    client.force_login(auditor)
    assert "Линия № 1" in client.get(journal_url(organization)).content.decode()
    url = reverse("slaughter:entry-create", kwargs={"org_pk": organization.pk})
    assert client.post(url, form_data(register)).status_code == 403


def test_others_do_not_reach_the_journal(client, organization, register, applicant, outsider):
    from tests.audits.helpers import auditor_with_power

    entry = record(register, applicant, cattle())
    for user in (outsider, auditor_with_power()):
        client.force_login(user)
        assert client.get(journal_url(organization)).status_code == 404
        assert client.get(entry.get_absolute_url()).status_code == 404


def test_section_9_of_the_act_lists_the_deviating_batches(
    client, production_act, register, auditor, applicant
):
    record(register, applicant, cattle())
    line = line_create(
        slaughterhouse=register.slaughterhouse,
        by=applicant,
        data={"name": "Линия № 7", "video_recording": True},
    )
    record(register, applicant, poultry(wrong_cut=30, rejected=30, line=line))
    record(  # before the year the act reads
        register, applicant, cattle(date=timezone.localdate() - datetime.timedelta(days=400))
    )
    client.force_login(auditor)
    url = reverse(
        "audits:act-section",
        kwargs={"check_pk": production_act.production_check_id, "section": 9},
    )
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "2 batches from" in page and "1020 animals slaughtered" in page
    assert "1 batch with deviations" in page and "Линия № 7" in page
    assert "3.0 % of the birds slaughtered wrongly" in page


def test_the_application_page_links_the_journal_for_slaughter_products(client, draft, applicant):
    from tests.factories import add_product

    client.force_login(applicant)
    url = draft.get_absolute_url()
    journal = journal_url(draft.organization)
    add_product(draft, applicant)  # confectionery: no slaughter
    assert journal not in client.get(url).content.decode()
    add_product(draft, applicant, code="meat", name="Говядина охлажденная")
    assert journal in client.get(url).content.decode()


def test_an_absurd_count_gets_a_message_not_a_server_error(
    client, organization, register, applicant
):
    client.force_login(applicant)
    url = reverse("slaughter:entry-create", kwargs={"org_pk": organization.pk})
    response = client.post(
        url, form_data(register, head_count="99999999999", rejected="99999999999")
    )
    assert response.status_code == 400 and not SlaughterEntry.objects.exists()
