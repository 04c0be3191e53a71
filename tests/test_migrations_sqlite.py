"""The embedded mode (`make run`) migrates an SQLite database: every migration must apply there
to the end, and later table rebuilds must not meet the PostgreSQL-only trigram indexes."""

import pytest

from tests.test_deploy import make_env, run_python

# Migrate a fresh SQLite database, then make SQLite rebuild both tables that PostgreSQL gives
# trigram indexes (what adding a field with a default does), and list the indexes SQLite has.
MIGRATE_AND_REBUILD = """
import django
django.setup()
from django.core.management import call_command
from django.db import connection, models
call_command("migrate", verbosity=0)
from certification.models import Certificate, CertificateProduct
for model in (Certificate, CertificateProduct):
    field = models.CharField(max_length=10, default="x")
    field.set_attributes_from_name("rebuild_probe")
    with connection.schema_editor() as editor:
        editor.add_field(model, field)
with connection.cursor() as cursor:
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
    print(" ".join(sorted(row[0] for row in cursor.fetchall())))
"""


@pytest.fixture
def sqlite_env(tmp_path):
    return make_env(DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", DJANGO_ENV=None)


def test_a_fresh_sqlite_database_migrates_to_the_end_and_rebuilds_tables(sqlite_env):
    result = run_python(["-c", MIGRATE_AND_REBUILD], sqlite_env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "trgm" not in result.stdout


def test_sqlite_has_no_unapplied_migrations_after_migrating(sqlite_env):
    run_python(["manage.py", "migrate", "-v", "0"], sqlite_env)
    result = run_python(["manage.py", "migrate", "--check"], sqlite_env)
    assert result.returncode == 0, result.stdout + result.stderr
