"""Make the self-signed key and certificate the embedded mode signs its documents with."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from halal_portal import signing


class Command(BaseCommand):
    help = (
        "Create a self-signed document signing key and certificate at PDF_SIGNING_KEY and "
        "PDF_SIGNING_CERT (embedded mode and tests; production uses the body's real ones)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--name", default="", help="The certificate's subject (default: the body's name)."
        )
        parser.add_argument(
            "--force", action="store_true", help="Replace an existing key and certificate."
        )

    def handle(self, *args, **options):
        key, cert = signing.key_paths()
        if not str(settings.PDF_SIGNING_KEY) or not str(settings.PDF_SIGNING_CERT):
            raise CommandError("PDF_SIGNING_KEY and PDF_SIGNING_CERT are not set.")
        if (key.exists() or cert.exists()) and not options["force"]:
            self.stdout.write(f"The signing key already exists: {key}")
            return
        name = options["name"] or self._body_name()
        signing.create_self_signed(
            key_path=Path(key), cert_path=Path(cert), common_name=name, organization=name
        )
        self.stdout.write(f"Created the signing key {key} and the certificate {cert}")

    def _body_name(self) -> str:
        from accounts.models import AuthorizedBody

        try:
            return AuthorizedBody.get().name or "Halal Portal"
        except Exception:  # noqa: BLE001 — no database yet: a generic subject will do
            return "Halal Portal"
