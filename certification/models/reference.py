"""The standard's reference data, edited in the admin: the product categories of section 1,
the normative documents products are made to, the dossier documents of GOST 8.8."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class ProductCategory(models.Model):
    """One of the 23 product groups the standard covers (GOST section 1)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name_ru = models.CharField(_("name (Russian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    # What the category brings into the dossier of GOST 8.8.
    involves_slaughter = models.BooleanField(_("slaughter products"), default=False)
    animal_raw_materials = models.BooleanField(_("animal raw materials"), default=False)
    underground_water = models.BooleanField(
        _("bottled waters from underground sources"), default=False
    )

    class Meta:
        verbose_name = _("product category")
        verbose_name_plural = _("product categories")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name_en if (get_language() or "ru").startswith("en") else self.name_ru


class NormativeDocument(models.Model):
    """A standard or specification products are made to (designation + title)."""

    designation = models.CharField(_("designation"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=500)
    is_active = models.BooleanField(_("in force"), default=True)

    class Meta:
        verbose_name = _("normative document")
        verbose_name_plural = _("normative documents")
        ordering = ["designation"]

    def __str__(self) -> str:
        return f"{self.designation} «{self.title}»"


class Applicability(models.TextChoices):
    """When a dossier document of GOST 8.8 is required."""

    ALWAYS = "always", _("always")
    SLAUGHTER = "slaughter", _("for slaughter products")
    ANIMAL_RAW = "animal_raw", _("for products from animal raw materials")
    UNDERGROUND_WATER = "underground_water", _("for bottled waters from underground sources")
    IF_ANY = "if_any", _("if any (optional)")


class DocumentType(models.Model):
    """One item of the dossier list of GOST 8.8."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name_ru = models.CharField(_("name (Russian)"), max_length=500)
    name_en = models.CharField(_("name (English)"), max_length=500)
    clause = models.CharField(_("clause"), max_length=20, default="8.8")
    applicability = models.CharField(
        _("required"), max_length=20, choices=Applicability.choices, default=Applicability.ALWAYS
    )
    # Satisfied by the declaration signed online (GOST 8.9) instead of an upload.
    signed_online = models.BooleanField(_("signed in the portal"), default=False)

    class Meta:
        verbose_name = _("dossier document type")
        verbose_name_plural = _("dossier document types")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name_en if (get_language() or "ru").startswith("en") else self.name_ru
