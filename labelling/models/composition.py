"""A product's composition in the application (Annex Г; the raw-materials list of GOST 8.8 as
data): its ingredients in order, each matched to the knowledge base, with the supplier and the
conformity document of each doubtful one, the species and halal slaughter of animal-derived
ones (GOST 6) and the source and content of ethanol (6). The commission resolves what depends on
its source; the resolution is part of the conclusion (8.11)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField, FSMModelMixin, transition

from certification.models import ApplicationProduct

from .knowledge import Ingredient
from .review import AlcoholSource


class ItemStatus(models.TextChoices):
    HARAM = "haram", _("haram")
    DOUBTFUL = "doubtful", _("doubtful: depends on the source")
    UNKNOWN = "unknown", _("not in the knowledge base")
    HALAL = "halal", _("halal")


class Resolution(models.TextChoices):
    NOT_NEEDED = "not_needed", _("nothing to resolve")
    PENDING = "pending", _("awaits the commission")
    ACCEPTED = "accepted", pgettext_lazy("ingredient", "accepted")
    REJECTED = "rejected", pgettext_lazy("ingredient", "not accepted")


class Species(models.TextChoices):
    CATTLE = "cattle", _("cattle")
    SHEEP = "sheep", _("sheep")
    GOAT = "goat", _("goat")
    HORSE = "horse", _("horse")
    CAMEL = "camel", _("camel")
    POULTRY = "poultry", _("poultry")
    FISH = "fish", _("fish")
    OTHER = "other", _("other permitted animal")


def evidence_upload_to(instance: "CompositionItem", filename: str) -> str:
    return f"composition/{instance.product_id}/{uuid.uuid4().hex}"


class CompositionItem(FSMModelMixin, models.Model):
    product = models.ForeignKey(
        ApplicationProduct,
        on_delete=models.CASCADE,
        related_name="composition",
        verbose_name=_("product"),
    )
    order = models.PositiveSmallIntegerField(_("No."))
    text = models.CharField(_("ingredient as declared"), max_length=500)
    ingredient = models.ForeignKey(
        Ingredient,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("knowledge base entry"),
    )
    # As the knowledge base judged it when the composition was entered.
    status = models.CharField(_("status"), max_length=10, choices=ItemStatus.choices)
    clause = models.CharField(_("clause of the standard"), max_length=40, blank=True)
    knowledge_version = models.PositiveIntegerField(_("knowledge version"))
    animal_derived = models.BooleanField(_("animal-derived"), default=False)
    uses_ethanol = models.BooleanField(_("ethanol"), default=False)
    # GOST 8.8: the supplier and the document confirming conformity.
    supplier = models.CharField(_("supplier"), max_length=300, blank=True)
    document = models.FileField(
        _("conformity document"), upload_to=evidence_upload_to, max_length=300, blank=True
    )
    document_name = models.CharField(_("file name"), max_length=255, blank=True)
    document_type = models.CharField(_("content type"), max_length=100, blank=True)
    # GOST 6: from halal animals slaughtered per the standard.
    species = models.CharField(
        _("animal species"), max_length=10, choices=Species.choices, blank=True
    )
    halal_slaughter = models.BooleanField(_("slaughtered per the standard"), null=True, blank=True)
    # GOST 6: not from khamr; in food at most 1 % and undetectable.
    ethanol_source = models.CharField(
        _("source of the ethanol"), max_length=12, choices=AlcoholSource.choices, blank=True
    )
    ethanol_percent = models.DecimalField(
        _("ethanol in the product, %"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    resolution = FSMField(
        _("resolution"), max_length=12, choices=Resolution.choices, default=Resolution.NOT_NEEDED
    )
    resolution_reason = models.TextField(_("reason"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    class Meta:
        verbose_name = _("ingredient of a product")
        verbose_name_plural = _("composition of products")
        ordering = ["product", "order"]
        constraints = [
            models.UniqueConstraint(fields=["product", "order"], name="composition_order_unique")
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def needs_resolution(self) -> bool:
        return self.status in (ItemStatus.DOUBTFUL, ItemStatus.UNKNOWN)

    # --- the commission's resolution (GOST 8.10, 8.11): who, when, why ---

    @transition(field=resolution, source=Resolution.PENDING, target=Resolution.ACCEPTED)
    def accept(self, *, by, reason: str) -> None:
        self._stamp(by, reason)

    @transition(field=resolution, source=Resolution.PENDING, target=Resolution.REJECTED)
    def reject(self, *, by, reason: str) -> None:
        self._stamp(by, reason)

    @transition(
        field=resolution,
        source=[Resolution.ACCEPTED, Resolution.REJECTED],
        target=Resolution.PENDING,
    )
    def reopen(self, *, by) -> None:
        """The applicant changed the evidence: the commission looks again (ResolutionLog keeps
        the earlier decision)."""
        self.resolved_by, self.resolved_at, self.resolution_reason = None, None, ""

    def _stamp(self, by, reason: str) -> None:
        self.resolved_by, self.resolved_at, self.resolution_reason = by, timezone.now(), reason


class ResolutionLog(models.Model):
    """Every change of an ingredient's resolution: who, when, from, to and why."""

    item = models.ForeignKey(CompositionItem, on_delete=models.CASCADE, related_name="log")
    transition = models.CharField(_("action"), max_length=20)
    source = models.CharField(_("from"), max_length=12, choices=Resolution.choices)
    target = models.CharField(_("to"), max_length=12, choices=Resolution.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("resolution change")
        verbose_name_plural = _("resolution changes")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.item}: {self.source} → {self.target}"
