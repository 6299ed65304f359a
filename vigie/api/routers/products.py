"""Products and dissemination: products and their versions, paragraphs, review, releases to
partners with their outputs, and recipients' feedback."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response
from pydantic import BaseModel, Field

from vigie.api.deps import ReaderDep, StoreDep
from vigie.api.routers.planning import HandlingIn
from vigie.cycle import outputs, products, release
from vigie.cycle.products import Product
from vigie.cycle.release import Feedback, Release
from vigie.model.handling import Handling
from vigie.model.product import (
    Decision,
    ParagraphDraft,
    ProductKind,
    ProductStatus,
    Rating,
    Rendition,
)

router = APIRouter(tags=["products"])


class ProductIn(HandlingIn):
    """A new product; the handling is its title's portion marking."""

    kind: ProductKind
    title: str = Field(min_length=5, max_length=500)
    requirement_id: int | None = None


class ParagraphIn(HandlingIn):
    """A paragraph with its portion marking, an optional tear-line and the entities whose facts
    it cites."""

    text: str = Field(min_length=3, max_length=20_000)
    tearline: str = Field(default="", max_length=20_000)
    tearline_marking: str = "UNCLASSIFIED"
    tearline_releasable_to: list[str] = Field(default_factory=list)
    cite: list[str] = Field(default_factory=list)

    def to_draft(self) -> ParagraphDraft:
        """The domain draft this body stands for."""
        tearline = None
        if self.tearline.strip():
            tearline = Handling.make(self.tearline_marking, (), self.tearline_releasable_to)
        return ParagraphDraft(self.text, self.handling(), self.tearline, tearline, tuple(self.cite))


class DecisionIn(BaseModel):
    """A supervisor's decision on a submitted version."""

    decision: Decision
    reason: str = Field(min_length=3, max_length=5_000)


class ReleaseIn(BaseModel):
    """A release of the newest approved version to a partner account."""

    partner: str = Field(min_length=1, max_length=100)
    authority: str = Field(min_length=3, max_length=1_000)


class FeedbackIn(BaseModel):
    """A recipient's feedback."""

    rating: Rating
    comment: str = Field(default="", max_length=5_000)


class VersionOut(BaseModel):
    """One version's review."""

    version: int
    status: ProductStatus
    created_by: str
    created_at: str
    submitted_at: str | None
    decided_by: str | None
    decided_at: str | None
    decision_reason: str | None


class CitationOut(BaseModel):
    """A cited fact with its grade and handling."""

    statement_id: str
    entity_id: str
    caption: str
    prop: str
    value: str
    source: str
    report_id: int
    grading: str
    handling: dict[str, Any]


class ParagraphOut(BaseModel):
    """A paragraph as the reader receives it."""

    position: int
    text: str
    handling: dict[str, Any]
    tearline: bool
    citations: list[CitationOut]
    alternative: str | None
    alternative_handling: dict[str, Any] | None


class RenditionOut(BaseModel):
    """A version as the reader may receive it."""

    product_id: int
    version: int
    kind: ProductKind
    title: str
    title_handling: dict[str, Any]
    handling: dict[str, Any]
    paragraphs: list[ParagraphOut]
    withheld_paragraphs: int
    withheld_citations: int


class ProductOut(BaseModel):
    """A product, its versions and the current version as the reader may receive it."""

    id: int
    kind: ProductKind
    title: str
    requirement_id: int | None
    version: int
    status: ProductStatus
    created_by: str
    created_at: str
    versions: list[VersionOut]
    content: RenditionOut | None = None


class ReleaseOut(BaseModel):
    """A logged release."""

    id: int
    product_id: int
    version: int
    title: str
    partner: str
    organisation: str
    authority: str
    handling: dict[str, Any]
    paragraphs: int
    withheld: int
    released_by: str
    released_at: str
    content: RenditionOut | None = None


class FeedbackOut(BaseModel):
    """Feedback on a release."""

    id: int
    release_id: int
    product_id: int
    requirement_id: int | None
    rating: Rating
    comment: str
    given_by: str
    given_at: str


def rendition_out(shown: Rendition) -> RenditionOut:
    """The API form of a rendition."""
    return RenditionOut(
        product_id=shown.product_id,
        version=shown.version,
        kind=shown.kind,
        title=shown.title,
        title_handling=shown.title_handling.to_dict(),
        handling=shown.handling.to_dict(),
        paragraphs=[
            ParagraphOut(
                position=p.position,
                text=p.text,
                handling=p.handling.to_dict(),
                tearline=p.tearline,
                citations=[
                    CitationOut(
                        statement_id=c.statement_id,
                        entity_id=c.entity_id,
                        caption=c.caption,
                        prop=c.prop,
                        value=c.value,
                        source=c.source,
                        report_id=c.report_id,
                        grading=c.grading.code,
                        handling=c.handling.to_dict(),
                    )
                    for c in p.citations
                ],
                alternative=p.alternative,
                alternative_handling=p.alternative_handling.to_dict()
                if p.alternative_handling
                else None,
            )
            for p in shown.paragraphs
        ],
        withheld_paragraphs=shown.withheld_paragraphs,
        withheld_citations=shown.withheld_citations,
    )


