"""A product version as documents: HTML, PDF (WeasyPrint, with the marking banner at the top
and bottom of every page), a STIX 2.1 bundle (every portion marked with a marking definition)
and FollowTheMoney JSON of the cited facts.

Every output is drawn from a :class:`Rendition`, so it holds only what its reader (a partner,
for a release) may receive; nothing here reads the store.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from followthemoney import model
from jinja2 import Environment, FileSystemLoader, select_autoescape

from vigie.errors import InvalidInput
from vigie.i18n import _, get_language
from vigie.model.handling import Handling, combine
from vigie.model.product import Citation, ProductKind, Rendition

TEMPLATES = Path(__file__).parent / "templates"
# A fixed namespace makes every STIX id a function of the product, version and recipient, so
# the same release always gives the same bundle.
STIX_NAMESPACE = uuid.UUID("6f0c1f1e-8a53-4d1e-9b61-7a1c2c8f2b11")
FORMATS = ("html", "pdf", "stix", "ftm")


@dataclass(frozen=True)
class ReleaseInfo:
    """What a document says about its release: to whom, by whom, when, under which authority."""

    partner: str
    organisation: str
    released_by: str
    released_at: str
    authority: str


def kind_label(kind: ProductKind) -> str:
    """A product type's name for people."""
    labels = {
        ProductKind.BULLETIN: _("Intelligence bulletin"),
        ProductKind.ASSESSMENT: _("Threat or trend assessment"),
        ProductKind.CASE_BRIEF: _("Case brief"),
        ProductKind.DOCUMENT_ALERT: _("Document alert"),
        ProductKind.LOOKOUT: _("Lookout"),
    }
    return labels[kind]


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _css() -> str:
    return (TEMPLATES / "document.css").read_text(encoding="utf-8")


def html_document(rendition: Rendition, release: ReleaseInfo | None = None) -> str:
    """The version as a self-contained HTML document, in the active language."""
    template = _environment().get_template("document.html")
    return template.render(
        _=_,
        lang=get_language(),
        rendition=rendition,
        release=release,
        kind=kind_label(rendition.kind),
        css=_css(),
    )


def _page_css(handling: Handling) -> str:
    # Banner labels are cleaned to letters, digits, spaces and . _ / - (``clean_label``), so
    # they need no escaping inside a CSS string.
    banner = handling.banner
    return (
        "@page { size: A4; margin: 22mm 18mm;"
        f' @top-center {{ content: "{banner}"; font-weight: bold; font-size: 9pt; }}'
        f' @bottom-center {{ content: "{banner}"; font-weight: bold; font-size: 9pt; }}'
        ' @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt; } }'
    )


def pdf_document(rendition: Rendition, release: ReleaseInfo | None = None) -> bytes:
    """The version as a PDF with its overall marking at the top and bottom of every page."""
    # WeasyPrint takes a second to import: loaded only when a PDF is asked for.
    from weasyprint import CSS, HTML

    html = HTML(string=html_document(rendition, release))
    pdf: bytes = html.write_pdf(stylesheets=[CSS(string=_page_css(rendition.handling))])
    return pdf


def _stix_id(kind: str, *parts: object) -> str:
    return f"{kind}--{uuid.uuid5(STIX_NAMESPACE, '/'.join(str(p) for p in parts))}"


def _stix_time(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC).replace(microsecond=0)


