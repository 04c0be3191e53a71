"""The forms as the standard draws them: the certificate on one sheet (Л.1, Л.4.4), the annex's
requisite (Л.8.1), running headers on continuation pages, long values that wrap, signature blocks
kept with their text, the register of outgoing letters, and the small slips of the forms."""

import datetime
import subprocess
import tempfile
from types import SimpleNamespace

import pytest
from django.db import transaction
from django.utils import timezone

from certification import services
from certification.models import OutgoingLetter
from certification.rules import (
    SHEET_PRODUCT_LINES,
    product_type_of,
    products_fit_the_sheet,
)
from certification.services.letters import outgoing_letter_register
from halal_portal.models import RenderedDocument
from halal_portal.rendering import render_bytes
from tests.audits.conftest import (  # noqa: F401
    filled_act,
    sent_act,
    signed_production_act,
    submitted_act,
)
from tests.certification.workflow import decide, issue
from tests.factories import add_product, complete_application

from .helpers import missing, pdf_pages, pdf_text

pytestmark = pytest.mark.django_db


def snapshot_of(kind: str, obj) -> dict:
    return RenderedDocument.objects.get(kind=kind, object_id=obj.pk).snapshot


def page_text(pdf: bytes, page: int) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        out = subprocess.run(
            ["pdftotext", "-raw", "-enc", "UTF-8", "-f", str(page), "-l", str(page), f.name, "-"],
            capture_output=True,
            check=True,
        ).stdout.decode()
    return " ".join(out.split())


# --- the certificate on one sheet (Л.1, Л.4.4) -----------------------------------------------


def one_line_products(count: int) -> list[SimpleNamespace]:
    document = SimpleNamespace(designation="ГОСТ 6478-2017")
    return [
        SimpleNamespace(
            name=f"Пахлава медовая {i:02d}",
            normative_document=document,
            batch_text="серийное производство",
        )
        for i in range(count)
    ]


def test_the_sheet_holds_its_lines_and_not_one_more():
    assert products_fit_the_sheet(one_line_products(SHEET_PRODUCT_LINES))
    assert not products_fit_the_sheet(one_line_products(SHEET_PRODUCT_LINES + 1))


def test_as_many_products_as_the_sheet_holds_print_on_one_page(certified):
    snapshot = snapshot_of("certificate", certified)
    snapshot["products"] = [
        {"name": p.name, "normative_document": "ГОСТ 6478-2017", "batch": p.batch_text}
        for p in one_line_products(SHEET_PRODUCT_LINES)
    ]
    pdf = render_bytes("certificate", snapshot)
    assert pdf_pages(pdf) == 1 and "Пахлава медовая 07" in pdf_text(pdf)


@pytest.fixture
def sixty(draft, applicant, secretary, commission):
    """A certificate issued for 60 products and no product type given."""
    for i in range(1, 61):
        add_product(draft, applicant, name=f"Рахат-лукум с орехами, вид {i}")
    complete_application(draft, by=applicant)
    services.application_submit(application=draft, by=applicant)
    services.application_register(application=draft, by=secretary, members=commission)
    issue(draft, secretary=secretary, members=commission)
    return draft.certificate


def test_sixty_products_make_a_certificate_for_the_type_on_one_sheet(sixty):
    pdf = render_bytes("certificate", snapshot_of("certificate", sixty))
    text = pdf_text(pdf)
    assert sixty.product_type == "Кондитерские изделия"
    assert "Кондитерские изделия (приложение № 1 к сертификату)" in text
    assert pdf_pages(pdf) == 1 and "Рахат-лукум" not in text


def test_annex_one_lists_all_sixty_with_the_number_on_every_following_page(sixty):
    annex = sixty.annexes.get(number=1)
    pdf = render_bytes("certificate_annex", snapshot_of("certificate_annex", annex))
    pages = pdf_pages(pdf)
    assert pages >= 2
    assert "Рахат-лукум с орехами, вид 60" in pdf_text(pdf)
    for page in range(2, pages + 1):
        text = page_text(pdf, page)
        assert f"Приложение № 1 к сертификату № {sixty.number}" in text
        assert f"стр. {page} из {pages}" in text


def test_product_type_names_each_group_once():
    confectionery = SimpleNamespace(name_ru="Кондитерские изделия")
    honey = SimpleNamespace(name_ru="Мёд")
    products = [SimpleNamespace(category=c) for c in (confectionery, honey, confectionery)]
    assert product_type_of(products) == "Кондитерские изделия; Мёд"


def test_the_annex_prints_the_requisite_of_l_8_1(with_type):
    annex = with_type.annexes.get(number=1)
    text = pdf_text(render_bytes("certificate_annex", snapshot_of("certificate_annex", annex)))
    assert f"Приложение к сертификату № {with_type.number}" in text


# --- running headers, signature blocks --------------------------------------------------------


def long_protocol(certified, items: int) -> bytes:
    snapshot = snapshot_of("protocol", certified.meeting)
    snapshot["items"] = [dict(snapshot["items"][0], order=i + 1) for i in range(items)]
    return render_bytes("protocol", snapshot)


def test_protocol_continuation_pages_carry_its_number_and_page(certified):
    meeting = certified.meeting
    pdf = long_protocol(certified, 12)
    pages = pdf_pages(pdf)
    assert pages >= 2
    text = page_text(pdf, 2)
    assert f"Протокол от {meeting.protocol_date:%d.%m.%Y} № {meeting.protocol_number}" in text
    assert f"стр. 2 из {pages}" in text


