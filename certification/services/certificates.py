"""Certificates: issue (GOST 8.17, Annex К, Л.4), annexes (8.18), lifecycle, renewal."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AuthorizedBody
from accounts.notifications import notify
from halal_portal.rendering import document_request

from ..models import (
    AnnexRequest,
    AnnexRequestState,
    Application,
    Certificate,
    CertificateAnnex,
    CertificateEvent,
    CertificateProduct,
    CertificateStatus,
    Meeting,
    TransitionLog,
)
from ..registry_records import registry_batch
from ..rules import months_before
from .numbering import NumbersExhausted, next_number

CERTIFICATE_MAXIMUM = 99_999  # Л.4.1: «ХП» and a five-digit number


def add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def max_valid_to(valid_from: datetime.date) -> datetime.date:
    """GOST 8.6: the certificate is valid for at most two years — to the day before the same
    date two years later."""
    return add_years(valid_from, 2) - datetime.timedelta(days=1)


def check_validity(valid_from, valid_to) -> None:
    if valid_from is None or valid_to is None:
        raise ValidationError(_("Give the validity dates of the certificate."))
    if valid_to <= valid_from:
        raise ValidationError(_("The certificate must end after it begins."))
    if valid_to > max_valid_to(valid_from):
        # GOST 8.6
        raise ValidationError(
            _("A certificate is valid for at most two years (GOST 8.6): until %(date)s at most.")
            % {"date": max_valid_to(valid_from).strftime("%d.%m.%Y")}
        )


def annex_cutoff(certificate: Certificate) -> datetime.date:
    """GOST 8.18: an annex may be issued no later than six months before the certificate ends,
    counted by the calendar."""
    return months_before(certificate.valid_to, 6)


def check_annex_allowed(certificate: Certificate, *, on: datetime.date | None = None) -> None:
    on = on or timezone.localdate()
    if certificate.status != CertificateStatus.VALID:
        raise ValidationError(_("Annexes are added only to a valid certificate."))
    if on > annex_cutoff(certificate):
        # GOST 8.18
        raise ValidationError(
            _(
                "An annex can be requested no later than six months before the certificate "
                "expires (GOST 8.18): the last day was %(date)s."
            )
            % {"date": annex_cutoff(certificate).strftime("%d.%m.%Y")}
        )


def format_number(value: int) -> str:
    return f"ХП.{value:05d}"


def certificate_issue(
    *,
    application: Application,
    meeting: Meeting,
    valid_from: datetime.date,
    valid_to: datetime.date,
    product_type: str = "",
    by,
    act: tuple[str, datetime.date | None] = ("", None),
) -> Certificate:
    """Create the certificate of a positive decision in the caller's transaction (GOST 8.17),
    naming the production-check act it rests on (``act``: number and date). The number is
    taken last, under a lock, so a failure before it consumes nothing."""
    check_validity(valid_from, valid_to)
    products = list(
        application.products.select_related("category", "normative_document").order_by(
            "order", "pk"
        )
    )
    if not products:
        raise ValidationError(_("The application has no products to certify."))
    body = AuthorizedBody.get()
    try:
        number = format_number(next_number("certificate", maximum=CERTIFICATE_MAXIMUM))
    except NumbersExhausted as error:
        # Л.4.1: five digits; the caller's transaction rolls back, so nothing is applied.
        raise ValidationError(
            _(
                "Certificate numbers are used up: %(last)s was the last one the form allows "
                "(Annex Л, Л.4.1). No certificate was issued and the meeting stays open."
            )
            % {"last": format_number(CERTIFICATE_MAXIMUM)},
            code="numbers_exhausted",
        ) from error
    certificate = Certificate.objects.create(
        number=number,
        application=application,
        valid_from=valid_from,
        valid_to=valid_to,
        manufacturer_name=application.org_name,
        manufacturer_address=application.legal_address,
        manufacturer_country=application.country,
        product_type=product_type,
        category=products[0].category,
        meeting=meeting,
        head_name=body.head_name,
        act_number=act[0],
        act_date=act[1],
    )
    annex = None
    if product_type:
        # Л.4.4: the certificate names the type; its products are listed in annex No. 1.
        annex = CertificateAnnex.objects.create(certificate=certificate, number=1, meeting=meeting)
    CertificateProduct.objects.bulk_create(
        CertificateProduct(
            certificate=certificate,
            annex=annex,
            name=p.name,
            category=p.category,
            normative_document=p.normative_document,
            batch_text=p.batch_text,
            order=i,
        )
        for i, p in enumerate(products)
    )
    CertificateEvent.objects.create(
        certificate=certificate, kind="issued", status=certificate.status, meeting=meeting, by=by
    )
    # Annex К and, for a product type, annex No. 1 (Л.4.4): snapshotted now, rendered after commit.
    document_request("certificate", certificate)
    if annex is not None:
        document_request("certificate_annex", annex)
    return certificate


@transaction.atomic
def certificate_sign(*, certificate: Certificate, by) -> Certificate:
    """Л.4.6: the head of the authorized organization signs the certificate."""
    if not by.is_head:
        raise PermissionDenied
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.signed_at:
        raise ValidationError(_("The certificate is already signed."))
    certificate.signed_at = timezone.now()
    certificate.signed_by = by
    certificate.save(update_fields=["signed_at", "signed_by"])
    return certificate


EVENT_FOR = {
    "suspend": CertificateEvent.Kind.SUSPENDED,
    "resume": CertificateEvent.Kind.RESUMED,
    "withdraw": CertificateEvent.Kind.WITHDRAWN,
    "expire": CertificateEvent.Kind.EXPIRED,
}


def certificate_transition(
    *,
    certificate: Certificate,
    name: str,
    meeting: Meeting | None = None,
    by=None,
    comment: str = "",
) -> Certificate:
    """Move a certificate's status through its FSM and record the event with its protocol."""
    getattr(certificate, name)()
    certificate.save(update_fields=["status", "status_changed_at"])
    CertificateEvent.objects.create(
        certificate=certificate,
        kind=EVENT_FOR[name],
        status=certificate.status,
        meeting=meeting,
        by=by,
        comment=comment,
    )
    return certificate


