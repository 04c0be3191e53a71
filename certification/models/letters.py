"""The register of outgoing letters: every decision the body sends in writing gets the next
outgoing number of its year and the date it left (the journal of a clerk's office)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingLetter(models.Model):
    """One entry of the register: «исх. № N от ДД.ММ.ГГГГ», numbered from 1 each calendar year,
    without gaps (numbering.next_number under a row lock of the year's counter)."""

    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("outgoing No."))
    date = models.DateField(_("date"))
    recipient = models.CharField(_("recipient"), max_length=500)
    subject = models.CharField(_("subject"), max_length=300)
    agenda_item = models.OneToOneField(
        "certification.AgendaItem",
        on_delete=models.PROTECT,
        related_name="outgoing_letter",
        verbose_name=_("decision"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("outgoing letter")
        verbose_name_plural = _("outgoing letters")
        ordering = ["year", "number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="outgoing_letter_number_once")
        ]

    def __str__(self) -> str:
        return f"{self.number} / {self.year}"
