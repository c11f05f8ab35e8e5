"""Events found in an unsorted pile: grouping, the manifest it writes, and the CLI around it."""

from __future__ import annotations

import csv
import json
import random
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from outletdiff.cli import app
from outletdiff.corpus import discover
from outletdiff.corpus.grouping import GroupOptions, group_articles, write_manifest
from outletdiff.corpus.lock import OutputLock
from outletdiff.corpus.pile import PileArticle, parse_date, read_pile
from outletdiff.errors import CorpusError
from outletdiff.tables import read_table

EVENTS = Path(__file__).parent / "data" / "events"


@pytest.fixture
def pile(tmp_path: Path) -> Path:
    """The ten test articles (five events, two outlets each) in one flat folder, names scrambled."""
    folder = tmp_path / "pile"
    folder.mkdir()
    files = sorted(EVENTS.glob("*/*.txt"))
    random.Random(7).shuffle(files)
    for number, file in enumerate(files):
        shutil.copy(file, folder / f"article-{number:02d}.txt")
    return folder


def _truth(articles: tuple[PileArticle, ...]) -> set[frozenset[str]]:
    """The true events of the scrambled pile, as sets of outlet names."""
    by_outlet = {}
    for file in EVENTS.glob("*/*.txt"):
        text = file.read_text(encoding="utf-8")
        outlet = next(line.split(": ", 1)[1] for line in text.splitlines() if line.startswith("outlet:"))
        by_outlet[outlet] = file.parent.name
    groups: dict[str, set[str]] = {}
    for article in articles:
        groups.setdefault(by_outlet[article.outlet], set()).add(article.outlet)
    return {frozenset(group) for group in groups.values()}


def test_the_pile_is_grouped_into_its_five_events(pile: Path) -> None:
    articles = read_pile(pile)
    assert len(articles) == 10 and all(article.path for article in articles)
    grouping = group_articles(articles)
    found = {frozenset(articles[i].outlet for i in event) for event in grouping.events}
    assert found == _truth(articles)
    assert grouping.ungrouped == ()
    assert len(set(grouping.event_ids)) == 5
    assert "2025-03-04-chaos-as-crumbling-kessington-bridge-shut-without" in grouping.event_ids


def test_articles_further_apart_than_the_window_are_not_one_event() -> None:
    text = (EVENTS / "harbor-bridge-closure" / "northern-ledger.txt").read_text(encoding="utf-8")
    other = (EVENTS / "kastoria-expulsions" / "eastern-dispatch.txt").read_text(encoding="utf-8")
    articles = [
        PileArticle("A", "a", text, date="2025-03-04"),
        PileArticle("B", "b", text, date="2025-03-14"),
        PileArticle("C", "c", other, date="2025-03-04"),
        PileArticle("D", "d", other, date="2025-03-05"),
    ]
    assert group_articles(articles).events == ((2, 3),)
    assert group_articles(articles, options=GroupOptions(window_days=10)).events == ((0, 1), (2, 3))


def test_one_outlet_never_appears_twice_in_an_event() -> None:
    text = (EVENTS / "harbor-bridge-closure" / "northern-ledger.txt").read_text(encoding="utf-8")
    articles = [PileArticle(outlet, str(n), text, date="2025-03-04") for n, outlet in enumerate("AaB")]
    events = group_articles(articles).events
    assert len(events) == 1 and len(events[0]) == 2 and 2 in events[0]


def test_dates_in_export_formats() -> None:
    assert [parse_date(v) is not None for v in ("2010-07-02", "2010-07-02T10:00:00Z", "July 2, 2010")] == [
        True,
        True,
        True,
    ]
    assert parse_date("sometime") is None and parse_date(None) is None


