"""Products: create, write portion-marked paragraphs citing graded facts, submit, approve or
reject, and read any version as one reader may receive it.

A reader receives a version through the same rule as every fact: the paragraphs, tear-lines and
cited facts are selected in SQL with the reader's visible handlings (``vigie.policy.rules``).
A partner's release is this rendition with the partner's reader.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from followthemoney.statement import BASE_ID
from sqlalchemy import Connection, Row, delete, func, insert, select, update

from vigie.cycle.access import require_internal, require_producer, visible
from vigie.cycle.requirements import visible_row as visible_requirement
from vigie.errors import InvalidInput, NotFound
from vigie.i18n import _
from vigie.model.handling import Handling
from vigie.model.product import (
    Citation,
    Decision,
    Paragraph,
    ParagraphDraft,
    ProductKind,
    ProductStatus,
    Rendition,
    decide_status,
    edit_version,
    submit_status,
)
from vigie.policy import audit
from vigie.policy.reader import Action, Reader
from vigie.policy.rules import require_readable
from vigie.store import db
from vigie.store.store import Store
from vigie.store.tables import (
    product,
    product_citation,
    product_paragraph,
    product_version,
    statement,
)


@dataclass(frozen=True)
class Version:
    """One version of a product and its review."""

    version: int
    status: ProductStatus
    created_by: str
    created_at: str
    submitted_at: str | None
    decided_by: str | None
    decided_at: str | None
    decision_reason: str | None


@dataclass(frozen=True)
class Product:
    """A stored product: what it is, its current version and every version's review."""

    id: int
    kind: ProductKind
    title: str
    title_handling: Handling
    requirement_id: int | None
    version: int
    created_by: str
    created_at: str
    versions: tuple[Version, ...]

    @property
    def current(self) -> Version:
        """The current version's review."""
        return next(v for v in self.versions if v.version == self.version)

    @property
    def status(self) -> ProductStatus:
        """The current version's status."""
        return self.current.status

    @property
    def approved_version(self) -> int | None:
        """The newest approved version, the one a release sends."""
        approved = [v.version for v in self.versions if v.status is ProductStatus.APPROVED]
        return max(approved) if approved else None


def _product(store: Store, conn: Connection, row: Row[Any]) -> Product:
    handling = store.handlings(conn, [row.handling_id])[row.handling_id]
    versions = conn.execute(
        select(product_version)
        .where(product_version.c.product_id == row.id)
        .order_by(product_version.c.version)
    )
    return Product(
        row.id,
        ProductKind(row.kind),
        row.title,
        handling,
        row.requirement_id,
        row.version,
        row.created_by,
        row.created_at,
        tuple(
            Version(
                v.version,
                ProductStatus(v.status),
                v.created_by,
                v.created_at,
                v.submitted_at,
                v.decided_by,
                v.decided_at,
                v.decision_reason,
            )
            for v in versions
        ),
    )


def visible_product(store: Store, conn: Connection, reader: Reader, product_id: int) -> Product:
    """A product whose title the reader may see, or ``NotFound``."""
    row = conn.execute(
        select(product).where(product.c.id == product_id, visible(product.c.handling_id, reader))
    ).first()
    if row is None:
        raise NotFound(_("no product {id} that you may see").format(id=product_id))
    return _product(store, conn, row)


