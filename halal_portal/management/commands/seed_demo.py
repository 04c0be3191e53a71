"""`manage.py seed_demo`: the demo data of every app, each made by the app's own ``demo.py``
(its ``seed()``, through the app's services), app after app in the order of INSTALLED_APPS — the
order of the layers (README, "Architecture"), so that each app finds what the apps below it
made. Safe to run again: every app finds what it made before.

The command sits in the core because it knows no app: it asks each installed app for a demo
module, as Django's autodiscovery asks for admin modules."""

import logging
from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils.module_loading import module_has_submodule


def demo_modules() -> list:
    """The ``demo`` modules of the installed apps, lowest layer first."""
    return [
        import_module(f"{config.name}.demo")
        for config in apps.get_app_configs()
        if module_has_submodule(config.module, "demo")
    ]


class Command(BaseCommand):
    help = "Create the demo accounts, applications, certificates, checks and journals (idempotent)."

    def handle(self, *args, **options):
        # The demo's notifications stay in the inboxes; no e-mail floods the console.
        logging.getLogger("celery").setLevel(logging.WARNING)
        with (
            override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
            transaction.atomic(),
        ):
            for module in demo_modules():
                if options["verbosity"] > 1:
                    self.stdout.write(f"Seeding {module.__name__}")
                module.seed()
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))
