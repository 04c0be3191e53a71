"""Backups a restore can trust: the database as pg_dump's custom format, every stored file in one
tar archive, and a SHA-256 manifest of both and of each file, so a restore proves that nothing
was lost or altered on the way (``make backup`` / ``make restore``)."""

import hashlib
import io
import os
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

DUMP = "database.dump"
MEDIA = "media.tar"
MANIFEST = "MANIFEST.sha256"


class BackupError(Exception):
    pass


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _database_env() -> tuple[list[str], dict[str, str]]:
    """pg_dump/pg_restore arguments and environment for the default database."""
    db = connections[DEFAULT_DB_ALIAS].settings_dict
    if db["ENGINE"] != "django.db.backends.postgresql":
        raise BackupError("Backups are made of PostgreSQL databases (DATABASE_URL).")
    args = ["--host", db["HOST"] or "127.0.0.1", "--port", str(db["PORT"] or 5432)]
    if db["USER"]:
        args += ["--username", db["USER"]]
    env = {**os.environ, "PGPASSWORD": db["PASSWORD"] or ""}
    return [*args, "--dbname", db["NAME"]], env


def _stored_files(storage: Storage, folder: str = "") -> list[str]:
    folders, files = storage.listdir(folder)
    names = [f"{folder}/{name}" if folder else name for name in files]
    for sub in folders:
        names += _stored_files(storage, f"{folder}/{sub}" if folder else sub)
    return sorted(names)


def backup(target: Path, *, storage: Storage = default_storage) -> Path:
    """Write the database, the files and the manifest into the new folder ``target``."""
    target.mkdir(parents=True)
    args, env = _database_env()
    # A fixed program with arguments from the settings, no shell.
    subprocess.run(  # nosec B603 B607
        ["pg_dump", "--format=custom", "--no-owner", "--file", str(target / DUMP), *args],
        env=env,
        check=True,
    )
    lines = []
    with tarfile.open(target / MEDIA, "w") as archive:
        for name in _stored_files(storage) if storage.exists("") else []:
            with storage.open(name, "rb") as file:
                data = file.read()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            lines.append(f"{hashlib.sha256(data).hexdigest()}  media/{name}")
    lines = [f"{sha256_of(target / DUMP)}  {DUMP}", f"{sha256_of(target / MEDIA)}  {MEDIA}", *lines]
    (target / MANIFEST).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def _manifest(source: Path) -> dict[str, str]:
    entries = {}
    for line in (source / MANIFEST).read_text(encoding="utf-8").splitlines():
        digest, _, name = line.partition("  ")
        entries[name] = digest
    return entries


def restore(source: Path, *, storage: Storage = default_storage) -> int:
    """Check the backup against its manifest, restore the database into the (empty) database of
    the settings and the files into the storage; each file is checked again. Returns how many
    files were restored."""
    manifest = _manifest(source)
    for name in (DUMP, MEDIA):
        if sha256_of(source / name) != manifest.get(name):
            raise BackupError(f"{name} does not match its manifest: the backup is damaged.")
    args, env = _database_env()
    subprocess.run(  # nosec B603 B607 - fixed program, arguments from the settings
        [
            "pg_restore",
            "--no-owner",
            "--exit-on-error",
            "--single-transaction",
            *args,
            str(source / DUMP),
        ],
        env=env,
        check=True,
    )
    restored = 0
    with tarfile.open(source / MEDIA) as archive:
        for member in archive.getmembers():
            if not member.isfile() or f"media/{member.name}" not in manifest:
                raise BackupError(f"{member.name} is not in the manifest.")
            data = archive.extractfile(member).read()
            if hashlib.sha256(data).hexdigest() != manifest[f"media/{member.name}"]:
                raise BackupError(f"{member.name} does not match its manifest.")
            # The storage keeps the name: a restore goes into empty storage.
            if storage.save(member.name, ContentFile(data)) != member.name:
                raise BackupError(f"{member.name} already exists in the storage.")
            restored += 1
    return restored


def default_target() -> Path:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return Path(settings.BASE_DIR) / "backups" / stamp
