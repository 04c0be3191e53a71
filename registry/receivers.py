"""The public records follow certification's announcements (certification/signals.py): each
change of a certificate rebuilds its record in the transaction of the change, and its cached
answers are dropped when that transaction commits (records.registry_rebuild)."""

from django.dispatch import receiver

from certification.signals import certificates_changed

from .records import registry_rebuild


@receiver(certificates_changed)
def _rebuild(sender, pks, **kwargs) -> None:
    registry_rebuild(pks)
