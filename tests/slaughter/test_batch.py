"""The batch's records (GOST 7.6.5–7.6.9) and the plant they name: the knife and its ratio to the
neck, the Name of the Almighty, the animals' state, the cut, stunning that killed, a damaged
skull, carcasses declared haram; values with the instrument's precision; the line's video; the
controller's periodic check of stunning effectiveness."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from slaughter.models import Knife, RoomKind, StunningCheck
from slaughter.services import (
    knife_register,
    knife_retire,
    line_create,
    room_create,
    stunning_check_record,
)
from tests.slaughter.test_journal import cattle, deviations, poultry, record, refusal

# --- the knife (GOST 7.6.5) ---


@pytest.mark.parametrize(
    ("species", "neck", "ok"),
    [
        ("steers", "200.0", True),  # cattle: the 400 mm blade is twice the neck
        ("steers", "200.1", False),
        ("sheep", "200.0", True),  # small ruminants: twice
        ("sheep", "200.1", False),
        ("horses", "200.0", True),  # not named by the standard: as cattle
        ("chickens", "100.0", True),  # poultry: four times
        ("chickens", "100.1", False),
        ("ostriches", "100.1", False),
    ],
)
def test_the_blade_is_measured_against_the_neck(register, applicant, species, neck, ok):
    data = cattle(species=species, neck_width_mm=Decimal(neck), stunning="none")
    data["stun_to_slaughter_s"] = None
    if ok:
        assert record(register, applicant, data).knife == register.knife
    else:
        text = refusal(register, applicant, data)["knife"][0]
        assert "GOST 7.6.5 в)" in text and "400" in text


def test_a_knife_of_another_line_or_out_of_use_is_refused(register, applicant):
    other = line_create(
        slaughterhouse=register.slaughterhouse, by=applicant, data={"name": "Линия № 2"}
    )
    knife = knife_register(
        line=other,
        by=applicant,
        data={"label": "Нож № 9", "blade_length_mm": Decimal("500"), "material": "ceramic"},
    )
    assert "GOST 7.6.5" in refusal(register, applicant, cattle(knife=knife))["knife"][0]
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    register.knife.registered_on = yesterday - datetime.timedelta(days=5)
    register.knife.save()
    knife_retire(knife=register.knife, by=applicant, day=yesterday)
    refused = refusal(register, applicant, cattle(date=yesterday))
    assert "not in use" in refused["knife"][0]
    assert record(register, applicant, cattle(date=yesterday - datetime.timedelta(days=1)))


def test_a_knife_of_bone_is_not_registered(register, applicant):
    with pytest.raises(ValidationError) as error, translation.override("en"):
        knife_register(
            line=register.line,
            by=applicant,
            data={"label": "Нож", "blade_length_mm": Decimal("300"), "material": "bone"},
        )
    assert "claws, teeth and bone" in error.value.message_dict["material"][0]
    assert Knife.objects.count() == 1


def test_manual_slaughter_names_a_knife(register, applicant):
    assert "knife" in refusal(register, applicant, cattle(knife=None))
    entry = record(register, applicant, poultry(knife=None))  # mechanical: the machine's blade
    assert entry.knife is None and entry.neck_width_mm is None


# --- the batch's records ---


@pytest.mark.parametrize(
    ("extra", "clause"),
    [
        ({"name_pronounced": False}, "4 а) 13), 7.6.8"),
        ({"animals_rested": False}, "were not well rested before slaughter (GOST 7.6.6)"),
        ({"veterinary_screened": False}, "not screened by the veterinarian (GOST 7.6.6)"),
        ({"pregnant_excluded": False}, "pregnancy were not excluded"),
        ({"cut_vessels": False}, "in one movement (GOST 7.6.8.1 б), в))"),
        ({"head_kept": False}, "(GOST 7.6.8.1 г))"),
        ({"blood_flowing": False}, "(GOST 7.6.4, 7.6.8.1 д))"),
        ({"wrong_cut": 1, "rejected": 1}, "1 animals slaughtered otherwise"),
        (
            {"killed_by_stunning": 1, "haram_count": 1, "rejected": 1, "haram_reason": "убиты"},
            "killed by stunning",
        ),
        (
            {
                "stunning": "pneumatic",
                "air_pressure_mpa": Decimal("1.2"),
                "single_strike": True,
                "skull_damaged": 2,
                "haram_count": 2,
                "rejected": 2,
                "haram_reason": "деформация лобной кости",
            },
            "damaged skull after the percussive tool: they are haram (GOST 7.6.7 и)",
        ),
    ],
)
def test_each_record_of_the_batch_is_judged_with_its_clause(register, applicant, extra, clause):
    assert clause in deviations(register, applicant, cattle(**extra))


def test_mechanical_slaughter_cites_its_own_clauses(register, applicant):
    text = deviations(register, applicant, poultry(cut_vessels=False, head_kept=False))
    assert "7.6.8.2 а), б)" in text and "7.6.8.2 в)" in text


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"name_pronounced": None}, "name_pronounced"),
        ({"excluded_count": 2}, "excluded_reason"),  # GOST 7.6.6: the count and why
        ({"wrong_cut": 2, "rejected": 1}, "wrong_cut"),  # not conforming: kept apart
        ({"killed_by_stunning": 1, "rejected": 1}, "haram_count"),  # 4 а) 11)
        ({"haram_count": 1, "rejected": 1}, "haram_reason"),
        ({"haram_count": 2, "rejected": 1, "haram_reason": "x"}, "haram_count"),
        ({"current_a": Decimal("2.0005")}, "current_a"),
    ],
)
def test_an_inconsistent_batch_is_refused(register, applicant, extra, field):
    assert field in refusal(register, applicant, cattle(**extra))


def test_a_damaged_skull_counts_only_for_the_percussive_tool(register, applicant):
    entry = record(register, applicant, cattle(skull_damaged=3))  # electrical: not asked
    assert entry.skull_damaged == 0 and entry.deviations == []


def test_the_instrument_precision_is_kept(register, applicant):
    entry = record(register, applicant, poultry(current_a=Decimal("0.375")))
    entry.refresh_from_db()
    assert entry.current_a == Decimal("0.375") and entry.deviations == []


def test_a_line_without_video_recording_is_a_deviation(register, applicant):
    register.line.video_recording = False
    register.line.save()
    text = deviations(register, applicant, cattle())
    assert "no video recording (GOST 7.1, 7.6.7)" in text


def test_the_page_shows_the_new_records(client, register, organization, applicant):
    entry = record(register, applicant, cattle(name_pronounced=False, wrong_cut=1, rejected=1))
    client.force_login(applicant)
    page = client.get(entry.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Нож № 1" in page and "✗ pronounced" in page and "1 animal slaughtered otherwise" in page


# --- the plant ---


def test_a_line_takes_rooms_of_its_own_slaughterhouse_and_kind(register, applicant):
    holding = room_create(
        slaughterhouse=register.slaughterhouse,
        by=applicant,
        data={"name": "Загон", "kind": RoomKind.HOLDING},
    )
    with pytest.raises(ValidationError) as error:
        line_create(
            slaughterhouse=register.slaughterhouse,
            by=applicant,
            data={"name": "Линия № 3", "slaughter_room": holding},
        )
    assert "slaughter_room" in error.value.message_dict


def test_the_register_page_shows_lines_and_knives(client, register, organization, applicant):
    client.force_login(applicant)
    url = reverse("slaughter:register", kwargs={"org_pk": organization.pk})
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Линия № 1" in page and "under video recording" in page and "blade 400" in page


# --- the controller's check of stunning effectiveness (GOST 7.6.7) ---


def check_data(**extra):
    return {
        "date": timezone.localdate(),
        "equipment": "Электрооглушитель ЭО-2",
        "stunning": "electrical",
        "voltage_v": Decimal("72.500"),
        "current_a": Decimal("0.375"),
        "effective": True,
        **extra,
    }


def test_the_controller_records_a_stunning_check(register, applicant):
    check = stunning_check_record(line=register.line, by=applicant, data=check_data())
    assert check.controller_worker == register.controller and check.current_a == Decimal("0.375")


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"no_signs_of_life": True}, "change"),  # the method or the parameters must change
        ({"effective": False}, "change"),
        ({"voltage_v": None, "current_a": None}, "current_a"),
        ({"stunning": "pneumatic"}, "pressure_mpa"),
    ],
)
def test_a_stunning_check_lacking_what_7_6_7_asks_is_refused(register, applicant, extra, field):
    with pytest.raises(ValidationError) as error:
        stunning_check_record(line=register.line, by=applicant, data=check_data(**extra))
    assert field in error.value.message_dict
    assert not StunningCheck.objects.exists()


def test_a_stunning_check_with_no_signs_of_life_records_the_change(register, applicant):
    data = check_data(no_signs_of_life=True, change="Сила тока снижена до 0,30 А")
    assert stunning_check_record(line=register.line, by=applicant, data=data).no_signs_of_life


def test_only_the_registered_controller_checks_stunning(register, second_applicant):
    with pytest.raises(ValidationError) as error:
        stunning_check_record(line=register.line, by=second_applicant, data=check_data())
    assert NON_FIELD_ERRORS in error.value.message_dict


def test_the_stunning_checks_page(client, register, organization, applicant, outsider):
    client.force_login(applicant)
    url = reverse("slaughter:stunning-checks", kwargs={"org_pk": organization.pk})
    data = {
        "line": register.line.pk,
        "date": timezone.localdate().isoformat(),
        "equipment": "ЭО-2",
        "stunning": "electrical",
        "current_a": "0.375",
        "effective": "1",
        "sign": "on",
    }
    assert client.post(url, data).status_code == 302
    assert "0,375" in client.get(url).content.decode()
    client.force_login(outsider)
    assert client.get(url).status_code == 404
