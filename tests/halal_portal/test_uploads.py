"""Tests for halal_portal.uploads: dossier files are judged by content, never by name."""

from __future__ import annotations

import hashlib
import io
import random
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import (
    SimpleUploadedFile,
    TemporaryUploadedFile,
    UploadedFile,
)
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from halal_portal.uploads import CheckedUpload, check_upload, sanitize_filename

# --- corpus, built here so that no binary fixture is committed ---------------------------------


def make_pdf(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def make_encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def make_image(fmt: str, size: tuple[int, int] = (64, 48), **options: object) -> bytes:
    image = Image.new("RGB", size, (30, 120, 60))
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def make_noise_png(side: int) -> bytes:
    # Noise does not compress, so the PNG is about as large as its pixels.
    image = Image.frombytes("RGB", (side, side), random.Random(8).randbytes(side * side * 3))
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=1)
    return buffer.getvalue()


def make_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def upload(name: str, data: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    # The declared content type is deliberately wrong in most cases: it must not matter.
    return SimpleUploadedFile(name, data, content_type=content_type)


def rejection(name: str, data: bytes, **kwargs: object) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        check_upload(upload(name, data), **kwargs)
    return caught.value


# --- accepted files ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "content_type", "extension"),
    [
        ("protocol.pdf", make_pdf(3), "application/pdf", ".pdf"),
        ("photo.jpeg", make_image("JPEG"), "image/jpeg", ".jpg"),
        ("scan.png", make_image("PNG"), "image/png", ".png"),
        ("scan.tiff", make_image("TIFF"), "image/tiff", ".tif"),
        ("scan-lzw.tif", make_image("TIFF", compression="tiff_lzw"), "image/tiff", ".tif"),
        ("big-endian.tif", make_image("TIFF", big_endian=True), "image/tiff", ".tif"),
        # Content decides: a PNG named .pdf is a PNG, a PDF with no extension is a PDF.
        ("certificate.pdf", make_image("PNG"), "image/png", ".png"),
        ("no_extension", make_pdf(), "application/pdf", ".pdf"),
    ],
)
def test_accepts_supported_formats(name, data, content_type, extension):
    result = check_upload(upload(name, data, content_type="application/octet-stream"))

    assert isinstance(result, CheckedUpload)
    assert result.content_type == content_type
    assert result.extension == extension
    assert result.size == len(data)
    assert result.sha256 == hashlib.sha256(data).hexdigest()
    assert result.display_name == name


def test_accepts_pdf_header_after_leading_junk():
    # The PDF specification lets the header sit anywhere in the first 1024 bytes.
    data = b"\r\n" * 10 + make_pdf()

    assert check_upload(upload("junk.pdf", data)).content_type == "application/pdf"


def test_result_is_frozen():
    result = check_upload(upload("a.png", make_image("PNG")))

    with pytest.raises(AttributeError):
        result.size = 1  # type: ignore[misc]


def test_file_is_rewound_after_check():
    data = make_pdf()
    file = upload("a.pdf", data)

    check_upload(file)

    assert file.tell() == 0
    assert file.read() == data


def test_display_name_is_sanitized():
    file = upload("x.pdf", make_pdf())
    file.name = "..\\..\\Протокол <испытаний>.pdf"  # bypasses Django's own basename()

    assert check_upload(file).display_name == "Протокол испытаний.pdf"


def test_large_temporary_upload_is_hashed_in_chunks():
    data = make_noise_png(1100)  # ~3.6 MB: above FILE_UPLOAD_MAX_MEMORY_SIZE, several chunks
    assert len(data) > 3 * UploadedFile.DEFAULT_CHUNK_SIZE
    file = TemporaryUploadedFile("большой скан.png", "application/pdf", len(data), None)
    try:
        file.write(data)
        file.seek(0)

        result = check_upload(file)

        assert result.content_type == "image/png"
        assert result.size == len(data)
        assert result.sha256 == hashlib.sha256(data).hexdigest()
        assert result.display_name == "большой скан.png"
    finally:
        file.close()


class NoWholeRead(UploadedFile):
    """A disk-like upload that fails the test if anyone reads all of it at once.

    (An in-memory upload is already whole in memory, so Django hands it out in one chunk.)
    """

    def read(self, size: int | None = -1) -> bytes:
        assert size is not None and size >= 0, "the whole file was read into memory"
        return self.file.read(size)


@pytest.mark.parametrize("data", [make_pdf(), make_noise_png(600), make_image("TIFF")])
def test_valid_files_are_never_read_whole(data):
    file = NoWholeRead(io.BytesIO(data), name="scan", size=len(data))

    assert check_upload(file).sha256 == hashlib.sha256(data).hexdigest()


