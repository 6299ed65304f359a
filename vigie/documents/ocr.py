"""Read the machine-readable zone from an image of a data page with Tesseract OCR (Debian's
``tesseract-ocr`` and ``tesseract-ocr-eng``), run as a program: no model is downloaded.

Tesseract is told the only characters an MRZ holds; the zone is the last run of two or three
long lines in what it reads. Where the format admits only letters (codes, names) or only digits
(dates, check digits) and OCR gave a commonly confused character of the other kind (O/0, I/1,
B/8, S/5, Z/2), the reading is set to the kind the position admits and the change is reported
as a note: nothing is changed silently. Positions that admit both (document numbers, optional
data) are left as read, for the validator to name any confusion that would explain a failed
check digit.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import dataclass, field

from PIL import Image, UnidentifiedImageError

from vigie.documents.layout import BY_SHAPE, Layout
from vigie.documents.mrz import FILLER
from vigie.errors import InvalidInput
from vigie.i18n import _

WHITELIST = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
MAX_IMAGE_BYTES = 20 * 1024 * 1024
_MIN_LINE = 26
_TIMEOUT = 60
# What OCR reads for a digit where only a digit may be, and for a letter where only a letter may
# be: the confusions of Doc 9303's fonts (O/0, I/1, B/8, S/5, Z/2, G/6) and a dotted zero read as
# Q or D.
_AS_DIGIT = {"O": "0", "Q": "0", "D": "0", "I": "1", "B": "8", "S": "5", "Z": "2", "G": "6"}
_AS_LETTER = {"0": "O", "1": "I", "8": "B", "5": "S", "2": "Z", "6": "G"}
_FILLERS = re.compile("<{3,}")


@dataclass
class OcrReading:
    """The zone's lines as read (after the notes' changes), the notes, and Tesseract's text."""

    lines: list[str]
    notes: list[str] = field(default_factory=list)
    text: str = ""


def tesseract_text(image: bytes) -> str:
    """Run Tesseract over an image, limited to the MRZ characters; raises
    :class:`InvalidInput` for what is not an image, and when Tesseract is missing or fails."""
    if len(image) > MAX_IMAGE_BYTES:
        raise InvalidInput(
            _("The image is larger than {size} MB.").format(size=MAX_IMAGE_BYTES // 2**20)
        )
    try:
        with Image.open(io.BytesIO(image)) as opened:
            opened.verify()
    except (UnidentifiedImageError, OSError, SyntaxError):
        raise InvalidInput(_("The file is not an image that can be read.")) from None
    program = shutil.which("tesseract")
    if program is None:
        raise InvalidInput(
            _(
                "Tesseract is not installed: install the Debian packages tesseract-ocr and "
                "tesseract-ocr-eng."
            )
        )
    command = [
        program,
        "stdin",
        "stdout",
        "--psm",
        "6",
        "-c",
        f"tessedit_char_whitelist={WHITELIST}",
    ]
    try:
        done = subprocess.run(
            command, input=image, capture_output=True, timeout=_TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired:
        raise InvalidInput(_("Tesseract took too long to read the image.")) from None
    if done.returncode != 0:
        error = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InvalidInput(
            _("Tesseract could not read the image: {error}").format(
                error=error[-1] if error else ""
            )
        )
    return done.stdout.decode("utf-8", "replace")


def zone_lines(text: str) -> list[str]:
    """The MRZ in OCR text: the last run of consecutive long lines holding a filler."""
    runs: list[list[str]] = [[]]
    for raw in text.splitlines():
        line = raw.replace(" ", "")
        if len(line) >= _MIN_LINE and FILLER in line:
            runs[-1].append(line)
        elif runs[-1]:
            runs.append([])
    found = [run for run in runs if run]
    return found[-1][-3:] if found else []


def _layout(lines: list[str]) -> Layout | None:
    """The format the lines most likely have. OCR miscounts long runs of fillers more than other
    characters, so a line that ends in a check digit and was read at a format's width is
    trusted first, then any line read at a format's width, then the width nearest the mean."""
    widths = (30, 36, 44)
    exact = [len(line) for line in lines if len(line) in widths]
    closed = [len(line) for line in lines if len(line) in widths and line[-1] != FILLER]
    mean = sum(map(len, lines)) / len(lines)
    width = (closed or exact or [min(widths, key=lambda w: abs(w - mean))])[0]
    visa = lines[0][:1] == "V"
    return BY_SHAPE.get((len(lines), width, visa and len(lines) == 2))


def _kinds(layout: Layout) -> tuple[frozenset[int], frozenset[int]]:
    """Offsets that admit only letters (or fillers), and only digits (or fillers)."""
    letters = {layout.document_code[0], *range(*layout.issuing_state)}
    letters |= set(range(*layout.nationality)) | set(range(*layout.name_field))
    digits = set(range(*layout.birth_date)) | set(range(*layout.expiry_date))
    digits |= {layout.birth_check, layout.expiry_check}
    digits |= {c for c in (layout.composite_check, layout.optional_check) if c is not None}
    if layout.long_number_into is None:
        digits.add(layout.number_check)
    return frozenset(letters), frozenset(digits)


def _fit(line: str, width: int) -> str | None:
    """The line with its longest run of fillers lengthened or shortened to make ``width``
    characters, or ``None`` when it has no such run (OCR miscounts long runs of ``<``)."""
    runs = [(m.start(), m.end()) for m in _FILLERS.finditer(line)]
    if not runs:
        return None
    start, end = max(runs, key=lambda run: run[1] - run[0])
    length = end - start + width - len(line)
    if length < 1:
        return None
    return line[:start] + FILLER * length + line[end:]


def settle(lines: list[str]) -> tuple[list[str], list[str]]:
    """Fit lines whose runs of fillers OCR miscounted, and set confusable characters to the
    kind their position admits; returns the lines and a note for each change."""
    layout = _layout(lines) if lines else None
    if layout is None:
        return lines, []
    notes: list[str] = []
    fixed: list[str] = []
    letters, digits = _kinds(layout)
    for number, line in enumerate(lines, 1):
        fitted = _fit(line, layout.width) if len(line) != layout.width else None
        if fitted is not None:
            notes.append(
                _(
                    "Line {line} was read with {count} characters: its longest run of fillers "
                    "was made to fit {width}."
                ).format(line=number, count=len(line), width=layout.width)
            )
            line = fitted
        chars = list(line)
        base = (number - 1) * layout.width
        for column, char in enumerate(chars):
            offset = base + column
            if offset in letters and char in _AS_LETTER:
                other, kind = _AS_LETTER[char], _("letter")
            elif offset in digits and char in _AS_DIGIT:
                other, kind = _AS_DIGIT[char], _("digit")
            else:
                continue
            chars[column] = other
            notes.append(
                _(
                    "OCR read “{char}” at line {line}, column {column}, where only a {kind} may "
                    "be: read as “{other}”."
                ).format(char=char, line=number, column=column + 1, kind=kind, other=other)
            )
        fixed.append("".join(chars))
    return fixed, notes


def read_image(image: bytes) -> OcrReading:
    """The MRZ of a data-page image, ready for :func:`~vigie.documents.validate.read_mrz`;
    raises :class:`InvalidInput` when no zone can be found in it."""
    text = tesseract_text(image)
    lines = zone_lines(text)
    if not lines:
        raise InvalidInput(
            _(
                "No machine-readable zone was found in the image: photograph the whole data "
                "page, straight and sharp, or type the zone."
            )
        )
    settled, notes = settle(lines)
    return OcrReading(settled, notes, text)
