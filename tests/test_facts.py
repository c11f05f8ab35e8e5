"""Fact extraction: numbers with units, dates and time expressions, named entities."""

from __future__ import annotations

from outletdiff.extract.facts import find_facts, same_fact
from outletdiff.model import Fact, Sentence


def facts(text: str, kind: str = "paragraph") -> dict[str, Fact]:
    sentence = Sentence(0, 0, 0, len(text), text, kind, 0)  # type: ignore[arg-type]
    found = find_facts(0, text, (sentence,))
    for fact in found:
        assert text[fact.start : fact.end] == fact.text
    return {fact.text: fact for fact in found}


def test_numbers_with_units_and_approximations() -> None:
    found = facts("Nearly two years on, 300 troops and $5 million arrived; two Kremlin insiders spoke.")
    assert found["300 troops"].value == "300 troop"
    assert found["$5 million"].value == "USD 5000000"
    assert found["Nearly two years"].value == "~ 2 year"
    assert found["two Kremlin insiders"].kind == "number"


def test_dates_and_time_expressions() -> None:
    found = facts(
        "He met officials in December, on Thursday and last month, after the February 2022 invasion."
    )
    assert {"December", "Thursday", "last month", "February 2022"} <= set(found)
    assert found["February 2022"].value == "date:m2 2022"
    assert all(found[text].kind == "date" for text in ("December", "Thursday", "last month"))


def test_named_entities_with_titles_and_not_sentence_initial_words() -> None:
    text = (
        "Meanwhile, Kremlin spokesman Dmitry Peskov spoke at Kant Baltic Federal University. "
        "Poland and Lithuania border it."
    )
    sentences = (
        Sentence(0, 0, 0, text.index(" Poland"), text[: text.index(" Poland")], "paragraph", 0),
        Sentence(0, 1, text.index("Poland"), len(text), text[text.index("Poland") :], "paragraph", 0),
    )
    names = {fact.text: fact for fact in find_facts(0, text, sentences) if fact.kind == "entity"}
    assert set(names) == {
        "Kremlin spokesman Dmitry Peskov",
        "Kant Baltic Federal University",
        "Poland",
        "Lithuania",
    }
    assert names["Kremlin spokesman Dmitry Peskov"].value == "kremlin dmitry peskov"


def test_same_fact_accepts_a_shorter_form_of_a_name() -> None:
    peskov = Fact(0, 0, 0, 6, "Peskov", "entity", "peskov")
    full = Fact(1, 0, 0, 12, "Dmitry Peskov", "entity", "dmitry peskov")
    kremlin = Fact(1, 0, 0, 7, "Kremlin", "entity", "kremlin")
    assert same_fact(peskov, full) and not same_fact(kremlin, full)
    us = facts("The U.S. said so.")["U.S."]
    states = facts("Officials in the United States said so.")["United States"]
    assert same_fact(us, states)


def test_non_english_text_does_not_crash() -> None:
    facts("Путин заявил 5 декабря, что переговоры возможны. 普京表示愿意谈判。")
