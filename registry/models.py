from django.db import models
from django.utils.translation import gettext_lazy as _

from certification.models import Certificate


class PublicRecord(models.Model):
    """What the public registry shows of a signed certificate (Л.4): its fields, products,
    annexes, history and PDFs, materialized as one JSON document (layout in records.py).

    The certificate page and the API detail are what QR codes and other systems hit: on a cache
    miss they read this one row, whether the certificate was viewed before or never. It is
    rebuilt in the transaction of every change of what it shows (receivers.py); an unsigned
    certificate has none (Л.4.6)."""

    certificate = models.OneToOneField(
        Certificate,
        on_delete=models.CASCADE,
        primary_key=True,
        verbose_name=_("certificate"),
    )
    record = models.JSONField(_("public record"))

    class Meta:
        verbose_name = _("public record")
        verbose_name_plural = _("public records")

    def __str__(self) -> str:
        return self.record.get("number", str(self.pk))
