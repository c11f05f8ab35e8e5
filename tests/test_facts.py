"""Fact extraction (numbers with units, dates, named entities, sameness) and fact verdicts."""

from __future__ import annotations

from itertools import product

from outletdiff.extract.facts import FactIndex, find_facts, resolve_date, same_fact
from outletdiff.inline import scored_word_diff
from outletdiff.model import Alignment, DateValue, Document, Fact, Link, Name, Quantity, Sentence
from outletdiff.verdicts.facts import fact_verdicts


def facts(text: str, kind: str = "paragraph", doc: int = 0) -> dict[str, Fact]:
    sentence = Sentence(doc, 0, 0, len(text), text, kind, 0)  # type: ignore[arg-type]
    found = find_facts(doc, text, (sentence,))
    for fact in found:
        assert text[fact.start : fact.end] == fact.text
    return {fact.text: fact for fact in found}


def values(text: str, kind: str = "paragraph") -> list[tuple[str, str, str]]:
    return [(f.text, f.kind, f.value) for f in facts(text, kind).values()]


def test_numbers_with_units_and_approximations() -> None:
    found = facts("Nearly two years on, 300 troops and $5 million arrived; two Kremlin insiders spoke.")
    assert found["300 troops"].value == "300 troop"
    assert found["$5 million"].value == "USD 5000000"
    assert found["Nearly two years"].value == "~ 2 year"
    assert found["two Kremlin insiders"].value == "2 insider"


def test_a_counted_noun_runs_to_its_plural_and_units_may_be_attached() -> None:
    assert values("Before 40,000 rock 'n' roll fans arrived, gusts of 70mph hit and it cost 2.3m euros.") == [
        ("40,000 rock 'n' roll fans", "number", "40000 rock roll fan"),
        ("70mph", "number", "70 mph"),
        ("2.3m euros", "number", "2300000 euro"),
    ]
    # No plural among the words after the number: the first word alone is the unit.
    assert values("We won't put 45,000 people in a field.") == [("45,000 people", "number", "45000 people")]


def typed(text: str) -> list[tuple[str, object]]:
    return [(f.text, f.typed) for f in facts(text).values()]


def test_numbers_are_typed_quantities() -> None:
    assert typed("Nearly two years on, more than 300 troops and $5 million arrived; 12% left.") == [
        ("Nearly two years", Quantity(2.0, unit="year", approximate=True, bound="~")),
        ("more than 300 troops", Quantity(300.0, unit="troop", bound=">")),
        ("$5 million", Quantity(5_000_000.0, currency="USD")),
        ("12%", Quantity(12.0, percent=True)),
    ]
    # One quantity, a range with no single amount; not "Ten" and "thousands of soldiers".
    assert typed("Tens of thousands of soldiers crossed.") == [
        (
            "Tens of thousands of soldiers",
            Quantity(None, low=10_000.0, high=100_000.0, unit="soldier", approximate=True),
        )
    ]
    assert typed("Hundreds of millions of dollars moved.")[0][1] == Quantity(
        None, low=1e8, high=1e9, unit="dollar", approximate=True
    )
    assert typed("Thousands of people marched.") == [
        ("Thousands of people", Quantity(1000.0, unit="people", approximate=True))
    ]
    assert facts("Nearly two years on.")["Nearly two years"].value == "~ 2 year"
    assert [f.text for f in facts("The tenth man and a tense wait.").values()] == []  # no "ten" in words


def test_dates_are_typed_date_parts() -> None:
    assert typed("It burned on Tuesday, June 10, as in the 1990s, by 4 a.m. and last month.") == [
        ("Tuesday, June 10", DateValue(month=6, day=10, weekday="tue")),
        ("1990s", DateValue(decade=1990)),
        ("4 a.m.", DateValue(time="4am")),
        ("last month", DateValue(relative="month-1")),
    ]
    assert typed("It ended two years ago.") == [("two years ago", DateValue(relative="year-2"))]


def test_names_are_typed_words_with_a_kind() -> None:
    assert typed("U.S. Secretary of State Antony Blinken met Mr. Obama at the Pentagon.") == [
        ("U.S.", Name(("us",), "acronym")),
        ("Antony Blinken", Name(("antony", "blinken"), "person")),
        ("Obama", Name(("obama",), "person")),
        ("Pentagon", Name(("pentagon",), "organisation")),
    ]
    assert typed("Halvorsen Systems hired Ana Ruiz.") == [
        ("Halvorsen Systems", Name(("halvorsen", "systems"), "organisation")),
        ("Ana Ruiz", Name(("ana", "ruiz"))),
    ]


