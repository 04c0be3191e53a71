"""Keeps Certificate.public_record current: the public registry answers from that record alone,
so every change of what the certificate page shows rebuilds it, in the transaction of the change
(certification/registry_records.py); inside a registry_batch (the meeting's close, a
signature, a status change) once at the batch's end, still in that transaction.

The certificate's own fields (status, signature, dates) change with its save(); the receivers
below also cover what lives in other tables: events, annexes, products and the PDFs, and the
reference data a record copies (a protocol's number and date, a category's names, a normative
document's designation and title).
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from halal_portal.models import RenderedDocument

from .models import (
    Certificate,
    CertificateAnnex,
    CertificateEvent,
    CertificateProduct,
    Meeting,
    NormativeDocument,
    ProductCategory,
)
from .registry_records import registry_changed


@receiver(post_save, sender=Certificate)
def _certificate_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:  # loaddata: the fixture carries the record
        registry_changed([instance.pk])


@receiver([post_save, post_delete], sender=CertificateEvent)
@receiver([post_save, post_delete], sender=CertificateAnnex)
@receiver([post_save, post_delete], sender=CertificateProduct)
def _part_changed(sender, instance, **kwargs) -> None:
    registry_changed([instance.certificate_id])


@receiver([post_save, post_delete], sender=RenderedDocument)
def _document_changed(sender, instance, **kwargs) -> None:
    # A PDF queued, rendered again or ready: the page shows its state, size and SHA-256.
    if instance.kind == "certificate":
        registry_changed([instance.object_id])
    elif instance.kind == "certificate_annex":
        annexes = CertificateAnnex.objects.filter(pk=instance.object_id)
        registry_changed(annexes.values_list("certificate_id", flat=True))


@receiver(post_save, sender=Meeting)
def _meeting_saved(sender, instance, raw=False, **kwargs) -> None:
    # The protocol a certificate, an event or an annex refers to (Л.4.5).
    if raw or not instance.protocol_number:
        return
    registry_changed(
        {
            *Certificate.objects.filter(meeting=instance).values_list("pk", flat=True),
            *CertificateEvent.objects.filter(meeting=instance).values_list(
                "certificate_id", flat=True
            ),
            *CertificateAnnex.objects.filter(meeting=instance).values_list(
                "certificate_id", flat=True
            ),
        }
    )


@receiver(post_save, sender=ProductCategory)
def _category_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        registry_changed(Certificate.objects.filter(category=instance).values_list("pk", flat=True))


@receiver(post_save, sender=NormativeDocument)
def _normative_document_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        products = CertificateProduct.objects.filter(normative_document=instance)
        registry_changed(products.values_list("certificate_id", flat=True))