def stix_bundle(rendition: Rendition, release: ReleaseInfo | None = None) -> Any:
    """The version as a STIX 2.1 bundle: a report whose paragraphs are notes and whose cited
    facts are notes on identities, each object marked with a ``statement`` marking definition
    carrying its portion's banner; the report carries the overall banner."""
    import stix2

    key = (rendition.product_id, rendition.version, release.partner if release else "")
    # A release is dated when it was sent; a version read in-house, when it was started.
    at = _stix_time(release.released_at if release else rendition.created_at)
    author = stix2.Identity(
        id=_stix_id("identity", "vigie"),
        name="Vigie",
        identity_class="organization",
        created=at,
        modified=at,
    )
    markings: dict[str, Any] = {}

    def marking(handling: Handling) -> str:
        if handling.key not in markings:
            markings[handling.key] = stix2.MarkingDefinition(
                id=_stix_id("marking-definition", handling.key),
                definition_type="statement",
                definition=stix2.StatementMarking(statement=handling.banner),
                created=at,
                created_by_ref=author.id,
            )
        return str(markings[handling.key].id)

    common = {"created": at, "modified": at, "created_by_ref": author.id}
    report_id = _stix_id("report", *key)
    objects: list[Any] = []
    people: dict[str, list[Citation]] = {}
    for paragraph in rendition.paragraphs:
        objects.append(
            stix2.Note(
                id=_stix_id("note", *key, paragraph.position),
                abstract=_("Paragraph {position}").format(position=paragraph.position),
                content=paragraph.text,
                object_refs=[report_id],
                object_marking_refs=[marking(paragraph.handling)],
                **common,
            )
        )
        for citation in paragraph.citations:
            people.setdefault(citation.entity_id, []).append(citation)
    for entity_id, cited in people.items():
        identity_id = _stix_id("identity", *key, entity_id)
        schema = model.get(cited[0].schema)
        individual = schema is not None and schema.is_a("Person")
        objects.append(
            stix2.Identity(
                id=identity_id,
                name=cited[0].caption,
                identity_class="individual" if individual else "unknown",
                object_marking_refs=[marking(combine(c.handling for c in cited))],
                **common,
            )
        )
        for citation in cited:
            objects.append(
                stix2.Note(
                    id=_stix_id("note", *key, citation.statement_id),
                    abstract=f"{citation.prop} · {citation.grading.code} · {citation.source}",
                    content=citation.value,
                    object_refs=[identity_id, report_id],
                    object_marking_refs=[marking(citation.handling)],
                    **common,
                )
            )
    report = stix2.Report(
        id=report_id,
        name=rendition.title,
        report_types=["threat-report"],
        published=at,
        description=kind_label(rendition.kind),
        object_refs=[o.id for o in objects] or [author.id],
        object_marking_refs=[marking(rendition.handling)],
        **common,
    )
    return stix2.Bundle(
        objects=[author, *markings.values(), report, *objects],
        id=_stix_id("bundle", *key),
    )


def ftm_entities(rendition: Rendition) -> list[dict[str, Any]]:
    """The cited facts as FollowTheMoney entities (only the cited values)."""
    grouped: dict[str, list[Citation]] = {}
    for citation in rendition.citations:
        grouped.setdefault(citation.entity_id, []).append(citation)
    entities = []
    for entity_id, cited in sorted(grouped.items()):
        proxy = model.make_entity(cited[0].schema)
        proxy.id = entity_id
        for citation in cited:
            if citation.prop in proxy.schema.properties:
                proxy.add(citation.prop, citation.value, quiet=True)
        entities.append(dict(proxy.to_dict()))
    return entities


def ftm_json(rendition: Rendition) -> str:
    """The cited facts as FtM JSON lines."""
    return "".join(
        json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in ftm_entities(rendition)
    )


def render_output(
    rendition: Rendition, fmt: str, release: ReleaseInfo | None = None
) -> tuple[bytes, str, str]:
    """An output's bytes, media type and file extension."""
    if fmt == "html":
        return html_document(rendition, release).encode(), "text/html; charset=utf-8", "html"
    if fmt == "pdf":
        return pdf_document(rendition, release), "application/pdf", "pdf"
    if fmt == "stix":
        text = stix_bundle(rendition, release).serialize(pretty=True)
        return text.encode(), "application/stix+json;version=2.1", "stix.json"
    if fmt == "ftm":
        return ftm_json(rendition).encode(), "application/json", "ftm.json"
    raise InvalidInput(
        _("unknown output {fmt!r}; expected one of: {known}").format(
            fmt=fmt, known=", ".join(FORMATS)
        )
    )
