"""Demo data of the production check for ``seed_demo``: an application of «Казанские сладости»
under a check with an approved program (Annex Д), a signed sampling act (Annex Е) whose samples
went to the laboratory, and sanitation journals of both demo enterprises (GOST 7.1, Annex Б).

Runs after the accounts' and the certification's demo data (``manage.py seed_demo`` seeds the
apps in the order of their layers); safe to run again: it finds what it made before."""

import datetime
from decimal import Decimal

from django.utils import timezone

from accounts.demo import MEAT_TAX_ID, SWEETS_TAX_ID
from accounts.models import Organization, PowerOfAttorney, User
from certification import services as cert_services
from certification.demo import demo_pdf
from certification.models import Application, NormativeDocument, ProductCategory
from certification.models_support import applicable_document_types

from . import services
from .models import CheckStatus, ItemResult, ItemStatus, ProductionCheck

PRODUCT = "Щербет ореховый"


def seed() -> None:
    """Create the demo check and journals unless they exist already."""
    try:
        secretary = User.objects.get(email="secretary@example.com")
        head = User.objects.get(email="head@example.com")
        auditor = User.objects.get(email="auditor@example.com")
        sweets_user = User.objects.get(email="applicant@example.com")
        meat_user = User.objects.get(email="applicant2@example.com")
        sweets = Organization.objects.get(tax_id=SWEETS_TAX_ID)
        meat = Organization.objects.get(tax_id=MEAT_TAX_ID)
    except (User.DoesNotExist, Organization.DoesNotExist):
        return  # the accounts' demo comes first
    today = timezone.localdate()
    if not Application.objects.filter(organization=sweets, products__name=PRODUCT).exists():
        _check(today, secretary, head, auditor, sweets_user, sweets)
    check = (
        ProductionCheck.objects.filter(
            application__organization=sweets, status=CheckStatus.IN_PROGRESS, act__isnull=True
        )
        .order_by("pk")
        .first()
    )
    if check is not None:
        _production_act(check, auditor, today)
    if not sweets.sanitation_entries.exists():
        haram = "Емкость № 3 после желатина неизвестного происхождения"
        _journal(sweets, sweets_user, today, haram=haram)
    if not meat.sanitation_entries.exists():
        _journal(meat, meat_user, today, haram="Разделочный стол № 2 после контакта со свининой")


def _in_check(today, secretary, user, organization) -> Application:
    """An application the commission sent to the production check (GOST 8.13)."""
    application = cert_services.application_create(organization=organization, by=user)
    cert_services.application_update(
        application=application,
        by=user,
        data={
            "undertakings_accepted": True,
            "standard": NormativeDocument.objects.get(designation="ГОСТ «Продукция «Халяль»»"),
        },
    )
    cert_services.product_save(
        application=application,
        by=user,
        data={
            "name": PRODUCT,
            "category": ProductCategory.objects.get(code="confectionery"),
            "normative_document": NormativeDocument.objects.get(designation="ГОСТ 6478-2017"),
            "serial_production": True,
        },
    )
    products = list(application.products.select_related("category", "normative_document"))
    for doc_type in applicable_document_types(products):
        if doc_type.signed_online:
            continue
        cert_services.dossier_file_add(
            application=application,
            document_type=doc_type,
            upload=demo_pdf(doc_type.name_ru[:60]),
            by=user,
        )
    for nd in {p.normative_document for p in products}:
        cert_services.declaration_sign(application=application, normative_document=nd, by=user)
    cert_services.application_submit(application=application, by=user)
    members = list(User.objects.filter(role_commission=True, is_active=True).order_by("email"))
    cert_services.application_register(application=application, by=secretary, members=members)
    meeting = cert_services.meeting_create(
        by=secretary, date=today - datetime.timedelta(days=7), place="г. Казань"
    )
    cert_services.meeting_set_present(meeting=meeting, by=secretary, members=members)
    item = cert_services.agenda_item_add(
        meeting=meeting, by=secretary, application=application, question="proceed"
    )
    for member in members:
        cert_services.vote_cast(item=item, member=member, choice="for")
    cert_services.meeting_close(meeting=meeting, by=secretary)
    application.refresh_from_db()
    return application


