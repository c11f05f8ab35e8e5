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
    findings_frame,
    framing_frame,
    outlets_frame,
    outlets_schema,
    rate_column,
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
    for row, finding in zip(frame.iter_rows(named=True), comparison.findings, strict=True):
        assert row["event_id"] == "bridge"
        assert (row["outlet"], row["other_outlet"], row["span_outlet"]) == (
            names[finding.outlet],
            names[finding.other],
            names[finding.doc],
        )
        assert (row["kind"], row["change"], row["category"], row["text"]) == (
            finding.kind,
            finding.change,
            finding.category,
            finding.text,
        )
        assert (row["sentence"], row["start"], row["end"]) == (finding.sentence, finding.start, finding.end)
        assert (row["other_start"], row["other_end"]) == (finding.other_span or (None, None))


def test_outlets_frame_copies_summaries_and_splits_rates(comparison: Comparison) -> None:
    frame = outlets_frame(comparison, event_id="bridge", categories=CATEGORIES)
    assert frame.schema == pl.Schema(outlets_schema(CATEGORIES))
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
        parts = sum(row[rate_column(c)] for c in CATEGORIES if c != ATTRIBUTION)
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
    assert outlets_frame(empty, event_id="e", categories=CATEGORIES).schema == pl.Schema(
        outlets_schema(CATEGORIES)
    )