def product_out(found: Product, shown: Rendition | None = None) -> ProductOut:
    """The API form of a product."""
    return ProductOut(
        id=found.id,
        kind=found.kind,
        title=found.title,
        requirement_id=found.requirement_id,
        version=found.version,
        status=found.status,
        created_by=found.created_by,
        created_at=found.created_at,
        versions=[VersionOut(**v.__dict__) for v in found.versions],
        content=rendition_out(shown) if shown else None,
    )


def release_out(found: Release, shown: Rendition | None = None) -> ReleaseOut:
    """The API form of a release."""
    return ReleaseOut(
        **{k: v for k, v in found.__dict__.items() if k != "handling"},
        handling=found.handling.to_dict(),
        content=rendition_out(shown) if shown else None,
    )


def feedback_out(found: Feedback) -> FeedbackOut:
    """The API form of feedback."""
    return FeedbackOut(**found.__dict__)


def release_info(found: Release) -> outputs.ReleaseInfo:
    """What a release's documents say about it."""
    return outputs.ReleaseInfo(
        found.partner, found.organisation, found.released_by, found.released_at, found.authority
    )


@router.get("/products", response_model=list[ProductOut])
def list_products(store: StoreDep, reader: ReaderDep) -> list[ProductOut]:
    """The products whose title you may see, newest first."""
    return [product_out(p) for p in products.list_products(store, reader)]


@router.post("/products", response_model=ProductOut, status_code=201)
def create_product(store: StoreDep, reader: ReaderDep, body: ProductIn) -> ProductOut:
    """Start a product (version 1, a draft)."""
    found = products.create_product(
        store, reader, body.kind, body.title, body.handling(), body.requirement_id
    )
    return product_out(found)


@router.get("/products/{product_id}", response_model=ProductOut)
def get_product(
    store: StoreDep, reader: ReaderDep, product_id: int, version: int | None = None
) -> ProductOut:
    """A product with one version's content (the current one by default), as you may
    receive it."""
    return product_out(*products.read_product(store, reader, product_id, version))


@router.post("/products/{product_id}/paragraphs", response_model=ProductOut, status_code=201)
def add_paragraph(
    store: StoreDep, reader: ReaderDep, product_id: int, body: ParagraphIn
) -> ProductOut:
    """Append a paragraph to the draft (the author; after a decision, a new version)."""
    products.add_paragraph(store, reader, product_id, body.to_draft())
    return product_out(*products.read_product(store, reader, product_id))


@router.delete("/products/{product_id}/paragraphs/{position}", status_code=204)
def remove_paragraph(store: StoreDep, reader: ReaderDep, product_id: int, position: int) -> None:
    """Remove a paragraph from the draft."""
    products.remove_paragraph(store, reader, product_id, position)


@router.post("/products/{product_id}/submission", response_model=ProductOut)
def submit(store: StoreDep, reader: ReaderDep, product_id: int) -> ProductOut:
    """Submit the draft for a supervisor's review."""
    return product_out(products.submit(store, reader, product_id))


@router.post("/products/{product_id}/decision", response_model=ProductOut)
def decide(store: StoreDep, reader: ReaderDep, product_id: int, body: DecisionIn) -> ProductOut:
    """Approve or reject the submitted version (a supervisor other than the author)."""
    return product_out(products.decide(store, reader, product_id, body.decision, body.reason))


@router.post("/products/{product_id}/releases", response_model=ReleaseOut, status_code=201)
def release_product(
    store: StoreDep, reader: ReaderDep, product_id: int, body: ReleaseIn
) -> ReleaseOut:
    """Release the newest approved version to a partner: the partner's redacted version."""
    return release_out(
        *release.release_product(store, reader, product_id, body.partner, body.authority)
    )


@router.get("/releases", response_model=list[ReleaseOut])
def list_releases(
    store: StoreDep, reader: ReaderDep, product_id: int | None = None
) -> list[ReleaseOut]:
    """The releases you may read (a partner: those sent to you), newest first."""
    return [release_out(r) for r in release.list_releases(store, reader, product_id)]


@router.get("/releases/{release_id}", response_model=ReleaseOut)
def get_release(store: StoreDep, reader: ReaderDep, release_id: int) -> ReleaseOut:
    """A release and what the partner received."""
    return release_out(*release.read_release(store, reader, release_id))


@router.get("/releases/{release_id}/output/{fmt}")
def release_output(store: StoreDep, reader: ReaderDep, release_id: int, fmt: str) -> Response:
    """What the partner received as ``html``, ``pdf``, ``stix`` (a STIX 2.1 bundle) or
    ``ftm`` (FollowTheMoney JSON lines)."""
    found, shown = release.read_release(store, reader, release_id, fmt)
    body, media, extension = outputs.render_output(shown, fmt, release_info(found))
    name = f"release-{release_id}.{extension}"
    return Response(
        body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@router.post("/releases/{release_id}/feedback", response_model=FeedbackOut, status_code=201)
def give_feedback(
    store: StoreDep, reader: ReaderDep, release_id: int, body: FeedbackIn
) -> FeedbackOut:
    """The recipient's feedback: useful, actioned or not relevant."""
    return feedback_out(release.give_feedback(store, reader, release_id, body.rating, body.comment))


@router.get("/products/{product_id}/feedback", response_model=list[FeedbackOut])
def list_feedback(store: StoreDep, reader: ReaderDep, product_id: int) -> list[FeedbackOut]:
    """The feedback on a product's releases that you may see."""
    return [feedback_out(f) for f in release.list_feedback(store, reader, product_id)]