def certificates_expire(*, today: datetime.date | None = None) -> int:
    """Nightly: every certificate past its end date becomes expired (GOST 8.6)."""
    today = today or timezone.localdate()
    count = 0
    due = Certificate.objects.filter(
        status__in=[CertificateStatus.VALID, CertificateStatus.SUSPENDED], valid_to__lt=today
    ).values_list("pk", flat=True)
    for pk in due:
        with transaction.atomic(), registry_batch():
            certificate = Certificate.objects.select_for_update().get(pk=pk)
            if certificate.status not in (CertificateStatus.VALID, CertificateStatus.SUSPENDED):
                continue
            certificate_transition(certificate=certificate, name="expire")
            notify(
                certificate.application.organization.members.all(),
                key=f"expired:{certificate.pk}",
                subject=_("Certificate %(number)s has expired") % {"number": certificate.number},
                body=_("The «Halal» sign may no longer be used under it (GOST 8.6)."),
                url=certificate.get_absolute_url(),
            )
            count += 1
    return count


@transaction.atomic
def annex_request_create(*, certificate: Certificate, by, products: list[dict], note: str = ""):
    """GOST 8.18: the holder asks to add products; refused within six months of expiry."""
    if not certificate.application.organization.membership_set.filter(user=by).exists():
        raise PermissionDenied
    check_annex_allowed(certificate)
    if not products:
        raise ValidationError(_("List the products to add."))
    request = AnnexRequest.objects.create(certificate=certificate, requested_by=by, note=note)
    CertificateProduct.objects.bulk_create(
        CertificateProduct(
            certificate=certificate,
            annex_request=request,
            name=p["name"],
            category=p["category"],
            normative_document=p["normative_document"],
            batch_text=p.get("batch_text") or str(_("serial production")),
            order=i,
        )
        for i, p in enumerate(products)
    )
    return request


def annex_issue(
    *,
    request: AnnexRequest,
    meeting: Meeting,
    by,
    act: tuple[str, datetime.date | None] = ("", None),
) -> CertificateAnnex:
    """GOST 8.18, Л.5–Л.8: «Приложение № N к сертификату ХП.xxxxx» with its protocol and, when
    its products needed a check, the act of that check."""
    certificate = Certificate.objects.select_for_update().get(pk=request.certificate_id)
    check_annex_allowed(certificate, on=meeting.date)
    last = certificate.annexes.order_by("-number").values_list("number", flat=True).first()
    annex = CertificateAnnex.objects.create(
        certificate=certificate,
        number=(last or 0) + 1,
        meeting=meeting,
        request=request,
        act_number=act[0],
        act_date=act[1],
    )
    request.products.update(annex=annex)
    request.state = AnnexRequestState.ISSUED
    request.decided_at = timezone.now()
    request.save(update_fields=["state", "decided_at"])
    CertificateEvent.objects.create(
        certificate=certificate,
        kind="annex",
        status=certificate.status,
        meeting=meeting,
        by=by,
        comment=str(annex),
    )
    document_request("certificate_annex", annex)  # Л.5–Л.8
    return annex


@transaction.atomic
def application_renew(*, certificate: Certificate, by) -> Application:
    """A new application prefilled from the one that led to an expiring certificate."""
    from .application import ORGANIZATION_SNAPSHOT, application_create

    if certificate.status not in (CertificateStatus.VALID, CertificateStatus.EXPIRED):
        raise ValidationError(_("Only a valid or expired certificate is renewed."))
    old = certificate.application
    application = application_create(organization=old.organization, by=by)
    for field in ORGANIZATION_SNAPSHOT:
        setattr(application, field, getattr(old, field))
    application.standard = old.standard
    application.renews = certificate
    application.save()
    for product in old.products.all():
        product.pk = None
        product.application = application
        product.save()
    TransitionLog.objects.filter(application=application).update(
        comment=_("Renewal of certificate %(number)s") % {"number": certificate.number}
    )
    return application