def test_manifest_pile_with_text_and_paragraph_exports(tmp_path: Path) -> None:
    """A JSON Lines export with text, and JSON files with paragraphs (as BASIL ships them)."""
    lines, folder = [], tmp_path / "exports"
    folder.mkdir()
    for number, file in enumerate(sorted(EVENTS.glob("*/*.txt"))):
        body = file.read_text(encoding="utf-8").split("---\n", 2)[2]
        meta = dict(
            line.split(": ", 1) for line in file.read_text(encoding="utf-8").split("---\n")[1].splitlines()
        )
        if number % 2:
            record = {"source": meta["outlet"], "date": meta["date"], "title": meta["title"]}
            record["body-paragraphs"] = [[p] for p in body.split("\n\n") if p.strip()]
            (folder / f"{number}.json").write_text(json.dumps(record), encoding="utf-8")
            lines.append({"outlet": meta["outlet"], "path": f"exports/{number}.json", "url": f"u{number}"})
        else:
            lines.append({**meta, "text": body, "url": f"https://example.org/{number}"})
    manifest = tmp_path / "pile.jsonl"
    manifest.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    articles = read_pile(manifest)
    assert sum(article.path is None for article in articles) == 10  # no file the loader reads as is
    grouping = group_articles(articles)
    assert len(grouping.events) == 5
    out = write_manifest(articles, grouping, tmp_path / "m" / "events.csv")
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    assert len(rows) == 10 and all(row["text"] and not row["path"] for row in rows)
    assert {row["url"] for row in rows} == {line["url"] for line in lines}
    assert len(discover(out).events) == 5


def test_unreadable_articles_are_listed_at_once(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("{}", encoding="utf-8")
    (tmp_path / "b.json").write_text('{"outlet": "X"}', encoding="utf-8")
    with pytest.raises(CorpusError) as caught:
        read_pile(tmp_path)
    assert caught.value.problems == [
        f"{tmp_path / 'a.json'}: cannot be read (no outlet (give an 'outlet' or 'source' field))",
        f"{tmp_path / 'b.json'}: cannot be read (no text (give 'text', 'body', 'paragraphs' or 'path'))",
    ]


def test_cli_events_writes_a_manifest_the_corpus_reads(pile: Path, tmp_path: Path) -> None:
    manifest = tmp_path / "events.csv"
    result = CliRunner().invoke(app, ["events", str(pile), "--out", str(manifest)])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "10 articles: 5 events of two or more outlets (10 articles), 0 matched no other outlet\n"
        f"Wrote {manifest}\n"
    )
    rows = list(csv.DictReader(manifest.read_text(encoding="utf-8").splitlines()))
    assert {row["path"] for row in rows} == {f"pile/{file.name}" for file in pile.iterdir()}
    assert [len(spec.articles) for spec in discover(manifest).events] == [2] * 5


def test_cli_corpus_group_compares_the_events_of_a_pile(pile: Path, tmp_path: Path) -> None:
    out = tmp_path / "reports"
    arguments = ["corpus", str(pile), "--group", "--out", str(out), "--jobs", "1", "--no-html"]
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        "10 articles: 5 events of two or more outlets (10 articles), 0 matched no other outlet; "
        f"events in {out / 'events.csv'}",
        f"5 events compared, 0 already done, 0 left out, in {out}",
    ]
    outlets = read_table(out, "outlets").collect()
    assert outlets.height == 10 and outlets["event_id"].n_unique() == 5


def test_cli_corpus_group_leaves_the_manifest_of_a_running_run_alone(pile: Path, tmp_path: Path) -> None:
    """The manifest is written under the output's lock: a second run refuses before touching it."""
    out = tmp_path / "reports"
    out.mkdir()
    (out / "events.csv").write_text("the first run's manifest\n", encoding="utf-8")
    arguments = ["corpus", str(pile), "--group", "--out", str(out), "--jobs", "1", "--no-html"]
    with OutputLock(out):  # another run holds the folder
        result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {out} is in use by another outletdiff run (pid ")
    assert result.stdout == ""
    assert (out / "events.csv").read_text(encoding="utf-8") == "the first run's manifest\n"
