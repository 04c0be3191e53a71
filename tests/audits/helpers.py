"""Builders for the production check's objects (GOST 8.13–8.15, 7.1)."""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from accounts.models import PowerOfAttorney
from audits import services
from audits.models import Severity
from tests.factories import UserFactory
from tests.files import pdf_bytes

# Every field of the act of Annex Е, as the auditor fills it in.
ACT_DATA = {
    "certification_body": "ООО «Халяль Сертификация»",
    "products_location": "г. Казань, ул. Баумана, д. 1, склад готовой продукции № 2",
    "applicant_name": "ООО «Халяль Продукт»",
    "representative_name": "Хасанов И. И.",
    "product_name": "Пахлава медовая",
    "manufacturer": "ООО «Халяль Продукт», г. Казань",
    "control_documents": "ГОСТ 6478-2017",
    "sampling_documents": "ГОСТ 5904-2019",
    "external_inspection": "Упаковка целая, маркировка читаема",
    "identification": "Продукция соответствует товаросопроводительным документам",
    "packaging": "Коробки из гофрокартона по 12 пачек",
    "storage_conditions": "Склад, +18 °C, влажность 70 %",
    "typical_representatives": True,
    "typical_justification": "Единая рецептура и технология для всей линейки пахлавы",
    "applicant_proposals": "Заявитель предложил пахлаву медовую как самую массовую",
}
# Every column and identification feature of a row of the table.
SAMPLE_DATA = {
    "name": "Пахлава медовая, 500 г",
    "manufacturer": "ООО «Халяль Продукт», г. Казань, ул. Баумана, д. 1",
    "seller": "ООО «Торговый дом Халяль», г. Казань",
    "barcode": "4600000000008",
    "unit": "упак.",
    "lot_size": Decimal("1200"),
    "quantity": Decimal("6"),
    "shelf_life": "60 суток",
    "normative_document": "ГОСТ 6478-2017",
    "nominal_quantity": "500 г",
    "package_type": "Пачка картонная",
    "mass_volume": "0,5 кг",
    "other_features": "Партия № 17, ТТН № 345",
}


def auditor_with_power(*, valid_from=None, valid_to=None, **extra):
    today = timezone.localdate()
    user = UserFactory(role_auditor=True, position="Эксперт-аудитор «Халяль»", **extra)
    PowerOfAttorney.objects.create(
        auditor=user,
        number=f"ДУМ-{user.pk}",
        issued_by="Духовное управление мусульман",
        valid_from=valid_from or today - datetime.timedelta(days=30),
        valid_to=valid_to or today + datetime.timedelta(days=365),
    )
    return user


def act_data(auditor, **extra):
    return {**ACT_DATA, "date": timezone.localdate(), "auditor": auditor, **extra}


def sample_data(**extra):
    return {
        **SAMPLE_DATA,
        "production_date": timezone.localdate() - datetime.timedelta(days=3),
        **extra,
    }


def production_check_with_everything(application, *, applicant):
    """Written straight to the database, whatever the application's state: a started check, its
    team, a signed act with a tested sample and a report, a sanitation and a slaughter journal
    entry."""
    from audits.models import (
        ActStatus,
        CheckStage,
        CheckStatus,
        CheckTeamMember,
        LabReport,
        ProductionCheck,
        Sample,
        SampleStatus,
        SamplingAct,
        SanitationEntry,
    )
    from slaughter.models import SlaughterEntry

    today = timezone.localdate()
    auditor = auditor_with_power()
    check = ProductionCheck.objects.create(
        application=application,
        status=CheckStatus.IN_PROGRESS,
        purpose="Оценка",
        basis="Заявление",
        start_date=today,
        end_date=today,
    )
    CheckTeamMember.objects.create(production_check=check, user=auditor, position="Аудитор")
    check.participants.add(auditor)
    for number in range(1, 6):
        CheckStage.objects.create(production_check=check, number=number).executors.add(auditor)
    act = SamplingAct.objects.create(
        production_check=check,
        status=ActStatus.SIGNED,
        **act_data(auditor),
        auditor_signed_at=timezone.now(),
        applicant_signed_by=applicant,
        applicant_signed_at=timezone.now(),
    )
    sample = Sample.objects.create(
        act=act,
        status=SampleStatus.TESTED,
        laboratory="ИЛ «Татмясо»",
        delivered_on=today,
        **sample_data(),
    )
    report = LabReport(
        sample=sample,
        number="17/2026",
        issued_on=today,
        laboratory="ИЛ «Татмясо»",
        passed=True,
        original_name="протокол.pdf",
        content_type="application/pdf",
        size=1,
        sha256="",
        uploaded_by=auditor,
    )
    report.file.save("протокол.pdf", ContentFile(pdf_bytes()))
    add_production_act(check, auditor=auditor)
    SanitationEntry.objects.create(
        organization=application.organization,
        date=today,
        equipment="Котел варочный № 1",
        kind="routine",
        performers="Иванов\nПетров",
        test_kind="express",
        test_result="АТФ-тест: 90 RLU",
        test_passed=True,
        controller=applicant,
        controller_name=applicant.get_short_name(),
        signed_at=timezone.now(),
    )
    SlaughterEntry.objects.create(
        organization=application.organization,
        date=today,
        line="Линия убоя КРС № 1",
        species="steers",
        head_count=10,
        veterinary_document="ВСД № 1",
        method="manual",
        slaughterers="Хабибуллин\nЗакиров",
        stunning="none",
        video_recorded=True,
        death_confirmed=True,
        controller=applicant,
        controller_name=applicant.get_short_name(),
        signed_at=timezone.now(),
    )
    return check


