"""The enterprise's sanitation journal (GOST 7.1, Annex Б), kept by its halal controller."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class CleaningKind(models.TextChoices):
    ROUTINE = "routine", _("Routine, under the prerequisite programme (ППУ)")
    HARAM_CONTACT = "haram_contact", _("After contact with haram products")


class CleanedObject(models.TextChoices):
    """What was cleaned: GOST 7.1 (equipment, inventory, containers) and 7.3 (vehicles and
    transport containers before loading; storage places)."""

    EQUIPMENT = "equipment", _("equipment, inventory or containers (GOST 7.1)")
    VEHICLE = "vehicle", _("vehicle or transport container, before loading (GOST 7.3)")
    STORAGE = "storage", _("storage place (GOST 7.3)")


class TestKind(models.TextChoices):
    LABORATORY = "laboratory", _("Laboratory test")
    EXPRESS = "express", _("Express test")


class WashAgent(models.TextChoices):
    NONE = "", _("neither")
    SALT = "salt", _("salt")
    SOIL = "soil", _("clean soil")


class ControllerSigned(models.Model):
    """A journal entry signed by the enterprise's halal controller (GOST 7.1, 7.6.4): who, under
    which name, when. The sanitation and the slaughter journals share it."""

    controller = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("halal controller"),
    )
    controller_name = models.CharField(_("halal controller (surname, initials)"), max_length=200)
    signed_at = models.DateTimeField(_("signed"))

    class Meta:
        abstract = True


class SanitationEntry(ControllerSigned):
    """One cleaning of equipment, utensils or containers (GOST 7.1), of a vehicle before loading
    or of a storage place (GOST 7.3), signed by the halal controller. After contact with haram
    the ritual purification of Annex Б is recorded. Entries are never changed: a correction is a
    new entry."""

    organization = models.ForeignKey(
        "accounts.Organization",
        on_delete=models.PROTECT,
        related_name="sanitation_entries",
        verbose_name=_("enterprise"),
    )
    date = models.DateField(_("date"))
    cleaned = models.CharField(
        _("what was cleaned"),
        max_length=20,
        choices=CleanedObject.choices,
        default=CleanedObject.EQUIPMENT,
    )
    equipment = models.CharField(_("equipment, utensils or container"), max_length=500)
    kind = models.CharField(_("kind of cleaning"), max_length=20, choices=CleaningKind.choices)
    performers = models.TextField(_("performers (surnames)"))
    agents = models.CharField(_("detergents and disinfectants"), max_length=500, blank=True)
    # GOST 7.1: the quality of the cleaning is confirmed by a laboratory or an express test.
    test_kind = models.CharField(_("confirmed by"), max_length=20, choices=TestKind.choices)
    test_result = models.CharField(_("test result"), max_length=500)
    test_passed = models.BooleanField(_("the test is passed"))
    # Annex Б: the ritual purification after contact with haram (empty for a routine cleaning).
    washes = models.PositiveSmallIntegerField(_("number of washes"), null=True, blank=True)
    wash_agent = models.CharField(
        _("one wash with"), max_length=10, choices=WashAgent.choices, blank=True
    )
    soil_clean = models.BooleanField(
        _("the soil is free of impurities, oils and was not used before"), default=False
    )
    water_natural = models.BooleanField(_("natural water"), default=False)
    water_free_of_haram = models.BooleanField(_("the water is free of haram"), default=False)

    class Meta:
        verbose_name = _("sanitation journal entry")
        verbose_name_plural = _("sanitation journal")
        ordering = ["-date", "-signed_at", "-pk"]
        indexes = [models.Index(fields=["organization", "date"])]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} {self.equipment}"

    def get_absolute_url(self) -> str:
        return reverse(
            "audits:journal-entry", kwargs={"org_pk": self.organization_id, "entry_pk": self.pk}
        )

    @property
    def after_haram(self) -> bool:
        return self.kind == CleaningKind.HARAM_CONTACT

    @property
    def performer_list(self) -> list[str]:
        return [line.strip() for line in self.performers.splitlines() if line.strip()]