def _check(today, secretary, head, auditor, user, organization) -> None:
    application = _in_check(today, secretary, user, organization)
    start, end = today - datetime.timedelta(days=1), today + datetime.timedelta(days=2)
    # GOST 2.19: the demo auditor's power of attorney must cover the check, whatever the date.
    if not any(p.covers(start, end) for p in auditor.powers_of_attorney.all()):
        PowerOfAttorney.objects.create(
            auditor=auditor,
            number=f"ДУМ-{today.year}-демо",
            issued_by="Духовное управление мусульман",
            valid_from=start,
            valid_to=end + datetime.timedelta(days=365),
        )
    check = services.check_create(application=application, by=secretary)
    services.program_update(
        check=check,
        by=secretary,
        data={
            "start_date": start,
            "end_date": end,
            "purpose": "Оценка способности предприятия стабильно выпускать продукцию «Халяль», "
            "соответствующую требованиям стандарта",
        },
    )
    services.team_member_add(check=check, by=secretary, user=auditor)
    services.stages_update(
        check=check,
        by=secretary,
        stages={n: {"executors": [auditor], "needed": True} for n in range(1, 6)},
    )
    services.program_approve(check=check, by=head)
    services.check_start(check=check, by=auditor)

    act = services.sampling_act_create(
        check=check,
        by=auditor,
        data={
            **services.act_initial(check, auditor),
            "date": today,
            "products_location": "г. Казань, ул. Габдуллы Тукая, д. 58, склад готовой продукции",
            "representative_name": "Валиев Т. А.",
            "sampling_documents": "ГОСТ 5904-2019",
            "external_inspection": "Упаковка целая, без повреждений; маркировка четкая",
            "identification": "Продукция соответствует сопроводительным документам и маркировке",
            "packaging": "Пакеты из полипропилена по 250 г в коробках из гофрокартона",
            "storage_conditions": "Склад готовой продукции, +18 °C, относительная влажность 70 %",
            "typical_representatives": True,
            "typical_justification": "Щербет ореховый изготавливается по единой рецептуре и "
            "технологии; выбран как типовой представитель",
            "applicant_proposals": "Заявитель предложил щербет ореховый 250 г",
        },
    )
    made = today - datetime.timedelta(days=5)
    rows = [
        ("Щербет ореховый, 250 г", "4600000000008", Decimal("800"), Decimal("4"), "250 г"),
        ("Щербет ореховый, 500 г", "4600000000015", Decimal("400"), Decimal("2"), "500 г"),
    ]
    for name, barcode, lot, quantity, nominal in rows:
        services.sample_save(
            act=act,
            by=auditor,
            data={
                "name": name,
                "manufacturer": "ООО «Казанские сладости», г. Казань, ул. Габдуллы Тукая, д. 58",
                "barcode": barcode,
                "unit": "упак.",
                "lot_size": lot,
                "quantity": quantity,
                "production_date": made,
                "shelf_life": "6 месяцев",
                "normative_document": "ГОСТ 6478-2017",
                "nominal_quantity": nominal,
                "package_type": "Пакет полипропиленовый",
                "mass_volume": nominal,
                "other_features": "Партия № 112",
            },
        )
    services.sampling_act_sign_auditor(act=act, by=auditor)
    services.sampling_act_sign_applicant(act=act, by=user)
    first = act.samples.order_by("order").first()
    first = services.sample_deliver(
        sample=first, by=user, laboratory="ИЛ ФБУ «Татарстанский ЦСМ»", delivered_on=today
    )
    services.lab_report_add(
        sample=first,
        by=auditor,
        number=f"1127/{today.year}",
        issued_on=today,
        laboratory="",
        passed=True,
        comment="",
        upload=demo_pdf("Протокол испытаний 1127"),
    )


def _production_act(check, auditor, today) -> None:
    """The act of Annex Ж half-way: sections 1–14 checked, a nonconformity with a deadline in
    section 15, the rest still to do — the auditor can go on with it in the portal."""
    act = services.act_create(check=check, by=auditor)
    services.act_update(
        act=act,
        by=auditor,
        data={
            "production_address": "г. Казань, ул. Габдуллы Тукая, д. 58, производственный корпус",
            "representatives": "Валиев Т. А., технолог; Закиров Р. М., контролер «Халяль»",
            "serial_certificates": "Декларация ЕАЭС N RU Д-RU.РА01.В.12345/25",
            "safety_management_system": "Система ХАССП, сертификат № ХС-0456 до 2027 г.",
            "complaints": "Рекламаций на заявленную продукцию не поступало",
        },
    )
    for number in range(1, 15):
        entries = [
            {
                "item": result.item_id,
                "result": ItemStatus.NOT_APPLICABLE if number == 9 else ItemStatus.CONFORMS,
                "comment": "Сырье животного происхождения не используется" if number == 9 else "",
                "revision": result.revision,
            }
            for result in act.results.filter(item__section__number=number)
        ]
        services.section_save(act=act, by=auditor, section=number, entries=entries)
    schedule = ItemResult.objects.filter(act=act, item__section__number=15).order_by("item__order")[
        3
    ]
    services.nonconformity_add(
        result=schedule,
        by=auditor,
        description="График мойки и дезинфекции емкостей участка начинки не утвержден",
        severity="minor",
        deadline=today + datetime.timedelta(days=30),
        fixed_on_spot=False,
    )


def _journal(organization, controller, today, *, haram: str) -> None:
    """A routine cleaning under the ППУ and a ritual purification after haram (Annex Б)."""
    services.sanitation_entry_record(
        organization=organization,
        by=controller,
        data={
            "date": today - datetime.timedelta(days=2),
            "equipment": "Линия фасовки № 1",
            "kind": "routine",
            "performers": "Гарипова Л. Р.\nСафин А. М.",
            "agents": "«Дезоксон-1», 0,1 %",
            "test_kind": "express",
            "test_result": "АТФ-тест: 85 RLU при норме до 150",
            "test_passed": True,
        },
    )
    services.sanitation_entry_record(
        organization=organization,
        by=controller,
        data={
            "date": today - datetime.timedelta(days=1),
            "equipment": haram,
            "kind": "haram_contact",
            "performers": "Сафин А. М.",
            "agents": "Щелочное моющее средство «Каустик-Н»",
            "test_kind": "laboratory",
            "test_result": "ПЦР: ДНК свиньи не обнаружена",
            "test_passed": True,
            "washes": 7,
            "wash_agent": "soil",
            "soil_clean": True,
            "water_natural": True,
            "water_free_of_haram": True,
        },
    )