def test_compass_points_weekdays_and_the_outlets_are_no_entities() -> None:
    assert typed("The West condemned the move, officials in Oslo said.") == [
        ("Oslo", Name(("oslo",))),
    ]
    assert [f.kind for f in facts("THURSDAY: Talks resumed on Thursday.").values()] == ["date", "date"]
    text = "GigGossip.net has learned that Marsh met Valley Gazette editors."
    sentence = Sentence(0, 0, 0, len(text), text, "paragraph", 0)
    found = find_facts(0, text, (sentence,), outlets=("GigGossip.net", "Valley Gazette"))
    assert [f.text for f in found] == ["Marsh"]


def test_dates_become_components() -> None:
    assert values("The fire started late on Tuesday, June 10, after talks in February 2022.") == [
        ("Tuesday, June 10", "date", "date:m=6 d=10 wd=tue"),
        ("February 2022", "date", "date:y=2022 m=2"),
    ]
    assert values("It was out by 4 a.m. on Monday night, last month, and repairs began two years ago.") == [
        ("4 a.m. on Monday night", "date", "date:wd=mon time=4am part=night"),
        ("last month", "date", "date:rel=month-1"),
        ("two years ago", "date", "date:rel=year-2"),
    ]
    assert facts("Officials met earlier this week.")["earlier this week"].value == "date:rel=week+0"


def test_relative_dates_resolve_with_the_publication_date() -> None:
    last_month = facts("He called last month.")["last month"]
    assert resolve_date(last_month, "2024-01-26").value == "date:y=2023 m=12"
    assert resolve_date(last_month, None) == last_month
    yesterday = facts("He called yesterday.")["yesterday"]
    assert resolve_date(yesterday, "2025-06-12").value == "date:y=2025 m=6 d=11 wd=wed"
    this_week = facts("He called this week.")["this week"]
    assert resolve_date(this_week, "2025-06-12") == this_week  # no single component names a week


def test_same_fact_for_numbers_ignores_approximation_but_not_unit() -> None:
    found = facts("About 1,200 jobs, then 1,200 jobs, then 1,200 people, then 1,200, then 1,500 jobs.")
    about, jobs, people, bare, more = (
        found["About 1,200 jobs"],
        found["1,200 jobs"],
        found["1,200 people"],
        found["1,200"],
        found["1,500 jobs"],
    )
    assert same_fact(about, jobs) and same_fact(bare, people) and same_fact(bare, jobs)
    assert not same_fact(jobs, people) and not same_fact(jobs, more)
    assert not same_fact(facts("It cost $5 million.")["$5 million"], facts("It cost 5 million.")["5 million"])


def test_same_fact_for_dates_compares_the_components_both_give() -> None:
    found = facts("On Monday evening, on Monday night, on Tuesday, June 10, on Tuesday and in June 2025.")
    assert same_fact(found["Monday evening"], found["Monday night"])
    assert same_fact(found["Tuesday, June 10"], found["Tuesday"])
    assert same_fact(found["Tuesday, June 10"], found["June 2025"])
    assert not same_fact(found["Tuesday"], found["Monday night"])
    week, month = facts("earlier this week and in February 2022").values()
    assert not same_fact(week, month)  # nothing in common: not the same, and not comparable


def test_named_entities_split_at_role_words() -> None:
    text = (
        "Meanwhile, Kremlin spokesman Dmitry Peskov spoke at Kant Baltic Federal University. "
        "Poland and Lithuania border it."
    )
    sentences = (
        Sentence(0, 0, 0, text.index(" Poland"), text[: text.index(" Poland")], "paragraph", 0),
        Sentence(0, 1, text.index("Poland"), len(text), text[text.index("Poland") :], "paragraph", 0),
    )
    names = {fact.text: fact.value for fact in find_facts(0, text, sentences) if fact.kind == "entity"}
    assert names == {
        "Kremlin": "kremlin",
        "Dmitry Peskov": "dmitry peskov",
        "Kant Baltic Federal University": "kant baltic federal university",
        "Poland": "poland",
        "Lithuania": "lithuania",
    }
    assert values("U.S. Secretary of State Antony Blinken met Mr. Obama.") == [
        ("U.S.", "entity", "us"),
        ("Antony Blinken", "entity", "antony blinken"),
        ("Obama", "entity", "obama"),
    ]
    # A lone common word in front of a role names nothing: "Health" of "Health Minister".
    assert values("Health Minister Ana Ruiz visited.") == [("Ana Ruiz", "entity", "ana ruiz")]


