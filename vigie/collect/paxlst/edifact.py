"""EDIFACT segments through pydifact: the service characters, tokenising with the release
character, and where in a text a segment begins (for error messages).

pydifact reads a character at a time, which caps a passenger list at about 10,000 travellers a
second before anything is mapped or stored. :func:`parse` therefore first tries a splitter that
reads well-formed text with ``str.split`` (released characters stood in for by private-use
code points while splitting) and gives exactly the elements pydifact gives; anything it does not
recognise as well formed, and every error, goes to pydifact, whose reading is the reference.
``tests/collect/test_edifact.py`` checks the two agree on generated and hostile text.
"""

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


# Released characters stand in as code points of Supplementary Private Use Area-B while a text is
# split; a text that already holds one is left to pydifact.
_STAND_IN = 0x100000
_STAND_INS = re.compile("[\U00100000-\U0010fffd]")
_LINE_TERMINATORS = " \r\n"
# pydifact skips line terminators after a segment terminator even when they are released.
_RELEASED_LINE_TERMINATORS = tuple(chr(_STAND_IN + ord(c)) for c in _LINE_TERMINATORS)


def _released(match: re.Match[str]) -> str:
    return chr(_STAND_IN + ord(match.group(1)))


def _element(text: str, component: str, restore: dict[int, str] | None) -> Element:
    if component not in text:
        return text.translate(restore) if restore else text
    parts = text.split(component)
    # pydifact keeps leading and inner empty components and drops trailing ones.
    while parts and not parts[-1]:
        parts.pop()
    if restore:
        parts = [p.translate(restore) for p in parts]
    if len(parts) > 1:
        return parts
    return parts[0] if parts else ""


def split(text: str, service: str) -> list[Segment] | None:
    """The segments of well-formed ``text`` as pydifact reads them, or None when the text is
    not plainly well formed (pydifact then decides, and names what is wrong)."""
    component, data, release, term = service[0], service[1], service[3], service[5]
    restore: dict[int, str] | None = None
    if release != " " and release in text:
        if release + "\n" in text or _STAND_INS.search(text):
            return None
        text = re.sub(re.escape(release) + "(.)", _released, text, flags=re.DOTALL)
        if release in text:
            return None
        restore = {ord(c): chr(ord(c) - _STAND_IN) for c in set(_STAND_INS.findall(text))}
    pieces = text.lstrip("\r\n").split(term)
    if len(pieces) < 2 or pieces.pop().strip(_LINE_TERMINATORS):
        return None
    segments: list[Segment] = []
    for number, piece in enumerate(pieces, start=1):
        if number > 1:
            piece = piece.lstrip(_LINE_TERMINATORS)
            if restore is not None and piece.startswith(_RELEASED_LINE_TERMINATORS):
                return None
        elements = piece.split(data)
        tag = elements[0]
        if len(elements) < 2 or len(tag) != 3 or not (tag.isascii() and tag.isalnum()):
            return None
        if not tag.isupper() or tag == "UNA":
            return None
        values = tuple(_element(e, component, restore) for e in elements[1:])
        segments.append(Segment(number, tag, values))
    return segments


def parse(text: str, service: str) -> list[Segment]:
    """The segments of ``text``, numbered from 1, as pydifact reads them; a segment pydifact
    refuses raises :class:`SegmentError`."""
    segments = split(text, service)
    if segments is not None:
        return segments
    return parse_with_pydifact(text, service)


def parse_with_pydifact(text: str, service: str) -> list[Segment]:
    """The segments of ``text`` parsed by pydifact itself, numbered from 1; a segment pydifact
    refuses raises :class:`SegmentError`."""
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