# Every field of the header, the initial data, the conclusions and the copies of Annex Ж.
PRODUCTION_ACT_DATA = {
    "enterprise_name": "ООО «Казанские сладости»",
    "legal_address": "420111, г. Казань, ул. Баумана, д. 1",
    "production_address": "420061, г. Казань, ул. Сибирский тракт, д. 34, корп. 5",
    "phone": "+7 843 200-00-01",
    "enterprise_head": "Генеральный директор Хасанов И. И.",
    "commission": "Гарипова А. Р., эксперт-аудитор\nСафин М. Р., член комиссии",
    "representatives": "Технолог Валиева Г. Ф.; контролер «Халяль» Ахметов Р. Р.",
    "purpose": "Оценка способности предприятия стабильно выпускать продукцию «Халяль»",
    "basis": "Заявка ХЛ-2026-00017; решение комиссии, протокол № 12",
    "declared_products": "Щербет ореховый; пахлава медовая",
    "product_documentation": "ТУ 10.82.23-001-12345678-2020",
    "serial_certificates": "ЕАЭС RU С-RU.ПН01.В.00123/26",
    "safety_management_system": "ХАССП, сертификат № 0456 до 2027 г.",
    "complaints": "Рекламаций за 2025–2026 гг. не поступало",
    "conclusions": "Предприятие способно стабильно выпускать продукцию «Халяль» при устранении "
    "несоответствия раздела 15 в установленный срок",
    "stable_production": True,
    "copy_to_certification_body": True,
}


def fill_act(act, *, by, result="conforms"):
    """Every item gets ``result`` (a nonconformity needs its record: see the tests), and the
    header and conclusions are filled in."""
    from audits.models import ItemResult

    today = timezone.localdate()
    services.act_update(
        act=act,
        by=by,
        data={**PRODUCTION_ACT_DATA, "period_start": today, "period_end": today},
    )
    ItemResult.objects.filter(act=act).update(result=result, comment="Проверено", revision=1)
    act.refresh_from_db()
    return act


def add_production_act(check, *, auditor):
    """A draft act of Annex Ж with a nonconformity and a photo on its first item, written
    straight to the database."""
    from audits.models import (
        ActEvidence,
        ChecklistItem,
        ChecklistVersion,
        ItemResult,
        Nonconformity,
        ProductionCheckAct,
    )
    from tests.files import png_bytes

    today = timezone.localdate()
    version = ChecklistVersion.objects.get(is_current=True)
    act = ProductionCheckAct.objects.create(
        production_check=check,
        checklist=version,
        body_name="ООО «Халяль Сертификация»",
        body_legal_address="г. Казань",
        date=today,
        created_by=auditor,
        **{**PRODUCTION_ACT_DATA, "period_start": today, "period_end": today},
    )
    results = ItemResult.objects.bulk_create(
        ItemResult(act=act, item=item)
        for item in ChecklistItem.objects.filter(section__version=version)
    )
    first = results[0]
    Nonconformity.objects.create(
        application=check.application,
        item_result=first,
        description="Нет учтенных экземпляров ТД",
        deadline=today + datetime.timedelta(days=30),
    )
    evidence = ActEvidence(
        result=first,
        original_name="цех.png",
        content_type="image/png",
        size=1,
        sha256="",
        uploaded_by=auditor,
    )
    evidence.file.save("цех.png", ContentFile(png_bytes()))
    return act


def section_url(act, number):
    return reverse(
        "audits:act-section", kwargs={"check_pk": act.production_check_id, "section": number}
    )


def first_result(act, section=1):
    return act.results.filter(item__section__number=section).order_by("item__order").first()


def add_nonconformity(act, by, **extra):
    data = {
        "description": "Нет графика дезинфекции",
        "severity": Severity.MAJOR,
        "deadline": act.date + datetime.timedelta(days=30),
        "fixed_on_spot": False,
        **extra,
    }
    return services.nonconformity_add(result=first_result(act, 15), by=by, **data)