def test_capitalised_common_words_are_not_names() -> None:
    # Sentence-initial common words, alone.
    assert values("Territorial integrity matters.") == []
    assert values("Celebrity news.") == []
    assert values("Critics say so.") == []
    assert values("Rock-bottom morale hit staff.") == []
    # ... but a capitalised word after a comma is a name, and so is a multi-word start.
    assert values("He and his brother, Tony, ran it.") == [("Tony", "entity", "tony")]
    assert values("Interior Ministry officials spoke.") == [
        ("Interior Ministry", "entity", "interior ministry")
    ]
    # "-based" is not part of the place; a nationality used as an adjective is no fact.
    assert values("The Oslo-based firm met Kastorian officials and European leaders.") == [
        ("Oslo", "entity", "oslo")
    ]
    # All capitals: an acronym is a name, a shouted common word is not.
    assert values("CHAOS as NATO and the US act.") == [("NATO", "entity", "nato"), ("US", "entity", "us")]


def test_headline_capitals_need_evidence_from_the_body() -> None:
    text = (
        "Harbour Bridge Closed For Repairs After Cracks Found\n"
        "The Harbour Bridge was closed after cracks were found."
    )
    cut = text.index("\n")
    sentences = (
        Sentence(0, 0, 0, cut, text[:cut], "headline", 0),
        Sentence(0, 1, cut + 1, len(text), text[cut + 1 :], "paragraph", 1),
    )
    names = [(f.sentence, f.text) for f in find_facts(0, text, sentences) if f.kind == "entity"]
    assert names == [(0, "Harbour Bridge"), (1, "Harbour Bridge")]


def test_same_fact_accepts_a_shorter_form_of_a_name() -> None:
    peskov = Fact(0, 0, 0, 6, "Peskov", "entity", Name(("peskov",)))
    full = Fact(1, 0, 0, 12, "Dmitry Peskov", "entity", Name(("dmitry", "peskov"), "person"))
    halvorsen = Fact(0, 0, 0, 9, "Halvorsen", "entity", Name(("halvorsen",)))
    company = Fact(1, 0, 0, 17, "Halvorsen Systems", "entity", Name(("halvorsen", "systems"), "organisation"))
    assert same_fact(peskov, full) and same_fact(halvorsen, company)
    us = facts("The U.S. said so.")["U.S."]
    states = facts("Officials in the United States said so.")["United States"]
    assert same_fact(us, states)
    council = facts("The US National Security Council said so.")["US National Security Council"]
    chamber = facts("The Kessington Chamber of Commerce said so.")["Kessington Chamber of Commerce"]
    kessington = Fact(0, 0, 0, 10, "Kessington", "entity", Name(("kessington",)))
    assert not same_fact(us, council) and not same_fact(kessington, chamber)


def test_fact_index_agrees_with_same_fact() -> None:
    text = (
        "On Monday evening, Monday night, Tuesday, June 10, Tuesday, June 2025, 2025, last month and "
        "this week, about 1,200 jobs, 1,200 jobs, 1,200 people, 1,200, 1,500 jobs, $1,200 and 12% fell. "
        "Dmitry Peskov, Peskov, Halvorsen Systems, Halvorsen, the US National Security Council, US, "
        "the Kessington Chamber of Commerce and Kessington spoke."
    )
    found = list(facts(text).values())
    assert len(found) > 20
    for a, b in product(found, repeat=2):
        assert same_fact(a, b) == (a in FactIndex([b])) == same_fact(b, a), (a.text, b.text)
    index = FactIndex(found[:10])
    for fact in found:
        assert (fact in index) == any(same_fact(fact, other) for other in found[:10])


def test_non_english_text_does_not_crash() -> None:
    facts("Путин заявил 5 декабря, что переговоры возможны. 普京表示愿意谈判。")


# --- verdicts --------------------------------------------------------------------------------


