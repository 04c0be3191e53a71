"""What a PDF/A-3b file must carry, read back with pypdf.

veraPDF, the reference PDF/A validator, is a Java application that no package registry reachable
here ships (STACK.md): these checks cover the requirements WeasyPrint's ``pdf_variant`` is meant
to meet and that a template or a signature could break — the XMP identification (pdfaid part 3,
conformance B), an sRGB output intent with its ICC profile, every font embedded, Info and XMP
saying the same, the language and the structure tags.
"""

import html
import io
import re

from pypdf import PdfReader
from pypdf.generic import IndirectObject


def _resolve(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


def xmp_text(reader: PdfReader) -> str:
    return _resolve(reader.trailer["/Root"]["/Metadata"]).get_data().decode("utf-8")


def xmp_value(xmp: str, name: str) -> str | None:
    """An XMP property written as an attribute (pdfaid:part="3") or as an element."""
    attribute = re.search(rf'{name}="([^"]*)"', xmp)
    if attribute:
        return html.unescape(attribute.group(1))
    element = re.search(rf"<{name}(?:\s[^>]*)?>(.*?)</{name}>", xmp, re.S)
    if element:
        inner = re.search(r"<rdf:li[^>]*>(.*?)</rdf:li>", element.group(1), re.S)
        return html.unescape((inner.group(1) if inner else element.group(1)).strip())
    return None


def fonts_without_file(reader: PdfReader) -> list[str]:
    """The fonts used on any page whose program is not embedded (ISO 19005-3, 6.2.11.4)."""
    missing = []
    for page in reader.pages:
        fonts = _resolve(_resolve(page.get("/Resources", {})).get("/Font", {}))
        for font in (_resolve(f) for f in fonts.values()):
            descendants = [_resolve(d) for d in font.get("/DescendantFonts", [])] or [font]
            for descendant in descendants:
                descriptor = _resolve(descendant.get("/FontDescriptor", {}))
                if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    missing.append(str(font.get("/BaseFont")))
    return missing


def pdfa_problems(pdf: bytes) -> list[str]:
    """Empty when ``pdf`` carries the PDF/A-3b markers and the metadata the portal promises."""
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    info = reader.metadata or {}
    xmp = xmp_text(reader)
    problems = []
    if xmp_value(xmp, "pdfaid:part") != "3" or xmp_value(xmp, "pdfaid:conformance") != "B":
        problems.append("XMP does not identify PDF/A-3b")
    intents = [_resolve(i) for i in _resolve(root.get("/OutputIntents", []))]
    if not any(i.get("/S") == "/GTS_PDFA1" and "/DestOutputProfile" in i for i in intents):
        problems.append("no PDF/A output intent with an ICC profile")
    if missing_fonts := fonts_without_file(reader):
        problems.append(f"fonts not embedded: {missing_fonts}")
    for key in ("/Title", "/Author", "/Subject", "/CreationDate"):
        if not info.get(key):
            problems.append(f"no {key} in the Info dictionary")
    title = str(info.get("/Title", ""))
    if "\n" in title or "  " in title:
        problems.append(f"line break or double space in the title {title!r}")
    if xmp_value(xmp, "dc:title") != title:
        problems.append("XMP title differs from the Info title")
    if xmp_value(xmp, "dc:creator") != str(info.get("/Author", "")):
        problems.append("XMP creator differs from the Info author")
    if xmp_value(xmp, "pdf:Producer") != str(info.get("/Producer", "")):
        problems.append("XMP producer differs from the Info producer")
    if str(root.get("/Lang", "")) != "ru":
        problems.append("no document language")
    if not _resolve(root.get("/MarkInfo", {})).get("/Marked") or "/StructTreeRoot" not in root:
        problems.append("not tagged")
    return problems
