"""Stored files go out one way: as an attachment under a clean name, never rendered by the browser.

An uploaded file was accepted by its content (halal_portal/uploads.py), but its name is the
client's: a PDF/HTML polyglot uploaded as «report.html» must download as «report.pdf», and a bidi
override must not turn «fdp.exe» into what reads as «exe.pdf». The sandbox policy keeps the file
inert even if a browser opened it in a tab anyway.
"""

from typing import Protocol

from django.db.models.fields.files import FieldFile
from django.http import FileResponse

from .uploads import EXTENSIONS, sanitize_filename

FILE_POLICY = "sandbox; default-src 'none'"
# «.jpeg» and «.tiff» name the same types as «.jpg» and «.tif»: what the user wrote is kept.
SAME_TYPE = {".jpeg": ".jpg", ".tiff": ".tif"}


def download_name(name: str, content_type: str) -> str:
    """The client's name, cleaned, with the extension of the type detected at upload."""
    name = sanitize_filename(name)
    extension = EXTENSIONS.get(content_type)
    stem, dot, current = name.rpartition(".")
    if not (dot and stem):
        stem, current = name, ""
    current = f".{current.lower()}" if current else ""
    if extension is None or SAME_TYPE.get(current, current) == extension:
        return name
    return f"{stem}{extension}"


class StoredUpload(Protocol):
    """A model row holding a checked upload: dossier files, evidence, laboratory reports."""

    file: FieldFile
    original_name: str
    content_type: str


def file_download(stored: StoredUpload) -> FileResponse:
    response = FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=download_name(stored.original_name, stored.content_type),
        content_type=stored.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_POLICY
    response["Cache-Control"] = "private, no-store"
    return response
