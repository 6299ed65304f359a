"""Reading UN/EDIFACT interchanges: the service string advice, the character set, the envelope
and the messages in it. pydifact tokenises and parses the segments; this module finds the
messages, decodes each under the interchange's character set and checks the control counts.

The rules (``docs/collect-paxlst.md`` explains them for users):

- An interchange begins with ``UNA`` or ``UNB``. ``UNA`` gives the six service characters;
  without it ISO 9735's defaults apply (``:+.? '``). A space as release character means none.
- Messages are found in the bytes, before anything is decoded: a ``UNH`` segment after a
  terminator that is not released starts one. Each message is decoded and parsed on its own,
  so a bad byte or a truncated segment rejects that message and no other. (The service
  characters are ASCII, and ASCII bytes never occur inside a UTF-8 sequence or stand for
  another character in ISO 8859, so splitting the bytes is safe in every supported set.)
- The character set is the one UNB's syntax identifier names (:data:`CHARSETS`). A byte the set
  does not have (a Latin-1 ``É`` in a UNOA interchange), a control character, or UTF-8 text
  declared as one of the single-byte ISO 8859 sets (it would read as ``Ã‰``) rejects the
  message, naming the segment. Lower-case letters under UNOA are accepted: carriers send them
  and nothing is lost by reading them.
- The envelope's control counts and references (UNZ, UNE) are checked too; a mismatch is
  reported for the interchange but does not reject the messages, which carry their own check
  (UNT's segment count and reference, checked here for every message).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from vigie.collect.paxlst.edifact import (
    DEFAULT_SERVICE,
    Segment,
    SegmentError,
    parse,
    segment_at,
)
from vigie.i18n import _

# ISO 9735 syntax identifiers (data element 0001) and the codecs that read them.
CHARSETS = {
    "UNOA": "ascii",
    "UNOB": "ascii",
    "UNOC": "iso8859-1",
    "UNOD": "iso8859-2",
    "UNOE": "iso8859-5",
    "UNOF": "iso8859-7",
    "UNOG": "iso8859-3",
    "UNOH": "iso8859-4",
    "UNOI": "iso8859-6",
    "UNOJ": "iso8859-8",
    "UNOK": "iso8859-9",
    "UNOW": "utf-8",
}
CHARSET_NAMES = {"ascii": "7-bit ASCII", "utf-8": "UTF-8"}
# Undecodable bytes come back as lone surrogates (``surrogateescape``); control characters other
# than line ends have no place in EDIFACT text.
_BAD_CHARACTER = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
SERVICE_TAGS = frozenset({"UNB", "UNG", "UNE", "UNZ"})


class InterchangeError(Exception):
    """The file cannot be read as an interchange at all; the message names the file."""


@dataclass(frozen=True, slots=True)
class Envelope:
    """What every message of an interchange is read with."""

    name: str
    service: str
    syntax: str
    reference: str
    head: tuple[Segment, ...]

    @property
    def codec(self) -> str:
        """The Python codec of the declared character set."""
        return CHARSETS[self.syntax]

    @property
    def charset(self) -> str:
        """The character set's name, for messages."""
        return CHARSET_NAMES.get(self.codec, self.codec.upper().replace("ISO", "ISO "))


@dataclass(frozen=True, slots=True)
class Piece:
    """The bytes of one message (from its UNH to the next UNH), numbered from 1."""

    number: int
    data: bytes


@dataclass(frozen=True, slots=True)
class Message:
    """A message whose envelope checks out: its segments from UNH to UNT."""

    number: int
    reference: str
    segments: tuple[Segment, ...]
    checksum: str


@dataclass(frozen=True, slots=True)
class Read:
    """What reading one piece gave: the message or the error, and the service segments after
    it (UNE, UNG, UNZ). ``complete`` is False when parsing stopped before the piece's end."""

    number: int
    message: Message | None
    error: SegmentError | None
    trailer: tuple[Segment, ...]
    complete: bool = True


# Byte-order marks, longest first: text saved by an editor, not an interchange as sent.
_BYTE_ORDER_MARKS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xef\xbb\xbf", "UTF-8"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def _service_string(name: str, data: bytes) -> tuple[str, int]:
    """The service characters and where the UNB starts."""
    if data.startswith(b"UNB"):
        return DEFAULT_SERVICE, 0
    if not data.startswith(b"UNA"):
        if not data.strip():
            raise InterchangeError(_("{file}: the file is empty").format(file=name))
        mark = next((m for b, m in _BYTE_ORDER_MARKS if data.startswith(b)), None)
        if mark is not None:
            raise InterchangeError(
                _(
                    "{file}: the file begins with a {encoding} byte-order mark; an EDIFACT "
                    "interchange begins with UNA or UNB, in the character set its UNB declares"
                ).format(file=name, encoding=mark)
            )
        found = data[:20].decode("latin-1")
        raise InterchangeError(
            _("{file}: not an EDIFACT interchange: it must begin with UNA or UNB, not {found!r}")
            .format(file=name, found=found)
        )  # fmt: skip
    service = data[3:9].decode("latin-1")
    # The separators, the terminator and the release character (unless a space: none).
    used = [service[i] for i in (0, 1, 3, 5) if len(service) == 6 and (i != 3 or service[3] != " ")]
    if (
        len(service) != 6
        or not service.isascii()
        or len(set(used)) != len(used)
        or any(c.isalnum() or c.isspace() for c in used)
    ):
        raise InterchangeError(
            _("{file}, segment UNA: {service!r} are not six distinct service characters").format(
                file=name, service=service
            )
        )
    start = 9
    while data[start : start + 1] in (b"\r", b"\n"):
        start += 1
    return service, start


