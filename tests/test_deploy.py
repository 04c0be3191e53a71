"""Deployment configuration: production passes ``check --deploy`` and refuses to start
half-configured; the embedded default needs no environment at all. No database needed.

settings.py is driven entirely by env vars and evaluated once per process, so every case runs
Django in a subprocess whose environment is a copy of ``os.environ`` with every variable
settings.py reads removed, plus the case's own values. (settings.py also reads
``<project>/.env`` for variables missing from the environment; a local .env that sets DJANGO_ENV
or DATABASE_URL would skew the "unset" cases.)
"""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SETTINGS_FILE = PROJECT_ROOT / "halal_portal" / "settings.py"

# env("X", ...), env.bool("X", ...), env.db("X", ...), ...: every variable settings.py reads.
_ENV_CALL = re.compile(r"""\benv(?:\.\w+)?\(\s*["']([A-Z][A-Z0-9_]*)["']""")

SETTINGS_DUMP = """
import json
from django.conf import settings as s

db = s.DATABASES["default"]
print(json.dumps({
    "DEBUG": s.DEBUG,
    "SECRET_KEY": s.SECRET_KEY,
    "ALLOWED_HOSTS": s.ALLOWED_HOSTS,
    "DB_ENGINE": db["ENGINE"],
    "DB_NAME": str(db["NAME"]),
    "CONN_MAX_AGE": db.get("CONN_MAX_AGE", 0),
    "CELERY_TASK_ALWAYS_EAGER": s.CELERY_TASK_ALWAYS_EAGER,
    "CELERY_BROKER_URL": s.CELERY_BROKER_URL,
    "DEFAULT_STORAGE": s.STORAGES["default"]["BACKEND"],
    "BUCKET": s.STORAGES["default"].get("OPTIONS", {}).get("bucket_name"),
    "STATICFILES_STORAGE": s.STORAGES["staticfiles"]["BACKEND"],
    "EMAIL_BACKEND": s.EMAIL_BACKEND,
    "SECURE_SSL_REDIRECT": s.SECURE_SSL_REDIRECT,
    "SECURE_PROXY_SSL_HEADER": s.SECURE_PROXY_SSL_HEADER,
    "SESSION_COOKIE_SECURE": s.SESSION_COOKIE_SECURE,
    "CSRF_COOKIE_SECURE": s.CSRF_COOKIE_SECURE,
    "SECURE_HSTS_SECONDS": s.SECURE_HSTS_SECONDS,
}))
"""


def settings_env_vars() -> set[str]:
    return set(_ENV_CALL.findall(SETTINGS_FILE.read_text(encoding="utf-8")))


