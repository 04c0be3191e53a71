"""Demo data of the production check for ``seed_demo``: the demo certificates, each issued on the
evidence of GOST 8.17 (an approved program, a sample passed by the laboratory, an approved act
with a positive conclusion); an application of «Казанские сладости» under a check with an
approved program (Annex Д), a signed sampling act (Annex Е) whose samples went to the
laboratory, and sanitation journals of both demo enterprises (GOST 7.1, Annex Б).

Runs after ``seed_demo`` has made its accounts and organizations; safe to run again: it finds
what it made before."""

import datetime
import io
from datetime import timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfWriter

from accounts.models import Organization, PowerOfAttorney, User
from certification import services as cert_services
from certification.models import (
    AgendaItem,
    Application,
    Certificate,
    NormativeDocument,
    ProductCategory,
)
from certification.models_support import applicable_document_types
from certification.services.certificates import max_valid_to

from . import services
from .models import (
    CheckStatus,
    ItemResult,
    ItemStatus,
    LabReport,
    ProductionCheck,
    ProductionCheckAct,
    Sample,
    SamplingAct,
)

SWEETS_TAX_ID = "1655123456"
MEAT_TAX_ID = "180540012345"
PRODUCT = "Щербет ореховый"


def _pdf(title: str) -> SimpleUploadedFile:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": title})
    buffer = io.BytesIO()
    writer.write(buffer)
    return SimpleUploadedFile(f"{title}.pdf", buffer.getvalue(), content_type="application/pdf")


def seed_audits() -> None:
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
        return  # seed_demo's accounts come first
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


