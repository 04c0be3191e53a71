"""Rebuild every certificate's public record (after a change of the record's layout)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from certification.registry_records import registry_rebuild_all


class Command(BaseCommand):
    help = "Rebuild the public registry record of every certificate."

    def handle(self, *args, **options):
        with transaction.atomic():
            count = registry_rebuild_all()
        self.stdout.write(f"{count} certificates")
