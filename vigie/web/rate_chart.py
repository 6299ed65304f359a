"""A rate per group drawn on the server as an SVG bar chart, with a reference line (a target or
a limit) that bars are judged against: no script, no CDN, readable without colour (every bar
carries its value as text and a flagged bar says so in words) and by screen readers (a title
and a description)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

_LABEL_WIDTH = 180
_BAR_WIDTH = 380
_ROW = 24
_TOP = 22
_MAX_LABEL = 26


@dataclass(frozen=True)
class Rate:
    """One group's rate (None when it cannot be measured, e.g. no true match in the group)."""

    label: str
    value: float | None


def rate_chart(
    title: str,
    rates: Sequence[Rate],
    reference: float | None,
    reference_name: str,
    flag_above: bool,
    flag_name: str,
    digits: int = 3,
) -> Markup:
    """Horizontal bars, one per group, on a scale from 0 to the largest of the values and the
    reference; a dashed line at ``reference``; a bar beyond it (above when ``flag_above``,
    below otherwise) is drawn in the alert colour and followed by ``flag_name``."""
    values = [r.value for r in rates if r.value is not None]
    top = max([*values, reference or 0.0, 1e-9]) * 1.1
    height = _TOP + _ROW * len(rates) + 6
    width = _LABEL_WIDTH + _BAR_WIDTH + 200
    line_x = None if reference is None else _LABEL_WIDTH + round(_BAR_WIDTH * reference / top)
    rows = []
    for i, rate in enumerate(rates):
        y = _TOP + i * _ROW
        label = rate.label if len(rate.label) <= _MAX_LABEL else rate.label[: _MAX_LABEL - 1] + "…"
        if rate.value is None:
            text, length, flagged = "—", 0, False
        else:
            text = f"{rate.value:.{digits}f}"
            length = round(_BAR_WIDTH * rate.value / top)
            flagged = reference is not None and (
                rate.value > reference if flag_above else rate.value < reference
            )
        note = f" {flag_name}" if flagged else ""
        text_x = _LABEL_WIDTH + length + 6
        # A value written just left of the reference line would be crossed by it: move it past.
        if line_x is not None and text_x - 6 <= line_x < text_x + 44:
            text_x = line_x + 6
        rows.append(
            f"<g><title>{escape(rate.label)}: {text}{escape(note)}</title>"
            f'<text x="{_LABEL_WIDTH - 8}" y="{y + 14}" text-anchor="end" class="r-label">'
            f"{escape(label)}</text>"
            f'<rect x="{_LABEL_WIDTH}" y="{y + 3}" width="{length}" height="15" '
            f'class="{"r-flag" if flagged else "r-bar"}"/>'
            f'<text x="{text_x}" y="{y + 14}" class="r-value">'
            f"{text}{escape(note)}</text></g>"
        )
    line = ""
    if reference is not None and line_x is not None:
        x = line_x
        line = (
            f'<line x1="{x}" y1="{_TOP - 4}" x2="{x}" y2="{height - 4}" class="r-line"/>'
            f'<text x="{x}" y="{_TOP - 8}" text-anchor="middle" class="r-value">'
            f"{escape(reference_name)} {reference:.{digits}f}</text>"
        )
    svg = (
        f'<svg class="rate-chart" role="img" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
        f"{''.join(rows)}{line}</svg>"
    )
    return Markup(svg)
