from __future__ import annotations

from vigie.model.text import fold, skeletons


def test_fold_removes_accents_and_transliterates_scripts() -> None:
    assert fold("José MÜLLER-Ñúñez") == "jose muller nunez"
    assert fold("Евгений") == "evgenij"
    assert fold("王伟") == "wang wei"
    assert fold("  a\tb ") == "a b"


def test_skeleton_bridges_transliteration_variants() -> None:
    variants = ["Mohammed", "Muhammad", "Mohamed", "محمد"]
    assert {skeletons(v) for v in variants} == {"mhmd"}
    assert skeletons("Yevgeny") == skeletons("Evgeny") == skeletons("Евгений")
    assert skeletons("Hussein") == skeletons("Husayn") == skeletons("حسين")
    assert skeletons("L898902C3") == ""