def create_product(
    store: Store,
    reader: Reader,
    kind: ProductKind,
    title: str,
    title_handling: Handling,
    requirement_id: int | None = None,
) -> Product:
    """Start a product (version 1, a draft); the title carries its own portion marking."""
    require_producer(reader)
    if len(title.strip()) < 5:
        raise InvalidInput(_("the title must say what the product is, in at least 5 characters"))
    require_readable(reader, title_handling)
    at = audit.now()
    with db.begin_write(store.engine) as conn:
        if requirement_id is not None:
            visible_requirement(conn, reader, requirement_id)
        new = conn.execute(
            insert(product).values(
                kind=kind.value,
                title=title.strip(),
                requirement_id=requirement_id,
                version=1,
                handling_id=store.handling_id(conn, title_handling),
                created_by=reader.name,
                created_at=at,
            )
        ).inserted_primary_key
        assert new is not None
        product_id = int(new[0])
        conn.execute(
            insert(product_version).values(
                product_id=product_id,
                version=1,
                status=ProductStatus.DRAFT.value,
                created_by=reader.name,
                created_at=at,
            )
        )
        details = {"kind": kind.value, "title": title.strip(), "requirement": requirement_id}
        audit.append(conn, reader.name, "product.create", f"product:{product_id}", details)
        return visible_product(store, conn, reader, product_id)


def _start_version(conn: Connection, found: Product, version: int, actor: str) -> None:
    """Open ``version`` as a copy of the current one, so decided versions stay as they were."""
    conn.execute(
        insert(product_version).values(
            product_id=found.id,
            version=version,
            status=ProductStatus.DRAFT.value,
            created_by=actor,
            created_at=audit.now(),
        )
    )
    for table in (product_paragraph, product_citation):
        rows = conn.execute(
            select(table).where(table.c.product_id == found.id, table.c.version == found.version)
        ).all()
        if rows:
            conn.execute(insert(table), [{**row._asdict(), "version": version} for row in rows])
    conn.execute(update(product).where(product.c.id == found.id).values(version=version))


def _editable(store: Store, conn: Connection, reader: Reader, product_id: int) -> Product:
    """The product, with its current version open for editing by its author."""
    found = visible_product(store, conn, reader, product_id)
    version = edit_version(found.status, found.version, found.created_by, reader.name)
    if version != found.version:
        _start_version(conn, found, version, reader.name)
        found = visible_product(store, conn, reader, product_id)
    return found


def _cited(
    store: Store, conn: Connection, reader: Reader, entity_ids: tuple[str, ...]
) -> list[str]:
    """The ids of the facts the reader sees of these entities: what a paragraph cites."""
    wanted = [e.strip() for e in entity_ids if e.strip()]
    found = store.view(reader).entities(conn, wanted)
    for entity_id in wanted:
        if entity_id not in found:
            raise NotFound(_("no entity {id!r} that you may see").format(id=entity_id))
    return [f.id for e in found.values() for f in e.facts if f.prop != BASE_ID]


def add_paragraph(store: Store, reader: Reader, product_id: int, draft: ParagraphDraft) -> int:
    """Append a paragraph to the product's draft (opening the next version after a decision);
    returns its position. The author may only mark what they could read back."""
    require_producer(reader)
    draft.validate()
    require_readable(reader, draft.handling)
    if draft.tearline_handling is not None:
        require_readable(reader, draft.tearline_handling)
    with db.begin_write(store.engine) as conn:
        found = _editable(store, conn, reader, product_id)
        last = conn.execute(
            select(func.max(product_paragraph.c.position)).where(
                product_paragraph.c.product_id == product_id,
                product_paragraph.c.version == found.version,
            )
        ).scalar()
        position = int(last or 0) + 1
        tearline = draft.tearline.strip() or None
        conn.execute(
            insert(product_paragraph).values(
                product_id=product_id,
                version=found.version,
                position=position,
                text=draft.text.strip(),
                handling_id=store.handling_id(conn, draft.handling),
                tearline=tearline,
                tearline_handling_id=store.handling_id(conn, draft.tearline_handling)
                if tearline and draft.tearline_handling
                else None,
            )
        )
        cited = _cited(store, conn, reader, draft.cite_entities)
        if cited:
            conn.execute(
                insert(product_citation),
                [
                    {
                        "product_id": product_id,
                        "version": found.version,
                        "position": position,
                        "statement_id": sid,
                    }
                    for sid in sorted(set(cited))
                ],
            )
        details = {
            "version": found.version,
            "position": position,
            "handling": draft.handling.banner,
            "tearline": tearline is not None,
            "citations": len(set(cited)),
        }
        audit.append(conn, reader.name, "product.edit", f"product:{product_id}", details)
    return position