def _boundaries(data: bytes, service: str, start: int) -> Iterator[int]:
    """Where each message begins: a UNH after a terminator that is not released."""
    term = re.escape(service[5].encode("ascii"))
    unh = b"UNH" + re.escape(service[1].encode("ascii"))
    release = service[3]
    skip = b"" if release == " " else re.escape(release.encode("ascii")) + b".|"
    pattern = re.compile(skip + term + rb"[\r\n ]*(?=" + unh + b")", re.DOTALL)
    for match in pattern.finditer(data, start):
        if match.group().startswith(service[5].encode("ascii")):
            yield match.end()


def open_interchange(name: str, data: bytes) -> tuple[Envelope, Iterator[Piece]]:
    """The envelope of an interchange and its messages' bytes; raises
    :class:`InterchangeError` when the file is no EDIFACT interchange or its UNB is unusable."""
    service, start = _service_string(name, data)
    starts = _boundaries(data, service, start)
    first = next(starts, len(data))
    head_text = data[start:first].decode("latin-1")
    try:
        head = parse(head_text, service)
    except SegmentError as exc:
        raise InterchangeError(
            _("{file}, segment {segment}: {reason}").format(
                file=name, segment=exc.segment, reason=exc.reason
            )
        ) from None
    if not head or head[0].tag != "UNB":
        raise InterchangeError(_("{file}: the interchange has no UNB segment").format(file=name))
    unb = head[0]
    syntax = unb.value(0).upper()
    if syntax not in CHARSETS:
        known = ", ".join(CHARSETS)
        raise InterchangeError(
            _("{file}, segment UNB: unsupported syntax identifier {syntax!r} (known: {known})")
            .format(file=name, syntax=unb.value(0), known=known)
        )  # fmt: skip
    if not unb.value(4):
        raise InterchangeError(
            _("{file}, segment UNB: the interchange has no control reference").format(file=name)
        )
    envelope = Envelope(name, service, syntax, unb.value(4), tuple(head))
    bad = _BAD_CHARACTER.search(data[start:first].decode(envelope.codec, "surrogateescape"))
    if bad:
        raise InterchangeError(
            _("{file}, segment {segment}: {reason}").format(
                file=name,
                segment=segment_at(head_text, bad.start(), service)[0],
                reason=_describe(bad.group(), envelope),
            )
        )
    return envelope, _pieces(data, first, starts)


def _pieces(data: bytes, first: int, starts: Iterator[int]) -> Iterator[Piece]:
    if first >= len(data):
        return
    number, begin = 1, first
    for end in starts:
        yield Piece(number, data[begin:end])
        number, begin = number + 1, end
    yield Piece(number, data[begin:])


def _describe(char: str, envelope: Envelope) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:
        return _(
            "byte 0x{byte:02X} is not valid in {syntax} ({charset}), the character set UNB declares"
        ).format(byte=code - 0xDC00, syntax=envelope.syntax, charset=envelope.charset)
    return _("control character U+{code:04X} in the text").format(code=code)


def decode(piece: Piece, envelope: Envelope) -> tuple[str, SegmentError | None]:
    """The text of a message, and what is wrong with its characters if anything is."""
    text = piece.data.decode(envelope.codec, "surrogateescape")
    if envelope.codec.startswith("iso8859") and not piece.data.isascii():
        # Read as ISO 8859, UTF-8 text turns into plausible nonsense (Ã‰ for É): refuse it.
        try:
            as_utf8 = piece.data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            index = next(i for i, c in enumerate(as_utf8) if not c.isascii())
            number, tag = segment_at(as_utf8, index, envelope.service)
            reason = _(
                "the text is UTF-8 but UNB declares {syntax} ({charset}); declare UNOW or send "
                "{charset}"
            ).format(syntax=envelope.syntax, charset=envelope.charset)
            return text, SegmentError(number, tag, reason)
    bad = _BAD_CHARACTER.search(text)
    if bad:
        number, tag = segment_at(text, bad.start(), envelope.service)
        return text, SegmentError(number, tag, _describe(bad.group(), envelope))
    return text, None


def _truncated(text: str, service: str) -> SegmentError | None:
    """An error when the text does not end with a terminator: the file was cut short."""
    term, release = service[5], service[3]
    body = text.rstrip("\r\n ".replace(term, ""))
    releases = len(body) - 1 - len(body[:-1].rstrip(release)) if release != " " else 0
    if body.endswith(term) and releases % 2 == 0:
        return None
    number, tag = segment_at(text, len(body) - 1, service)
    return SegmentError(
        number, tag, _("the file ends inside this segment, which has no terminator: truncated?")
    )


