"""Products, approval, release to partners, outputs and feedback.

The bulletin written here:

| paragraph | handling | tear-line | cites |
| --- | --- | --- | --- |
| 1 | PROTECTED A // REL FVEY-UK | — | ``p-amira``: names, birth date; notes (SECRET // CEO) |
| 2 | SECRET // CANADIAN EYES ONLY | PROTECTED A // REL FVEY-UK | — |
| 3 | CONFIDENTIAL | — | — |
"""

from __future__ import annotations

import io
import json

import pytest
import stix2
from pypdf import PdfReader

from tests.cycle.conftest import Cycle, requirement_draft
from vigie.cycle import coverage, outputs, products, release, requirements
from vigie.errors import Forbidden, InvalidInput, NotFound
from vigie.model.handling import Handling, Marking
from vigie.model.product import Decision, ParagraphDraft, ProductKind, ProductStatus, Rating

REL_UK = Handling.make("PROTECTED A", releasable_to=["FVEY-UK"])
SECRET_CEO = Handling.make("SECRET", caveats=["CANADIAN EYES ONLY"])
SECRET_TEXT = "Viktor Sokolov runs the Beirut print shop for the network."


def write_bulletin(cycle: Cycle) -> tuple[int, int]:
    """The bulletin of the module docstring, answering a requirement; returns both ids."""
    store, analyst = cycle.store, cycle.analyst
    need = requirements.create_requirement(store, analyst, requirement_draft())
    found = products.create_product(
        store, analyst, ProductKind.BULLETIN, "Passport brokers in Beirut", REL_UK, need.id
    )
    products.add_paragraph(
        store,
        analyst,
        found.id,
        ParagraphDraft(
            "Amira Haddad brokers forged passports for travellers to Canada.",
            REL_UK,
            cite_entities=("p-amira",),
        ),
    )
    products.add_paragraph(
        store,
        analyst,
        found.id,
        ParagraphDraft(SECRET_TEXT, SECRET_CEO, "A second broker prints the passports.", REL_UK),
    )
    products.add_paragraph(
        store,
        analyst,
        found.id,
        ParagraphDraft(
            "Liaison reporting links her to Ivan Petrov.", Handling.make("CONFIDENTIAL")
        ),
    )
    return need.id, found.id


def test_portion_marking_and_approval(cycle: Cycle) -> None:
    store, analyst, supervisor = cycle.store, cycle.analyst, cycle.supervisor
    _need, product_id = write_bulletin(cycle)
    found, shown = products.read_product(store, analyst, product_id)
    assert found.status is ProductStatus.DRAFT and len(shown.paragraphs) == 3
    # The overall marking is never lower than the highest portion, cited facts included.
    assert shown.handling.marking is Marking.SECRET
    assert "CANADIAN EYES ONLY" in shown.handling.caveats
    # The author and the reviewer see each tear-line beside its paragraph, to check it.
    assert shown.paragraphs[1].alternative == "A second broker prints the passports."
    assert shown.paragraphs[1].alternative_handling == REL_UK
    grades = {(c.prop, c.grading.code) for c in shown.citations}
    assert ("notes", "C3") in grades and ("name", "B2") in grades

    with pytest.raises(Forbidden):
        products.read_product(store, cycle.partner_uk, product_id)
    with pytest.raises(InvalidInput, match="approved"):
        release.release_product(store, analyst, product_id, "partner-uk", "MOU CA-UK 2019")
    products.submit(store, analyst, product_id)
    with pytest.raises(InvalidInput, match="review"):
        products.add_paragraph(store, analyst, product_id, ParagraphDraft("More text.", REL_UK))
    with pytest.raises(Forbidden):
        products.decide(store, analyst, product_id, Decision.APPROVE, "Looks fine")
    approved = products.decide(store, supervisor, product_id, Decision.APPROVE, "Well sourced")
    assert approved.status is ProductStatus.APPROVED and approved.current.decided_by == "supervisor"

    # An edit after approval opens version 2; version 1 stays as approved.
    products.add_paragraph(store, analyst, product_id, ParagraphDraft("Update follows.", REL_UK))
    edited, current = products.read_product(store, analyst, product_id)
    assert edited.version == 2 and edited.status is ProductStatus.DRAFT
    assert len(current.paragraphs) == 4
    _same, first = products.read_product(store, analyst, product_id, 1)
    assert len(first.paragraphs) == 3 and edited.approved_version == 1


