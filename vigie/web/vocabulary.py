"""The words the workspace prints for Vigie's codes: markings, roles, clearances, Admiralty
grades and lookout categories and statuses, in the active language.

Each is a function rather than a constant table so that ``_`` runs when a page is drawn, in that
page's language, and so that the extractor finds every message as a literal. The English grading
words are those of ``vigie.model.grading``; a test keeps the two in step.
"""

from __future__ import annotations

from vigie.i18n import _
from vigie.model.grading import Grading
from vigie.model.handling import Handling, Marking
from vigie.model.lookout import Category, Status
from vigie.policy.reader import Clearance, Role


def marking_label(marking: Marking) -> str:
    """A marking as printed on a banner, e.g. ``PROTECTED B`` or ``PROTÉGÉ B``."""
    labels = {
        Marking.UNCLASSIFIED: _("UNCLASSIFIED"),
        Marking.PROTECTED_A: _("PROTECTED A"),
        Marking.PROTECTED_B: _("PROTECTED B"),
        Marking.PROTECTED_C: _("PROTECTED C"),
        Marking.CONFIDENTIAL: _("CONFIDENTIAL"),
        Marking.SECRET: _("SECRET"),
        Marking.TOP_SECRET: _("TOP SECRET"),
    }
    return labels[marking]


def banner_text(handling: Handling) -> str:
    """A handling's banner with its marking in the active language; caveats, compartments and
    partners are labels and stay as written."""
    # Handling.banner always starts with the marking's English label: replace just that part so
    # the order and separators of the banner stay defined in one place.
    return marking_label(handling.marking) + handling.banner[len(handling.marking.label) :]


def marking_class(handling: Handling) -> str:
    """The CSS class that gives a banner or portion marking its standard colour."""
    if handling.marking >= Marking.TOP_SECRET:
        return "m-top-secret"
    if handling.marking >= Marking.SECRET:
        return "m-secret"
    if handling.marking >= Marking.CONFIDENTIAL:
        return "m-confidential"
    if handling.marking >= Marking.PROTECTED_A:
        return "m-protected"
    return "m-unclassified"


def role_label(role: Role) -> str:
    """A role's name for people."""
    labels = {
        Role.ANALYST: _("Intelligence analyst"),
        Role.MIGRATION_INTEGRITY_OFFICER: _("Migration integrity officer"),
        Role.REGIONAL_ANALYST: _("Regional intelligence analyst"),
        Role.OFFICER: _("Visa and immigration officer"),
        Role.SUPERVISOR: _("Supervisor"),
        Role.AUDITOR: _("Privacy and audit officer"),
        Role.ADMIN: _("Administrator"),
        Role.PARTNER: _("Partner agency"),
    }
    return labels[role]


def clearance_label(clearance: Clearance) -> str:
    """A clearance's name for people."""
    labels = {
        Clearance.RELIABILITY: _("Reliability status"),
        Clearance.SECRET: _("Secret clearance"),
        Clearance.TOP_SECRET: _("Top Secret clearance"),
    }
    return labels[clearance]


def reliability_words(letter: str) -> str:
    """What a source-reliability letter (A–F) means."""
    words = {
        "A": _("Completely reliable"),
        "B": _("Usually reliable"),
        "C": _("Fairly reliable"),
        "D": _("Not usually reliable"),
        "E": _("Unreliable"),
        "F": _("Reliability cannot be judged"),
    }
    return words[letter]


def credibility_words(digit: str) -> str:
    """What an information-credibility digit (1–6) means."""
    words = {
        "1": _("Confirmed by other sources"),
        "2": _("Probably true"),
        "3": _("Possibly true"),
        "4": _("Doubtful"),
        "5": _("Improbable"),
        "6": _("Truth cannot be judged"),
    }
    return words[digit]


def grading_words(grading: Grading) -> str:
    """An Admiralty grade spelled out, for the tooltip of its code."""
    return _("Source: {reliability}. Information: {credibility}.").format(
        reliability=reliability_words(grading.reliability.value),
        credibility=credibility_words(grading.credibility.value),
    )


def category_label(category: Category) -> str:
    """A lookout category's name for people."""
    labels = {
        Category.TERRORISM: _("Terrorism"),
        Category.WAR_CRIMES: _("War crimes"),
        Category.ORGANIZED_CRIME: _("Organized crime"),
        Category.IRREGULAR_MIGRATION: _("Irregular migration"),
        Category.SMUGGLING_TRAFFICKING: _("Smuggling and trafficking"),
        Category.DOCUMENT_FRAUD: _("Document fraud"),
        Category.OTHER: _("Other"),
    }
    return labels[category]


def status_label(status: Status) -> str:
    """A lookout status's name for people."""
    labels = {
        Status.PENDING: _("Pending"),
        Status.APPROVED: _("Approved"),
        Status.REJECTED: _("Rejected"),
        Status.WITHDRAWN: _("Withdrawn"),
    }
    return labels[status]


def link_kind_label(kind: str) -> str | None:
    """The name of one of Vigie's own kinds of link (those the link analysis derives), or None
    for FollowTheMoney's relationship schemata and properties, which FtM names."""
    labels = {
        "shared-phone": _("Shared phone"),
        "shared-email": _("Shared e-mail"),
        "shared-address": _("Shared address"),
        "shared-document": _("Shared document"),
        "shared-booking": _("Shared booking"),
        "same-identity": _("Same name and birth date"),
        "co-travel": _("Travelled together"),
        "event": _("Same event"),
    }
    return labels.get(kind)


def screening_feature_label(feature: str) -> str:
    """The name of a feature of a screening score (``vigie.screen.features``), or the feature's
    code when it has none here yet."""
    labels = {
        "name": _("Name"),
        "unconfirmed": _("Unconfirmed name"),
        "birth_date": _("Birth date"),
        "nationality": _("Nationality"),
        "sex": _("Sex"),
        "document": _("Document"),
        "birth_place": _("Birth place"),
        "common_name": _("How common the name is"),
        "listing": _("Age when listed"),
    }
    return labels.get(feature, feature)


def gender_label(value: str) -> str:
    """FollowTheMoney's gender codes, as a reader says them."""
    labels = {"male": _("male"), "female": _("female"), "other": _("Other")}
    return labels.get(value, value)


def hit_status_label(status: str) -> str:
    """Where a screening hit stands (``vigie.screen.adjudication.STATUSES``), in words."""
    labels = {
        "pending": _("Pending"),
        "true-match": _("True match"),
        "false-positive": _("False positive"),
        "refer": _("Referred"),
        "cleared": _("Cleared before"),
        "suppressed": _("Suppressed (redress)"),
    }
    return labels.get(status, status)
