"""Images of passport data pages for the synthetic world's people, to test reading the MRZ from
a scan: the visual zone (labels and values) and the two MRZ lines in a monospaced font.

The MRZ font is DejaVu Sans Mono Bold from Debian's ``fonts-dejavu-core`` (the Makefile installs
it), not OCR-B: Tesseract's general English model reads it well enough once told which characters
an MRZ may hold. Nothing here is a real document: the issuing state's name is written as "SPECIMEN".
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from vigie.demo.people import Document, make_person

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
MONO = FONT_DIR / "DejaVuSansMono-Bold.ttf"
SANS = FONT_DIR / "DejaVuSans.ttf"
_WIDTH, _HEIGHT = 1000, 600


def render_data_page(document: Document, blur: float = 0.0) -> bytes:
    """A PNG of ``document``'s data page; ``blur`` (a Gaussian radius in pixels) makes it look
    more like a photograph."""
    mono = ImageFont.truetype(str(MONO), 30)
    label = ImageFont.truetype(str(SANS), 15)
    value = ImageFont.truetype(str(SANS), 20)
    page = Image.new("L", (_WIDTH, _HEIGHT), 238)
    draw = ImageDraw.Draw(page)
    draw.text((30, 20), "PASSPORT · SPECIMEN", font=value, fill=30)
    draw.rectangle((30, 70, 240, 330), outline=90, width=2)
    rows = [
        ("Surname / Nom", document.surname),
        ("Given names / Prénoms", document.given),
        ("Passport No. / No du passeport", document.number),
        ("Date of birth / Date de naissance", document.birth.strftime("%d %b %Y").upper()),
        ("Sex / Sexe", document.sex),
        ("Date of expiry / Date d'expiration", document.expires.strftime("%d %b %Y").upper()),
    ]
    for i, (name, text) in enumerate(rows):
        draw.text((270, 70 + i * 48), name, font=label, fill=100)
        draw.text((270, 88 + i * 48), text, font=value, fill=15)
    for i, line in enumerate(document.mrz):
        draw.text((20, 470 + i * 52), line, font=mono, fill=0)
    if blur:
        page = page.filter(ImageFilter.GaussianBlur(blur))
    out = io.BytesIO()
    page.save(out, format="PNG")
    return out.getvalue()


def world_documents(seed: int, count: int) -> Iterator[Document]:
    """The current passports of the first ``count`` people of the world with ``seed``."""
    for index in range(count):
        yield make_person(seed, index).current


def write_data_pages(seed: int, count: int, folder: Path) -> list[Path]:
    """Write ``count`` data-page images (``passport-N.png``) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for index, document in enumerate(world_documents(seed, count)):
        path = folder / f"passport-{index:04d}.png"
        path.write_bytes(render_data_page(document))
        written.append(path)
    return written
