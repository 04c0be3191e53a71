"""Annex Д (program of the production check) and Annex Е (sampling act): issued at the approval
and at the second signature, every label of the standard's form in its order with the filled
values, no missing glyph, frozen once issued, downloaded only by those who see the check."""

import pytest
from django.urls import reverse

from accounts.models import AuthorizedBody
from audits import services
from audits.documents import STAGE_WORDING
from audits.models import CheckArea, CheckTeamMember, Sample, SamplingAct
from audits.reference import CHECK_AREAS
from halal_portal.formatting import person
from halal_portal.models import RenderedDocument
from halal_portal.rendering import render_bytes
from halal_portal.tasks import render_document_task
from tests.audits.helpers import ACT_DATA, SAMPLE_DATA

from .conftest import BODY_ADDRESS, BODY_NAME
from .helpers import missing, out_of_order, pdf_text

pytestmark = pytest.mark.django_db


def document_of(kind: str, obj) -> RenderedDocument:
    return RenderedDocument.objects.get(kind=kind, object_id=obj.pk)


def text_of(kind: str, obj) -> str:
    return pdf_text(render_bytes(kind, document_of(kind, obj).snapshot))


# --- Annex Д ----------------------------------------------------------------------------------

# Annex Д in the order of the form.
PROGRAM_LABELS = [
    "наименование уполномоченной организации",
    "юридический адрес",
    "УТВЕРЖДАЮ",
    "Руководитель",
    "наименование уполномоченной организации",
    "подпись",
    "инициалы, фамилия",
    "ПРОГРАММА",
    "ПРОВЕРКИ СОСТОЯНИЯ ПРОИЗВОДСТВА (ОСВИДЕТЕЛЬСТВОВАНИЯ ПРЕДПРИЯТИЯ)",
    "ДЛЯ ПОЛУЧЕНИЯ СЕРТИФИКАТА НА ПРАВО МАРКИРОВКИ ЗНАКОМ «ХАЛЯЛЬ»",
    "на",
    "наименование предприятия",
    "1 Цель проверки:",
    "2 Основание для проведения проверки:",
    "3 Сроки проведения проверки:",
    "4 Состав комиссии",
    "инициалы, фамилия, должность",
    "5 Обозначение нормативных документов, действующих на территории государства, принявшего"
    " настоящий стандарт, в которых установлены требования к продукции «Халяль»:",
    "6 Программа проверки состояния производства:",
    "№ п/п",
    "Этапы проверки",
    "Исполнитель",
    "1",
    *(name for _code, name, _en in CHECK_AREAS),
    *(f"{number} {STAGE_WORDING[number]}" for number in (2, 3, 4, 5)),
]


@pytest.fixture
def issued_program(body, approved):
    return approved


def test_program_prints_every_label_of_annex_d_in_order_with_the_values(
    issued_program, auditor, head
):
    check = issued_program
    text = text_of("check_program", check)
    values = [
        BODY_NAME,
        BODY_ADDRESS,
        person(head),
        f"{check.approved_at:%d.%m.%Y}",
        check.application.org_name,
        " ".join(check.purpose.split()),
        " ".join(check.basis.split()),
        f"с {check.start_date:%d.%m.%Y} по {check.end_date:%d.%m.%Y}",
        f"{person(auditor)}, Эксперт-аудитор «Халяль»",
        *(d.designation for d in check.normative_documents.all()),
    ]
    assert out_of_order(text, PROGRAM_LABELS) == []
    assert missing(text, values) == [] and "\ufffd" not in text


def test_program_names_the_executor_of_each_stage(issued_program, auditor):
    text = text_of("check_program", issued_program)
    # Annex Д, part 6: the last stage's row ends with its executor.
    assert f"{STAGE_WORDING[5]} {person(auditor)}" in text


def test_program_is_issued_when_the_head_approves_it(ready_program, head):
    # GOST 8.13: the program is the approved one; a draft has no document.
    assert not RenderedDocument.objects.filter(kind="check_program").exists()
    services.program_approve(check=ready_program, by=head)
    assert document_of("check_program", ready_program).snapshot["approved_at"]


def test_program_renders_later_exactly_as_approved(issued_program, auditor):
    before = text_of("check_program", issued_program)
    AuthorizedBody.objects.update(name="АНО «Другое название»")
    CheckArea.objects.filter(code="premises").update(name_ru="Помещения (новая редакция)")
    CheckTeamMember.objects.filter(production_check=issued_program).update(position="Стажер")
    auditor.last_name = "Переименованный"
    auditor.save()
    after = text_of("check_program", issued_program)
    assert after == before and "Стажер" not in after


# --- Annex Е ----------------------------------------------------------------------------------

