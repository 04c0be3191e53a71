"""The «Halal» sign of Annex В with the certificate number, as SVG and PNG (GOST 8.4, 8.6).

Annex В gives the sign's form and colours in Рисунок В.1 — a round sign with the certificate
number under it. The figure itself is not in the text the portal has, so this drawing follows
its layout only: a green ring, the word «ХАЛЯЛЬ», and the number «ХП.NNNNN» below. Replace the
geometry and colours here with the official artwork when the body receives it.

Both files are drawn at 20 mm (the ring 19.2 mm across; GOST 8.4 asks for at least 15 mm):
the SVG in millimetres, the PNG at 600 dpi with its resolution stored, so either prints at its
size. Letters are glyph outlines from the shipped DejaVu Sans Bold (static/fonts), so the SVG
needs no font on the printer's machine.
"""

import io
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from django.conf import settings
from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont
from PIL.PngImagePlugin import PngInfo

FONT_PATH = Path(settings.BASE_DIR, "static", "fonts", "DejaVuSans-Bold.ttf")
GREEN = "#00843d"
WORD = "ХАЛЯЛЬ"

# Geometry in millimetres.
WIDTH, HEIGHT = 20.0, 24.0
CENTRE = (10.0, 10.0)
OUTER_RADIUS = 9.6  # GOST 8.4: the sign is at least 15 mm across
INNER_RADIUS = 8.0
LINE_RADIUS = 7.3
LINE_WIDTH = 0.25
WORD_SIZE, WORD_BASELINE = 2.6, 10.95
NUMBER_SIZE, NUMBER_BASELINE = 2.6, 22.9
DPI = 600


def title(number: str) -> str:
    return f"Знак «Халяль», сертификат № {number}"


@cache
def _font() -> TTFont:
    return TTFont(FONT_PATH)


def _text_paths(text: str, *, size: float, baseline: float, fill: str) -> str:
    """``text`` as SVG paths, centred on the sign, ``size`` mm high em."""
    font = _font()
    glyphs, cmap, metrics = font.getGlyphSet(), font.getBestCmap(), font["hmtx"]
    scale = size / font["head"].unitsPerEm
    names = [cmap[ord(char)] for char in text]
    width = sum(metrics[name][0] for name in names) * scale
    x = CENTRE[0] - width / 2
    parts = []
    for name in names:
        pen = SVGPathPen(glyphs)
        glyphs[name].draw(pen)
        if commands := pen.getCommands():
            parts.append(
                f'<path transform="translate({x:.3f} {baseline:.3f}) scale({scale:.6f} '
                f'{-scale:.6f})" d="{commands}"/>'
            )
        x += metrics[name][0] * scale
    return f'<g fill="{fill}">{"".join(parts)}</g>'


def mark_svg(number: str) -> str:
    cx, cy = CENTRE
    label = escape(title(number))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH:g}mm" height="{HEIGHT:g}mm" '
        f'viewBox="0 0 {WIDTH:g} {HEIGHT:g}" role="img" aria-label="{label}">'
        f"<title>{label}</title>"
        f"<desc>{escape(number)}</desc>"
        f'<rect width="{WIDTH:g}" height="{HEIGHT:g}" fill="#fff"/>'
        f'<circle cx="{cx}" cy="{cy}" r="{OUTER_RADIUS}" fill="{GREEN}"/>'
        f'<circle cx="{cx}" cy="{cy}" r="{INNER_RADIUS}" fill="#fff"/>'
        f'<circle cx="{cx}" cy="{cy}" r="{LINE_RADIUS}" fill="none" stroke="{GREEN}" '
        f'stroke-width="{LINE_WIDTH}"/>'
        + _text_paths(WORD, size=WORD_SIZE, baseline=WORD_BASELINE, fill=GREEN)
        + _text_paths(number, size=NUMBER_SIZE, baseline=NUMBER_BASELINE, fill="#000")
        + "</svg>\n"
    )


def mark_png(number: str, *, dpi: int = DPI) -> bytes:
    """The same sign as a PNG at ``dpi``, drawn four times larger and scaled down (smooth)."""
    oversample = 4
    px = dpi / 25.4 * oversample  # pixels per millimetre while drawing

    def box(radius: float) -> tuple[float, float, float, float]:
        cx, cy = CENTRE
        return ((cx - radius) * px, (cy - radius) * px, (cx + radius) * px, (cy + radius) * px)

    size = (round(WIDTH * px), round(HEIGHT * px))
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse(box(OUTER_RADIUS), fill=GREEN)
    draw.ellipse(box(INNER_RADIUS), fill="white")
    draw.ellipse(box(LINE_RADIUS), outline=GREEN, width=max(1, round(LINE_WIDTH * px)))
    for text, em, baseline, colour in (
        (WORD, WORD_SIZE, WORD_BASELINE, GREEN),
        (number, NUMBER_SIZE, NUMBER_BASELINE, "black"),
    ):
        font = ImageFont.truetype(str(FONT_PATH), size=round(em * px))
        draw.text((CENTRE[0] * px, baseline * px), text, font=font, fill=colour, anchor="ms")
    final = (round(WIDTH / 25.4 * dpi), round(HEIGHT / 25.4 * dpi))
    image = image.resize(final, Image.Resampling.LANCZOS)
    info = PngInfo()
    info.add_itxt("Title", title(number))
    info.add_itxt("Certificate", number)
    output = io.BytesIO()
    image.save(output, format="PNG", dpi=(dpi, dpi), pnginfo=info, optimize=True)
    return output.getvalue()
