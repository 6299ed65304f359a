"""Where each field sits in the five machine-readable zones of ICAO Doc 9303.

| format | document | lines × characters | composite check digit |
| --- | --- | --- | --- |
| TD1 | identity card (part 5) | 3 × 30 | yes |
| TD2 | identity card, travel document (part 6) | 2 × 36 | yes |
| TD3 | passport booklet (part 4) | 2 × 44 | yes |
| MRV-A | visa, full size (part 7) | 2 × 44 | no |
| MRV-B | visa, smaller (part 7) | 2 × 36 | no |

Offsets are into the lines joined end to end (line 2 of a TD3 starts at 44), which keeps the
validator to plain slicing; :meth:`Layout.where` turns an offset back into line and column.
TD1 and TD2 let a document number longer than nine characters overflow into the optional data
(the "long document number" rule): ``long_number_into`` names the field it overflows into.
"""

from __future__ import annotations

from dataclasses import dataclass

Span = tuple[int, int]


@dataclass(frozen=True)
class Layout:
    """One MRZ format: its shape, each field's span and each check digit's offset."""

    name: str
    lines: int
    width: int
    document_code: Span
    issuing_state: Span
    name_field: Span
    document_number: Span
    number_check: int
    nationality: Span
    birth_date: Span
    birth_check: int
    sex: int
    expiry_date: Span
    expiry_check: int
    optional: tuple[tuple[str, Span], ...]
    optional_check: int | None
    composite: tuple[Span, ...]
    composite_check: int | None
    first_letters: str
    long_number_into: Span | None = None

    @property
    def length(self) -> int:
        """Characters in all lines together."""
        return self.lines * self.width

    def where(self, offset: int) -> tuple[int, int]:
        """Line and column (both from 1) of an offset into the joined lines."""
        return offset // self.width + 1, offset % self.width + 1


def _two_line(name: str, width: int, first: str, optional_end: int, composite: bool) -> Layout:
    """TD2, TD3, MRV-A and MRV-B share line 2 up to the expiry date's check digit."""
    w = width
    optional_check = w + 42 if name == "TD3" else None
    composite_check = 2 * w - 1 if composite else None
    composite_spans = ((w, w + 10), (w + 13, w + 20), (w + 21, 2 * w - 1)) if composite else ()
    long_number = (w + 28, w + 35) if name == "TD2" else None
    return Layout(
        name=name,
        lines=2,
        width=w,
        document_code=(0, 2),
        issuing_state=(2, 5),
        name_field=(5, w),
        document_number=(w, w + 9),
        number_check=w + 9,
        nationality=(w + 10, w + 13),
        birth_date=(w + 13, w + 19),
        birth_check=w + 19,
        sex=w + 20,
        expiry_date=(w + 21, w + 27),
        expiry_check=w + 27,
        optional=(("optional_data", (w + 28, optional_end)),),
        optional_check=optional_check,
        composite=composite_spans,
        composite_check=composite_check,
        first_letters=first,
        long_number_into=long_number,
    )


TD1 = Layout(
    name="TD1",
    lines=3,
    width=30,
    document_code=(0, 2),
    issuing_state=(2, 5),
    document_number=(5, 14),
    number_check=14,
    name_field=(60, 90),
    nationality=(45, 48),
    birth_date=(30, 36),
    birth_check=36,
    sex=37,
    expiry_date=(38, 44),
    expiry_check=44,
    optional=(("optional_data", (15, 30)), ("optional_data_2", (48, 59))),
    optional_check=None,
    composite=((5, 30), (30, 37), (38, 45), (48, 59)),
    composite_check=59,
    first_letters="ACI",
    long_number_into=(15, 30),
)
TD2 = _two_line("TD2", 36, "ACI", 36 + 35, composite=True)
TD3 = _two_line("TD3", 44, "P", 44 + 42, composite=True)
MRV_A = _two_line("MRV-A", 44, "V", 88, composite=False)
MRV_B = _two_line("MRV-B", 36, "V", 72, composite=False)

LAYOUTS = (TD1, TD2, TD3, MRV_A, MRV_B)
# Two-line zones share their widths: the first letter tells a visa (V) from the others.
BY_SHAPE: dict[tuple[int, int, bool], Layout] = {
    (3, 30, False): TD1,
    (2, 36, False): TD2,
    (2, 44, False): TD3,
    (2, 44, True): MRV_A,
    (2, 36, True): MRV_B,
}


def layout_for(lines: list[str]) -> Layout | None:
    """The format whose shape the lines have (by the first line's width), or ``None``."""
    if not lines:
        return None
    visa = lines[0][:1] == "V"
    return BY_SHAPE.get((len(lines), len(lines[0]), visa and len(lines) == 2))