SAMPLING_LABELS = [
    "АКТ",
    "ОТБОРА ОБРАЗЦОВ ПРОДУКЦИИ",
    "от",
    "дата",
    "Аккредитованный орган по сертификации",
    "(наименование аккредитованного органа по сертификации)",
    "на",
    "(местонахождение продукции)",
    "у",
    "(наименование заявителя)",
    "мною",
    "(фамилия, инициалы эксперта-аудитора «Халяль» аккредитованного органа по сертификации)",
    "в присутствии",
    "(фамилия, инициалы представителя заявителя)",
    "отобраны образцы",
    "(наименование продукции)",
    "изготовленной (поставленной)",
    "[наименование изготовителя (продавца)]",
    "для контроля на соответствие требованиям",
    "(обозначение нормативного документа, действующего на территории государства, принявшего"
    " настоящий стандарт)",
    "Отбор образцов произведен в соответствии с требованиями",
    "(обозначение нормативного документа, действующего на территории государства, принявшего"
    " настоящий стандарт)",
    "№ п/п",
    "Наименование образцов продукции, ее реквизиты (изготовитель, штриховой код и др.)",
    "Единица измерения",
    "Размер партии",
    "Дата изготовления и другие идентификационные признаки",
    "Количество отобранных образцов",
    "Результаты внешнего осмотра",
    "Информация об идентификации продукции",
    "Упаковка",
    "Условия и место хранения",
    "Эксперт-аудитор «Халяль»",
    "подпись",
    "инициалы, фамилия",
    "Заявитель",
    "подпись",
    "инициалы, фамилия",
]


@pytest.fixture
def issued_act(body, signed_act):
    return signed_act


def test_sampling_act_prints_every_label_of_annex_e_in_order_with_the_values(
    issued_act, auditor, applicant
):
    act = issued_act
    sample = act.samples.get()
    text = text_of("sampling_act", act)
    values = [
        f"от {act.date:%d.%m.%Y}",
        *(
            ACT_DATA[field]
            for field in (
                "certification_body",
                "products_location",
                "applicant_name",
                "representative_name",
                "product_name",
                "manufacturer",
                "control_documents",
                "sampling_documents",
                "external_inspection",
                "identification",
                "packaging",
                "storage_conditions",
                "typical_justification",
            )
        ),
        f"мною {auditor.get_short_name()}",  # «фамилия, инициалы»
        *(
            SAMPLE_DATA[field]
            for field in (
                "name",
                "manufacturer",
                "seller",
                "barcode",
                "shelf_life",
                "nominal_quantity",
                "package_type",
                "mass_volume",
                "other_features",
            )
        ),
        f"упак. 1200 дата изготовления: {sample.production_date:%d.%m.%Y}",
        person(auditor),  # «инициалы, фамилия» at the signature
        person(applicant),
    ]
    assert out_of_order(text, SAMPLING_LABELS) == []
    assert missing(text, values) == [] and "\ufffd" not in text


def test_sampling_act_is_issued_when_both_parties_have_signed(act, auditor, applicant):
    services.sampling_act_sign_auditor(act=act, by=auditor)
    assert not RenderedDocument.objects.filter(kind="sampling_act").exists()
    services.sampling_act_sign_applicant(act=act, by=applicant)
    assert document_of("sampling_act", act).snapshot["applicant_signed_at"]


def test_sampling_act_renders_later_exactly_as_signed(issued_act):
    before = text_of("sampling_act", issued_act)
    SamplingAct.objects.filter(pk=issued_act.pk).update(packaging="Мешки полипропиленовые")
    Sample.objects.filter(act=issued_act).update(name="Другой образец", unit="кг")
    after = text_of("sampling_act", issued_act)
    assert after == before and "Другой образец" not in after


def test_features_left_out_are_not_printed(started, auditor, applicant, body):
    # GOST 8.15: seller, barcode and the other features only when the package or papers give them.
    from tests.audits.helpers import act_data, sample_data

    data = act_data(auditor, typical_representatives=False, typical_justification="")
    act = services.sampling_act_create(check=started, by=auditor, data=data)
    blank = dict.fromkeys(
        ("seller", "barcode", "shelf_life", "nominal_quantity", "package_type", "mass_volume"), ""
    )
    services.sample_save(act=act, by=auditor, data=sample_data(**blank))
    services.sampling_act_sign_auditor(act=act, by=auditor)
    services.sampling_act_sign_applicant(act=act, by=applicant)
    text = text_of("sampling_act", act)
    assert not [word for word in ("продавец:", "штриховой код:", "типовые") if word in text]
    assert f"изготовитель: {SAMPLE_DATA['manufacturer']}" in text


# --- on the pages -----------------------------------------------------------------------------


def ready(kind: str, obj) -> RenderedDocument:
    document = document_of(kind, obj)
    render_document_task.delay(document.pk)
    document.refresh_from_db()
    return document


def download(document: RenderedDocument) -> str:
    return reverse("pdf-download", kwargs={"document_pk": document.pk})


@pytest.mark.parametrize("kind", ["check_program", "sampling_act"])
def test_applicant_downloads_the_check_documents(client, applicant, issued_act, kind):
    obj = issued_act.production_check if kind == "check_program" else issued_act
    document = ready(kind, obj)
    client.force_login(applicant)
    response = client.get(download(document))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("kind", ["check_program", "sampling_act"])
def test_outsider_does_not_get_the_check_documents(client, outsider, issued_act, kind):
    obj = issued_act.production_check if kind == "check_program" else issued_act
    document = ready(kind, obj)
    client.force_login(outsider)
    assert client.get(download(document)).status_code == 404


def test_check_page_shows_the_program_with_its_status(client, secretary, issued_program):
    document = ready("check_program", issued_program)
    client.force_login(secretary)
    content = client.get(issued_program.get_absolute_url()).content.decode()
    assert download(document) in content


def test_sampling_page_shows_the_act_with_its_status(client, applicant, issued_act):
    document = document_of("sampling_act", issued_act)
    client.force_login(applicant)
    content = client.get(issued_act.get_absolute_url()).content.decode()
    assert reverse("pdf-status", kwargs={"document_pk": document.pk}) in content
