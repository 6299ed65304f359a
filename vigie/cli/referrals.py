"""``vigie screen referrals``: admissibility referrals (the facts to cite, write, list, show,
decide) and ``vigie screen redress``: redress records (grant, list, revoke)."""

from __future__ import annotations

import typer
from rich.markup import escape
from rich.table import Table

from vigie.cli.common import console, open_store, reader, say
from vigie.errors import InvalidInput
from vigie.i18n import _
from vigie.model.handling import Handling
from vigie.screen import redress, referral
from vigie.screen.batch import subject_from
from vigie.screen.grounds import Ground
from vigie.screen.referral import NewReferral, Outcome, ReferralView

app = typer.Typer(
    help=_("Admissibility referrals: grounds, evidence, officers' decisions."),
    no_args_is_help=True,
)
redress_app = typer.Typer(
    help=_("Redress records that stop repeat false positives for a traveller."),
    no_args_is_help=True,
)

AS_OPTION = typer.Option(..., "--as", help=_("Act as this user."))


def _pair(text: str, separator: str, option: str) -> tuple[Ground, str]:
    head, sep, tail = text.partition(separator)
    if not sep or not tail.strip():
        raise InvalidInput(
            _("{option} {text!r}: expected GROUND{separator}VALUE").format(
                option=option, text=text, separator=separator
            )
        )
    return Ground.parse(head), tail.strip()


@app.command("evidence")
def evidence(
    entity_id: str = typer.Argument(..., help=_("The entity a referral would be about.")),
    as_user: str = AS_OPTION,
) -> None:
    """List the facts a referral about an entity may cite (with their statement ids, sources
    and gradings) and the grounds its topics suggest."""
    with open_store() as (_settings, store):
        found = referral.candidates(store, reader(store, as_user), entity_id)
    for suggestion in found.suggestions:
        say(
            _("suggested: {ground} ({section}), from the topic {topic}").format(
                ground=suggestion.ground.value,
                section=suggestion.ground.section,
                topic=suggestion.topic,
            )
        )
    table = Table(_("statement"), _("entity"), _("property"), _("value"), _("source"), _("grading"))
    for item in found.facts:
        fact = item.fact
        table.add_row(
            fact.id, item.entity_caption, fact.prop, fact.value, fact.source, fact.grading.code
        )
    console.print(table)


@app.command("create")
def create(
    as_user: str = AS_OPTION,
    hit: int | None = typer.Option(None, help=_("A confirmed (true-match) hit to refer.")),
    entity: str | None = typer.Option(None, help=_("An entity to refer (an analyst's finding).")),
    narrative: str = typer.Option(..., help=_("The referral's narrative.")),
    cite: list[str] = typer.Option(
        ..., "--evidence", help=_("GROUND:STATEMENT, a fact cited for a ground (repeatable).")
    ),
    basis: list[str] = typer.Option(
        [], help=_("GROUND=TEXT, why the ground may apply (repeatable).")
    ),
) -> None:
    """Refer a confirmed match or an entity for an admissibility decision: each ground named by
    the facts cited for it. The referral waits for an officer's decision."""
    cited = [_pair(text, ":", "--evidence") for text in cite]
    bases = dict(_pair(text, "=", "--basis") for text in basis)
    grounds = {g: bases.get(g, "") for g, _s in cited}
    extra = sorted(bases.keys() - grounds.keys())
    if extra:
        raise InvalidInput(
            _("--basis names {ground}, for which no --evidence is cited").format(
                ground=extra[0].value
            )
        )
    new = NewReferral(narrative, grounds, cited, hit_id=hit, entity_id=entity)
    with open_store() as (_settings, store):
        made = referral.create(store, reader(store, as_user), new)
    say(
        _("Referral {id} written ({marking}): {grounds}; it waits for an officer.").format(
            id=made.id,
            marking=made.handling.banner,
            grounds=", ".join(f"{g.value} ({g.section})" for g in made.ground_codes),
        )
    )


@app.command("list")
def list_(
    as_user: str = AS_OPTION,
    status: str = typer.Option(
        "all", help=_("open, inadmissible, admissible, further-information or all.")
    ),
    ground: str | None = typer.Option(None, help=_("Only referrals naming this ground.")),
    entity: str | None = typer.Option(None, help=_("Only referrals about this entity.")),
) -> None:
    """List the referrals you may see, newest first."""
    chosen = None if ground is None else Ground.parse(ground)
    with open_store() as (_settings, store):
        found = referral.list_referrals(
            store, reader(store, as_user), None if status == "all" else status, chosen, entity
        )
    table = Table(_("referral"), _("person"), _("grounds"), _("status"), _("marking"))
    for item in found:
        grounds = ", ".join(g.section for g in item.ground_codes)
        table.add_row(str(item.id), item.caption, grounds, item.status, item.handling.banner)
    console.print(table)