def _in_check(
    today,
    secretary,
    user,
    organization,
    products=((PRODUCT, "confectionery", "ГОСТ 6478-2017"),),
    decided=None,
) -> Application:
    """An application the commission sent to the production check (GOST 8.13) on ``decided``
    (a week ago unless told)."""
    application = cert_services.application_create(organization=organization, by=user)
    cert_services.application_update(
        application=application,
        by=user,
        data={
            "undertakings_accepted": True,
            "standard": NormativeDocument.objects.get(designation="ГОСТ «Продукция «Халяль»»"),
        },
    )
    for name, code, designation in products:
        cert_services.product_save(
            application=application,
            by=user,
            data={
                "name": name,
                "category": ProductCategory.objects.get(code=code),
                "normative_document": NormativeDocument.objects.get(designation=designation),
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
            upload=_pdf(doc_type.name_ru[:60]),
            by=user,
            # GOST 8.8: dated this month; what ends is valid for another year.
            document_date=today.replace(day=1),
            valid_until=today + datetime.timedelta(days=365)
            if doc_type.in_date_rule == "valid_on_submission"
            else None,
        )
    for nd in {p.normative_document for p in products}:
        cert_services.declaration_sign(application=application, normative_document=nd, by=user)
    cert_services.application_submit(application=application, by=user)
    members = list(User.objects.filter(role_commission=True, is_active=True).order_by("email"))
    cert_services.application_register(application=application, by=secretary, members=members)
    meeting = cert_services.meeting_create(
        by=secretary,
        date=decided or today - datetime.timedelta(days=7),
        place="г. Казань",
        chair=members[0],
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
    check = _started(
        application,
        secretary,
        head,
        auditor,
        start=today - datetime.timedelta(days=1),
        end=today + datetime.timedelta(days=2),
    )

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
        upload=_pdf("Протокол испытаний 1127"),
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


# --- certificates, each issued on the evidence of GOST 8.17 ------------------------------------


def seed_certificates() -> None:
    """Certificates in every status, each through the real path: the commission sends the
    application to the check, the head approves its program, the expert-auditor takes a sample
    that the laboratory passes and draws up the act, the head approves the act (positive), a
    meeting decides to issue the certificate on it and the head signs. seed_demo proves the path
    works. The decisions are taken today with back dates (the demo's fiction); seed_demo's
    date_registry_history dates what the registry shows."""
    try:
        people = _people()
    except (User.DoesNotExist, Organization.DoesNotExist):
        return  # seed_demo's accounts come first
    if Certificate.objects.exists():
        return
    secretary, head, auditor, sweets_user, sweets, meat_user, meat = people
    members = list(User.objects.filter(role_commission=True, is_active=True).order_by("email"))
    today = timezone.localdate()

    def decide(application, question, date, **details):
        meeting = cert_services.meeting_create(
            by=secretary, date=date, place="г. Казань", chair=members[0]
        )
        cert_services.meeting_set_present(meeting=meeting, by=secretary, members=members)
        item = cert_services.agenda_item_add(
            meeting=meeting, by=secretary, application=application, question=question, **details
        )
        for member in members:
            cert_services.vote_cast(item=item, member=member, choice="for")
        cert_services.meeting_close(meeting=meeting, by=secretary)
        application.refresh_from_db()
        return item

    def certified(user, organization, products, start):
        application = _in_check(
            today, secretary, user, organization, products, decided=start - timedelta(days=30)
        )
        _checked(application, today, secretary, head, auditor, user)
        decide(application, "issue", start, valid_from=start, valid_to=max_valid_to(start))
        # Л.4.6: signed by the head, the certificate is issued and enters the public registry.
        cert_services.certificate_sign(certificate=application.certificate, by=head)
        _date_the_check(application, start)
        return application

    confectionery = ("confectionery", "ГОСТ 6478-2017")
    # ХП.00001: valid, with an annex of added products (GOST 8.18: like the certified ones, so
    # the certificate's check covers them).
    first = certified(
        sweets_user,
        sweets,
        [("Пахлава медовая", *confectionery), ("Чак-чак", *confectionery)],
        today - timedelta(days=120),
    )
    request = cert_services.annex_request_create(
        certificate=first.certificate,
        by=sweets_user,
        products=[
            {
                "name": "Халва подсолнечная",
                "category": ProductCategory.objects.get(code="confectionery"),
                "normative_document": NormativeDocument.objects.get(designation="ГОСТ 6478-2017"),
            }
        ],
    )
    decide(first, "issue_annex", today - timedelta(days=30), annex_request=request)
    # Suspended by a decision of the commission.
    suspended = certified(
        meat_user,
        meat,
        [("Говядина охлажденная в полутушах", "meat", "ГОСТ 33818-2016")],
        today - timedelta(days=200),
    )
    decide(
        suspended,
        "suspend_certificate",
        today - timedelta(days=10),
        grounds="Не ведется видеозапись убоя (п. 7.6.7).",
    )
    # Withdrawn.
    withdrawn = certified(
        meat_user,
        meat,
        [("Мясо кур охлажденное", "poultry", "ГОСТ 31962-2013")],
        today - timedelta(days=300),
    )
    decide(
        withdrawn,
        "withdraw_certificate",
        today - timedelta(days=20),
        grounds="Выявлено использование сырья без ветеринарных документов.",
    )
    # Expired: issued more than two years ago, expired by the nightly job.
    certified(
        sweets_user,
        sweets,
        [("Мармелад желейный", *confectionery)],
        today - timedelta(days=800),
    )
    cert_services.certificates_expire(today=today)


def _people():
    return (
        User.objects.get(email="secretary@example.com"),
        User.objects.get(email="head@example.com"),
        User.objects.get(email="auditor@example.com"),
        User.objects.get(email="applicant@example.com"),
        Organization.objects.get(tax_id=SWEETS_TAX_ID),
        User.objects.get(email="applicant2@example.com"),
        Organization.objects.get(tax_id=MEAT_TAX_ID),
    )


def _checked(application, today, secretary, head, auditor, user) -> None:
    """GOST 8.13–8.16 through the services: the program approved and started, a sample of each
    product passed by the laboratory, every item of the act conforms, the act concludes
    positively and is approved by the head (the application then awaits the decision)."""
    check = _started(
        application, secretary, head, auditor, start=today, end=today + timedelta(days=2)
    )
    product = application.products.order_by("order", "pk").first()
    sampling = services.sampling_act_create(
        check=check,
        by=auditor,
        data={
            **services.act_initial(check, auditor),
            "date": today,
            "product": product,
            "product_name": product.name,
            "control_documents": product.normative_document.designation,
            "representative_name": application.head_name,
            "sampling_documents": "ГОСТ 5904-2019",
            "external_inspection": "Упаковка целая, маркировка четкая",
            "identification": "Продукция соответствует сопроводительным документам",
            "packaging": "Потребительская упаковка изготовителя",
            "storage_conditions": "Склад готовой продукции, условия изготовителя",
        },
    )
    sample = services.sample_save(
        act=sampling,
        by=auditor,
        data={
            "name": product.name,
            "manufacturer": application.org_name,
            "unit": "кг",
            "lot_size": Decimal("500"),
            "quantity": Decimal("2"),
            "production_date": today - timedelta(days=3),
            "normative_document": product.normative_document.designation,
        },
    )
    services.sampling_act_sign_auditor(act=sampling, by=auditor)
    services.sampling_act_sign_applicant(act=sampling, by=user)
    sample = services.sample_deliver(
        sample=sample, by=user, laboratory="ИЛ ФБУ «Татарстанский ЦСМ»", delivered_on=today
    )
    services.lab_report_add(
        sample=sample,
        by=auditor,
        number=f"{sample.pk}/{today.year}",
        issued_on=today,
        laboratory="",
        passed=True,
        comment="",
        upload=_pdf(f"Протокол испытаний {sample.pk}"),
    )
    act = services.act_create(check=check, by=auditor)
    services.act_update(
        act=act,
        by=auditor,
        data={
            "production_address": application.legal_address,
            "representatives": application.contact_person,
            "conclusions": "Предприятие способно стабильно выпускать продукцию «Халяль», "
            "соответствующую требованиям стандарта.",
            "stable_production": True,
        },
    )
    for number in sorted(set(act.results.values_list("item__section__number", flat=True))):
        entries = [
            {"item": r.item_id, "result": ItemStatus.CONFORMS, "comment": "", "revision": 0}
            for r in act.results.filter(item__section__number=number)
        ]
        services.section_save(act=act, by=auditor, section=number, entries=entries)
    services.act_submit(act=act, by=auditor)
    services.act_sign(act=act, by=auditor)
    services.act_approve(act=act, by=head)
    services.act_send(act=act, by=secretary)


def _started(application, secretary, head, auditor, *, start, end) -> ProductionCheck:
    """Annex Д drawn up by the secretary with the demo auditor, approved by the head and started
    by the auditor (GOST 8.13)."""
    _power_for(auditor, start, end)
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
    return services.check_start(check=check, by=auditor)


def _power_for(auditor, start, end) -> None:
    """GOST 2.19: the demo auditor's power of attorney covers the check, whatever the date."""
    if not any(p.covers(start, end) for p in auditor.powers_of_attorney.all()):
        PowerOfAttorney.objects.create(
            auditor=auditor,
            number=f"ДУМ-{start.year}-демо",
            issued_by="Духовное управление мусульман",
            valid_from=start,
            valid_to=end + timedelta(days=365),
        )


def _date_the_check(application, issued_on) -> None:
    """The demo's fiction: the check was done in the days before the decision. Written past the
    services, like seed_demo's dating of the registry."""
    day = issued_on - timedelta(days=10)
    at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    checks = ProductionCheck.objects.filter(application=application)
    checks.update(start_date=day, end_date=day + timedelta(days=2), approved_at=at, started_at=at)
    ProductionCheckAct.objects.filter(production_check__in=checks).update(
        date=day + timedelta(days=2),
        period_start=day,
        period_end=day + timedelta(days=2),
        approved_at=at + timedelta(days=3),
    )
    SamplingAct.objects.filter(production_check__in=checks).update(date=day)
    samples = Sample.objects.filter(act__production_check__in=checks)
    samples.update(delivered_on=day, production_date=day - timedelta(days=3))
    LabReport.objects.filter(sample__in=samples).update(issued_on=day + timedelta(days=1))
    acts = ProductionCheckAct.objects.filter(production_check__in=checks)
    for act in acts:
        AgendaItem.objects.filter(application=application, act_number=str(act.number)).update(
            act_date=act.date
        )
        Certificate.objects.filter(application=application, act_number=str(act.number)).update(
            act_date=act.date
        )
