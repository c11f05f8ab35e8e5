"""Outlet names from the article's own words: self-references count, citations of others never do."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from outletdiff.load import document_from_text, load_path
from outletdiff.outlet_name import outlet_from_text

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
BASIL = Path(__file__).resolve().parents[2] / "shared" / "data" / "basil" / "articles"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Self-references, each frame alone.
        ("Putin is testing the waters, RadarOnline.com has learned.", "RadarOnline.com"),
        ("As RadarOnline.com previously reported, the rumors came after a threat.", "RadarOnline.com"),
        ("Never miss a story — sign up for the RadarOnline.com newsletter.", "RadarOnline.com"),
        ("Sign up for The Harbour Herald's daily newsletter.", "The Harbour Herald"),
        ("The talks went on.\nCopyright 2024 Northern Ledger. All rights reserved.", "Northern Ledger"),
        ("The talks went on.\n© 2025 DailyBuzz.com", "DailyBuzz.com"),
        ("The Sun can reveal that the singer quit the show.", "The Sun"),
        ("MailOnline understands that the deal collapsed.", "MailOnline"),
        ("The White House did not respond to HuffPost's request for comment.", "HuffPost"),
        # "told X" twice (or once beside a stronger frame) names the outlet.
        (
            "A spokesman told Fox News Digital on Friday. Another aide told Fox News Digital.",
            "Fox News Digital",
        ),
        ("An aide told HuffPost. HuffPost has reached out to the campaign.", "HuffPost"),
        # The most frequent self-named outlet wins.
        (
            "Sign up for the Buzz Daily newsletter. As DailyBuzz.com previously reported, x. "
            "DailyBuzz.com has learned y.",
            "DailyBuzz.com",
        ),
    ],
)
def test_self_references_name_the_outlet(text: str, name: str) -> None:
    assert outlet_from_text(text) == name


@pytest.mark.parametrize(
    "text",
    [
        # Citations of other outlets, in the third person.
        "According to Daily Mail, two Kremlin insiders claimed Putin approached US officials.",
        "Bloomberg reported earlier this week that Putin had put out feelers.",
        "The Kremlin denied the report, Reuters reported.",
        "As The New York Times first reported, the deal collapsed.",
        "As Bloomberg reported on Tuesday, the talks stalled.",
        # "told X" once is as often a citation as a self-reference: not enough alone.
        '"He is not welcome," Mr. Fox told CNN.',
        # "told X" of an outlet the article also cites is a citation.
        "Bloomberg reported the talks. Peskov told Bloomberg News so. He told Bloomberg News again.",
        # An interviewer's outlet, and an interview the article only relays.
        "Trump told NBC's Lester Holt. Trump told NBC's Lester Holt again.",
        "Mr. Trump told Axios during an interview that was released on Tuesday. Mr. Trump told Axios that x.",
        # People are not outlets, whatever the frame.
        "Trump has learned his lesson. He told Putin so. He told Putin again.",
        "The talks went on and nobody said anything about them.",
    ],
)
def test_citations_and_people_name_no_outlet(text: str) -> None:
    assert outlet_from_text(text) is None


def test_the_bundled_pair_names_only_the_outlet_that_names_itself() -> None:
    corpus = Path(__file__).resolve().parents[1] / "corpus" / "putin-talks"
    assert outlet_from_text((corpus / "radaronline.txt").read_text(encoding="utf-8")) == "RadarOnline.com"
    # It cites Reuters and Bloomberg ("Peskov told Bloomberg News"), and never names itself.
    assert outlet_from_text((corpus / "outlet-a.txt").read_text(encoding="utf-8")) is None


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the original seed articles are not in ../shared/seeds")
def test_the_seed_articles_get_their_own_names_or_their_file_names(tmp_path: Path) -> None:
    radar = SEEDS / "003_3d8c0f074bc3ba56.txt"  # "RadarOnline.com has learned"
    citing = SEEDS / "000_cf139ca43386e5eb.txt"  # cites Reuters and Bloomberg, names no outlet of its own
    assert load_path(radar).outlet == "RadarOnline.com"
    assert load_path(citing).outlet == "000_cf139ca43386e5eb"


def test_metadata_first_then_the_text_then_the_file_name(tmp_path: Path) -> None:
    body = (
        "The harbor bridge closed on Monday, DailyBuzz.com has learned, after a storm damaged two cables.\n"
    )
    path = tmp_path / "buzz.txt"
    path.write_text(body, encoding="utf-8")
    assert load_path(path).outlet == "DailyBuzz.com"
    assert load_path(path, label="Buzz").outlet == "Buzz"
    path.write_text("---\noutlet: Daily Buzz\n---\n" + body, encoding="utf-8")
    assert load_path(path).outlet == "Daily Buzz"
    path.write_text(
        "The harbor bridge closed on Monday after a storm damaged two cables, Reuters reported.\n",
        encoding="utf-8",
    )
    assert load_path(path).outlet == "buzz"
    assert document_from_text("Sign up for the DailyBuzz.com newsletter.").outlet == "DailyBuzz.com"


@pytest.mark.skipif(not BASIL.is_dir(), reason="BASIL is not in ../shared/data")
def test_never_names_a_basil_article_after_another_outlet() -> None:
    # 300 real articles (Fox News, The New York Times, HuffPost) that cite each other and many more.
    own = {"fox": {"Fox News", "Fox News Digital", "FoxNews.com"}, "hpo": {"HuffPost", "The Huffington Post"}}
    named = 0
    for path in sorted(BASIL.glob("*/*.json")):
        article = json.loads(path.read_text(encoding="utf-8"))
        text = "\n".join(" ".join(paragraph) for paragraph in article["body-paragraphs"])
        name = outlet_from_text(text)
        if name is not None:
            named += 1
            assert name in own.get(article["source"].lower(), set()), (path.name, name)
    assert named >= 14  # 10 of Fox News's 100 articles and 4 of HuffPost's name their outlet


def test_a_huge_pasted_page_is_read_at_its_head_and_tail_only() -> None:
    import time

    text = "RadarOnline.com has learned that " + "Fox News told CNN As Bloomberg reported " * 250_000
    started = time.perf_counter()
    assert outlet_from_text(text) == "RadarOnline.com"
    assert time.perf_counter() - started < 10  # about a second for 10 MB on a slow machine
