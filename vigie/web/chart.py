"""Bar charts drawn on the server as SVG: no script, no CDN, readable without colour (every bar
carries its numbers as text) and by screen readers (a title and a description)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

_LABEL_WIDTH = 260
_BAR_WIDTH = 360
_ROW = 26
_MAX_LABEL = 38


@dataclass(frozen=True)
class Bar:
    """One row: a label, the whole and the highlighted part of it."""

    label: str
    total: int
    part: int


def bar_chart(title: str, bars: Sequence[Bar], total_name: str, part_name: str) -> Markup:
    """Horizontal bars, one per row: the whole in grey with the part (e.g. fraud) over it in
    the accent colour, and both numbers written after the bar."""
    top = max((b.total for b in bars), default=0) or 1
    height = _ROW * len(bars) + 8
    width = _LABEL_WIDTH + _BAR_WIDTH + 120
    rows = []
    for i, bar in enumerate(bars):
        y = 4 + i * _ROW
        whole = round(_BAR_WIDTH * bar.total / top)
        part = round(_BAR_WIDTH * bar.part / top)
        label = bar.label if len(bar.label) <= _MAX_LABEL else bar.label[: _MAX_LABEL - 1] + "…"
        rows.append(
            f"<g><title>{escape(bar.label)}: {bar.total} {escape(total_name)}, "
            f"{bar.part} {escape(part_name)}</title>"
            f'<text x="{_LABEL_WIDTH - 8}" y="{y + 15}" text-anchor="end" class="c-label">'
            f"{escape(label)}</text>"
            f'<rect x="{_LABEL_WIDTH}" y="{y + 3}" width="{whole}" height="16" class="c-whole"/>'
            f'<rect x="{_LABEL_WIDTH}" y="{y + 3}" width="{part}" height="16" class="c-part"/>'
            f'<text x="{_LABEL_WIDTH + whole + 6}" y="{y + 15}" class="c-value">'
            f"{bar.total} / {bar.part}</text></g>"
        )
    svg = (
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
        f"{''.join(rows)}</svg>"
    )
    return Markup(svg)
