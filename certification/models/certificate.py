"""Certificates ХП.XXXXX and their annexes (GOST 8.6, 8.17, 8.18, Annexes К and Л)."""

import re

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField, FSMModelMixin, transition

from halal_portal.models import RenderedDocument

from ..batches import batch_label
from .application import Application, NormativeDocument, ProductCategory
from .commission import Meeting


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    SUSPENDED = "suspended", pgettext_lazy("certificate status", "Suspended")
    WITHDRAWN = "withdrawn", pgettext_lazy("certificate status", "Withdrawn")
    EXPIRED = "expired", _("Expired")


def _expired_by_date(certificate) -> bool:
    """GOST 8.6: past its validity, a certificate is expired."""
    return certificate.valid_to < timezone.localdate()


class Certificate(FSMModelMixin, models.Model):
    """The certificate of Annex К. Its data is fixed when it is issued (Л.4)."""

    number = models.CharField(_("number"), max_length=8, unique=True)  # Л.4.1: ХП.00001
    application = models.OneToOneField(
        Application,
        on_delete=models.PROTECT,
        related_name="certificate",
        verbose_name=_("application"),
    )
    status = FSMField(
        _("status"),
        max_length=10,
        choices=CertificateStatus.choices,
        default=CertificateStatus.VALID,
        protected=True,
    )
    status_changed_at = models.DateTimeField(_("status since"), default=timezone.now)
    valid_from = models.DateField(_("valid from"))  # Л.4.2
    valid_to = models.DateField(_("valid to"))
    # Л.4.3: the manufacturer's full name and address with the country.
    manufacturer_name = models.CharField(_("manufacturer"), max_length=500)
    manufacturer_address = models.TextField(_("manufacturer's address"))
    manufacturer_country = models.CharField(_("country"), max_length=100)
    # Л.4.4: a product type may stand for the products listed in an annex.
    product_type = models.CharField(_("product type"), max_length=500, blank=True)
    category = models.ForeignKey(
        ProductCategory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("product category"),
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("decided at"),
    )  # Л.4.5
    head_name = models.CharField(_("head who signs"), max_length=200)  # Л.4.6
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    signed_at = models.DateTimeField(_("signed by the head"), null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed by"),
    )
    # Its PDF (kind "certificate", halal_portal.rendering); the public registry reads it.
    documents = GenericRelation(RenderedDocument)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-number"]
        constraints = [
            # GOST 8.6: the certificate is valid for at most two years.
            models.CheckConstraint(
                condition=models.Q(valid_to__gt=models.F("valid_from")),
                name="certificate_valid_range",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "valid_to"]),
            # The public registry's search also has trigram indexes on UPPER(manufacturer_name)
            # and UPPER(product_type) (`icontains` compiles to UPPER(col) LIKE UPPER(%s)). They
            # exist on PostgreSQL only and are created by migration 0004 outside the model state,
            # so that SQLite's table rebuilds (the embedded mode) never try to recreate them.
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("certification:certificate-detail", kwargs={"pk": self.pk})

    @property
    def is_valid(self) -> bool:
        return self.status == CertificateStatus.VALID

    # Transitions move the status only; services.certificates records the event and protocol.

    @transition(field=status, source=CertificateStatus.VALID, target=CertificateStatus.SUSPENDED)
    def suspend(self) -> None:
        self.status_changed_at = timezone.now()

    @transition(
        field=status,
        source=CertificateStatus.SUSPENDED,
        target=CertificateStatus.VALID,
        conditions=[lambda c: not _expired_by_date(c)],
    )
    def resume(self) -> None:
        self.status_changed_at = timezone.now()

    @transition(
        field=status,
        source=[CertificateStatus.VALID, CertificateStatus.SUSPENDED],
        target=CertificateStatus.WITHDRAWN,
    )
    def withdraw(self) -> None:
        self.status_changed_at = timezone.now()

    @transition(
        field=status,
        source=[CertificateStatus.VALID, CertificateStatus.SUSPENDED],
        target=CertificateStatus.EXPIRED,
        conditions=[_expired_by_date],
    )
    def expire(self) -> None:
        self.status_changed_at = timezone.now()


