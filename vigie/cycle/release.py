"""Dissemination: releasing an approved product to a partner, reading a release, and the
recipient's feedback.

The partner's version is :func:`vigie.cycle.products.rendition` with the partner's own reader:
paragraphs and facts the partner may not receive are removed or replaced by their tear-line by
the same rule the store applies to every query. A release is logged with what was sent, to
whom, which version and under which authority; it can be read back by the partner it was sent
to, and by staff who may see everything it holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Row, insert, select

from vigie.cycle.access import require_internal, visible
from vigie.cycle.products import rendition, visible_product
from vigie.errors import Forbidden, InvalidInput, NotFound
from vigie.i18n import _
from vigie.model.handling import Handling
from vigie.model.product import ProductStatus, Rating, Rendition, check_releasable
from vigie.policy import audit
from vigie.policy.accounts import get_reader, list_readers
from vigie.policy.reader import Action, Reader, Role
from vigie.policy.rules import may_see
from vigie.store import db
from vigie.store.store import Store
from vigie.store.tables import feedback, product, release


@dataclass(frozen=True)
class Release:
    """A logged release."""

    id: int
    product_id: int
    version: int
    title: str
    partner: str
    organisation: str
    authority: str
    handling: Handling
    paragraphs: int
    withheld: int
    released_by: str
    released_at: str


@dataclass(frozen=True)
class Feedback:
    """A recipient's feedback on a release."""

    id: int
    release_id: int
    product_id: int
    requirement_id: int | None
    rating: Rating
    comment: str
    given_by: str
    given_at: str


def partner_reader(store: Store, name: str) -> Reader:
    """The reader of a partner account: the profile a release is filtered with."""
    found = get_reader(store.engine, name)
    if found.role is not Role.PARTNER or found.partner is None:
        raise InvalidInput(_("{name} is not a partner account").format(name=name))
    return found


def release_product(
    store: Store, reader: Reader, product_id: int, partner: str, authority: str
) -> tuple[Release, Rendition]:
    """Release the newest approved version of a product to a partner account, under the
    authority named; audited as ``release`` with what was kept and withheld."""
    require_internal(reader)
    if len(authority.strip()) < 3:
        raise InvalidInput(_("name the authority the release is made under"))
    recipient = partner_reader(store, partner)
    with db.begin_write(store.engine) as conn:
        found = visible_product(store, conn, reader, product_id)
        version = found.approved_version
        status = found.status if version is None else ProductStatus.APPROVED
        check_releasable(status, found.created_by, reader.name, reader.may(Action.APPROVE))
        assert version is not None
        own = rendition(store, conn, reader, found, version)
        if own.withheld_paragraphs or own.withheld_citations:
            raise InvalidInput(_("you may not see all of this version, so you may not release it"))
        sent = rendition(store, conn, recipient, found, version)
        if not may_see(recipient, found.title_handling):
            raise InvalidInput(
                _("the product's title is not releasable to {partner}").format(
                    partner=recipient.partner
                )
            )
        if not sent.paragraphs:
            raise InvalidInput(
                _("nothing in this product is releasable to {partner}").format(
                    partner=recipient.partner
                )
            )
        known = conn.execute(
            select(release.c.id).where(
                release.c.product_id == product_id,
                release.c.version == version,
                release.c.partner == partner,
            )
        ).first()
        if known is not None:
            raise InvalidInput(
                _("version {version} was already released to {partner} (release {id})").format(
                    version=version, partner=partner, id=known.id
                )
            )
        new = conn.execute(
            insert(release).values(
                product_id=product_id,
                version=version,
                partner=partner,
                organisation=recipient.partner,
                authority=authority.strip(),
                handling_id=store.handling_id(conn, sent.handling),
                paragraphs=len(sent.paragraphs),
                withheld=sent.withheld_paragraphs,
                released_by=reader.name,
                released_at=audit.now(),
            )
        ).inserted_primary_key
        assert new is not None
        release_id = int(new[0])
        details = {
            "product": product_id,
            "version": version,
            "partner": partner,
            "organisation": recipient.partner,
            "authority": authority.strip(),
            "handling": sent.handling.banner,
            "paragraphs": len(sent.paragraphs),
            "tearlines": sum(1 for p in sent.paragraphs if p.tearline),
            "withheld_paragraphs": sent.withheld_paragraphs,
            "citations": len(sent.citations),
            "withheld_citations": sent.withheld_citations,
        }
        audit.append(conn, reader.name, "release", f"release:{release_id}", details)
        return _release(store, conn, _visible_release(conn, reader, release_id)), sent


