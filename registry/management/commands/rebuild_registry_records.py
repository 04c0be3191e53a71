"""Rebuild every certificate's public record and drop every kept answer (after a change of the
record's layout, of SITE_URL or of the certificate page)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from registry.records import registry_rebuild_all


class Command(BaseCommand):
    help = "Rebuild the public registry record of every certificate."

    def handle(self, *args, **options):
        with transaction.atomic():
            count = registry_rebuild_all()
        self.stdout.write(f"{count} certificates")