def remove_paragraph(store: Store, reader: Reader, product_id: int, position: int) -> None:
    """Remove a paragraph from the product's draft (opening the next version after a
    decision)."""
    require_producer(reader)
    with db.begin_write(store.engine) as conn:
        found = _editable(store, conn, reader, product_id)
        for table in (product_citation, product_paragraph):
            conn.execute(
                delete(table).where(
                    table.c.product_id == product_id,
                    table.c.version == found.version,
                    table.c.position == position,
                )
            )
        details = {"version": found.version, "removed": position}
        audit.append(conn, reader.name, "product.edit", f"product:{product_id}", details)


def _set_status(conn: Connection, found: Product, **values: Any) -> None:
    conn.execute(
        update(product_version)
        .where(
            product_version.c.product_id == found.id,
            product_version.c.version == found.version,
        )
        .values(**values)
    )


def submit(store: Store, reader: Reader, product_id: int) -> Product:
    """The author submits the current draft for a supervisor's review; audited."""
    require_producer(reader)
    with db.begin_write(store.engine) as conn:
        found = visible_product(store, conn, reader, product_id)
        count = conn.execute(
            select(func.count()).where(
                product_paragraph.c.product_id == product_id,
                product_paragraph.c.version == found.version,
            )
        ).scalar_one()
        status = submit_status(found.status, found.created_by, reader.name, int(count))
        _set_status(conn, found, status=status.value, submitted_at=audit.now())
        details = {"version": found.version, "paragraphs": int(count)}
        audit.append(conn, reader.name, "product.submit", f"product:{product_id}", details)
        return visible_product(store, conn, reader, product_id)


def decide(
    store: Store, reader: Reader, product_id: int, decision: Decision, reason: str
) -> Product:
    """A supervisor approves or rejects the submitted version. The supervisor must be able to
    read every paragraph and cited fact of it: nobody approves what they cannot see."""
    reader.require(Action.APPROVE)
    with db.begin_write(store.engine) as conn:
        found = visible_product(store, conn, reader, product_id)
        status = decide_status(found.status, found.created_by, reader.name, decision, reason)
        if decision is Decision.APPROVE:
            seen = rendition(store, conn, reader, found, found.version)
            if seen.withheld_paragraphs or seen.withheld_citations:
                raise InvalidInput(
                    _("you may not see all of this version, so you may not approve it")
                )
        _set_status(
            conn,
            found,
            status=status.value,
            decided_by=reader.name,
            decided_at=audit.now(),
            decision_reason=reason.strip(),
        )
        details = {"version": found.version, "decision": decision.value, "reason": reason.strip()}
        audit.append(conn, reader.name, "product.decide", f"product:{product_id}", details)
        return visible_product(store, conn, reader, product_id)


def _citations(
    store: Store, conn: Connection, reader: Reader, found: Product, version: int
) -> tuple[dict[int, list[Citation]], int]:
    """The cited facts the reader may see, by paragraph, and how many facts are cited."""
    rows = list(
        conn.execute(
            select(product_citation).where(
                product_citation.c.product_id == found.id, product_citation.c.version == version
            )
        )
    )
    wanted = {r.statement_id for r in rows}
    digests = sorted(bytes.fromhex(sid) for sid in wanted)
    view = store.view(reader)
    entity_ids = {
        r.entity_id
        for r in conn.execute(
            select(statement.c.entity_id).where(statement.c.digest.in_(digests), view.visible())
        )
    }
    facts = {
        f.id: (entity, f)
        for entity in view.entities(conn, entity_ids).values()
        for f in entity.facts
        if f.id in wanted
    }
    by_position: dict[int, list[Citation]] = {}
    for row in rows:
        if row.statement_id not in facts:
            continue
        entity, fact = facts[row.statement_id]
        by_position.setdefault(row.position, []).append(
            Citation(
                fact.id,
                entity.id,
                entity.caption,
                entity.schema.name,
                fact.prop,
                fact.value,
                fact.source,
                fact.report_id,
                fact.grading,
                fact.handling,
            )
        )
    for cited in by_position.values():
        cited.sort(key=lambda c: (c.caption, c.prop, c.value))
    return by_position, len(rows)


