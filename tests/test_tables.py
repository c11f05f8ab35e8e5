"""Comparison -> polars tables: one row per finding / outlet / framing word, values read not recomputed."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from outletdiff.extract.lexicon import ATTRIBUTION
from outletdiff.load import load_paths
from outletdiff.model import Comparison
from outletdiff.options import CompareOptions
from outletdiff.pipeline import build_lexicon, compare
from outletdiff.tables import (
    FINDINGS_SCHEMA,
    FRAMING_SCHEMA,
    OUTLETS_SCHEMA,
    RATES_SCHEMA,
    findings_frame,
    framing_frame,
    outlets_frame,
    parse_day,
    rates_frame,
)

EVENT = Path(__file__).parent / "data" / "events" / "harbor-bridge-closure"
CATEGORIES = tuple(sorted(build_lexicon(CompareOptions()).reported_categories))


@pytest.fixture(scope="module")
def comparison() -> Comparison:
    return compare(load_paths(sorted(EVENT.glob("*.txt"))))


def test_findings_frame_has_one_row_per_finding(comparison: Comparison) -> None:
    frame = findings_frame(comparison, event_id="bridge")
    assert frame.schema == pl.Schema(FINDINGS_SCHEMA)
    assert frame.height == len(comparison.findings)
    names = [d.outlet for d in comparison.documents]
    for number, (row, finding) in enumerate(
        zip(frame.iter_rows(named=True), comparison.findings, strict=True)
    ):
        first = finding.versions[0]
        other = finding.versions[1] if len(finding.versions) > 1 else None
        assert (row["event_id"], row["finding"]) == ("bridge", number)
        assert (row["outlet"], row["other_outlet"]) == (names[first.doc], names[other.doc] if other else None)
        assert row["lacking"] == ("; ".join(names[doc] for doc in finding.lacking) or None)
        assert (row["kind"], row["change"], row["category"], row["text"]) == (
            finding.kind,
            finding.change,
            finding.category,
            finding.text,
        )
        assert (row["sentence"], row["start"], row["end"]) == (first.sentence, first.start, first.end)
        assert (row["other_start"], row["other_end"]) == ((other.start, other.end) if other else (None, None))


def test_outlets_frame_copies_summaries_and_rates_are_rows(comparison: Comparison) -> None:
    frame = outlets_frame(comparison, event_id="bridge")
    assert frame.schema == pl.Schema(OUTLETS_SCHEMA)
    rates = rates_frame(comparison, event_id="bridge", categories=CATEGORIES)
    assert rates.schema == pl.Schema(RATES_SCHEMA)
    assert rates.height == len(comparison.summaries) * len(CATEGORIES)
    assert frame.height == len(comparison.summaries) == 2
    for row, summary in zip(frame.iter_rows(named=True), comparison.summaries, strict=True):
        assert row["outlet"] == summary.outlet
        assert (row["sentences"], row["shared"], row["only_here"], row["quotes"]) == (
            summary.sentences,
            summary.shared,
            summary.only_here,
            summary.quotes,
        )
        assert row["framing_per_1000"] == summary.framing_per_1000
        # The loaded categories' rates add up to the total rate (up to rounding of each part);
        # attribution words have a rate column of their own but are not loaded words.
        mine = rates.filter((pl.col("outlet") == summary.outlet) & (pl.col("category") != ATTRIBUTION))
        parts = mine["per_1000"].sum()
        assert parts == pytest.approx(summary.framing_per_1000, abs=0.01 * len(CATEGORIES))
        kinds = row["sources_person"] + row["sources_institution"] + row["sources_outlet"]
        assert kinds + row["sources_anonymous"] == summary.sources
        assert row["share_exclusive"] == round(summary.only_here / summary.sentences, 4)


def test_framing_frame_lists_every_lexicon_hit(comparison: Comparison) -> None:
    frame = framing_frame(comparison, event_id="bridge")
    assert frame.schema == pl.Schema(FRAMING_SCHEMA)
    hits = [h for h in comparison.framing if h.from_lexicon]
    assert frame.height == len(hits) > 0
    loaded = (pl.col("voice") == "outlet") & (pl.col("category") != ATTRIBUTION)
    own = frame.filter(loaded).group_by("outlet").len().sort("outlet")
    by_summary = sorted(
        (s.outlet, s.framing_outlet_voice) for s in comparison.summaries if s.framing_outlet_voice
    )
    assert own.rows() == by_summary
    texts = {d.outlet: d.text for d in comparison.documents}
    for outlet, text, start, end in frame.select("outlet", "text", "start", "end").rows():
        assert texts[outlet][start:end] == text


def test_empty_comparison_parts_keep_the_schema(comparison: Comparison) -> None:
    from dataclasses import replace

    empty = replace(comparison, findings=(), framing=(), summaries=())
    assert findings_frame(empty, event_id="e").schema == pl.Schema(FINDINGS_SCHEMA)
    assert framing_frame(empty, event_id="e").height == 0
    assert outlets_frame(empty, event_id="e").schema == pl.Schema(OUTLETS_SCHEMA)
    assert rates_frame(empty, event_id="e", categories=CATEGORIES).schema == pl.Schema(RATES_SCHEMA)


def test_the_schema_does_not_change_with_the_lexicon(comparison: Comparison) -> None:
    # A lexicon with other categories adds rate rows, never columns.
    few = rates_frame(comparison, event_id="e", categories=("pejorative",))
    many = rates_frame(comparison, event_id="e", categories=(*CATEGORIES, "moral_care", "moral_harm"))
    assert few.schema == many.schema == pl.Schema(RATES_SCHEMA)
    assert many.height > few.height


def test_dates_are_dates() -> None:
    from datetime import date

    assert parse_day("2024-01-26") == date(2024, 1, 26)
    assert parse_day("2024-01-26T10:00:00Z") == date(2024, 1, 26)
    assert parse_day("last Tuesday") is None and parse_day(None) is None


def test_comparison_methods_give_the_tables_without_arguments(comparison: Comparison) -> None:
    # For Python and Jupyter: no event id to invent, and the same rows as the table functions.
    findings = comparison.findings_frame()
    assert findings.schema == pl.Schema(FINDINGS_SCHEMA)
    assert findings["event_id"].null_count() == findings.height == len(comparison.findings)
    assert findings.drop("event_id").equals(findings_frame(comparison, event_id="e").drop("event_id"))
    framing = comparison.framing_frame()
    assert framing.drop("event_id").equals(framing_frame(comparison, event_id="e").drop("event_id"))
    assert framing["event_id"].null_count() == framing.height
    outlets = comparison.outlets_frame()
    assert outlets.schema == pl.Schema(OUTLETS_SCHEMA)
    assert comparison.rates_frame().schema == pl.Schema(RATES_SCHEMA)
    assert outlets["outlet"].to_list() == [s.outlet for s in comparison.summaries]
    assert outlets["event_id"].to_list() == [None, None]
    for method in (
        Comparison.findings_frame,
        Comparison.outlets_frame,
        Comparison.framing_frame,
        Comparison.rates_frame,
    ):
        assert method.__doc__


def test_importing_outletdiff_does_not_import_polars() -> None:
    import subprocess
    import sys

    code = "import sys, outletdiff; print('polars' in sys.modules, 'matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False False"
