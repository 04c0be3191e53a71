"""Context builders: plain dicts from a snapshot, no database, no WeasyPrint."""

import pytest

from certification.documents import batch_text, certificate_context, verification_url
from halal_portal.formatting import gost_date, initials_surname, surname_initials

SNAPSHOT = {
    "body": {"name": "АНО «Центр «Халяль»»", "address": "Казань", "head_name": "Гарипов И. Р."},
    "number": "ХП.00007",
    "valid_from": "2026-03-01",
    "valid_to": "2028-02-29",
    "manufacturer": {"name": "ООО «Ромашка»", "address": "Казань", "country": "Россия"},
    "standard": "ГОСТ «Продукция «Халяль»»",
    "product_type": "",
    "products": [],
    "protocol": {"date": "2026-02-27", "number": 12},
    "head_name": "",
    "issued_at": "2026-02-27",
    "verification_url": "http://example.com/registry/%D0%A5%D0%9F.00007/",
}


@pytest.mark.parametrize(
    "name,expected",
    [
        ("Сафин Р. Р.", "Р. Р. Сафин"),
        ("Сафин Р.Р.", "Р. Р. Сафин"),
        ("Р. Р. Сафин", "Р. Р. Сафин"),
        ("Сафин Ринат Рустамович", "Р. Р. Сафин"),
        ("Сафин", "Сафин"),
    ],
)
def test_signatures_print_initials_then_surname(name, expected):
    # Л.4.6
    assert initials_surname(name) == expected


@pytest.mark.parametrize(
    "name,expected",
    [("Р. Р. Сафин", "Сафин Р. Р."), ("Сафин Ринат Рустамович", "Сафин Р. Р."), ("Сафин", "Сафин")],
)
def test_annex_e_prints_surname_then_initials(name, expected):
    # Annex Е: «фамилия, инициалы эксперта-аудитора», «… представителя заявителя»
    assert surname_initials(name) == expected


def test_dates_are_day_month_year_with_leading_zeros():
    # Л.4.2
    assert gost_date("2026-03-01") == "01.03.2026" and gost_date(None) == ""


def test_serial_production_is_printed_in_the_words_of_the_standard():
    # Л.4.4
    assert batch_text("serial production") == "серийное производство"


def test_certificate_context_formats_the_snapshot():
    context = certificate_context(SNAPSHOT)
    assert (context["valid_from"], context["valid_to"]) == ("01.03.2026", "29.02.2028")
    assert context["head"] == "И. Р. Гарипов" and context["protocol_date"] == "27.02.2026"
    assert (
        context["qr"].startswith("<svg") and "registry/ХП.00007/" in context["verification_address"]
    )


def test_verification_url_is_an_ascii_uri_for_the_qr_code(settings):
    settings.SITE_URL = "https://halal.example"
    assert verification_url("ХП.00007") == "https://halal.example/registry/%D0%A5%D0%9F.00007/"


def test_qr_code_opens_the_certificate_in_the_public_registry(settings):
    from django.urls import reverse

    settings.SITE_URL = "https://halal.example"
    path = reverse("registry:certificate", kwargs={"number": "ХП.00007"})
    assert verification_url("ХП.00007") == "https://halal.example" + path


@pytest.mark.parametrize(
    "value,expected", [("1200.000", "1200"), ("0.500", "0,5"), ("6", "6"), (None, "")]
)
def test_annex_e_quantities_print_without_trailing_zeros(value, expected):
    from decimal import Decimal

    from audits.documents import quantity_text

    assert quantity_text(Decimal(value) if value else None) == expected


def test_program_context_formats_the_dates_and_the_stage_titles():
    from audits.documents import STAGE_WORDING, check_program_context

    snapshot = {
        "body": SNAPSHOT["body"],
        "approved_by": "",
        "approved_at": "2026-03-02",
        "start_date": "2026-03-10",
        "end_date": "2026-03-12",
        "stages": [{"number": 2, "needed": True, "areas": [], "executors": []}],
    }
    context = check_program_context(snapshot)
    assert (context["approved"], context["start"], context["end"]) == (
        "02.03.2026",
        "10.03.2026",
        "12.03.2026",
    )
    assert context["approved_by"] == "И. Р. Гарипов"
    assert context["stages"][0]["title"] == STAGE_WORDING[2]