def rendition(
    store: Store, conn: Connection, reader: Reader, found: Product, version: int
) -> Rendition:
    """A version of a product as ``reader`` may receive it: each paragraph whole if its handling
    is visible to them, else its tear-line if that is, else withheld; and only the cited facts
    they may see, with the paragraphs shown whole. Not audited: callers audit the read."""
    if not any(v.version == version for v in found.versions):
        raise NotFound(
            _("product {id} has no version {version}").format(id=found.id, version=version)
        )
    shown = visible(product_paragraph.c.handling_id, reader).label("shown")
    tear_shown = visible(product_paragraph.c.tearline_handling_id, reader).label("tear_shown")
    rows = list(
        conn.execute(
            select(product_paragraph, shown, tear_shown)
            .where(
                product_paragraph.c.product_id == found.id,
                product_paragraph.c.version == version,
            )
            .order_by(product_paragraph.c.position)
        )
    )
    ids = {r.handling_id for r in rows} | {r.tearline_handling_id for r in rows}
    handlings = store.handlings(conn, {i for i in ids if i is not None})
    cited, total_citations = _citations(store, conn, reader, found, version)
    paragraphs = []
    withheld = 0
    for row in rows:
        if row.shown:
            paragraphs.append(
                Paragraph(
                    row.position,
                    row.text,
                    handlings[row.handling_id],
                    False,
                    tuple(cited.get(row.position, ())),
                    row.tearline if row.tear_shown else None,
                    handlings[row.tearline_handling_id] if row.tear_shown else None,
                )
            )
            continue
        if row.tearline and row.tear_shown:
            paragraphs.append(
                Paragraph(row.position, row.tearline, handlings[row.tearline_handling_id], True)
            )
        else:
            withheld += 1
    # Facts cited by a paragraph the reader does not receive whole are withheld with it.
    attached = sum(len(p.citations) for p in paragraphs)
    return Rendition(
        found.id,
        version,
        found.kind,
        found.title,
        found.title_handling,
        tuple(paragraphs),
        withheld,
        total_citations - attached,
        next(v.created_at for v in found.versions if v.version == version),
    )


def read_product(
    store: Store, reader: Reader, product_id: int, version: int | None = None
) -> tuple[Product, Rendition]:
    """A product and one of its versions (the current one by default), as the reader may
    receive it; audited. Partners receive products only through releases."""
    reader.require(Action.READ)
    require_internal(reader)
    with store.engine.connect() as conn:
        found = visible_product(store, conn, reader, product_id)
        shown = rendition(store, conn, reader, found, version or found.version)
    audit.record(
        store.engine,
        reader.name,
        "product.read",
        f"product:{product_id}",
        version=shown.version,
        paragraphs=len(shown.paragraphs),
        withheld=shown.withheld_paragraphs,
        citations=len(shown.citations),
    )
    return found, shown


def list_products(store: Store, reader: Reader) -> list[Product]:
    """The products whose title the reader may see, newest first; audited."""
    reader.require(Action.READ)
    require_internal(reader)
    query = (
        select(product).where(visible(product.c.handling_id, reader)).order_by(product.c.id.desc())
    )
    with store.engine.connect() as conn:
        found = [_product(store, conn, row) for row in conn.execute(query)]
    audit.record(store.engine, reader.name, "product.read", "products", shown=len(found))
    return found
