"""Intelligence products: portion-marked paragraphs, versions, a supervisor's approval, and
release to partners.

Every paragraph carries its own handling; the product's overall marking is derived from them
(``combine``: never lower than its highest portion). A paragraph may also carry a *tear-line*:
sanitized text, with its own (lower) handling, that replaces the paragraph for a reader who may
not receive the paragraph itself.

| from | action | to | who |
| --- | --- | --- | --- |
| (new) | create | draft | analysts, supervisors |
| draft | edit | draft | the author |
| approved, rejected | edit | draft (next version) | the author |
| draft | submit | submitted | the author, with at least one paragraph |
| submitted | approve | approved | a supervisor other than the author |
| submitted | reject | rejected | a supervisor other than the author |
| approved | release | approved | the author or a supervisor; once per partner and version |

Versions are kept: an edit after a decision starts the next version as a copy of the last, so
what was approved and released stays as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from vigie.errors import Forbidden, InvalidInput
from vigie.i18n import _
from vigie.model.grading import Grading
from vigie.model.handling import Handling, combine


class ProductKind(StrEnum):
    """The network's product types."""

    BULLETIN = "bulletin"
    ASSESSMENT = "assessment"
    CASE_BRIEF = "case-brief"
    DOCUMENT_ALERT = "document-alert"
    LOOKOUT = "lookout"

    @classmethod
    def parse(cls, text: str) -> ProductKind:
        """Read a product kind."""
        try:
            return cls(text.strip().lower())
        except ValueError:
            known = ", ".join(k.value for k in cls)
            raise InvalidInput(
                _("unknown product kind {text!r}; expected one of: {known}").format(
                    text=text, known=known
                )
            ) from None


class ProductStatus(StrEnum):
    """Where a product's current version stands."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"


class Decision(StrEnum):
    """A supervisor's decision on a submitted product."""

    APPROVE = "approve"
    REJECT = "reject"


class Rating(StrEnum):
    """A recipient's feedback on a released product."""

    USEFUL = "useful"
    ACTIONED = "actioned"
    NOT_RELEVANT = "not-relevant"

    @classmethod
    def parse(cls, text: str) -> Rating:
        """Read a rating."""
        try:
            return cls(text.strip().lower())
        except ValueError:
            raise InvalidInput(
                _("unknown feedback {text!r}; expected useful, actioned or not-relevant").format(
                    text=text
                )
            ) from None


@dataclass(frozen=True)
class Citation:
    """A fact a paragraph rests on, with its grade and handling, as one reader may see it."""

    statement_id: str
    entity_id: str
    caption: str
    schema: str
    prop: str
    value: str
    source: str
    report_id: int
    grading: Grading
    handling: Handling


@dataclass(frozen=True)
class ParagraphDraft:
    """A paragraph as its author writes it: text, handling, optional tear-line, and the
    entities whose facts (as the author sees them) it cites."""

    text: str
    handling: Handling
    tearline: str = ""
    tearline_handling: Handling | None = None
    cite_entities: tuple[str, ...] = field(default_factory=tuple)

    def validate(self) -> None:
        """Refuse a paragraph that cannot be released safely, naming the field."""
        if len(self.text.strip()) < 3:
            raise InvalidInput(_("the paragraph's text is missing"))
        if self.tearline.strip():
            if self.tearline_handling is None:
                raise InvalidInput(_("the tear-line needs its own handling"))
            if self.tearline_handling.marking > self.handling.marking:
                raise InvalidInput(_("the tear-line must not be marked higher than its paragraph"))


@dataclass(frozen=True)
class Paragraph:
    """A paragraph as one reader receives it: its own text, or its tear-line in its place."""

    position: int
    text: str
    handling: Handling
    tearline: bool
    citations: tuple[Citation, ...] = ()
    # For a reader who receives the paragraph whole and may also see its tear-line (its author,
    # its reviewer): the tear-line, so that it can be checked before release.
    alternative: str | None = None
    alternative_handling: Handling | None = None


@dataclass(frozen=True)
class Rendition:
    """A version of a product as one reader may receive it: what was kept, and how much was
    withheld (the reader is told that something was, never what)."""

    product_id: int
    version: int
    kind: ProductKind
    title: str
    title_handling: Handling
    paragraphs: tuple[Paragraph, ...]
    withheld_paragraphs: int
    withheld_citations: int
    created_at: str = ""

    @property
    def handling(self) -> Handling:
        """The overall handling: never lower than the highest portion shown."""
        parts = [self.title_handling, *(p.handling for p in self.paragraphs)]
        parts += [c.handling for p in self.paragraphs for c in p.citations]
        return combine(parts)

    @property
    def citations(self) -> list[Citation]:
        """Every citation, in paragraph order, each once."""
        seen: dict[str, Citation] = {}
        for paragraph in self.paragraphs:
            for citation in paragraph.citations:
                seen.setdefault(citation.statement_id, citation)
        return list(seen.values())


def edit_version(status: ProductStatus, version: int, author: str, user: str) -> int:
    """The version an edit goes into: the current draft, or the next one after a decision."""
    if user != author:
        raise Forbidden(_("only the product's author may edit it"))
    if status is ProductStatus.SUBMITTED:
        raise InvalidInput(_("the product is waiting for review; it cannot be edited now"))
    return version if status is ProductStatus.DRAFT else version + 1


def submit_status(status: ProductStatus, author: str, user: str, paragraphs: int) -> ProductStatus:
    """The status once the author submits the draft for review."""
    if user != author:
        raise Forbidden(_("only the product's author may submit it"))
    if status is not ProductStatus.DRAFT:
        raise InvalidInput(
            _("only a draft can be submitted; this one is {status}").format(status=status.value)
        )
    if paragraphs == 0:
        raise InvalidInput(_("a product needs at least one paragraph"))
    return ProductStatus.SUBMITTED


def decide_status(
    status: ProductStatus, author: str, decider: str, decision: Decision, reason: str
) -> ProductStatus:
    """The status after a supervisor's decision."""
    if status is not ProductStatus.SUBMITTED:
        raise InvalidInput(
            _("the product is {status}, not submitted for review").format(status=status.value)
        )
    if decider == author:
        raise Forbidden(_("a product must be approved by someone other than its author"))
    if len(reason.strip()) < 3:
        raise InvalidInput(_("give the reason for the decision"))
    return ProductStatus.APPROVED if decision is Decision.APPROVE else ProductStatus.REJECTED


def check_releasable(status: ProductStatus, author: str, user: str, supervisor: bool) -> None:
    """Refuse a release of a product that no supervisor approved, or by someone else than its
    author or a supervisor."""
    if status is not ProductStatus.APPROVED:
        raise InvalidInput(_("only an approved product can be released"))
    if user != author and not supervisor:
        raise Forbidden(_("only the product's author or a supervisor may release it"))