def compared(
    pairs: list[tuple[str, str]],
    *,
    extra: tuple[str, str] = ("", ""),
    dates: tuple[str | None, str | None] = (None, None),
    outlets: tuple[str, str] = ("a", "b"),
    label: str = "edited",
) -> list[tuple[int, str, str, str | None]]:
    """Fact findings of two documents whose i-th sentences are linked counterparts; ``extra``
    sentences close each document unlinked. Returns (outlet, change, text, other_text)."""
    texts = [" ".join([p[side] for p in pairs] + ([extra[side]] if extra[side] else [])) for side in (0, 1)]
    sentences: list[tuple[Sentence, ...]] = []
    for side, text in enumerate(texts):
        parts = [p[side] for p in pairs] + ([extra[side]] if extra[side] else [])
        spans, at = [], 0
        for k, part in enumerate(parts):
            start = text.index(part, at)
            spans.append(Sentence(side, k, start, start + len(part), part, "paragraph", 0))
            at = start + len(part)
        sentences.append(tuple(spans))
    links = tuple(
        Link(k, k, "counterpart", label, 0.8, scored_word_diff(sentences[0][k], sentences[1][k]).ops)  # type: ignore[arg-type]
        for k in range(len(pairs))
    )
    status = tuple(["edited"] * len(pairs) + (["added"] if extra[0] else []))
    alignment = Alignment(0, 1, links, status, status)  # type: ignore[arg-type]
    documents = [Document(outlets[side], texts[side], f"{side}.txt", date=dates[side]) for side in (0, 1)]
    found = [f for side in (0, 1) for f in find_facts(side, texts[side], sentences[side])]
    findings = fact_verdicts(alignment, documents, sentences, found)
    for finding in findings:
        assert texts[finding.doc][finding.start : finding.end] == finding.text
    return sorted((f.outlet, f.change, f.text, f.other_text) for f in findings if f.change != "dropped")


def test_a_changed_number_in_linked_sentences_is_altered_once() -> None:
    assert compared(
        [
            (
                "Halvorsen will cut about 1,200 jobs by June.",
                "Halvorsen will cut as many as 1,500 jobs by June.",
            )
        ],
        extra=("It said 1,200 jobs would go.", ""),
    ) == [
        (0, "altered", "about 1,200 jobs", "as many as 1,500 jobs"),
        (1, "altered", "as many as 1,500 jobs", "about 1,200 jobs"),
    ]


def test_a_unit_counted_once_in_each_document_is_one_slot() -> None:
    assert compared(
        [("The bridge closed on Monday.", "The bridge shut on Monday.")],
        extra=("Drivers waited roughly 20 minutes.", "Queues lasted up to 45 minutes at the toll."),
    ) == [
        (0, "altered", "roughly 20 minutes", "up to 45 minutes"),
        (1, "altered", "up to 45 minutes", "roughly 20 minutes"),
    ]


def test_relative_dates_need_a_publication_date_to_differ() -> None:
    pair = [("Putin made an offer in December.", "Putin made an offer last month.")]
    assert compared(pair) == []  # perhaps the same month: neither altered nor added
    assert compared(pair, dates=(None, "2024-01-26")) == []  # last month is December
    assert compared(pair, dates=(None, "2023-12-05")) == [
        (0, "altered", "December", "last month"),
        (1, "altered", "last month", "December"),
    ]


def test_dates_without_a_common_component_are_not_altered() -> None:
    assert compared(
        [("Bloomberg reported earlier this week that Putin spoke.", "Putin spoke in February 2022.")]
    ) == [
        (0, "added", "Bloomberg", None),
        (0, "added", "earlier this week", None),
        (1, "added", "February 2022", None),
    ]


def test_weekday_changed_is_altered_and_part_of_day_is_not() -> None:
    assert compared([("A fire broke out on Tuesday, June 10.", "A fire broke out on Monday night.")]) == [
        (0, "altered", "Tuesday, June 10", "Monday night"),
        (1, "altered", "Monday night", "Tuesday, June 10"),
    ]
    assert compared([("The bridge closed on Monday evening.", "The bridge closed on Monday night.")]) == []


def test_same_amount_of_differently_named_things_is_no_difference() -> None:
    assert (
        compared([("The report cites two people close to him.", "The report cites two Kremlin insiders.")])
        == []
    )


def test_a_name_is_altered_only_when_swapped_for_a_name() -> None:
    swapped = compared(
        [
            (
                "The report was confirmed by Reuters on Friday.",
                "The report was confirmed by Bloomberg on Friday.",
            )
        ]
    )
    assert swapped == [(0, "altered", "Reuters", "Bloomberg"), (1, "altered", "Bloomberg", "Reuters")]
    reworded = compared(
        [
            (
                "Reuters reported the denial on Friday.",
                "The denial came on Friday, in a speech to the Russian Federation.",
            )
        ]
    )
    assert ("Reuters" in {text for _, change, text, _ in reworded if change == "added"}) and not any(
        change == "altered" for _, change, _, _ in reworded
    )


def test_the_outlets_own_name_is_not_a_fact() -> None:
    assert (
        compared(
            [("GigGossip.net has learned that Marsh quit.", "The Valley Gazette said Marsh quit.")],
            outlets=("GigGossip.net", "Valley Gazette"),
        )
        == []
    )
