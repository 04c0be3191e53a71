"""A label review saved to a product of an application (Annex Г): the label as the applicant
gave it, the verdict and findings as they stood, and the knowledge version they were made with."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certification.models import ApplicationProduct

LANGUAGES = [("ru", _("Russian")), ("en", _("English")), ("kk", _("Kazakh"))]


class Verdict(models.TextChoices):
    PASS = "pass", _("may carry the sign")
    FAIL = "fail", _("does not conform")
    NEEDS_EVIDENCE = "needs_evidence", _("needs evidence")


class AlcoholSource(models.TextChoices):
    KHAMR = "khamr", _("from khamr (wine, beer, spirits)")
    INDUSTRIAL = "industrial", _("industrial ethanol, not from khamr")
    NATURAL = "natural", _("formed naturally in the product")
    UNKNOWN = "unknown", _("unknown")


class PrintMethod(models.TextChoices):
    TYPOGRAPHIC = "typographic", _("typographic print")
    HOLOGRAM = "hologram", _("hologram label")
    OTHER = "other", _("other")


def label_image_upload_to(instance: "LabelReview", filename: str) -> str:
    return f"labels/{instance.product_id}/{uuid.uuid4().hex}"


class LabelReview(models.Model):
    product = models.ForeignKey(
        ApplicationProduct,
        on_delete=models.CASCADE,
        related_name="label_reviews",
        verbose_name=_("product"),
    )
    name = models.CharField(_("product name on the label"), max_length=500)
    ingredients = models.TextField(_("ingredients"), blank=True)
    statements = models.TextField(_("other statements"), blank=True)
    language = models.CharField(_("language of the label"), max_length=2, choices=LANGUAGES)
    alcohol_percent = models.DecimalField(
        _("ethanol, %"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    alcohol_source = models.CharField(
        _("source of the ethanol"), max_length=12, choices=AlcoholSource.choices, blank=True
    )
    gmo = models.BooleanField(_("obtained with GMO"), null=True, blank=True)
    fish = models.BooleanField(_("a fish product"), null=True, blank=True)
    sign_diameter_mm = models.DecimalField(
        _("diameter of the sign, mm"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    sign_print_method = models.CharField(
        _("how the sign is applied"), max_length=12, choices=PrintMethod.choices, blank=True
    )
    certificate_number = models.CharField(_("certificate No."), max_length=20, blank=True)
    label_date = models.DateField(_("date of the label"), null=True, blank=True)
    image = models.FileField(
        _("label image"), upload_to=label_image_upload_to, max_length=300, blank=True
    )
    image_name = models.CharField(_("file name"), max_length=255, blank=True)
    image_type = models.CharField(_("content type"), max_length=100, blank=True)
    verdict = models.CharField(_("verdict"), max_length=20, choices=Verdict.choices)
    findings = models.JSONField(_("findings"), default=list)
    knowledge_version = models.PositiveIntegerField(_("knowledge version"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("saved by"),
    )
    created_at = models.DateTimeField(_("saved"), default=timezone.now)

    class Meta:
        verbose_name = _("label review")
        verbose_name_plural = _("label reviews")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return _("Label «%(name)s»") % {"name": self.name}

    def get_absolute_url(self) -> str:
        return reverse("labelling:review-detail", kwargs={"pk": self.pk})
