"""``vigie products`` and ``vigie releases``: write, review and release products."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from vigie.cli.common import console, open_store, out, reader, say
from vigie.cycle import outputs, products, release
from vigie.cycle.products import Product
from vigie.i18n import _
from vigie.model.handling import Handling
from vigie.model.product import Decision, ParagraphDraft, ProductKind, Rating
from vigie.model.requirement import parse_reference

products_app = typer.Typer(
    help=_("Write products, submit them and decide on them."), no_args_is_help=True
)
releases_app = typer.Typer(
    help=_("Release approved products to partners; their outputs and feedback."),
    no_args_is_help=True,
)


def _show(found: Product) -> None:
    say(
        _("Product {id} version {version}: {status}.").format(
            id=found.id, version=found.version, status=found.status.value
        )
    )


@products_app.command("create")
def create(
    as_user: str = typer.Option(..., "--as", help=_("The author.")),
    kind: str = typer.Option("bulletin", help=_("bulletin, assessment, case-brief …")),
    title: str = typer.Option(..., help=_("The product's title.")),
    requirement: str | None = typer.Option(None, help=_("The requirement it answers, IR-3.")),
    marking: str = typer.Option("PROTECTED A", help=_("Marking of the title.")),
    caveat: list[str] = typer.Option([], help=_("Caveat (repeatable).")),
    releasable_to: list[str] = typer.Option([], help=_("Partner it may be released to.")),
) -> None:
    """Start a product; prints its number."""
    with open_store() as (_settings, store):
        found = products.create_product(
            store,
            reader(store, as_user),
            ProductKind.parse(kind),
            title,
            Handling.make(marking, caveat, releasable_to),
            parse_reference(requirement) if requirement else None,
        )
    _show(found)
    out(f"{found.id}\n")


@products_app.command("paragraph")
def paragraph(
    product_id: int = typer.Argument(..., help=_("The product's number.")),
    as_user: str = typer.Option(..., "--as", help=_("The author.")),
    text: str = typer.Option(..., help=_("The paragraph.")),
    marking: str = typer.Option(..., help=_("Its portion marking.")),
    caveat: list[str] = typer.Option([], help=_("Caveat (repeatable).")),
    releasable_to: list[str] = typer.Option([], help=_("Partner it may be released to.")),
    compartment: list[str] = typer.Option([], help=_("Need-to-know compartment.")),
    cite: list[str] = typer.Option([], help=_("Entity whose facts it cites (repeatable).")),
    tearline: str = typer.Option("", help=_("Sanitized text for readers who may not see it.")),
    tearline_marking: str = typer.Option("UNCLASSIFIED", help=_("Marking of the tear-line.")),
    tearline_releasable_to: list[str] = typer.Option(
        [], help=_("Partner the tear-line may be released to.")
    ),
) -> None:
    """Append a paragraph to the product's draft."""
    draft = ParagraphDraft(
        text,
        Handling.make(marking, caveat, releasable_to, compartment),
        tearline,
        Handling.make(tearline_marking, (), tearline_releasable_to) if tearline else None,
        tuple(cite),
    )
    with open_store() as (_settings, store):
        position = products.add_paragraph(store, reader(store, as_user), product_id, draft)
    say(_("Paragraph {position} added.").format(position=position))


@products_app.command("submit")
def submit(
    product_id: int = typer.Argument(..., help=_("The product's number.")),
    as_user: str = typer.Option(..., "--as", help=_("The author.")),
) -> None:
    """Submit the draft for a supervisor's review."""
    with open_store() as (_settings, store):
        _show(products.submit(store, reader(store, as_user), product_id))


def _decide(product_id: int, as_user: str, reason: str, decision: Decision) -> None:
    with open_store() as (_settings, store):
        _show(products.decide(store, reader(store, as_user), product_id, decision, reason))


@products_app.command("approve")
def approve(
    product_id: int = typer.Argument(..., help=_("The product's number.")),
    as_user: str = typer.Option(..., "--as", help=_("The deciding supervisor.")),
    reason: str = typer.Option(..., help=_("Why.")),
) -> None:
    """Approve the submitted version."""
    _decide(product_id, as_user, reason, Decision.APPROVE)


@products_app.command("reject")
def reject(
    product_id: int = typer.Argument(..., help=_("The product's number.")),
    as_user: str = typer.Option(..., "--as", help=_("The deciding supervisor.")),
    reason: str = typer.Option(..., help=_("Why.")),
) -> None:
    """Reject the submitted version."""
    _decide(product_id, as_user, reason, Decision.REJECT)