class AnnexRequestState(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ISSUED = "issued", _("Annex issued")
    REFUSED = "refused", _("Refused")


class AnnexRequest(models.Model):
    """The holder asks to add products to the certificate (GOST 8.18)."""

    certificate = models.ForeignKey(
        Certificate, on_delete=models.PROTECT, related_name="annex_requests"
    )
    state = models.CharField(
        _("status"),
        max_length=10,
        choices=AnnexRequestState.choices,
        default=AnnexRequestState.REQUESTED,
    )
    note = models.TextField(_("note"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("annex request")
        verbose_name_plural = _("annex requests")
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return _("Annex request to %(number)s") % {"number": self.certificate.number}


class CertificateAnnex(models.Model):
    """«Приложение № N к сертификату ХП.xxxxx» (Л.5–Л.8, GOST 8.18)."""

    certificate = models.ForeignKey(Certificate, on_delete=models.PROTECT, related_name="annexes")
    number = models.PositiveSmallIntegerField(_("annex No."))
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="annexes", verbose_name=_("decided at")
    )
    request = models.OneToOneField(
        AnnexRequest, on_delete=models.PROTECT, null=True, blank=True, related_name="annex"
    )
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)

    class Meta:
        verbose_name = _("certificate annex")
        verbose_name_plural = _("certificate annexes")
        ordering = ["certificate", "number"]
        constraints = [
            models.UniqueConstraint(fields=["certificate", "number"], name="annex_number_unique")
        ]

    def __str__(self) -> str:
        return _("Annex No. %(number)s to certificate %(certificate)s") % {
            "number": self.number,
            "certificate": self.certificate.number,
        }


class CertificateProduct(models.Model):
    """A product the certificate covers, on the certificate itself or in one of its annexes."""

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="products")
    annex = models.ForeignKey(
        CertificateAnnex,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="products",
    )
    annex_request = models.ForeignKey(
        AnnexRequest,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="products",
    )
    name = models.CharField(_("product name"), max_length=500)
    category = models.ForeignKey(
        ProductCategory, on_delete=models.PROTECT, verbose_name=_("category")
    )
    normative_document = models.ForeignKey(
        NormativeDocument, on_delete=models.PROTECT, verbose_name=_("normative document")
    )
    # «серийное производство» or the batch number, date and size (Л.4.4).
    batch_text = models.CharField(_("batch"), max_length=300)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("certified product")
        verbose_name_plural = _("certified products")
        ordering = ["order", "pk"]
        # The public registry's product search: a trigram index on UPPER(name), PostgreSQL
        # only, outside the model state (see Certificate.Meta.indexes).

    def __str__(self) -> str:
        return self.name

    @property
    def batch_label(self) -> str:
        """The batch in the reader's language (stored as it was written)."""
        return batch_label(self.batch_text)


class CertificateEvent(models.Model):
    """The certificate's history: issued, annex added, suspended, resumed, withdrawn, expired."""

    class Kind(models.TextChoices):
        ISSUED = "issued", _("issued")
        ANNEX = "annex", _("annex issued")
        SUSPENDED = "suspended", _("suspended")
        RESUMED = "resumed", _("resumed")
        WITHDRAWN = "withdrawn", _("withdrawn")
        EXPIRED = "expired", _("expired")

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("event"), max_length=10, choices=Kind.choices)
    status = models.CharField(_("status after"), max_length=10, choices=CertificateStatus.choices)
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("protocol"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("certificate event")
        verbose_name_plural = _("certificate events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.certificate.number}: {self.get_kind_display()}"

    @property
    def shown_comment(self) -> str:
        """The comment as the reader's language puts it: an annex's is written by the code
        («Приложение № 1 к сертификату …» in the language of whoever issued it), so it is
        written again; a person's comment stays as typed."""
        number = re.search(r"(?:№|No\.)\s*(\d+)", self.comment)
        if self.kind == "annex" and number:
            return _("Annex No. %(number)s to certificate %(certificate)s") % {
                "number": number.group(1),
                "certificate": self.certificate.number,
            }
        return self.comment