def _show(found: ReferralView) -> None:
    say(
        _("Referral {id} about {caption} ({entity}), {status}, {marking}").format(
            id=found.id,
            caption=found.caption,
            entity=found.entity_id,
            status=found.status,
            marking=found.handling.banner,
        )
    )
    say(_("Written by {who} on {when}: {narrative}").format(
        who=found.created_by, when=found.created_at, narrative=found.narrative
    ))  # fmt: skip
    for ground in found.grounds:
        say(escape(f"{ground.ground.section} {ground.ground.label}: {ground.basis}"))
        for item in ground.evidence:
            fact = item.fact
            say(
                escape(
                    f"  - {item.entity_caption} · {fact.prop}: {fact.value} "
                    f"[{fact.source}, {fact.grading.code}, {fact.handling.banner}]"
                )
            )
        if ground.withheld:
            say("  " + _("{count} facts you may not see").format(count=ground.withheld))
    for decision in found.decisions:
        say(
            _("{who} decided {decision} on {when}: {reason}").format(
                who=decision.decided_by,
                decision=decision.decision,
                when=decision.decided_at,
                reason=decision.reason,
            )
        )


@app.command("show")
def show(
    referral_id: int = typer.Argument(..., help=_("The referral's number.")),
    as_user: str = AS_OPTION,
) -> None:
    """Show a referral: its grounds, the evidence for each with source and grading, and the
    decisions."""
    with open_store() as (_settings, store):
        _show(referral.get(store, reader(store, as_user), referral_id))


@app.command("decide")
def decide(
    referral_id: int = typer.Argument(..., help=_("The referral's number.")),
    as_user: str = typer.Option(..., "--as", help=_("The deciding officer.")),
    decision: str = typer.Option(..., help=_("inadmissible, admissible or further-information.")),
    reason: str = typer.Option(..., help=_("Why.")),
) -> None:
    """Record an officer's admissibility decision on a referral, with its reason."""
    try:
        outcome = Outcome(decision)
    except ValueError:
        raise InvalidInput(
            _("unknown decision {decision!r}; expected one of: {known}").format(
                decision=decision, known=", ".join(o.value for o in Outcome)
            )
        ) from None
    with open_store() as (_settings, store):
        found = referral.decide(store, reader(store, as_user), referral_id, outcome, reason)
    say(_("Referral {id}: {status}.").format(id=found.id, status=found.status))


@redress_app.command("grant")
def grant(
    as_user: str = AS_OPTION,
    name: str = typer.Option(..., help=_("The traveller's name, in any script.")),
    birth_date: str | None = typer.Option(None, help=_("Date of birth, YYYY[-MM[-DD]].")),
    document: str | None = typer.Option(None, help=_("Travel document number.")),
    entity: str | None = typer.Option(None, help=_("The entry (every entry when left out).")),
    reason: str = typer.Option(..., help=_("Why.")),
    marking: str = typer.Option("PROTECTED B", help=_("Marking of the traveller's data.")),
) -> None:
    """Give a traveller a redress record: screening no longer raises them against the entry
    (or any entry); their hits are still recorded, as suppressed."""
    row = {"id": "redress", "name": name, "birth_date": birth_date, "document_number": document}
    _ref, subject = subject_from({k: v for k, v in row.items() if v}, _("the traveller"))
    with open_store() as (_settings, store):
        made = redress.grant(
            store, reader(store, as_user), subject, entity, reason, Handling.make(marking)
        )
    say(_("Redress record {id} granted ({marking}).").format(
        id=made.id, marking=made.handling.banner
    ))  # fmt: skip


@redress_app.command("list")
def list_redress(
    as_user: str = AS_OPTION,
    entity: str | None = typer.Option(None, help=_("Only records covering this entry.")),
) -> None:
    """List the redress records you may see, newest first."""
    with open_store() as (_settings, store):
        found = redress.list_redress(store, reader(store, as_user), entity)
    table = Table(_("record"), _("traveller"), _("entry"), _("granted"), _("reason"), _("revoked"))
    for item in found:
        who = ", ".join(item.subject["names"] + item.subject["documents"])
        table.add_row(
            str(item.id),
            who,
            item.entity_id or _("every entry"),
            f"{item.granted_by} {item.granted_at[:10]}",
            item.reason,
            "" if item.revoked_at is None else f"{item.revoked_by} {item.revoked_at[:10]}",
        )
    console.print(table)


@redress_app.command("revoke")
def revoke(
    redress_id: int = typer.Argument(..., help=_("The record's number.")),
    as_user: str = AS_OPTION,
    reason: str = typer.Option(..., help=_("Why.")),
) -> None:
    """Revoke a redress record: the traveller may be raised again."""
    with open_store() as (_settings, store):
        redress.revoke(store, reader(store, as_user), redress_id, reason)
    say(_("Redress record {id} revoked.").format(id=redress_id))
