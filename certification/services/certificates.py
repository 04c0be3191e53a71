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
from ..rules import (
    CERTIFICATE_MAXIMUM,
    check_annex_allowed,
    check_validity,
    format_number,
    product_type_of,
    products_fit_the_sheet,
)
from ..signals import certificate_changes
from .numbering import next_number


def certificate_issue(
    *,
    application: Application,
    meeting: Meeting,
    valid_from: datetime.date,
    valid_to: datetime.date,
    product_type: str = "",
    by,
) -> Certificate:
    """Create the certificate of a positive decision in the caller's transaction (GOST 8.17).
    The number is taken last, under a lock, so a failure before it consumes nothing."""
    check_validity(valid_from, valid_to)
    products = list(
        application.products.select_related("category", "normative_document").order_by(
            "order", "pk"
        )
    )
    if not products:
        raise ValidationError(_("The application has no products to certify."))
    if not product_type and not products_fit_the_sheet(products):
        # Л.1, Л.4.4: the list does not fit the one sheet; the certificate names the product type.
        product_type = product_type_of(products)
    body = AuthorizedBody.get()
    number = format_number(next_number("certificate", maximum=CERTIFICATE_MAXIMUM))
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
        with transaction.atomic(), certificate_changes():
            certificate = Certificate.objects.select_for_update().get(pk=pk)
            if certificate.status not in (CertificateStatus.VALID, CertificateStatus.SUSPENDED):
                continue
            certificate_transition(certificate=certificate, name="expire")
            notify(
                certificate.application.organization.members.all(),
                key=f"expired:{certificate.pk}",
                subject=lambda certificate=certificate: (
                    _("Certificate %(number)s has expired") % {"number": certificate.number}
                ),
                body=lambda: _("The «Halal» sign may no longer be used under it (GOST 8.6)."),
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


def annex_issue(*, request: AnnexRequest, meeting: Meeting, by) -> CertificateAnnex:
    """GOST 8.18, Л.5–Л.8: «Приложение № N к сертификату ХП.xxxxx» with its protocol."""
    certificate = Certificate.objects.select_for_update().get(pk=request.certificate_id)
    check_annex_allowed(certificate, on=meeting.date)
    last = certificate.annexes.order_by("-number").values_list("number", flat=True).first()
    annex = CertificateAnnex.objects.create(
        certificate=certificate, number=(last or 0) + 1, meeting=meeting, request=request
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