# --- rejected files ------------------------------------------------------------------------------

PE_HEADER = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 46 + b"PE\x00\x00"


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("empty.pdf", b"", "empty"),
        # Executables are refused whatever their name, even with a PDF header inside.
        ("report.pdf", PE_HEADER + b"%PDF-1.7\n" + b"\x00" * 200, "executable"),
        ("scan.png", b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 120, "executable"),
        ("scan.jpg", b"\xcf\xfa\xed\xfe\x07\x00\x00\x01" + b"\x00" * 64, "executable"),
        ("install.pdf", b"#!/bin/sh\nrm -rf /\n", "executable"),
        # Markup that a browser could render, with or without BOM and leading whitespace.
        ("page.pdf", b"<!DOCTYPE html><html><body>hi</body></html>", "markup"),
        ("page.pdf", b"\xef\xbb\xbf\n  <HTML><script>alert(1)</script></HTML>", "markup"),
        ("logo.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>', "markup"),
        ("data.tif", b'<?xml version="1.0"?><root/>', "markup"),
        ("x.jpg", b"\t<script>alert(1)</script>", "markup"),
        ("utf16.pdf", "\ufeff<html></html>".encode("utf-16-le"), "markup"),
        # Markup before a PDF header is still markup: polyglots are not welcome.
        ("poly.pdf", b"<html>" + make_pdf(), "markup"),
        ("secret.pdf", make_encrypted_pdf(), "encrypted"),
        ("cut.pdf", make_pdf()[: len(make_pdf()) // 2] + b"\x00garbage\xff" * 8, "broken"),
        ("cut2.pdf", make_pdf()[:200], "broken"),
        ("fake.pdf", b"%PDF-1.7\nthis is not a PDF at all\n", "broken"),
        ("cut.png", make_image("PNG")[:60], "broken"),
        ("cut.jpg", make_image("JPEG")[:300], "broken"),
        ("cut.tif", make_image("TIFF")[:400], "broken"),
        ("fake.png", b"\x89PNG\r\n\x1a\n" + random.Random(2).randbytes(200), "broken"),
        ("archive.pdf", make_zip(), "unsupported"),
        ("document.docx", make_zip(), "unsupported"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, "unsupported"),
        ("noise.pdf", random.Random(1).randbytes(4096), "unsupported"),
        ("notes.txt", "Протокол испытаний".encode(), "unsupported"),
        ("anim.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "unsupported"),
    ],
)
def test_rejects_with_code_and_file_name(name, data, code):
    error = rejection(name, data)

    assert error.code == code
    assert name in error.message


def test_rejects_pdf_without_pages():
    writer = PdfWriter()
    buffer = io.BytesIO()
    writer.write(buffer)

    error = rejection("blank.pdf", buffer.getvalue())

    assert error.code == "broken"
    assert "blank.pdf" in error.message


def test_rejects_oversized_file_and_states_limit():
    error = rejection("huge.pdf", make_pdf(), max_bytes=100)

    assert error.code == "too_large"
    assert "huge.pdf" in error.message
    assert "MB" in error.message or "МБ" in error.message


def test_size_limit_is_inclusive():
    data = make_pdf()

    assert check_upload(upload("exact.pdf", data), max_bytes=len(data)).size == len(data)


def test_default_limit_comes_from_settings(settings):
    settings.UPLOAD_MAX_BYTES = 3 * 1024 * 1024

    error = rejection("big.png", make_noise_png(1100))

    assert error.code == "too_large"
    assert "3" in error.message


def test_real_size_is_enforced_when_declared_size_lies():
    data = make_pdf()
    file = upload("liar.pdf", data)
    file.size = 10

    with pytest.raises(ValidationError) as caught:
        check_upload(file, max_bytes=100)

    assert caught.value.code == "too_large"


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_rejects_decompression_bomb(monkeypatch):
    data = make_image("PNG", size=(200, 200))
    # Between MAX_IMAGE_PIXELS and twice that Pillow only warns; above, it raises.
    for limit in (30_000, 10_000):
        monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", limit)

        error = rejection("bomb.png", data)

        assert error.code == "too_large"
        assert "bomb.png" in error.message


@pytest.mark.filterwarnings("error::PIL.Image.DecompressionBombWarning")
def test_rejects_decompression_bomb_when_warnings_are_errors(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 30_000)

    error = rejection("bomb.png", make_image("PNG", size=(200, 200)))

    assert error.code == "too_large"


# --- sanitize_filename -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\x\\y.pdf", "y.pdf"),
        ("Сертификат соответствия №5.pdf", "Сертификат соответствия №5.pdf"),
        ("..hidden.pdf", "hidden.pdf"),
        ("  a \t\n  b .pdf ", "a b .pdf"),
        ('bad<>:"|?*name.pdf', "badname.pdf"),
        ("con\x00trol\x1b.pdf", "control.pdf"),
        ("invoice\u202efdp.exe", "invoicefdp.exe"),  # bidi override removed
        ("", "file"),
        ("...", "file"),
        ("../", "file"),
        ("dir/", "file"),
    ],
)
def test_sanitize_filename(raw, expected):
    assert sanitize_filename(raw) == expected