def test_release_redacts_for_the_partner(cycle: Cycle) -> None:
    store, analyst, supervisor = cycle.store, cycle.analyst, cycle.supervisor
    need_id, product_id = write_bulletin(cycle)
    products.submit(store, analyst, product_id)
    products.decide(store, supervisor, product_id, Decision.APPROVE, "Well sourced")
    with pytest.raises(InvalidInput, match="partner account"):
        release.release_product(store, analyst, product_id, "officer", "MOU CA-UK 2019")
    sent_to, sent = release.release_product(store, analyst, product_id, "partner-uk", "MOU 2019")
    assert [p.tearline for p in sent.paragraphs] == [False, True]
    assert sent.withheld_paragraphs == 1
    assert sent.handling.marking is Marking.PROTECTED_A
    assert "FVEY-UK" in sent.handling.releasable_to and not sent.handling.caveats
    values = {c.value for c in sent.citations}
    assert "Amira Haddad" in values and "Document broker" not in values
    assert sent.withheld_citations == 1
    with pytest.raises(InvalidInput, match="already released"):
        release.release_product(store, analyst, product_id, "partner-uk", "MOU 2019")

    # The partner reads it back, rebuilt with its own profile; another partner cannot.
    again, rebuilt = release.read_release(store, cycle.partner_uk, sent_to.id, "pdf")
    assert rebuilt == sent and again.authority == "MOU 2019"
    with pytest.raises(NotFound):
        release.read_release(store, cycle.partner_us, sent_to.id)

    info = outputs.ReleaseInfo(
        again.partner, again.organisation, again.released_by, again.released_at, again.authority
    )
    html = outputs.html_document(rebuilt, info)
    assert "Amira Haddad" in html and SECRET_TEXT not in html and "Document broker" not in html

    # Feedback goes to the product and its requirement.
    with pytest.raises(Forbidden):
        release.give_feedback(store, analyst, sent_to.id, Rating.USEFUL, "")
    release.give_feedback(store, cycle.partner_uk, sent_to.id, Rating.ACTIONED, "Arrest made")
    [covered] = coverage.coverage(store, analyst, need_id)
    assert covered.feedback == {"actioned": 1} and covered.products[0][0] == product_id


def test_pdf_and_stix_outputs(cycle: Cycle, backend: str) -> None:
    if backend != "sqlite":
        pytest.skip("the outputs do not depend on the database; drawn once")
    store, analyst = cycle.store, cycle.analyst
    _need, product_id = write_bulletin(cycle)
    products.submit(store, analyst, product_id)
    products.decide(store, cycle.supervisor, product_id, Decision.APPROVE, "Well sourced")
    sent_to, sent = release.release_product(store, analyst, product_id, "partner-uk", "MOU 2019")
    info = outputs.ReleaseInfo("partner-uk", "FVEY-UK", "analyst", sent_to.released_at, "MOU")

    pdf = PdfReader(io.BytesIO(outputs.pdf_document(sent, info)))
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Amira Haddad" in text and "A second broker prints the passports." in text
    assert "SECRET" not in text and "CANADIAN EYES ONLY" not in text
    assert "Document broker" not in text and "Viktor" not in text
    for page in pdf.pages:
        assert page.extract_text().count("PROTECTED A // REL FVEY-UK") >= 2

    bundle = outputs.stix_bundle(sent, info)
    serialized = bundle.serialize()
    parsed = stix2.parse(serialized, allow_custom=False)
    assert json.loads(parsed.serialize()) == json.loads(serialized)
    statements = {o.definition.statement for o in parsed.objects if o.type == "marking-definition"}
    assert "PROTECTED A // REL FVEY-UK" in statements
    assert not any("SECRET" in s for s in statements)
    [report] = [o for o in parsed.objects if o.type == "report"]
    assert report.name == "Passport brokers in Beirut"
    assert outputs.stix_bundle(sent, info).serialize() == serialized

    [amira] = [json.loads(line) for line in outputs.ftm_json(sent).splitlines()]
    assert amira["id"] == "p-amira" and "notes" not in amira["properties"]
