"""EDIFACT segments through pydifact: the service characters, tokenising with the release
character, and where in a text a segment begins (for error messages)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pydifact.control.characters import Characters
from pydifact.exceptions import EDISyntaxError
from pydifact.parser import Parser
from pydifact.segments import Segment as ParsedSegment
from pydifact.segments import SegmentFactory

from vigie.i18n import _

Element = str | list[str]

# ISO 9735's defaults, when an interchange has no UNA: component and data element separators,
# decimal mark, release character, a reserved space and the segment terminator.
DEFAULT_SERVICE = ":+.? '"
# A release character that can never occur: control characters are rejected before parsing.
_NO_RELEASE = "\x00"


class SegmentError(Exception):
    """What is wrong with a segment: its number in the message (or interchange), its tag and
    the reason, already translated."""

    def __init__(self, segment: int, tag: str, reason: str) -> None:
        super().__init__(reason)
        self.segment = segment
        self.tag = tag
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Segment:
    """One parsed segment: its number (UNH is 1 in a message), tag and data elements, each a
    string or a list of components."""

    number: int
    tag: str
    elements: tuple[Element, ...]

    def value(self, element: int, component: int = 0) -> str:
        """One component of one data element, or "" when absent."""
        if element >= len(self.elements):
            return ""
        item = self.elements[element]
        if isinstance(item, str):
            return item if component == 0 else ""
        return item[component] if component < len(item) else ""

    def components(self, element: int) -> list[str]:
        """Every component of one data element."""
        if element >= len(self.elements):
            return []
        item = self.elements[element]
        return [item] if isinstance(item, str) else list(item)


class _Factory(SegmentFactory):
    """pydifact's factory without its directory validation: pydifact ships no service-segment
    directory (it would warn on every UNB), and PAXLST's own rules are checked after parsing."""

    @staticmethod
    def create_segment(
        name: str,
        *elements: Element,
        validate: bool = True,
        version: str = "4",
        directory: str = "",
    ) -> ParsedSegment:
        if len(name) != 3 or not name.isalnum() or not name.isupper():
            raise EDISyntaxError(_("{tag!r} is not a segment tag").format(tag=name[:20]))
        if not elements and name != "UNA":
            raise EDISyntaxError(_("the segment {tag} has no data elements").format(tag=name))
        return SegmentFactory.create_segment(
            name, *elements, validate=False, version=version, directory=directory
        )


def characters(service: str) -> Characters:
    """pydifact's control characters for six service characters."""
    release = service[3] if service[3] != " " else _NO_RELEASE
    return Characters.from_str(service[:3] + release + service[4:])


def terminators(text: str, service: str) -> Iterator[int]:
    """The positions of the segment terminators of ``text`` that are not released."""
    release, term = service[3], re.escape(service[5])
    pattern = term if release == " " else f"{re.escape(release)}.|{term}"
    for match in re.finditer(pattern, text, re.DOTALL):
        if match.end() - match.start() == 1:
            yield match.start()


def segment_at(text: str, index: int, service: str) -> tuple[int, str]:
    """The number (from 1) and tag of the segment of ``text`` that holds ``text[index]``."""
    start, number = 0, 1
    for position in terminators(text, service):
        if position >= index:
            break
        start, number = position + 1, number + 1
    return number, text[start:].lstrip("\r\n ")[:3]


def _tag_of(text: str, number: int, service: str) -> str:
    """The tag of segment ``number`` (from 1) of ``text``."""
    start = 0
    for count, position in enumerate(terminators(text, service), start=1):
        if count == number:
            break
        start = position + 1
    return text[start:].lstrip("\r\n ")[:3]


def parse(text: str, service: str) -> list[Segment]:
    """The segments of ``text`` parsed by pydifact, numbered from 1; a segment pydifact refuses
    raises :class:`SegmentError`."""
    segments: list[Segment] = []
    chars = characters(service)
    parser = Parser(factory=_Factory(), characters=chars)
    # Giving pydifact the service string advice explicitly keeps it from looking for one
    # inside the data (it searches the text for "'UNA" when the text does not begin with it).
    parsed = parser.parse("UNA" + str(chars) + text)
    next(parsed)
    try:
        for number, segment in enumerate(parsed, start=1):
            segments.append(Segment(number, segment.tag, tuple(segment.elements)))
    except (EDISyntaxError, IndexError, ValueError) as exc:
        number = len(segments) + 1
        reason = str(exc).removeprefix("EDIFACT Syntax Error: ")
        raise SegmentError(
            number,
            _tag_of(text, number, service),
            _("not valid EDIFACT: {reason}").format(reason=reason),
        ) from None
    return segments
