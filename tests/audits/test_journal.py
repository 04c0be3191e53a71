"""The enterprise's sanitation journal (GOST 7.1) and the ritual purification of Annex Б."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from audits import services
from audits.models import SanitationEntry


def routine(**extra):
    return {
        "date": timezone.localdate(),
        "equipment": "Котел варочный № 1",
        "kind": "routine",
        "performers": "Иванов И. И.\nПетров П. П.",
        "agents": "«Дезоксон-1», 0,1 %",
        "test_kind": "express",
        "test_result": "АТФ-тест: 90 RLU при норме до 150",
        "test_passed": True,
        **extra,
    }


def after_haram(**extra):
    purification = {
        "kind": "haram_contact",
        "equipment": "Емкость № 3 после свиного жира",
        "test_kind": "laboratory",
        "test_result": "Протокол № 5: ДНК свиньи не обнаружена",
        "washes": 7,
        "wash_agent": "soil",
        "soil_clean": True,
        "water_natural": True,
        "water_free_of_haram": True,
    }
    return routine(**{**purification, **extra})


def record(organization, by, data):
    return services.sanitation_entry_record(organization=organization, by=by, data=data)


def refusal(organization, by, data) -> dict:
    with pytest.raises(ValidationError) as error:
        record(organization, by, data)
    return error.value.message_dict


def test_controller_records_and_signs_a_routine_cleaning(organization, applicant):
    entry = record(organization, applicant, routine())
    assert (entry.controller, entry.controller_name) == (applicant, applicant.get_short_name())
    assert entry.performer_list == ["Иванов И. И.", "Петров П. П."] and entry.signed_at


def test_complete_purification_after_haram_is_accepted(organization, applicant):
    entry = record(organization, applicant, after_haram())
    assert (entry.washes, entry.wash_agent, entry.water_natural) == (7, "soil", True)


def test_purification_with_salt_is_accepted(organization, applicant):
    entry = record(organization, applicant, after_haram(wash_agent="salt", soil_clean=False))
    assert entry.wash_agent == "salt"


def test_fewer_than_seven_washes_are_refused(organization, applicant):
    errors = refusal(organization, applicant, after_haram(washes=6))
    assert "Б.2" in errors["washes"][0] and not SanitationEntry.objects.exists()


def test_missing_washes_are_refused(organization, applicant):
    errors = refusal(organization, applicant, after_haram(washes=None))
    assert "Б.2" in errors["washes"][0]


def test_no_salt_or_soil_wash_is_refused(organization, applicant):
    errors = refusal(organization, applicant, after_haram(wash_agent=""))
    assert "Б.2" in errors["wash_agent"][0]


def test_unclean_soil_is_refused(organization, applicant):
    errors = refusal(organization, applicant, after_haram(soil_clean=False))
    assert "Б.3" in errors["soil_clean"][0]


def test_water_that_is_not_natural_is_refused(organization, applicant):
    errors = refusal(organization, applicant, after_haram(water_natural=False))
    assert "Б.4" in errors["water_natural"][0]


def test_water_with_haram_is_refused(organization, applicant):
    errors = refusal(organization, applicant, after_haram(water_free_of_haram=False))
    assert "Б.4" in errors["water_free_of_haram"][0]


def test_routine_cleaning_stores_no_purification(organization, applicant):
    entry = record(organization, applicant, routine(washes=3, water_natural=True))
    assert (entry.washes, entry.water_natural) == (None, False)


def test_performers_are_required(organization, applicant):
    assert "performers" in refusal(organization, applicant, routine(performers=" "))


def test_test_result_is_required(organization, applicant):
    assert "test_result" in refusal(organization, applicant, routine(test_result=""))


def test_future_cleaning_is_refused(organization, applicant):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert "date" in refusal(organization, applicant, routine(date=tomorrow))


def test_outsider_cannot_write_the_journal(organization, outsider):
    with pytest.raises(PermissionDenied):
        record(organization, outsider, routine())


def test_auditor_cannot_write_the_journal(organization, auditor):
    with pytest.raises(PermissionDenied):
        record(organization, auditor, routine())


# --- pages ---


def journal_url(organization):
    return reverse("audits:journal", kwargs={"org_pk": organization.pk})


def form_data(**extra):
    data = {k: v for k, v in after_haram().items() if v not in (False, None)}
    data.update(
        {"date": timezone.localdate().isoformat(), "test_passed": "1", "sign": "on", **extra}
    )
    for key in ("soil_clean", "water_natural", "water_free_of_haram"):
        if data.get(key) is True:
            data[key] = "on"
    return {k: v for k, v in data.items() if v is not None}


def test_refusal_through_the_page_cites_annex_b(client, organization, applicant):
    client.force_login(applicant)
    url = reverse("audits:journal-entry-create", kwargs={"org_pk": organization.pk})
    response = client.post(url, form_data(washes="5"))
    assert response.status_code == 400 and "Б.2" in response.content.decode()
    assert not SanitationEntry.objects.exists()


def test_entry_through_the_page(client, organization, applicant):
    client.force_login(applicant)
    url = reverse("audits:journal-entry-create", kwargs={"org_pk": organization.pk})
    response = client.post(url, form_data())
    assert response.status_code == 302
    assert SanitationEntry.objects.get().washes == 7


def test_auditor_of_the_check_reads_the_journal(client, started, organization, applicant, auditor):
    record(organization, applicant, routine())
    client.force_login(auditor)
    response = client.get(journal_url(organization))
    assert response.status_code == 200 and "Котел варочный № 1" in response.content.decode()


def test_auditor_outside_the_check_does_not_read_it(client, organization):
    from tests.audits.helpers import auditor_with_power

    client.force_login(auditor_with_power())
    assert client.get(journal_url(organization)).status_code == 404


def test_outsider_does_not_read_the_journal(client, organization, outsider):
    client.force_login(outsider)
    assert client.get(journal_url(organization)).status_code == 404


# --- GOST 7.3: vehicles before loading and storage places are in the journal too ----------------


@pytest.mark.parametrize("cleaned", ["vehicle", "storage"])
def test_vehicles_and_storage_places_are_recorded(client, organization, applicant, cleaned):
    client.force_login(applicant)
    url = reverse("audits:journal-entry-create", kwargs={"org_pk": organization.pk})
    response = client.post(
        url,
        form_data(kind="routine", cleaned=cleaned, equipment="Рефрижератор А 123 ВС 116"),
    )
    entry = SanitationEntry.objects.get()
    assert response.status_code == 302 and entry.cleaned == cleaned
    page = client.get(reverse("audits:journal", kwargs={"org_pk": organization.pk}))
    assert "7.3" in page.content.decode()


def test_an_unknown_object_is_refused(organization, applicant):
    with pytest.raises(ValidationError) as error:
        services.sanitation_entry_record(
            organization=organization, by=applicant, data={**after_haram(), "cleaned": "ship"}
        )
    assert "cleaned" in error.value.message_dict
