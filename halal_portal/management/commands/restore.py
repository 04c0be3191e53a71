from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from halal_portal.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup into an empty database and storage, checking every hash."

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path, help="the backup's folder")

    def handle(self, *args, source: Path, **options):
        try:
            restored = restore(source)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"restored the database and {restored} files from {source}")
