"""Reading PDFs back: text with pdftotext, fonts with pdffonts (poppler-utils)."""

import os
import subprocess
import tempfile
from pathlib import Path


def _with_file(pdf: bytes, *command: str) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        out = subprocess.run([*command, f.name, "-"], capture_output=True, check=True)
        return out.stdout.decode("utf-8")


def pdf_text(pdf: bytes) -> str:
    """The text of a PDF as one line of words: a label broken over two lines still matches."""
    dump = os.environ.get("HALAL_PDF_DUMP")  # a folder: keep each PDF to look at it
    if dump:
        digest = str(abs(hash(pdf)))[:8]
        Path(dump).mkdir(parents=True, exist_ok=True)
        Path(dump, f"{digest}.pdf").write_bytes(pdf)
    return " ".join(_with_file(pdf, "pdftotext", "-raw", "-enc", "UTF-8").split())


def pdf_fonts(pdf: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        return subprocess.run(["pdffonts", f.name], capture_output=True, check=True).stdout.decode()


def pdf_pages(pdf: bytes) -> int:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        info = subprocess.run(["pdfinfo", f.name], capture_output=True, check=True).stdout.decode()
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def missing(text: str, expected) -> list[str]:
    """The expected phrases (labels, values) that the text lacks."""
    return [phrase for phrase in expected if " ".join(phrase.split()) not in text]


def out_of_order(text: str, labels) -> list[str]:
    """The labels not found after the one before them: empty when the text has them all, in the
    form's order (a label printed twice is looked for after its predecessor)."""
    position, lost = 0, []
    for label in labels:
        found = text.find(" ".join(label.split()), position)
        if found < 0:
            lost.append(label)
        else:
            position = found + 1
    return lost
