"""The fast EDIFACT splitter reads exactly what pydifact reads, or leaves the text to pydifact."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from vigie.collect.paxlst.edifact import (
    DEFAULT_SERVICE,
    SegmentError,
    parse_with_pydifact,
    split,
)

DATA = Path(__file__).parent / "data"
SERVICES = [DEFAULT_SERVICE, ":+.? '", "|*.\\ ~", ":+,  '"]


def _agrees(text: str, service: str) -> None:
    fast = split(text, service)
    if fast is None:
        return
    assert fast == parse_with_pydifact(text, service), text


@st.composite
def edifact(draw: st.DrawFn) -> tuple[str, str]:
    """Text that is mostly well formed, with service characters, releases and line breaks
    in awkward places."""
    service = draw(st.sampled_from(SERVICES))
    component, data, release, term = service[0], service[1], service[3], service[5]
    plain = ["A", "B", "7", " ", "é", component, component]
    released = [release + c for c in (component, data, term, release, "A", " ")]
    hostile = ["\n", "\r", data, term, release, "\U00100041"]
    hostile_text = draw(st.booleans())
    pieces = plain + (released if release != " " else []) + (hostile if hostile_text else [])
    content = st.lists(st.sampled_from(pieces), max_size=6).map("".join)
    tags = ["NAD", "DOC", "UNH", "NA1"] + (["UNA", "Nad", "NA", "ÉTÉ", ""] if hostile_text else [])
    segments = []
    for _ in range(draw(st.integers(1, 5))):
        tag = draw(st.sampled_from(tags))
        elements = draw(st.lists(content, min_size=1, max_size=4))
        separator = draw(st.sampled_from([term, term + "\n", term + "\r\n", term + " "]))
        segments.append(data.join([tag, *elements]) + separator)
    text = draw(st.sampled_from(["", "\n", "\r\n"])) + "".join(segments)
    cut = draw(st.integers(len(text) - 3, len(text))) if hostile_text else len(text)
    return text[:cut], service


@settings(max_examples=3000, deadline=None)
@given(edifact())
@example(("NAD+FL+++O?'BRIEN:MARY'\n", DEFAULT_SERVICE))
@example(("DOC+P?:1:110::'NAD+X'? NAD+Y'", DEFAULT_SERVICE))
@example(("NAD+A::B:::+:C:'", DEFAULT_SERVICE))
def test_the_splitter_reads_what_pydifact_reads(case: tuple[str, str]) -> None:
    text, service = case
    _agrees(text, service)


def test_released_service_characters_are_data() -> None:
    [segment] = split("NAD+FL+++O?'BRIEN?:JR:MARY?+ANN??'\n", DEFAULT_SERVICE) or []
    assert segment.elements == ("FL", "", "", ["O'BRIEN:JR", "MARY+ANN?"])


@pytest.mark.parametrize("name", ["batch.edi", "crew-list.edi", "passenger-list.edi"])
def test_the_splitter_reads_the_sample_lists(name: str) -> None:
    raw = (DATA / name).read_bytes()
    service = raw[3:9].decode("ascii") if raw.startswith(b"UNA") else DEFAULT_SERVICE
    text = raw[9:].decode("latin-1") if raw.startswith(b"UNA") else raw.decode("latin-1")
    fast = split(text, service)
    assert fast is not None and len(fast) > 10
    assert fast == parse_with_pydifact(text, service)


@pytest.mark.parametrize(
    "text",
    [
        "NAD+FL+SMITH",  # no terminator: truncated
        "NAD+FL?",  # a release character at the very end
        "NAD+FL?\n+X'",  # a released line break
        "NA+FL'",  # a tag that is no tag
        "NAD'",  # a segment without data elements
    ],
)
def test_what_the_splitter_does_not_read_goes_to_pydifact(text: str) -> None:
    assert split(text, DEFAULT_SERVICE) is None
    try:
        parse_with_pydifact(text, DEFAULT_SERVICE)
    except SegmentError as exc:
        assert exc.reason
