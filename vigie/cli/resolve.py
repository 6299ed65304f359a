"""``vigie resolve``: entity resolution: run, clusters, explain, judge, evaluate."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import typer

from vigie.cli.common import load_settings, open_store, out, reader, say
from vigie.errors import InvalidInput
from vigie.i18n import _
from vigie.resolve import service
from vigie.resolve.cluster import Verdict
from vigie.resolve.evaluate import evaluate as score
from vigie.resolve.evaluate import read_truth

app = typer.Typer(
    help=_("Entity resolution: one person, however many records."), no_args_is_help=True
)


@app.command("run")
def run(
    as_user: str = typer.Option(..., "--as", help=_("Resolve what this user may see.")),
    engine: str | None = typer.Option(
        None, help=_("duckdb or spark (default: the VIGIE_ENGINE setting).")
    ),
    incremental: bool = typer.Option(
        False, help=_("Link only records no run has seen, with the saved model.")
    ),
) -> None:
    """Train the model (without labels, then informed by pairs judged the same), score the pairs,
    and save both with the data."""
    settings = load_settings()
    with open_store() as (_settings, store):
        summary = service.run(
            store, reader(store, as_user), engine or settings.engine, incremental=incremental
        )
    say(
        _("Model {model}: {records} records ({new} new), {pairs} pairs kept.").format(
            model=summary.model_id,
            records=summary.records,
            new=summary.new_records,
            pairs=summary.pairs,
        )
    )


@app.command("clusters")
def clusters(
    as_user: str = typer.Option(..., "--as", help=_("Export what this user may see.")),
    out_file: Path = typer.Option(..., "--out", help=_("The CSV file to write.")),
) -> None:
    """Write entity_id,canonical_id for every person record the user may see."""
    with open_store() as (_settings, store):
        mapping = service.cluster_map(store, reader(store, as_user))
    with out_file.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["entity_id", "canonical_id"])
        for entity_id in sorted(mapping):
            writer.writerow([entity_id, mapping[entity_id]])
    groups = len(set(mapping.values()))
    say(
        _("{records} records in {clusters} clusters written to {path}.").format(
            records=len(mapping), clusters=groups, path=out_file
        )
    )


@app.command("explain")
def explain(
    left: str = typer.Argument(..., help=_("One entity id.")),
    right: str = typer.Argument(..., help=_("The other entity id.")),
    as_user: str = typer.Option(..., "--as", help=_("Explain from what this user may see.")),
    as_json: bool = typer.Option(False, "--json", help=_("Print JSON instead of text.")),
) -> None:
    """Why two records are (or are not) the same person: each comparison's match weight."""
    settings = load_settings()
    with open_store() as (_settings, store):
        found = service.pair(store, reader(store, as_user), left, right, settings.engine)
    if as_json:
        out(json.dumps(found.to_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    explanation = found.explanation
    lines = [
        f"{found.left.caption} ({found.left.id})  ~  {found.right.caption} ({found.right.id})",
        _("prior: {weight:+.2f}").format(weight=explanation.prior),
    ]
    lines += [f"{s.title}: {s.words} ({s.weight:+.2f})" for s in explanation.steps]
    lines.append(
        _("match weight {weight:+.2f}, probability {probability:.4f}").format(
            weight=explanation.match_weight, probability=explanation.probability
        )
    )
    if found.judgement:
        lines.append(
            _("judged {verdict} by {user}: {reason}").format(
                verdict=found.judgement.verdict.value,
                user=found.judgement.decided_by,
                reason=found.judgement.reason,
            )
        )
    out("\n".join(lines) + "\n")


@app.command("judge")
def judge(
    left: str = typer.Argument(..., help=_("One entity id.")),
    right: str = typer.Argument(..., help=_("The other entity id.")),
    verdict: str = typer.Option(..., help=_("same, not-same or unsure.")),
    reason: str = typer.Option(..., help=_("Why.")),
    as_user: str = typer.Option(..., "--as", help=_("The deciding analyst.")),
) -> None:
    """Record whether two records are the same person; it always wins over the model."""
    try:
        decided = Verdict(verdict)
    except ValueError:
        raise InvalidInput(
            _("unknown verdict {verdict!r}; expected one of: same, not-same, unsure").format(
                verdict=verdict
            )
        ) from None
    with open_store() as (_settings, store):
        service.judge(store, reader(store, as_user), left, right, decided, reason)
    say(_("Judged {verdict}.").format(verdict=decided.value))


@app.command("retract")
def retract(
    left: str = typer.Argument(..., help=_("One entity id.")),
    right: str = typer.Argument(..., help=_("The other entity id.")),
    reason: str = typer.Option(..., help=_("Why.")),
    as_user: str = typer.Option(..., "--as", help=_("The analyst.")),
) -> None:
    """Withdraw the judgement of a pair (undoes a merge made by a judgement)."""
    with open_store() as (_settings, store):
        service.retract(store, reader(store, as_user), left, right, reason)
    say(_("Judgement withdrawn."))


@app.command("evaluate")
def evaluate(
    truth: Path | None = typer.Option(
        None, help=_("truth.json of a world, or entity id to person.")
    ),
    clusters_file: Path | None = typer.Option(
        None, "--clusters", help=_("A clusters CSV (entity_id,canonical_id) to score.")
    ),
    as_user: str | None = typer.Option(
        None,
        "--as",
        help=_(
            "Score the store's clusters as this user sees them (default: the user who made "
            "the last run)."
        ),
    ),
    judgements: bool = typer.Option(
        False,
        "--judgements",
        help=_("Score the model against the analysts' judgements this user may see."),
    ),
) -> None:
    """Pairwise and cluster precision, recall and F1 against the ground truth, or the model's
    pairwise precision and recall against analysts' judgements."""
    if judgements:
        if as_user is None:
            raise InvalidInput(_("--judgements needs --as USER"))
        with open_store() as (_settings, store):
            found = service.judged_evaluation(store, reader(store, as_user))
        out(json.dumps(found.to_dict(), indent=2) + "\n")
        return
    if truth is None:
        raise InvalidInput(_("give --truth FILE, or --judgements"))
    expected = read_truth(truth)
    if clusters_file is not None:
        predicted = _read_clusters(clusters_file)
    else:
        with open_store() as (_settings, store):
            user = as_user or service.last_run_by(store)
            if user is None:
                raise InvalidInput(
                    _("nothing resolved yet: run vigie resolve run --as USER, or give --clusters")
                )
            if as_user is None:
                say(_("The clusters of the last run, as {user} sees them.").format(user=user))
            predicted = service.cluster_map(store, reader(store, user))
    out(json.dumps(score(predicted, expected).to_dict(), indent=2) + "\n")


def _read_clusters(path: Path) -> dict[str, str]:
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as exc:
        raise InvalidInput(
            _("{path}: cannot read ({reason})").format(path=path, reason=exc)
        ) from None
    mapping: dict[str, str] = {}
    for line, row in enumerate(rows, start=2):
        entity, canonical = row.get("entity_id"), row.get("canonical_id")
        if not entity or not canonical:
            raise InvalidInput(
                _("{path}, line {line}: entity_id and canonical_id are both needed").format(
                    path=path, line=line
                )
            )
        mapping[entity] = canonical
    return mapping
