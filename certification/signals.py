"""Keeps Certificate.registry_version current: the public registry serves a cached copy of a
certificate only while its stamp is unchanged, so every change of what the certificate page
shows gives the certificate a new stamp, in the transaction of the change.

Status, signature and dates are fields of the certificate (its save() renews the stamp); the
receivers below cover what lives in other tables: events, annexes, products and the PDFs.
"""

import uuid

from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from halal_portal.models import RenderedDocument

from .models import Certificate, CertificateAnnex, CertificateEvent, CertificateProduct


def registry_touch(certificates) -> None:
    """A new stamp for ``certificates`` (a queryset or a list of ids), in the current
    transaction."""
    if not isinstance(certificates, QuerySet):
        certificates = Certificate.objects.filter(pk__in=certificates)
    certificates.update(registry_version=uuid.uuid4())


@receiver([post_save, post_delete], sender=CertificateEvent)
@receiver([post_save, post_delete], sender=CertificateAnnex)
@receiver([post_save, post_delete], sender=CertificateProduct)
def _part_changed(sender, instance, **kwargs) -> None:
    registry_touch([instance.certificate_id])


@receiver([post_save, post_delete], sender=RenderedDocument)
def _document_changed(sender, instance, **kwargs) -> None:
    # A PDF queued, rendered again or ready: the page shows its state and its SHA-256.
    if instance.kind == "certificate":
        registry_touch([instance.object_id])
    elif instance.kind == "certificate_annex":
        registry_touch(Certificate.objects.filter(annexes__pk=instance.object_id))