def test_sanitize_filename_normalizes_to_nfc():
    # "Й" typed as "И" + combining breve becomes the single precomposed letter.
    assert sanitize_filename("\u0418\u0306огурт.pdf") == "\u0419огурт.pdf"


def test_sanitize_filename_fallback():
    assert sanitize_filename("///", fallback="document") == "document"


def test_sanitize_filename_long_name_keeps_extension():
    result = sanitize_filename("Протокол" * 40 + ".pdf")

    assert len(result) == 150
    assert result.endswith(".pdf")
    assert result.startswith("Протокол")


def test_sanitize_filename_long_name_without_real_extension():
    result = sanitize_filename("a" * 100 + "." + "b" * 100)

    assert len(result) == 150


@given(st.text(max_size=400))
def test_sanitize_filename_properties(raw):
    result = sanitize_filename(raw)

    assert result
    assert len(result) <= 150
    assert "/" not in result
    assert "\\" not in result
    assert not result.startswith(".")
    assert result == result.strip()


def test_large_pdf_with_a_damaged_xref_is_refused_without_repair(monkeypatch):
    # pypdf would read the whole file into memory to rebuild the xref; a large upload is refused.
    from halal_portal import uploads

    monkeypatch.setattr(uploads, "PDF_REPAIR_MAX_BYTES", 100)
    data = make_pdf()
    offset = data.rindex(b"startxref") + len(b"startxref\n")
    damaged = data[:offset] + b"1" + data[offset:]  # points far past the xref table
    error = rejection("большой.pdf", damaged)
    assert error.code == "broken"


def test_large_intact_pdf_is_accepted(monkeypatch):
    from halal_portal import uploads

    monkeypatch.setattr(uploads, "PDF_REPAIR_MAX_BYTES", 100)
    assert check_upload(upload("большой.pdf", make_pdf())).content_type == "application/pdf"


def test_truncated_image_refused_even_after_weasyprint_is_imported():
    # WeasyPrint turns Pillow's LOAD_TRUNCATED_IMAGES on for the whole process.
    import weasyprint  # noqa: F401
    from PIL import ImageFile

    assert ImageFile.LOAD_TRUNCATED_IMAGES
    png = io.BytesIO()
    Image.new("RGB", (64, 64), "red").save(png, format="PNG")
    error = rejection("обрезан.png", png.getvalue()[:-40])
    assert error.code == "broken"


# --- active content (issue: PDFs that act on the reader's computer) ---------------------------


def _pdf_with(build) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    build(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _open_action(kind: str, key: str, value: str):
    def build(writer: PdfWriter) -> None:
        action = DictionaryObject(
            {NameObject("/S"): NameObject(kind), NameObject(key): TextStringObject(value)}
        )
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)

    return build


@pytest.mark.parametrize(
    "build",
    [
        _open_action("/JavaScript", "/JS", "app.alert('hi');"),
        _open_action("/Launch", "/F", "calc.exe"),
        lambda writer: writer.add_attachment("payload.exe", b"MZ..."),
    ],
    ids=["javascript", "launch", "embedded-file"],
)
def test_a_pdf_with_active_content_is_refused_with_the_reason(build):
    upload = SimpleUploadedFile("справка.pdf", _pdf_with(build))
    with pytest.raises(ValidationError) as raised:
        check_upload(upload)
    assert raised.value.code == "active_content"
    assert "справка.pdf" in raised.value.messages[0]


def test_a_plain_pdf_with_a_link_is_still_accepted():
    def link(writer: PdfWriter) -> None:
        from pypdf.annotations import Link

        writer.add_annotation(0, Link(rect=(50, 50, 200, 80), url="https://example.org"))

    checked = check_upload(SimpleUploadedFile("a.pdf", _pdf_with(link)))
    assert checked.content_type == "application/pdf"