@products_app.command("list")
def list_(as_user: str = typer.Option(..., "--as", help=_("List what this user may see."))) -> None:
    """List products, newest first."""
    with open_store() as (_settings, store):
        found = products.list_products(store, reader(store, as_user))
    table = Table(_("no."), _("title"), _("kind"), _("version"), _("status"), _("author"))
    for item in found:
        table.add_row(
            str(item.id),
            item.title,
            item.kind.value,
            str(item.version),
            item.status.value,
            item.created_by,
        )
    console.print(table)


@products_app.command("show")
def show(
    product_id: int = typer.Argument(..., help=_("The product's number.")),
    as_user: str = typer.Option(..., "--as", help=_("Show what this user may receive.")),
    version: int | None = typer.Option(None, help=_("A version other than the current one.")),
    fmt: str = typer.Option("html", "--format", help=_("html, pdf, stix or ftm.")),
    out_file: Path | None = typer.Option(None, "--out", help=_("Write to this file.")),
) -> None:
    """Write a version of a product as the user may receive it."""
    with open_store() as (_settings, store):
        _found, shown = products.read_product(store, reader(store, as_user), product_id, version)
    body, _media, _extension = outputs.render_output(shown, fmt)
    _write(body, out_file)


def _write(body: bytes, out_file: Path | None) -> None:
    if out_file is None:
        out(body.decode("utf-8", errors="replace"))
        return
    out_file.write_bytes(body)
    say(_("Written to {path}.").format(path=out_file))


@releases_app.command("send")
def send(
    product_id: int = typer.Argument(..., help=_("The product's number.")),
    as_user: str = typer.Option(..., "--as", help=_("The author or a supervisor.")),
    to: str = typer.Option(..., help=_("The partner account, e.g. partner-uk.")),
    authority: str = typer.Option(..., help=_("The agreement the release is made under.")),
) -> None:
    """Release the newest approved version to a partner; prints the release's number."""
    with open_store() as (_settings, store):
        sent, shown = release.release_product(
            store, reader(store, as_user), product_id, to, authority
        )
    say(
        _(
            "Release {id}: version {version} to {partner}, {kept} paragraphs, {withheld} withheld."
        ).format(
            id=sent.id,
            version=sent.version,
            partner=sent.organisation,
            kept=len(shown.paragraphs),
            withheld=shown.withheld_paragraphs,
        )
    )
    out(f"{sent.id}\n")


@releases_app.command("list")
def list_releases(
    as_user: str = typer.Option(..., "--as", help=_("List what this user may read.")),
) -> None:
    """List releases, newest first."""
    with open_store() as (_settings, store):
        found = release.list_releases(store, reader(store, as_user))
    table = Table(_("no."), _("product"), _("version"), _("to"), _("by"), _("authority"))
    for item in found:
        table.add_row(
            str(item.id),
            item.title,
            str(item.version),
            item.organisation,
            item.released_by,
            item.authority,
        )
    console.print(table)


@releases_app.command("output")
def output(
    release_id: int = typer.Argument(..., help=_("The release's number.")),
    as_user: str = typer.Option(..., "--as", help=_("The recipient, or staff.")),
    fmt: str = typer.Option("pdf", "--format", help=_("html, pdf, stix or ftm.")),
    out_file: Path | None = typer.Option(None, "--out", help=_("Write to this file.")),
) -> None:
    """Write what the partner received."""
    with open_store() as (_settings, store):
        found, shown = release.read_release(store, reader(store, as_user), release_id, fmt)
    info = outputs.ReleaseInfo(
        found.partner, found.organisation, found.released_by, found.released_at, found.authority
    )
    body, _media, _extension = outputs.render_output(shown, fmt, info)
    _write(body, out_file)


@releases_app.command("feedback")
def feedback(
    release_id: int = typer.Argument(..., help=_("The release's number.")),
    as_user: str = typer.Option(..., "--as", help=_("The recipient.")),
    rating: str = typer.Option(..., help=_("useful, actioned or not-relevant.")),
    comment: str = typer.Option("", help=_("A comment.")),
) -> None:
    """Record the recipient's feedback on a release."""
    with open_store() as (_settings, store):
        release.give_feedback(
            store, reader(store, as_user), release_id, Rating.parse(rating), comment
        )
    say(_("Feedback recorded."))