def make_env(**overrides: str | None) -> dict[str, str]:
    """A copy of os.environ without any variable settings.py reads, then ``overrides``
    (``None`` removes the key)."""
    # DJANGO_ALLOW_ASYNC_UNSAFE: set by tests/conftest.py for Playwright, never in a deployment
    # (check --deploy reports async.E001 for it).
    managed = settings_env_vars() | {"DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {key: value for key, value in os.environ.items() if key not in managed}
    env["DJANGO_SETTINGS_MODULE"] = "halal_portal.settings"
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def production_env(**overrides: str | None) -> dict[str, str]:
    values: dict[str, str | None] = {
        "DJANGO_ENV": "production",
        "DJANGO_SECRET_KEY": secrets.token_hex(32),  # 64 random characters
        "DJANGO_ALLOWED_HOSTS": "portal.example.com",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
        "CACHE_URL": "redis://127.0.0.1:6379/2",
        "AWS_STORAGE_BUCKET_NAME": "halal-portal",
        "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000",
        "AWS_ACCESS_KEY_ID": "dummy-access-key",
        "AWS_SECRET_ACCESS_KEY": "dummy-secret-key",
        "PDF_SIGNING_KEY": "/run/secrets/pdf_signing_key",
        "PDF_SIGNING_CERT": "/run/secrets/pdf_signing_cert",
    }
    values.update(overrides)
    return make_env(**values)


def run_python(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def dump_settings(env: dict[str, str]) -> dict:
    result = run_python(["-c", SETTINGS_DUMP], env)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_settings_env_var_scan_finds_the_core_variables():
    # Guards the regex the other tests rely on.
    assert {
        "DJANGO_ENV",
        "DJANGO_SECRET_KEY",
        "DATABASE_URL",
        "CELERY_BROKER_URL",
        "AWS_STORAGE_BUCKET_NAME",
        "EMAIL_URL",
    } <= settings_env_vars()


def test_check_deploy_is_clean_in_production():
    result = run_python(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env()
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues (0 silenced)." in result.stdout, output


@pytest.mark.parametrize(
    "secret_key",
    [
        None,
        "",
        "too-short-" + "x" * 30,
        "django-insecure-" + secrets.token_hex(32),
    ],
    ids=["unset", "empty", "short", "django-insecure"],
)
def test_production_refuses_a_missing_or_weak_secret_key(secret_key):
    result = run_python(["manage.py", "check"], production_env(DJANGO_SECRET_KEY=secret_key))
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "ImproperlyConfigured" in output, output
    assert "DJANGO_SECRET_KEY" in output, output


@pytest.mark.parametrize("value", [None, ""], ids=["unset", "empty"])
@pytest.mark.parametrize(
    "variable", ["DATABASE_URL", "CELERY_BROKER_URL", "PDF_SIGNING_KEY", "PDF_SIGNING_CERT"]
)
def test_production_refuses_to_start_without_backing_services(variable, value):
    result = run_python(["manage.py", "check"], production_env(**{variable: value}))
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "ImproperlyConfigured" in output, output
    assert variable in output, output


def test_embedded_default_needs_no_environment():
    values = dump_settings(make_env())
    assert values["DEBUG"] is True
    assert values["SECRET_KEY"].startswith("django-insecure")
    assert "127.0.0.1" in values["ALLOWED_HOSTS"]
    assert values["DB_ENGINE"] == "django.db.backends.sqlite3"
    assert values["DB_NAME"] == str(PROJECT_ROOT / "db.sqlite3")
    assert values["CELERY_TASK_ALWAYS_EAGER"] is True
    assert values["CELERY_BROKER_URL"] == "memory://"
    assert values["DEFAULT_STORAGE"] == "django.core.files.storage.FileSystemStorage"
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SESSION_COOKIE_SECURE"] is False


def test_production_settings():
    values = dump_settings(production_env())
    assert values["DEBUG"] is False
    assert values["DB_ENGINE"] == "django.db.backends.postgresql"
    assert values["CONN_MAX_AGE"] > 0
    assert values["CELERY_TASK_ALWAYS_EAGER"] is False
    assert values["CELERY_BROKER_URL"] == "redis://127.0.0.1:6379/0"
    assert values["DEFAULT_STORAGE"] == "storages.backends.s3.S3Storage"
    assert values["BUCKET"] == "halal-portal"
    # The Dockerfile's collectstatic relies on this pairing to write the manifest.
    assert values["STATICFILES_STORAGE"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31_536_000


def test_ssl_redirect_can_be_left_to_the_reverse_proxy():
    # docker-compose.yml sets this: TLS is terminated by the proxy in front of gunicorn.
    values = dump_settings(production_env(DJANGO_SECURE_SSL_REDIRECT="false"))
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31_536_000


def test_env_example_documents_every_setting():
    text = (PROJECT_ROOT / ".env.example").read_text(encoding="utf-8")
    documented = set(re.findall(r"^#?\s?([A-Z][A-Z0-9_]*)=", text, flags=re.MULTILINE))
    missing = settings_env_vars() - documented
    assert not missing, f".env.example does not document: {sorted(missing)}"


def test_compose_file_matches_settings():
    yaml = pytest.importorskip("yaml")
    compose = yaml.safe_load((PROJECT_ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    assert "version" not in compose
    services = compose["services"]
    assert {"web", "worker", "beat", "postgres", "redis", "minio", "minio-init", "migrate"} <= set(
        services
    )

    app_env = compose["x-app-env"]
    unknown = set(app_env) - settings_env_vars()
    assert not unknown, f"x-app-env sets variables settings.py never reads: {sorted(unknown)}"
    assert app_env["DJANGO_ENV"] == "production"
    for required in ("DJANGO_SECRET_KEY", "DATABASE_URL", "CELERY_BROKER_URL"):
        assert app_env[required], required

    for name in ("web", "worker", "beat"):
        service = services[name]
        assert service["environment"]["DJANGO_ENV"] == "production", name
        assert service["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        assert service["depends_on"]["redis"]["condition"] == "service_healthy"
    assert "healthcheck" in services["web"]
    assert services["migrate"]["restart"] == "no"
