"""`make backup` / `make restore`: a backup restored into an empty database and an empty storage
has every certificate, protocol and file, each file intact by its hash; a damaged backup is
refused before anything is written."""

import hashlib
import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from certification.services import certificate_sign
from halal_portal.models import RenderedDocument
from tests.certification.workflow import issue
from tests.test_deploy import make_env, run_python

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def empty_database():
    db = connection.settings_dict
    name = f"restore_{uuid.uuid4().hex[:10]}"
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    admin = f"host={host} port={port} user={db['USER']} dbname=postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"postgres://{db['USER']}@{host}:{port}/{name}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# In the restored deployment: what the registry and the archive rely on, and each file's hash.
INVENTORY = """
import hashlib
import django
django.setup()
from certification.models import Certificate, Meeting
from halal_portal.models import RenderedDocument
print("certificates", sorted(Certificate.objects.values_list("number", flat=True)))
closed = Meeting.objects.exclude(protocol_number=None)
print("protocols", sorted(closed.values_list("protocol_number", flat=True)))
for document in RenderedDocument.objects.exclude(file="").order_by("pk"):
    with document.file.open("rb") as file:
        intact = hashlib.sha256(file.read()).hexdigest() == document.sha256
    print("file", document.kind, intact)
"""


def test_a_backup_restores_every_certificate_protocol_and_file(
    tmp_path, settings, empty_database, under_review, secretary, commission, head
):
    issue(under_review, secretary=secretary, members=commission)
    certificate_sign(certificate=under_review.certificate, by=head)
    documents = RenderedDocument.objects.exclude(file="")
    assert documents.exists()

    call_command("backup", str(tmp_path / "backup"))
    media = tmp_path / "restored-media"
    env = make_env(DATABASE_URL=empty_database, MEDIA_ROOT=str(media), DJANGO_ENV=None)
    restored = run_python(["manage.py", "restore", str(tmp_path / "backup")], env)
    assert restored.returncode == 0, restored.stderr[-3000:]

    inventory = run_python(["-c", INVENTORY], env)
    assert inventory.returncode == 0, inventory.stderr[-3000:]
    lines = inventory.stdout.splitlines()
    assert lines[0] == f"certificates {[under_review.certificate.number]}"
    assert "protocols []" not in lines[1]
    files = [line for line in lines if line.startswith("file ")]
    assert len(files) == documents.count()
    assert all(line.endswith(" True") for line in files)


def test_a_damaged_backup_is_refused_before_anything_is_restored(tmp_path, empty_database, draft):
    call_command("backup", str(tmp_path / "backup"))
    dump = Path(tmp_path / "backup" / "database.dump")
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 0xFF
    dump.write_bytes(bytes(data))
    env = make_env(DATABASE_URL=empty_database, MEDIA_ROOT=str(tmp_path / "m"), DJANGO_ENV=None)
    result = run_python(["manage.py", "restore", str(tmp_path / "backup")], env)
    assert result.returncode != 0
    assert "does not match its manifest" in result.stderr
    with psycopg.connect(empty_database.replace("postgres://", "postgresql://")) as conn:
        tables = conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()[0]
    assert tables == 0


def test_the_manifest_lists_the_dump_the_archive_and_each_file(tmp_path, draft):
    call_command("backup", str(tmp_path / "backup"))
    manifest = (tmp_path / "backup" / "MANIFEST.sha256").read_text().splitlines()
    names = [line.split("  ", 1)[1] for line in manifest]
    assert names[:2] == ["database.dump", "media.tar"]
    digest = hashlib.sha256((tmp_path / "backup" / "database.dump").read_bytes()).hexdigest()
    assert manifest[0].startswith(digest)