def test_protocol_names_chair_and_secretary_with_signature_lines(certified):
    snapshot = snapshot_of("protocol", certified.meeting) | {"chair": "А. А. Председ"}
    pdf = render_bytes("protocol", snapshot)
    text = pdf_text(pdf)
    expected = [
        "Председатель комиссии А. А. Председ подпись инициалы, фамилия",
        "Секретарь комиссии",
    ]
    assert missing(text, expected) == []


@pytest.mark.parametrize("items", range(4, 12))
def test_the_protocols_signatures_never_start_a_page(certified, items):
    # Whatever the length, the last page holds text of the protocol before the signatures.
    pdf = long_protocol(certified, items)
    last = page_text(pdf, pdf_pages(pdf))
    body = last.split(f"стр. {pdf_pages(pdf)} из {pdf_pages(pdf)}", 1)[-1].strip()
    assert not body.startswith("Председатель комиссии"), body[:200]


@pytest.mark.usefixtures("sent_act")
def test_act_continuation_pages_carry_its_reference_and_page():
    document = RenderedDocument.objects.filter(kind="production_act").get()
    pdf = render_bytes("production_act", document.snapshot)
    pages = pdf_pages(pdf)
    text = page_text(pdf, 2)
    number = document.snapshot["application_number"]
    assert f"Акт проверки состояния производства, заявление {number}" in text
    assert f"стр. 2 из {pages}" in text


# --- long values ------------------------------------------------------------------------------


def test_a_sixty_character_tax_id_wraps_and_stays_on_the_page(filed):
    tax_id = "1234567890" * 6
    snapshot = snapshot_of("application", filed) | {"tax_id": tax_id}
    text = pdf_text(render_bytes("application", snapshot))
    assert tax_id in text.replace(" ", "")


def test_a_long_unbroken_product_name_wraps_on_the_certificate(certified):
    name = "Ж" * 90
    snapshot = snapshot_of("certificate", certified)
    snapshot["products"][0]["name"] = name
    pdf = render_bytes("certificate", snapshot)
    assert name in pdf_text(pdf).replace(" ", "") and pdf_pages(pdf) == 1


# --- the register of outgoing letters ---------------------------------------------------------


def test_decision_letters_get_the_years_next_outgoing_number(reviewed, secretary, commission):
    decide(reviewed, "proceed", secretary=secretary, members=commission)  # no letter
    first = decide(reviewed, "suspend", secretary=secretary, members=commission, grounds="А",
                   deadline=timezone.localdate() + datetime.timedelta(days=30))  # fmt: skip
    second = decide(reviewed, "resume", secretary=secretary, members=commission)
    numbers = [first.outgoing_letter.number, second.outgoing_letter.number]
    assert numbers == [1, 2] and first.outgoing_letter.year == timezone.localdate().year


def test_the_outgoing_numbering_starts_again_each_year(reviewed, secretary, commission):
    item = decide(reviewed, "refuse", secretary=secretary, members=commission, grounds="Свинина")
    OutgoingLetter.objects.all().delete()
    with transaction.atomic():
        letter = outgoing_letter_register(item=item, date=datetime.date(2031, 1, 2))
    assert (letter.year, letter.number) == (2031, 1)


def test_a_rolled_back_letter_gives_its_number_back(reviewed, secretary, commission):
    item = decide(reviewed, "refuse", secretary=secretary, members=commission, grounds="Свинина")
    OutgoingLetter.objects.all().delete()
    day = datetime.date(2032, 3, 4)
    with pytest.raises(RuntimeError), transaction.atomic():
        outgoing_letter_register(item=item, date=day)
        raise RuntimeError("the issuing transaction failed")
    with transaction.atomic():
        assert outgoing_letter_register(item=item, date=day).number == 1


def test_the_letter_prints_its_outgoing_number_and_date(reviewed, secretary, commission):
    item = decide(reviewed, "refuse", secretary=secretary, members=commission, grounds="Свинина")
    letter = item.outgoing_letter
    text = pdf_text(render_bytes("decision_letter", snapshot_of("decision_letter", item)))
    assert f"Исх. № {letter.number} от {letter.date:%d.%m.%Y}" in text
    assert f"Руководителю {reviewed.org_name}" in text


# --- small slips ------------------------------------------------------------------------------


def test_the_application_names_the_standard_once(filed):
    text = pdf_text(render_bytes("application", snapshot_of("application", filed)))
    assert "соответствует требованиям ГОСТ «Продукция «Халяль». Требования к продукции" in text
    assert text.count("Продукция «Халяль»") == 1


def test_the_sampling_act_has_no_dangling_asterisk(signed_act):
    document = RenderedDocument.objects.filter(kind="sampling_act").get()
    text = pdf_text(render_bytes("sampling_act", document.snapshot))
    assert "ОТБОРА ОБРАЗЦОВ ПРОДУКЦИИ от" in text and "*" not in text


@pytest.mark.usefixtures("sent_act")
def test_the_acts_verdict_is_not_repeated_after_conclusions_that_say_it():
    document = RenderedDocument.objects.filter(kind="production_act").get()
    verdict = "Предприятие способно стабильно выпускать продукцию «Халяль»."
    snapshot = document.snapshot | {"conclusions": verdict, "stable_production": True}
    assert pdf_text(render_bytes("production_act", snapshot)).count(verdict) == 1
