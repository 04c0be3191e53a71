"""Annex Ж (the act of the check of the state of production): issued when the head approves the
act and again, as a second document, when the enterprise's head acknowledges receipt; every label
of the standard's form in its order with the filled values, each checklist item of the act's own
version with its result, no missing glyph, frozen once issued, downloaded only by those who see
the act (the applicant from «sent» on)."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import AuthorizedBody
from audits import services
from audits.models import ChecklistItem, ChecklistSection, ItemResult, Severity
from halal_portal.formatting import person
from halal_portal.models import RenderedDocument
from halal_portal.rendering import render_bytes
from halal_portal.tasks import render_document_task
from tests.audits.helpers import PRODUCTION_ACT_DATA, fill_act
from tests.files import png_upload

from .conftest import BODY_ADDRESS, BODY_NAME
from .helpers import missing, out_of_order, pdf_text

pytestmark = pytest.mark.django_db


def document_of(kind: str, act) -> RenderedDocument:
    return RenderedDocument.objects.get(kind=kind, object_id=act.pk)


def text_of(kind: str, act) -> str:
    return pdf_text(render_bytes(kind, document_of(kind, act).snapshot))


def result_of(act, section: int, order: int = 1) -> ItemResult:
    return act.results.get(item__section__number=section, item__order=order)


@pytest.fixture
def found_act(body, production_act, auditor):
    """The act filled in, with a nonconformity to correct by a deadline on 1.1, one corrected on
    the spot on 15.1 and a photo on 1.1, submitted for the signatures."""
    act = fill_act(production_act, by=auditor)
    services.nonconformity_add(
        result=result_of(act, 1),
        by=auditor,
        description="Нет учтенных экземпляров технологической инструкции",
        severity=Severity.MAJOR,
        deadline=act.date + datetime.timedelta(days=30),
        fixed_on_spot=False,
    )
    services.nonconformity_add(
        result=result_of(act, 15),
        by=auditor,
        description="Не заполнен журнал уборки за 12 мая",
        severity=Severity.MINOR,
        deadline=None,
        fixed_on_spot=True,
    )
    services.act_evidence_add(result=result_of(act, 1), by=auditor, upload=png_upload())
    return services.act_submit(act=act, by=auditor)


@pytest.fixture
def signed(found_act, auditor, second_member):
    services.act_sign(act=found_act, by=auditor)
    return services.act_sign(act=found_act, by=second_member)


@pytest.fixture
def approved_act(signed, head):
    return services.act_approve(act=signed, by=head)


@pytest.fixture
def sent(approved_act, secretary):
    return services.act_send(act=approved_act, by=secretary)


@pytest.fixture
def acknowledged(sent, applicant):
    return services.act_acknowledge(act=sent, by=applicant)


# The 20 sections as the standard words them: a list of points ends its title with a colon, a
# section checked as a whole with a full stop.
SECTION_TITLES = [
    "1 Анализ технологической документации:",
    "2 Компетентность персонала:",
    "3 Идентификация продукции и прослеживаемость:",
    "4 Управление регистрацией данных о качестве:",
    "5 Анализ документации системы менеджмента безопасности пищевой продукции.",
    "6 Входной контроль сырья и материалов:",
    "7 Контроль за содержанием пищевых добавок и наличия сырья, содержащего ГМО:",
    "8 Контроль и проведение испытаний:",
    "9 Соблюдение требований к процессам получения переработанной пищевой продукции животного"
    " происхождения.",
    "10 Соблюдение технологии производства:",
    "11 Соблюдение требований к организации производственных помещений.",
    "12 Соблюдение требований к используемому технологическому оборудованию и инвентарю.",
    "13 Соблюдение требований к условиям хранения и удаления отходов производства.",
    "14 Соблюдение требований к процессам утилизации продукции.",
    "15 Санитарно-гигиеническое состояние производства:",
    "16 Управление контрольным, измерительным и испытательным оборудованием:",
    "17 Корректирующие и предупреждающие действия:",
    "18 Упаковка, маркировка продукции:",
    "19 Процессы хранения, транспортирования и реализации продукции в соответствии с требованиями"
    " настоящего стандарта:",
    "20 Результаты испытаний продукции, заявленной на право маркировки знаком «Халяль».",
]

HEAD_LABELS = [
    "наименование уполномоченной организации",
    "юридический адрес",
    "УТВЕРЖДАЮ",
    "Руководитель",
    "наименование уполномоченной организации",
    "подпись",
    "инициалы, фамилия",
    "АКТ",
    "ПРОВЕРКИ СОСТОЯНИЯ ПРОИЗВОДСТВА (ОСВИДЕТЕЛЬСТВОВАНИЯ ПРЕДПРИЯТИЯ)",
    "ДЛЯ ПОЛУЧЕНИЯ СЕРТИФИКАТА НА ПРАВО МАРКИРОВКИ ЗНАКОМ «ХАЛЯЛЬ»",
    "Наименование предприятия:",
    "Юридический адрес:",
    "Адрес производства:",
    "Телефон:",
    "Руководитель",
    "Состав комиссии:",
    "Представители предприятия, ответственные за проведение проверки:",
    "Цель проведения проверки:",
    "Основание для проверки:",
    "Срок проведения проверки:",
    "Требования к конфиденциальности: Информация, которая получена при обследовании производства"
    " является конфиденциальной и огласке не подлежит.",
    "Исходные данные:",
    "– продукция, заявленная на право маркировки знаком «Халяль»",
    "– документация, по которой выпускается продукция",
    "– наличие серийных сертификатов соответствия, на продукцию",
    "– наличие на предприятии системы менеджмента безопасности (ИСО, НАССР и т. д)",
    "– наличие рекламаций на заявленную к сертификации продукцию и др.",
]

TAIL_LABELS = [
    "Выводы:",
    "Акт составлен в 2(3)-х экземплярах и направлен:",
    "заявителю – 1 экземпляр;",
    "уполномоченной организации – 1 экземпляр;",
    "в орган по сертификации – 1 экземпляр (при необходимости).",
    "Члены комиссии:",
    "подпись",
    "инициалы, фамилия",
    "С актом ознакомился и один экземпляр получил:",
    "Руководитель предприятия",
    "подпись",
    "инициалы, фамилия",
]


def checklist_labels(act) -> list[str]:
    """Each section's title, then each of its points numbered as the act prints them. A section
    Annex Ж lists no points for is one sentence («… .»), unless the checklist adds points to it
    (GOST 7.1–7.5 in version 2): its title then ends with a colon and its first point, the
    section itself, reads «по разделу в целом»."""
    labels = []
    for title, section in zip(
        SECTION_TITLES, act.checklist.sections.order_by("number"), strict=True
    ):
        items = list(section.items.order_by("order"))
        if len(items) == 1 and items[0].text_ru == section.title_ru:
            labels.append(title)
            continue
        labels.append(title[:-1] + ":")
        labels += [
            f"{section.number}.{n} "
            + ("по разделу в целом" if item.text_ru == section.title_ru else item.text_ru)
            for n, item in enumerate(items, 1)
        ]
    return labels


def test_act_prints_every_label_of_annex_zh_in_order(approved_act):
    text = text_of("production_act", approved_act)
    labels = [*HEAD_LABELS, *checklist_labels(approved_act), *TAIL_LABELS]
    assert out_of_order(text, labels) == []
    assert "\ufffd" not in text


def test_act_prints_the_filled_values(approved_act, head, auditor, second_member):
    act = approved_act
    text = text_of("production_act", act)
    signed = {s.member_id: f"{s.signed_at:%d.%m.%Y}" for s in act.signatures.all()}
    values = [
        BODY_NAME,
        BODY_ADDRESS,
        f"{person(head)} подпись инициалы, фамилия {act.approved_at:%d.%m.%Y}",
        f"{act.date:%d.%m.%Y} Наименование предприятия:",
        *(
            " ".join(PRODUCTION_ACT_DATA[name].split())
            for name in (
                "enterprise_name",
                "legal_address",
                "production_address",
                "phone",
                "enterprise_head",
                "representatives",
                "purpose",
                "basis",
                "declared_products",
                "product_documentation",
                "serial_certificates",
                "safety_management_system",
                "complaints",
                "conclusions",
            )
        ),
        *PRODUCTION_ACT_DATA["commission"].splitlines(),
        f"с {act.period_start:%d.%m.%Y} по {act.period_end:%d.%m.%Y}",
        "Предприятие способно стабильно выпускать продукцию «Халяль».",
        f"{person(auditor)} {signed[auditor.pk]}",
        f"Член комиссии {person(second_member)} {signed[second_member.pk]}",
    ]
    # A value broken over two lines after a hyphen («С-» / «RU.ПН01») is read back as «С- RU».
    assert missing(text.replace("- ", "-"), values) == []


def test_each_item_prints_its_result_comment_and_evidence(approved_act):
    text = text_of("production_act", approved_act)
    assert "1.2 наличие в технологической документации" in text
    assert "производство продукции соответствует Проверено" in text
    assert "Подтверждающие материалы: фото.png" in text


def test_nonconformities_print_their_severity_and_deadline_or_fixed_on_the_spot(approved_act):
    text = text_of("production_act", approved_act)
    deadline = approved_act.date + datetime.timedelta(days=30)
    assert (
        missing(
            text,
            [
                "Несоответствие (значительное): Нет учтенных экземпляров технологической "
                f"инструкции; срок устранения: {deadline:%d.%m.%Y}",
                "Несоответствие (малозначительное): Не заполнен журнал уборки за 12 мая; "
                "устранено на месте",
            ],
        )
        == []
    )


def test_section_15_prints_the_sanitation_journal_as_the_act_page_shows_it(signed, head, applicant):
    from django.utils import timezone

    from audits.models import SanitationEntry

    SanitationEntry.objects.create(
        organization=signed.production_check.application.organization,
        date=signed.date - datetime.timedelta(days=3),
        equipment="Котел варочный № 1",
        kind="routine",
        performers="Иванов",
        test_kind="express",
        test_result="АТФ-тест: 900 RLU",
        test_passed=False,
        controller=applicant,
        controller_name=applicant.get_short_name(),
        signed_at=timezone.now(),
    )
    act = services.act_approve(act=signed, by=head)
    text = text_of("production_act", act)
    day = f"{signed.date - datetime.timedelta(days=3):%d.%m.%Y}"
    assert (
        missing(
            text,
            [
                "Журнал санитарной обработки предприятия (приложение Б) с",
                "записей — 1, обработок после контакта с харамом — 0, "
                "неудовлетворительных проверок — 1",
                f"{day}, Котел варочный № 1: АТФ-тест: 900 RLU — проверка не пройдена.",
            ],
        )
        == []
    )


def test_act_prints_the_items_of_its_own_checklist_version(signed, head):
    # A checklist edited after the act was drawn up never changes the act (GOST 8.16).
    from audits.models import ChecklistVersion

    ChecklistVersion.objects.update(is_current=False)
    version = ChecklistVersion.objects.create(
        number=90, title="Редакция 90", effective_date=signed.date, is_current=True
    )
    section = ChecklistSection.objects.create(
        version=version, number=1, title_ru="Новый раздел", title_en="New section"
    )
    ChecklistItem.objects.create(section=section, order=1, text_ru="Новый пункт", text_en="New")
    act = services.act_approve(act=signed, by=head)
    text = text_of("production_act", act)
    assert "Новый пункт" not in text and SECTION_TITLES[0] in text


def test_unfilled_optional_fields_are_blank_lines(production_act, auditor, second_member, head):
    act = fill_act(production_act, by=auditor)
    services.act_update(
        act=act,
        by=auditor,
        data={"serial_certificates": "", "complaints": "", "copy_to_certification_body": False},
    )
    services.act_submit(act=act, by=auditor)
    services.act_sign(act=act, by=auditor)
    services.act_sign(act=act, by=second_member)
    services.act_approve(act=act, by=head)
    text = text_of("production_act", act)
    assert (
        missing(
            text,
            [
                "на продукцию: – наличие на предприятии",
                "продукцию и др.: 1 Анализ",
                # The third copy is struck out when the certification body gets none.
                "(при необходимости). не требуется",
            ],
        )
        == []
    )


# --- issued at the approval; the receipt as a second document ---------------------------------


def test_act_is_issued_only_when_the_head_approves_it(
    signed, head, django_capture_on_commit_callbacks
):
    assert not RenderedDocument.objects.filter(kind__startswith="production_act").exists()
    with django_capture_on_commit_callbacks() as callbacks:
        services.act_approve(act=signed, by=head)
    document = document_of("production_act", signed)
    # The document, and the secretaries told that the application awaits the decision.
    assert document.snapshot["approved_at"] and len(callbacks) == 2


def test_approved_act_leaves_the_receipt_blank(approved_act):
    text = text_of("production_act", approved_act)
    assert "Руководитель предприятия подпись инициалы, фамилия дата" in text


def test_receipt_is_issued_as_a_second_document(acknowledged, applicant):
    text = text_of("production_act_acknowledged", acknowledged)
    signed = f"{acknowledged.acknowledged_at:%d.%m.%Y}"
    assert f"Руководитель предприятия {person(applicant)} {signed}" in text
    assert document_of("production_act", acknowledged).snapshot["acknowledged_at"] is None


def test_act_renders_later_exactly_as_approved(approved_act, auditor):
    before = text_of("production_act", approved_act)
    from audits.models import CheckTeamMember, ProductionCheckAct

    ProductionCheckAct.objects.filter(pk=approved_act.pk).update(
        enterprise_name="ООО «Другое»", conclusions="Другие выводы"
    )
    ItemResult.objects.filter(act=approved_act).update(comment="Переписано")
    ChecklistItem.objects.filter(section__number=1).update(text_ru="Переименованный пункт")
    AuthorizedBody.objects.update(name="АНО «Другое название»", head_name="Другой Руководитель")
    CheckTeamMember.objects.filter(production_check=approved_act.production_check).update(
        position="Стажер"
    )
    auditor.last_name = "Переименованный"
    auditor.save()
    after = text_of("production_act", approved_act)
    assert after == before and "Стажер" not in after


# --- who downloads it -------------------------------------------------------------------------


def ready(kind: str, act) -> RenderedDocument:
    document = document_of(kind, act)
    render_document_task.delay(document.pk)
    document.refresh_from_db()
    return document


def download(document: RenderedDocument) -> str:
    return reverse("pdf-download", kwargs={"document_pk": document.pk})


def test_applicant_does_not_get_the_act_before_it_is_sent(client, applicant, approved_act):
    document = ready("production_act", approved_act)
    client.force_login(applicant)
    assert client.get(download(document)).status_code == 404


def test_applicant_downloads_the_sent_act(client, applicant, sent):
    document = ready("production_act", sent)
    client.force_login(applicant)
    response = client.get(download(document))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("kind", ["production_act", "production_act_acknowledged"])
def test_outsider_does_not_get_the_act(client, outsider, acknowledged, kind):
    document = ready(kind, acknowledged)
    client.force_login(outsider)
    assert client.get(download(document)).status_code == 404


def test_act_page_shows_the_document_with_its_status(client, secretary, approved_act):
    document = document_of("production_act", approved_act)
    client.force_login(secretary)
    content = client.get(approved_act.get_absolute_url()).content.decode()
    assert reverse("pdf-status", kwargs={"document_pk": document.pk}) in content


def test_applicant_sees_both_documents_on_the_act_page(client, applicant, acknowledged):
    documents = [ready(k, acknowledged) for k in ("production_act", "production_act_acknowledged")]
    client.force_login(applicant)
    content = client.get(acknowledged.get_absolute_url()).content.decode()
    assert all(download(document) in content for document in documents)
