import os

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM must still be usable.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "ru-RU", "viewport": {"width": 1200, "height": 900}}


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """Every test writes uploads to its own folder, never to the project's media/; passwords
    are hashed cheaply (PBKDF2 costs ~0.7 s a user); the language is the default one, whatever
    an earlier request in the same thread activated."""
    from django.utils import translation

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.AXES_ENABLED = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture
def applicant(db):
    from tests.factories import MembershipFactory

    return MembershipFactory().user


@pytest.fixture
def organization(applicant):
    return applicant.organizations.get()


@pytest.fixture
def outsider(db):
    """An applicant of another organization."""
    from tests.factories import MembershipFactory

    return MembershipFactory().user


@pytest.fixture
def secretary(db):
    from tests.factories import UserFactory

    return UserFactory(role_secretary=True)


@pytest.fixture
def commission_member(db):
    from tests.factories import UserFactory

    return UserFactory(role_commission=True)


@pytest.fixture
def draft(organization, applicant):
    from certification import services

    return services.application_create(organization=organization, by=applicant)


@pytest.fixture
def complete_draft(draft, applicant):
    from tests.factories import complete_application

    return complete_application(draft, by=applicant)


@pytest.fixture
def commission(db):
    from tests.factories import UserFactory

    return [UserFactory(role_commission=True) for _ in range(3)]


@pytest.fixture
def head(db):
    from accounts.models import AuthorizedBody
    from tests.factories import UserFactory

    user = UserFactory(role_head=True, last_name="Гарипов", first_name="Ильдус")
    body = AuthorizedBody.get()
    body.head, body.head_name = user, "И. Р. Гарипов"
    body.save()
    return user


@pytest.fixture
def under_review(complete_draft, applicant, secretary, commission):
    """A submitted application registered by the secretary with a commission of three."""
    from certification import services

    services.application_submit(application=complete_draft, by=applicant)
    return services.application_register(
        application=complete_draft, by=secretary, members=commission
    )


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Transactional tests (browser, concurrency) run on a database that earlier ones flushed;
    they get the reference data of the data migrations back before they start. (Django's
    serialized rollback cannot do it here: Playwright's greenlets give the test another
    connection object than the one that holds the serialized copy.)"""
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or (
        "live_server" in request.fixturenames
    )
    if not transactional:
        return
    import importlib

    from django.apps import apps

    request.getfixturevalue("transactional_db")
    importlib.import_module("certification.migrations.0002_reference_data").load(apps, None)
    importlib.import_module("certification.migrations.0011_dossier_date_rules").load(apps, None)
    importlib.import_module("audits.migrations.0005_checklist_annex_zh").load(apps, None)
    importlib.import_module("audits.migrations.0011_checklist_version_2").load(apps, None)
