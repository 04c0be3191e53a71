"""Each form rendered with realistic data: every label of the standard's form, in its wording,
and the filled values come out of the PDF as text, with no missing glyph (U+FFFD)."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from certification import services
from halal_portal.formatting import decline
from halal_portal.models import RenderedDocument
from halal_portal.rendering import render_bytes
from tests.certification.workflow import decide

from .conftest import BODY_NAME
from .helpers import missing, pdf_pages, pdf_text

pytestmark = pytest.mark.django_db


def text_of(kind: str, obj) -> str:
    document = RenderedDocument.objects.get(kind=kind, object_id=obj.pk)
    return pdf_text(render_bytes(kind, document.snapshot))


# Annex Г, in the order of the form.
APPLICATION_LABELS = [
    "наименование уполномоченной организации",
    "юридический адрес",
    "ЗАЯВЛЕНИЕ *",
    "на выдачу сертификата на право маркировки знаком «Халяль»",
    "наименование организации",
    "банковские реквизиты",
    ", УНП",
    "телефон",
    ", факс",
    "в лице",
    "фамилия, инициалы руководителя организации-заявителя или индивидуального предпринимателя",
    "заявляет, что",
    "наименование продукции",
    "соответствует требованиям",
    "обозначение и наименование нормативного документа, действующего на территории государства,"
    " принявшего настоящий стандарт, (ГОСТ)",
    "и просит провести анализ представленных документов, анализ состояния производства и при"
    " положительных результатах работ выдать сертификат на право маркировки знаком «Халяль».",
    "2 Организация обязуется:",
    "– обеспечить все условия для проведения работ на получение сертификата (предоставление"
    " документации, доступ ко всем подразделениям, ознакомление со всеми регистрационными"
    " документами);",
    "– выполнять правила и порядок проведения работ на получение сертификата;",
    "– обеспечивать стабильность выпуска продукции «Халяль»;",
    "– оплачивать все расходы по проведению работ независимо от результатов.",
    "Приложения **:",
    "3 Контактное лицо",
    ", тел.",
    "Руководитель организации",
    "подпись",
    "инициалы, фамилия",
    "« ____ » ______________ 20__ г.",
    "Главный бухгалтер",
    "М. П.",
    "* Количество строк для внесения информации не ограничено.",
    "** Приводится полный перечень наименований прилагаемых документов.",
]


def test_application_prints_every_label_of_annex_g_and_the_values(filed):
    text = text_of("application", filed)
    values = [
        BODY_NAME,
        filed.org_name,
        filed.bank_details,
        filed.tax_id,
        decline(filed.head_name),  # «в лице Сафина Р. Р.»: the genitive
        "Пахлава медовая (ГОСТ 6478-2017), серийное производство",
        "Чак-чак с мёдом (ГОСТ 6478-2017), партия № 15, 03.02.2026, 500 кг",
        "ГОСТ «Продукция «Халяль». Требования к продукции",  # the standard named once
        filed.contact_person,
        "Р. Р. Сафин",  # the head: initials, surname
        "Л. М. Галиева",
    ]
    assert missing(text, APPLICATION_LABELS + values) == []
    assert "\ufffd" not in text


CERTIFICATE_LABELS = [
    "СЕРТИФИКАТ",
    "на право маркировки знаком «ХАЛЯЛЬ»",
    "Срок действия с",
    "Изготовитель",
    "(наименование, адрес)",
    "и ему предоставляется право маркировки знаком «Халяль» продукции:",
    "(наименование продукции, обозначение нормативного документа, действующего на территории"
    " государства, принявшего настоящий стандарт)",
    "Сертификат выдан на основании решения комиссии протокол от",
    "Руководитель уполномоченной организации",
    "подпись",
    "инициалы, фамилия",
    "М. П.",
]


def test_certificate_prints_every_label_of_annex_k_and_the_values(certified):
    certificate = certified
    text = text_of("certificate", certificate)
    meeting = certificate.meeting
    values = [
        f"№ {certificate.number}",
        f"с {certificate.valid_from:%d.%m.%Y} по {certificate.valid_to:%d.%m.%Y}",
        f"{certificate.manufacturer_name}, {certificate.manufacturer_address}, Россия",
        "выполнил требования ГОСТ «Продукция «Халяль»»",
        "Пахлава медовая, ГОСТ 6478-2017, серийное производство",
        "Чак-чак с мёдом, ГОСТ 6478-2017, партия № 15, 03.02.2026, 500 кг",
        f"протокол от {meeting.protocol_date:%d.%m.%Y} № {meeting.protocol_number}",
        "И. Р. Гарипов",
    ]
    assert missing(text, CERTIFICATE_LABELS + values) == []
    assert (
        "\ufffd" not in text and pdf_pages(render_bytes("certificate", _snapshot(certificate))) == 1
    )


def _snapshot(obj, kind="certificate"):
    return RenderedDocument.objects.get(kind=kind, object_id=obj.pk).snapshot


ANNEX_LABELS = [
    "ПРИЛОЖЕНИЕ № 1",
    "к сертификату №",
    "Изготовитель",
    "(наименование, адрес)",
    "Продукция (наименование, обозначение нормативных документов, действующих на территории"
    " государства, принявшего настоящий стандарт)",
    "Сертификат выдан на основании решения комиссии протокол от",
    "Руководитель уполномоченной организации",
    "подпись",
    "инициалы, фамилия",
    "М. П.",
]


def test_certificate_for_a_product_type_names_the_type_and_its_annex(with_type):
    # Л.4.4: the certificate names the type; its products are in annex No. 1.
    text = text_of("certificate", with_type)
    assert "Изделия кондитерские восточные (приложение № 1 к сертификату)" in text
    assert "Пахлава медовая" not in text


def test_annex_one_lists_the_products_of_the_type(with_type):
    annex = with_type.annexes.get(number=1)
    text = text_of("certificate_annex", annex)
    values = [
        f"к сертификату № {with_type.number}",
        "Изделия кондитерские восточные",
        "1 Пахлава медовая ГОСТ 6478-2017 серийное производство",
        "2 Чак-чак с мёдом ГОСТ 6478-2017 партия № 15, 03.02.2026, 500 кг",
        f"протокол от {annex.meeting.protocol_date:%d.%m.%Y} № {annex.meeting.protocol_number}",
        "И. Р. Гарипов",
    ]
    assert missing(text, ANNEX_LABELS + values) == []
    assert "\ufffd" not in text


def test_added_annex_cites_the_protocol_of_its_own_decision(
    certified, applicant, secretary, commission
):
    # GOST 8.18: the annex gives the protocol of the meeting that decided to issue it.
    from tests.factories import category, normative_document

    request = services.annex_request_create(
        certificate=certified,
        by=applicant,
        products=[
            {
                "name": "Нуга с арахисом",
                "category": category(),
                "normative_document": normative_document("ГОСТ 6478-2017"),
            }
        ],
    )
    item = decide(
        certified.application,
        "issue_annex",
        secretary=secretary,
        members=commission,
        annex_request=request,
    )
    annex = certified.annexes.get()
    text = text_of("certificate_annex", annex)
    reference = (
        f"протокол от {item.meeting.protocol_date:%d.%m.%Y} № {item.meeting.protocol_number}"
    )
    assert missing(text, ["ПРИЛОЖЕНИЕ № 1", "Нуга с арахисом", reference]) == []


def test_protocol_lists_presence_items_votes_and_decisions(certified, commission):
    meeting = certified.meeting
    text = text_of("protocol", meeting)
    item = meeting.items.get()
    expected = [
        "ПРОТОКОЛ",
        f"заседания комиссии от {meeting.protocol_date:%d.%m.%Y} № {meeting.protocol_number}",
        "Присутствовали члены комиссии",
        *(m.get_short_name() for m in commission),
        "Повестка дня",
        f"Рассмотрели: заявление {certified.application.number}",
        "Вопрос Выдать сертификат",
        f"Срок действия сертификата с {item.valid_from:%d.%m.%Y} по {item.valid_to:%d.%m.%Y}",
        "«за» — 3, «против» — 0, «воздержались» — 0",
        "Решили: выдать сертификат",
        "Председатель комиссии",
        "Секретарь комиссии",
    ]
    assert missing(text, expected) == []
    assert "\ufffd" not in text


def test_protocol_records_an_item_not_adopted(reviewed, secretary, commission):
    item = decide(
        reviewed, "proceed", secretary=secretary, members=commission, votes=["against"] * 3
    )
    text = text_of("protocol", item.meeting)
    assert "«за» — 0, «против» — 3" in text and "Решение не принято." in text


def test_conclusion_prints_the_review_and_the_refusal_grounds(reviewed, secretary, commission):
    conclusion = services.conclusion_save(
        application=reviewed,
        by=secretary,
        outcome="refuse",
        text="Рецептура содержит желатин неустановленного происхождения.",
        grounds="Нет документов о происхождении желатина (ГОСТ 8.8).",
    )
    text = text_of("conclusion", conclusion)
    expected = [
        "ЗАКЛЮЧЕНИЕ",
        "по результатам анализа документов",
        reviewed.org_name,
        f"Заявление {reviewed.number}",
        "Рассмотренные документы",
        "Структурная схема организации",
        "Рецептура содержит желатин неустановленного происхождения.",
        "Комиссия рекомендует отказать в выдаче сертификата",
        "Обоснование отказа: Нет документов о происхождении желатина (ГОСТ 8.8).",
        *(m.get_short_name() for m in commission),
    ]
    assert missing(text, expected) == []
    assert "\ufffd" not in text


def test_refusal_letter_states_its_grounds(reviewed, secretary, commission):
    # GOST 8.12
    item = decide(
        reviewed,
        "refuse",
        secretary=secretary,
        members=commission,
        grounds="В составе сырья обнаружен свиной желатин.",
    )
    text = text_of("decision_letter", item)
    expected = [
        "РЕШЕНИЕ",
        "об отказе в выдаче сертификата на право маркировки знаком «Халяль»",
        f"Руководителю {reviewed.org_name}",
        "Р. Р. Сафин",
        f"протокол от {item.meeting.protocol_date:%d.%m.%Y} № {item.meeting.protocol_number}",
        "Обоснование: В составе сырья обнаружен свиной желатин.",
        "Руководитель уполномоченной организации",
        "И. Р. Гарипов",
    ]
    assert missing(text, expected) == []
    assert "\ufffd" not in text


@pytest.fixture
def suspended(reviewed, secretary, commission):
    decide(reviewed, "proceed", secretary=secretary, members=commission)
    return decide(
        reviewed,
        "suspend",
        secretary=secretary,
        members=commission,
        grounds="Не ведется журнал санитарной обработки\nНет видеозаписи в цехе",
        deadline=timezone.localdate() + datetime.timedelta(days=30),
    )


def test_suspension_letter_lists_the_nonconformities_and_the_deadline(suspended):
    # GOST 8.16
    text = text_of("decision_letter", suspended)
    deadline = f"{suspended.deadline:%d.%m.%Y}"
    expected = [
        "о приостановлении работ по выдаче сертификата на право маркировки знаком «Халяль»",
        f"1 Не ведется журнал санитарной обработки до {deadline}",
        f"2 Нет видеозаписи в цехе до {deadline}",
        f"Срок устранения несоответствий: до {deadline}.",
        "разработать корректирующие мероприятия",
    ]
    assert missing(text, expected) == []


def test_resumption_letter_says_whether_the_site_is_checked_again(suspended, secretary, commission):
    item = decide(
        suspended.application,
        "resume",
        secretary=secretary,
        members=commission,
        recheck_required=True,
    )
    text = text_of("decision_letter", item)
    expected = [
        "о возобновлении работ по выдаче сертификата на право маркировки знаком «Халяль»",
        "Комиссия проведет проверку выполнения корректирующих мероприятий на предприятии.",
    ]
    assert missing(text, expected) == []


def test_termination_letter_gives_the_missed_deadline(suspended, secretary, commission):
    later = suspended.deadline + datetime.timedelta(days=1)
    with time_machine.travel(datetime.datetime.combine(later, datetime.time(12)), tick=False):
        item = decide(
            suspended.application, "terminate", secretary=secretary, members=commission, date=later
        )
    text = text_of("decision_letter", item)
    expected = [
        "о прекращении работ по выдаче сертификата на право маркировки знаком «Халяль»",
        "не устранены в установленный срок (до " + f"{suspended.deadline:%d.%m.%Y}).",
        "Не ведется журнал санитарной обработки",
    ]
    assert missing(text, expected) == []