def _release(store: Store, conn: Connection, row: Row[Any]) -> Release:
    handling = store.handlings(conn, [row.handling_id])[row.handling_id]
    return Release(
        row.id,
        row.product_id,
        row.version,
        row.title,
        row.partner,
        row.organisation,
        row.authority,
        handling,
        row.paragraphs,
        row.withheld,
        row.released_by,
        row.released_at,
    )


def _releases(reader: Reader) -> Any:
    """The releases a reader may read: a partner only those sent to them; staff those whose
    whole content they may see."""
    query = (
        select(release, product.c.title)
        .join(product, product.c.id == release.c.product_id)
        .where(visible(release.c.handling_id, reader))
    )
    if reader.partner is not None:
        query = query.where(release.c.partner == reader.name)
    return query


def _visible_release(conn: Connection, reader: Reader, release_id: int) -> Row[Any]:
    row = conn.execute(_releases(reader).where(release.c.id == release_id)).first()
    if row is None:
        raise NotFound(_("no release {id} that you may see").format(id=release_id))
    return row


def list_releases(store: Store, reader: Reader, product_id: int | None = None) -> list[Release]:
    """The releases the reader may read, newest first; audited."""
    reader.require(Action.READ)
    query = _releases(reader).order_by(release.c.id.desc())
    if product_id is not None:
        query = query.where(release.c.product_id == product_id)
    with store.engine.connect() as conn:
        found = [_release(store, conn, row) for row in conn.execute(query)]
    audit.record(store.engine, reader.name, "release.read", "releases", shown=len(found))
    return found


def read_release(
    store: Store, reader: Reader, release_id: int, output: str = "page"
) -> tuple[Release, Rendition]:
    """A release and the partner's version of the product, rebuilt with the partner's reader
    from the version that was released; audited as ``release.read`` with the output asked for."""
    reader.require(Action.READ)
    with store.engine.connect() as conn:
        found = _release(store, conn, _visible_release(conn, reader, release_id))
        recipient = partner_reader(store, found.partner)
        # The title is releasable to the partner: the release checked it.
        released = visible_product(store, conn, recipient, found.product_id)
        sent = rendition(store, conn, recipient, released, found.version)
    audit.record(
        store.engine,
        reader.name,
        "release.read",
        f"release:{release_id}",
        output=output,
        partner=found.partner,
        version=found.version,
    )
    return found, sent


def give_feedback(
    store: Store, reader: Reader, release_id: int, rating: Rating, comment: str
) -> Feedback:
    """A recipient's feedback on a release, recorded against the product and its requirement;
    only the partner the release was sent to gives it."""
    reader.require(Action.READ)
    with db.begin_write(store.engine) as conn:
        row = _visible_release(conn, reader, release_id)
        if reader.name != row.partner:
            raise Forbidden(_("only the recipient of a release may give feedback on it"))
        requirement_id = conn.execute(
            select(product.c.requirement_id).where(product.c.id == row.product_id)
        ).scalar()
        at = audit.now()
        new = conn.execute(
            insert(feedback).values(
                release_id=release_id,
                product_id=row.product_id,
                requirement_id=requirement_id,
                rating=rating.value,
                comment=comment.strip(),
                handling_id=row.handling_id,
                given_by=reader.name,
                given_at=at,
            )
        ).inserted_primary_key
        assert new is not None
        details = {"rating": rating.value, "product": row.product_id, "requirement": requirement_id}
        audit.append(conn, reader.name, "feedback", f"release:{release_id}", details)
        return Feedback(
            int(new[0]),
            release_id,
            row.product_id,
            requirement_id,
            rating,
            comment.strip(),
            reader.name,
            at,
        )


def list_feedback(store: Store, reader: Reader, product_id: int) -> list[Feedback]:
    """The feedback on a product's releases that the reader may see (a partner: their own)."""
    query = (
        select(feedback)
        .where(feedback.c.product_id == product_id, visible(feedback.c.handling_id, reader))
        .order_by(feedback.c.id)
    )
    if reader.partner is not None:
        query = query.where(feedback.c.given_by == reader.name)
    with store.engine.connect() as conn:
        rows = list(conn.execute(query))
    return [
        Feedback(
            r.id,
            r.release_id,
            r.product_id,
            r.requirement_id,
            Rating(r.rating),
            r.comment,
            r.given_by,
            r.given_at,
        )
        for r in rows
    ]


def partner_accounts(store: Store) -> list[Reader]:
    """The partner accounts a product may be released to."""
    return [r for r in list_readers(store.engine) if r.role is Role.PARTNER]
