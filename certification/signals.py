"""`certificates_changed`: what certification tells the apps above it when something a
certificate shows has changed — the certificate itself, its events, annexes, products or PDFs,
or the reference data it names (a protocol's number and date, a category, a normative
document). Certification does not know who listens; the public registry subscribes in its
AppConfig.ready() and rebuilds the certificate's public record.

Receivers run in the transaction of the change (a rollback undoes what they wrote). Inside a
`certificate_changes()` block (the meeting's close, a nightly expiry) every change is collected
and announced once, at the end of the block, still inside its transaction: issuing a certificate
saves it, its event, its annex and its PDF requests, and each would otherwise be announced on
its own.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterable, Iterator

from django.db import connection
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

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

# Sent with ``pks``: a frozenset of Certificate ids.
certificates_changed = Signal()

# The certificates changed inside the open certificate_changes() block (None: no block).
_pending: contextvars.ContextVar[set[int] | None] = contextvars.ContextVar(
    "certificates_pending", default=None
)


def announce_certificates_changed(pks: Iterable[int]) -> None:
    """Announce a change of certificates ``pks`` (ids or a values_list): now or, inside a
    certificate_changes() block, once at its end. Call it after a write that model signals do
    not see (QuerySet.update)."""
    pending = _pending.get()
    if pending is None:
        changed = frozenset(pks)
        if changed:
            certificates_changed.send(sender=Certificate, pks=changed)
    else:
        pending.update(pks)


@contextlib.contextmanager
def certificate_changes() -> Iterator[None]:
    """Announce each certificate changed in the block once, at its end. Use it inside the
    transaction of the change (as a decorator under @transaction.atomic), so that receivers
    write before the commit, never after it. If the block raises, nothing is announced: its
    transaction is rolled back. A block inside a block leaves the announcement to the outer
    one."""
    if _pending.get() is not None:
        yield
        return
    if not connection.in_atomic_block:
        raise RuntimeError("certificate_changes() must run inside transaction.atomic()")
    pending: set[int] = set()
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    if pending:
        certificates_changed.send(sender=Certificate, pks=frozenset(pending))


@receiver(post_save, sender=Certificate)
def _certificate_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:  # loaddata
        announce_certificates_changed([instance.pk])


@receiver([post_save, post_delete], sender=CertificateEvent)
@receiver([post_save, post_delete], sender=CertificateAnnex)
@receiver([post_save, post_delete], sender=CertificateProduct)
def _part_changed(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        announce_certificates_changed([instance.certificate_id])


@receiver([post_save, post_delete], sender=RenderedDocument)
def _document_changed(sender, instance, raw=False, **kwargs) -> None:
    # A PDF queued, rendered again or ready: its state, size and SHA-256 are public.
    if raw:
        return
    if instance.kind == "certificate":
        announce_certificates_changed([instance.object_id])
    elif instance.kind == "certificate_annex":
        annexes = CertificateAnnex.objects.filter(pk=instance.object_id)
        announce_certificates_changed(annexes.values_list("certificate_id", flat=True))


@receiver(post_save, sender=Meeting)
def _meeting_saved(sender, instance, raw=False, **kwargs) -> None:
    # The protocol a certificate, an event or an annex refers to (Л.4.5).
    if raw or not instance.protocol_number:
        return
    announce_certificates_changed(
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
        certificates = Certificate.objects.filter(category=instance)
        announce_certificates_changed(certificates.values_list("pk", flat=True))


@receiver(post_save, sender=NormativeDocument)
def _normative_document_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        products = CertificateProduct.objects.filter(normative_document=instance)
        announce_certificates_changed(products.values_list("certificate_id", flat=True))
