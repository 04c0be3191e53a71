"""Demo data of the certification, for ``manage.py seed_demo``: applications in several states
(a draft, submitted, returned for completion) and certificates in every status (valid with an
annex, suspended, withdrawn, expired), decided in numbered meetings as the commission would, all
through the services. Runs after the accounts' demo; safe to run again: it finds what it made
before."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfWriter

from accounts.demo import MEAT_TAX_ID, SWEETS_TAX_ID
from accounts.models import Organization, User

from . import rules, services
from .models import (
    Application,
    AppState,
    Certificate,
    CertificateAnnex,
    CertificateEvent,
    NormativeDocument,
    ProductCategory,
    Tariff,
)
from .models_support import applicable_document_types
from .signals import announce_certificates_changed

TARIFF = [
    ("document_review", 45000),
    ("production_check", 120000),
    ("certificate", 25000),
    ("annex", 15000),
]


def demo_pdf(title: str) -> SimpleUploadedFile:
    """A one-page PDF named ``title``: the demo dossier's and evidence's files."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": title})
    buffer = io.BytesIO()
    writer.write(buffer)
    return SimpleUploadedFile(f"{title}.pdf", buffer.getvalue(), content_type="application/pdf")


def seed() -> None:
    try:
        sweets = Organization.objects.get(tax_id=SWEETS_TAX_ID)
        meat = Organization.objects.get(tax_id=MEAT_TAX_ID)
        sweets_user = User.objects.get(email="applicant@example.com")
        meat_user = User.objects.get(email="applicant2@example.com")
    except (User.DoesNotExist, Organization.DoesNotExist):
        return  # the accounts' demo comes first
    if not Application.objects.filter(organization=sweets).exists():
        _applications_for_sweets(sweets_user, sweets)
    if not Application.objects.filter(organization=meat).exists():
        _applications_for_meat(meat_user, meat)
    for stage, amount in TARIFF:
        Tariff.objects.get_or_create(stage=stage, defaults={"amount": amount})
    if not Certificate.objects.exists():
        _certificates(sweets_user, sweets, meat_user, meat)


def _certificates(sweets_user, sweets, meat_user, meat):
    """Certificates in every status, decided in numbered meetings as the commission would."""
    secretary = User.objects.get(email="secretary@example.com")
    head = User.objects.get(email="head@example.com")
    members = list(User.objects.filter(role_commission=True).order_by("email"))
    today = timezone.localdate()

    def decide(application, question, date, **details):
        meeting = services.meeting_create(by=secretary, date=date, place="г. Казань")
        services.meeting_set_present(meeting=meeting, by=secretary, members=members)
        item = services.agenda_item_add(
            meeting=meeting,
            by=secretary,
            application=application,
            question=question,
            **details,
        )
        for member in members:
            services.vote_cast(item=item, member=member, choice="for")
        services.meeting_close(meeting=meeting, by=secretary)
        application.refresh_from_db()
        return item

    def certified(user, organization, products, start, **issue):
        application = services.application_create(organization=organization, by=user)
        _fill(application, user, products)
        services.application_submit(application=application, by=user)
        services.application_register(application=application, by=secretary, members=members)
        decide(application, "proceed", start - datetime.timedelta(days=30))
        decide(
            application,
            "issue",
            start,
            valid_from=start,
            valid_to=rules.max_valid_to(start),
            **issue,
        )
        # Л.4.6: signed by the head, the certificate is issued and enters the public registry.
        services.certificate_sign(certificate=application.certificate, by=head)
        return application

    # ХП.00001: valid, with an annex of added products (GOST 8.18).
    first = certified(
        sweets_user,
        sweets,
        [
            ("Пахлава медовая", "confectionery", "ГОСТ 6478-2017"),
            ("Чак-чак", "confectionery", "ГОСТ 6478-2017"),
        ],
        today - datetime.timedelta(days=120),
    )
    request = services.annex_request_create(
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
    decide(first, "issue_annex", today - datetime.timedelta(days=30), annex_request=request)
    # Suspended by a decision of the commission.
    suspended = certified(
        meat_user,
        meat,
        [("Говядина охлажденная в полутушах", "meat", "ГОСТ 33818-2016")],
        today - datetime.timedelta(days=200),
    )
    decide(
        suspended,
        "suspend_certificate",
        today - datetime.timedelta(days=10),
        grounds="Не ведется видеозапись убоя (п. 7.6.7).",
    )
    # Withdrawn.
    withdrawn = certified(
        meat_user,
        meat,
        [("Мясо кур охлажденное", "poultry", "ГОСТ 31962-2013")],
        today - datetime.timedelta(days=300),
    )
    decide(
        withdrawn,
        "withdraw_certificate",
        today - datetime.timedelta(days=20),
        grounds="Выявлено использование сырья без ветеринарных документов.",
    )
    # Expired: issued more than two years ago, expired by the nightly job.
    certified(
        sweets_user,
        sweets,
        [("Мармелад желейный", "confectionery", "ГОСТ 6478-2017")],
        today - datetime.timedelta(days=800),
    )
    services.certificates_expire(today=today)
    _date_registry_history()


def _date_registry_history():
    """The decisions above are taken today with back dates; what the registry shows is
    dated as the commission and the nightly job would have done it: each event at its
    meeting's date (an expiry the day after the end date), the issue and the head's
    signature on the day of the decision, each status since its last event. Written past
    the services (the dates are the demo's fiction), then announced as a change of every
    certificate (the public registry rebuilds what it shows)."""
    noon = datetime.time(12)
    for event in CertificateEvent.objects.select_related("meeting", "certificate"):
        if event.meeting is not None:
            at = timezone.make_aware(datetime.datetime.combine(event.meeting.date, noon))
        elif event.kind == CertificateEvent.Kind.EXPIRED:
            at = rules.expires_at(event.certificate.valid_to)
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
    announce_certificates_changed(Certificate.objects.values_list("pk", flat=True))


def _fill(application, user, products, *, documents=True, sign=True):
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
            )
    if sign:
        for nd in {p.normative_document for p in application.products.all()}:
            services.declaration_sign(application=application, normative_document=nd, by=user)
    application.refresh_from_db()
    return application


def _applications_for_sweets(user, organization):
    secretary = User.objects.get(email="secretary@example.com")
    # A draft still being filled in.
    draft = services.application_create(organization=organization, by=user)
    _fill(
        draft,
        user,
        [("Рахат-лукум с орехами", "confectionery", "ГОСТ 6478-2017")],
        documents=False,
        sign=False,
    )
    # A submitted application.
    submitted = services.application_create(organization=organization, by=user)
    _fill(
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
    _fill(returned, user, [("Шоколад горький 72 %", "confectionery", "ГОСТ 32157-2013")])
    services.application_submit(application=returned, by=user)
    services.application_return(
        application=returned,
        by=secretary,
        comment="Протоколы испытаний выполнены в прошлом году; приложите протоколы текущего "
        "года (п. 8.8).",
    )


def _applications_for_meat(user, organization):
    submitted = services.application_create(organization=organization, by=user)
    _fill(
        submitted,
        user,
        [
            ("Говядина охлажденная в полутушах", "meat", "ГОСТ 33818-2016"),
            ("Мясо кур охлажденное", "poultry", "ГОСТ 31962-2013"),
        ],
    )
    services.application_submit(application=submitted, by=user)
    assert submitted.state == AppState.SUBMITTED
