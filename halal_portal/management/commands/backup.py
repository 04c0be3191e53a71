from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from halal_portal.backup import BackupError, backup, default_target


class Command(BaseCommand):
    help = "Back up the database (pg_dump) and every stored file, with a SHA-256 manifest."

    def add_arguments(self, parser):
        parser.add_argument(
            "target", nargs="?", type=Path, help="a new folder (default backups/<time>)"
        )

    def handle(self, *args, target: Path | None, **options):
        try:
            folder = backup(target or default_target())
        except (BackupError, FileExistsError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(folder))
