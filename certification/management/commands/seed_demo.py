"""Demo data for a newcomer: one account per role, two applicant organizations and applications
in several states, certificates in every status, each issued on the evidence of GOST 8.17 (see
audits.demo.seed_certificates). Safe to run again: it finds what it made before."""

import datetime
import io
import logging

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from pypdf import PdfWriter

from accounts.models import AuthorizedBody, Membership, Organization, PowerOfAttorney, User
from audits.demo import seed_audits, seed_certificates
from certification import registry, services
from certification.models import (
    Application,
    AppState,
    Certificate,
    CertificateAnnex,
    CertificateEvent,
    NormativeDocument,
    ProductCategory,
    Tariff,
)
from certification.models_support import applicable_document_types
from certification.registry_records import registry_rebuild_all
from slaughter.demo import seed_slaughter

PASSWORD = "demo-pass-2026"
TARIFF = [
    ("document_review", 45000),
    ("production_check", 120000),
    ("certificate", 25000),
    ("annex", 15000),
]

STAFF = [
    # e-mail, last name, first name, middle name, position, roles
    (
        "secretary@example.com",
        "Исмагилова",
        "Алсу",
        "Ринатовна",
        "Секретарь комиссии",
        {"role_secretary": True},
    ),
    (
        "commission1@example.com",
        "Хайруллин",
        "Марат",
        "Ильдарович",
        "Член комиссии",
        {"role_commission": True},
    ),
    (
        "commission2@example.com",
        "Абдуллаева",
        "Диляра",
        "Камилевна",
        "Член комиссии",
        {"role_commission": True},
    ),
    (
        "commission3@example.com",
        "Юсупов",
        "Ренат",
        "Шамилевич",
        "Член комиссии",
        {"role_commission": True},
    ),
    (
        "auditor@example.com",
        "Сабиров",
        "Айдар",
        "Фаритович",
        "Эксперт-аудитор «Халяль»",
        {"role_auditor": True},
    ),
    (
        "head@example.com",
        "Гарипов",
        "Ильдус",
        "Рашитович",
        "Руководитель",
        {"role_head": True, "is_staff": True, "is_superuser": True},
    ),
]

ORGANIZATIONS = [
    (
        "applicant@example.com",
        "Валиев",
        "Тимур",
        "Азатович",
        {
            "full_name": "Общество с ограниченной ответственностью «Казанские сладости»",
            "short_name": "ООО «Казанские сладости»",
            "legal_address": "420021, Республика Татарстан, г. Казань, ул. Габдуллы Тукая, д. 58",
            "country": "Россия",
            "bank_details": "р/с 40702810262000012345 в ПАО Сбербанк, к/с 30101810600000000603, "
            "БИК 049205603",
            "tax_id": "1655123456",
            "phone": "+7 843 200-10-10",
            "fax": "+7 843 200-10-11",
            "email": "office@sweets.example.com",
            "head_name": "Валиев Т. А.",
            "head_position": "Генеральный директор",
            "chief_accountant_name": "Зарипова Г. Р.",
            "contact_person": "Валиев Тимур Азатович",
            "contact_phone": "+7 843 200-10-12",
        },
    ),
    (
        "applicant2@example.com",
        "Нурланова",
        "Айгерим",
        "Сериковна",
        {
            "full_name": "Товарищество с ограниченной ответственностью «Дала Ет»",
            "short_name": "ТОО «Дала Ет»",
            "legal_address": "050000, г. Алматы, пр. Абая, д. 150",
            "country": "Казахстан",
            "bank_details": (
                "ИИК KZ12601A861000123456 в АО «Народный банк Казахстана», БИК HSBKKZKX"
            ),
            "tax_id": "180540012345",
            "phone": "+7 727 300-20-20",
            "head_name": "Нурланова А. С.",
            "head_position": "Директор",
            "chief_accountant_name": "Оспанова Ж. К.",
            "contact_person": "Нурланова Айгерим Сериковна",
            "contact_phone": "+7 727 300-20-21",
        },
    ),
]