def read(piece: Piece, envelope: Envelope) -> Read:
    """Decode, parse and check one message: its UNH/UNT envelope, UNT's segment count and
    reference. Anything wrong is in :attr:`Read.error`."""
    text, error = decode(piece, envelope)
    cut = _truncated(text, envelope.service)
    if cut is not None:
        return Read(piece.number, None, cut, (), complete=False)
    try:
        segments = parse(text, envelope.service)
    except SegmentError as exc:
        return Read(piece.number, None, exc, (), complete=False)
    end = next((i for i, s in enumerate(segments) if s.tag == "UNT"), None)
    if end is None:
        end = next((i for i, s in enumerate(segments) if s.tag in SERVICE_TAGS), len(segments))
        at = segments[end] if end < len(segments) else None
        error = error or SegmentError(
            at.number if at else len(segments) + 1,
            at.tag if at else "",
            _("the message ends without UNT"),
        )
        return Read(piece.number, None, error, tuple(segments[end:]))
    body, trailer = segments[: end + 1], tuple(segments[end + 1 :])
    error = error or _check_unt(body)
    if error is not None:
        return Read(piece.number, None, error, trailer)
    flat = repr([(s.tag, s.elements) for s in body]).encode("utf-8", "surrogatepass")
    message = Message(piece.number, body[0].value(0), tuple(body), hashlib.sha256(flat).hexdigest())
    return Read(piece.number, message, None, trailer)


def _check_unt(body: list[Segment]) -> SegmentError | None:
    unh, unt = body[0], body[-1]
    count = unt.value(0)
    if not count.isdigit() or int(count) != len(body):
        return SegmentError(
            unt.number,
            "UNT",
            _("UNT counts {count} segments but the message has {actual}").format(
                count=count or "?", actual=len(body)
            ),
        )
    if unt.value(1) != unh.value(0):
        return SegmentError(
            unt.number,
            "UNT",
            _("UNT's reference {unt!r} does not match UNH's {unh!r}").format(
                unt=unt.value(1), unh=unh.value(0)
            ),
        )
    return None


class Controls:
    """The envelope's control counts and references, checked as the messages go by: UNG/UNE
    groups and UNZ, whose count is of groups when there are any, else of messages."""

    def __init__(self, envelope: Envelope) -> None:
        self.envelope = envelope
        self.errors: list[str] = []
        self.messages = 0
        self.groups = 0
        self._group: Segment | None = None
        self._in_group = 0
        self._end: Segment | None = None
        self._complete = True
        for segment in envelope.head[1:]:
            self._service(segment)

    def add(self, trailer: tuple[Segment, ...], complete: bool) -> None:
        """Count one message and check the service segments that follow it; ``complete`` is
        False when the message could not be read to its end (its trailer is then unknown)."""
        if self._end is not None:
            self._error("UNH", _("a message after UNZ"))
        self.messages += 1
        self._in_group += 1
        self._complete &= complete
        for segment in trailer:
            self._service(segment)

    def finish(self) -> list[str]:
        """Every error of the envelope, once all messages were added."""
        if self._group is not None and self._end is None and self._complete:
            self._error("UNG", _("the group has no UNE"))
        if self._end is None and self._complete:
            self._error("UNZ", _("the interchange ends without UNZ: truncated?"))
        if self.messages == 0:
            self._error("UNB", _("the interchange holds no message"))
        return self.errors

    def _error(self, tag: str, reason: str) -> None:
        self.errors.append(
            _("{file}, segment {tag}: {reason}").format(
                file=self.envelope.name, tag=tag, reason=reason
            )
        )

    def _check(self, segment: Segment, count: int, reference: str, what: str) -> None:
        given = segment.value(0)
        if not given.isdigit() or int(given) != count:
            self._error(
                segment.tag,
                _("it counts {given} {what} but there are {count}").format(
                    given=given or "?", what=what, count=count
                ),
            )
        if segment.value(1) != reference:
            self._error(
                segment.tag,
                _("its reference {given!r} does not match {expected!r}").format(
                    given=segment.value(1), expected=reference
                ),
            )

    def _service(self, segment: Segment) -> None:
        tag = segment.tag
        if self._end is not None:
            self._error(tag, _("a segment after UNZ"))
        elif tag == "UNG":
            if self._group is not None:
                self._error(tag, _("a group opens before the previous one's UNE"))
            elif self.messages and not self.groups:
                self._error(tag, _("a group after messages outside any group"))
            self._group, self._in_group = segment, 0
            self.groups += 1
        elif tag == "UNE":
            if self._group is None:
                self._error(tag, _("UNE without UNG"))
            else:
                self._check(segment, self._in_group, self._group.value(4), _("messages"))
            self._group = None
        elif tag == "UNZ":
            if self._group is not None:
                self._error("UNE", _("the group has no UNE"))
            count, what = (
                (self.groups, _("groups")) if self.groups else (self.messages, _("messages"))
            )
            self._check(segment, count, self.envelope.reference, what)
            self._end = segment
        else:
            self._error(tag, _("a segment outside any message"))