def demo_pdf(title: str) -> SimpleUploadedFile:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": title})
    buffer = io.BytesIO()
    writer.write(buffer)
    return SimpleUploadedFile(f"{title}.pdf", buffer.getvalue(), content_type="application/pdf")


def demo_document_dates(doc_type) -> dict:
    """GOST 8.8: dated this month; a document that ends is valid for another year."""
    today = timezone.localdate()
    ends = doc_type.in_date_rule == "valid_on_submission"
    return {
        "document_date": today.replace(day=1),
        "valid_until": today + datetime.timedelta(days=365) if ends else None,
    }


class Command(BaseCommand):
    help = "Create demo accounts, organizations and applications (idempotent)."

    def handle(self, *args, **options):
        # The demo's notifications stay in the inboxes; no e-mail floods the console.
        logging.getLogger("celery").setLevel(logging.WARNING)
        with (
            override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
            transaction.atomic(),
        ):
            self.seed()
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))

    def user(self, email, last, first, middle, position="", **flags) -> User:
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "last_name": last,
                "first_name": first,
                "middle_name": middle,
                "position": position,
                "email_confirmed": True,
                **flags,
            },
        )
        if created:
            user.set_password(PASSWORD)
            user.save()
        return user

    def seed(self) -> None:
        for email, last, first, middle, position, roles in STAFF:
            self.user(email, last, first, middle, position, **roles)
        head = User.objects.get(email="head@example.com")
        body = AuthorizedBody.get()
        if body.head_name == "—":
            body.name = "Комитет по стандарту «Халяль» Духовного управления мусульман"
            body.legal_address = "420111, Республика Татарстан, г. Казань, ул. Габдуллы Тукая, д. 1"
            body.phone = "+7 843 000-00-00"
            body.email = "halal@example.com"
            body.head_name = "И. Р. Гарипов"
            body.head_position = "Руководитель"
            body.head = head
            body.save()
        auditor = User.objects.get(email="auditor@example.com")
        PowerOfAttorney.objects.get_or_create(
            auditor=auditor,
            number="ДУМ-17/2026",
            defaults={
                "issued_by": "Духовное управление мусульман",
                "valid_from": "2026-01-01",
                "valid_to": "2027-12-31",
            },
        )

        applicants = []
        for email, last, first, middle, details in ORGANIZATIONS:
            user = self.user(email, last, first, middle)
            organization, _ = Organization.objects.get_or_create(
                tax_id=details["tax_id"], defaults=details
            )
            Membership.objects.get_or_create(
                organization=organization, user=user, defaults={"is_admin": True, "is_head": True}
            )
            applicants.append((user, organization))

        (sweets_user, sweets), (meat_user, meat) = applicants
        if not Application.objects.filter(organization=sweets).exists():
            self.applications_for_sweets(sweets_user, sweets)
        if not Application.objects.filter(organization=meat).exists():
            self.applications_for_meat(meat_user, meat)
        for stage, amount in TARIFF:
            Tariff.objects.get_or_create(stage=stage, defaults={"amount": amount})
        if not Certificate.objects.exists():
            # Each certificate through the real path (GOST 8.13–8.17, Л.4.6): audits.demo.
            seed_certificates()
            self.date_registry_history()
        seed_audits()
        seed_slaughter()

    def date_registry_history(self):
        """The decisions above are taken today with back dates; what the registry shows is
        dated as the commission and the nightly job would have done it: each event at its
        meeting's date (an expiry the day after the end date), the issue and the head's
        signature on the day of the decision, each status since its last event. Written past
        the services (the dates are the demo's fiction), then the public records rebuilt."""
        noon = datetime.time(12)
        for event in CertificateEvent.objects.select_related("meeting", "certificate"):
            if event.meeting is not None:
                at = timezone.make_aware(datetime.datetime.combine(event.meeting.date, noon))
            elif event.kind == CertificateEvent.Kind.EXPIRED:
                at = registry.expired_since(event.certificate.valid_to)
            else:
                continue
            CertificateEvent.objects.filter(pk=event.pk).update(at=at)
        for annex in CertificateAnnex.objects.select_related("meeting"):
            at = timezone.make_aware(datetime.datetime.combine(annex.meeting.date, noon))
            CertificateAnnex.objects.filter(pk=annex.pk).update(issued_at=at)
        for certificate in Certificate.objects.select_related("meeting"):
            issued = timezone.make_aware(datetime.datetime.combine(certificate.meeting.date, noon))
            changes = certificate.events.exclude(kind=CertificateEvent.Kind.ANNEX)  # no status
            last_event = changes.order_by("-at").values_list("at", flat=True).first()
            Certificate.objects.filter(pk=certificate.pk).update(
                issued_at=issued,
                signed_at=issued + datetime.timedelta(hours=2),
                status_changed_at=last_event or issued,
            )
        registry_rebuild_all()

    def fill(self, application, user, products, *, documents=True, sign=True):
        halal = NormativeDocument.objects.get(designation="ГОСТ «Продукция «Халяль»»")
        services.application_update(
            application=application,
            by=user,
            data={"undertakings_accepted": True, "standard": halal},
        )
        for name, code, designation in products:
            services.product_save(
                application=application,
                by=user,
                data={
                    "name": name,
                    "category": ProductCategory.objects.get(code=code),
                    "normative_document": NormativeDocument.objects.get(designation=designation),
                    "serial_production": True,
                },
            )
        if documents:
            product_list = list(application.products.select_related("category"))
            for doc_type in applicable_document_types(product_list):
                if doc_type.signed_online:
                    continue
                services.dossier_file_add(
                    application=application,
                    document_type=doc_type,
                    upload=demo_pdf(doc_type.name_ru[:60]),
                    by=user,
                    **demo_document_dates(doc_type),
                )
        if sign:
            for nd in {p.normative_document for p in application.products.all()}:
                services.declaration_sign(application=application, normative_document=nd, by=user)
        application.refresh_from_db()
        return application

    def applications_for_sweets(self, user, organization):
        secretary = User.objects.get(email="secretary@example.com")
        # A draft still being filled in.
        draft = services.application_create(organization=organization, by=user)
        self.fill(
            draft,
            user,
            [("Рахат-лукум с орехами", "confectionery", "ГОСТ 6478-2017")],
            documents=False,
            sign=False,
        )
        # A submitted application.
        submitted = services.application_create(organization=organization, by=user)
        self.fill(
            submitted,
            user,
            [
                ("Пахлава медовая", "confectionery", "ГОСТ 6478-2017"),
                ("Чак-чак", "confectionery", "ГОСТ 6478-2017"),
            ],
        )
        services.application_submit(application=submitted, by=user)
        # One returned for completion with the secretary's remarks.
        returned = services.application_create(organization=organization, by=user)
        self.fill(returned, user, [("Шоколад горький 72 %", "confectionery", "ГОСТ 32157-2013")])
        services.application_submit(application=returned, by=user)
        services.application_return(
            application=returned,
            by=secretary,
            comment="Протоколы испытаний выполнены в прошлом году; приложите протоколы текущего "
            "года (п. 8.8).",
        )

    def applications_for_meat(self, user, organization):
        submitted = services.application_create(organization=organization, by=user)
        self.fill(
            submitted,
            user,
            [
                ("Говядина охлажденная в полутушах", "meat", "ГОСТ 33818-2016"),
                ("Мясо кур охлажденное", "poultry", "ГОСТ 31962-2013"),
            ],
        )
        services.application_submit(application=submitted, by=user)
        assert submitted.state == AppState.SUBMITTED
