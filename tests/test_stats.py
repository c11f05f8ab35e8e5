"""Corpus statistics: the log-odds against a hand-computed example, the other tables on tiny inputs, CLI."""

from __future__ import annotations

import builtins
import math
import shutil
import sys
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from outletdiff.cli import app
from outletdiff.corpus import run_corpus
from outletdiff.errors import OutletdiffError
from outletdiff.plot import plot_framing_rates
from outletdiff.stats import (
    corpus_stats,
    framing_rates,
    log_odds,
    quote_overlap,
    source_mix,
    top_framing_words,
)
from outletdiff.tables import read_table

EVENTS = Path(__file__).parent / "data" / "events"


def test_log_odds_matches_hand_computation() -> None:
    # Outlet A: 100 words, "slam" 3 times, "chaos" once.  Outlet B: 200 words, "slam" once, "chaos" 5 times.
    counts = pl.DataFrame(
        {"outlet": ["A", "A", "B", "B"], "term": ["slam", "chaos", "slam", "chaos"], "count": [3, 1, 1, 5]}
    )
    totals = pl.DataFrame({"outlet": ["A", "B"], "total": [100, 200]})
    table = log_odds(counts, totals)
    row = table.filter((pl.col("outlet") == "A") & (pl.col("term") == "slam")).row(0, named=True)
    # By hand: N = 300, y_slam = 4; prior a0 = N so alpha_slam = 300 * 4 / 300 = 4.
    # delta = ln((3 + 4) / (100 + 300 - 3 - 4)) - ln((1 + 4) / (200 + 300 - 1 - 4))
    #       = ln(7 / 393) - ln(5 / 495) = -4.027899 - (-4.595120) = 0.567220
    # var   = 1 / 7 + 1 / 5 = 0.342857;  z = 0.567220 / sqrt(0.342857) = 0.567220 / 0.585540 = 0.968713
    assert (row["count"], row["count_rest"]) == (3, 1)
    assert row["delta"] == pytest.approx(0.567220, abs=1e-6)
    assert row["variance"] == pytest.approx(0.342857, abs=1e-6)
    assert row["z"] == pytest.approx(0.968713, abs=1e-6)
    # The mirror image: B against A on the same word has the opposite sign and the same variance.
    mirror = table.filter((pl.col("outlet") == "B") & (pl.col("term") == "slam")).row(0, named=True)
    assert mirror["delta"] == pytest.approx(-0.567220, abs=1e-6)
    # A smaller explicit prior: a0 = 30, so alpha_slam = 30 * 4 / 300 = 0.4.
    weak = (
        log_odds(counts, totals, prior_size=30)
        .filter((pl.col("outlet") == "A") & (pl.col("term") == "slam"))
        .row(0, named=True)
    )
    expected = math.log(3.4 / (100 + 30 - 3.4)) - math.log(1.4 / (200 + 30 - 1.4))
    assert weak["delta"] == pytest.approx(expected, abs=1e-9)
    assert weak["z"] == pytest.approx(expected / math.sqrt(1 / 3.4 + 1 / 1.4), abs=1e-9)


def test_log_odds_gives_every_outlet_every_term() -> None:
    counts = pl.DataFrame({"outlet": ["A"], "term": ["slam"], "count": [2]})
    totals = pl.DataFrame({"outlet": ["A", "B"], "total": [50, 50]})
    table = log_odds(counts, totals)
    assert table.select("outlet", "term", "count", "count_rest").rows() == [
        ("A", "slam", 2, 0),
        ("B", "slam", 0, 2),
    ]
    assert table["z"][0] > 0 > table["z"][1]


FRAMING = pl.DataFrame(
    {
        "event_id": ["e1", "e1", "e1", "e2", "e1", "e2"],
        "outlet": ["A", "A", "A", "A", "B", "B"],
        "term": ["slam", "slam", "chaos", "slam", "chaos", "slam"],
        "category": ["loaded_verb", "loaded_verb", "evaluative", "loaded_verb", "evaluative", "loaded_verb"],
        "voice": ["outlet", "outlet", "outlet", "quoted", "outlet", "outlet"],
    }
)
OUTLETS = pl.DataFrame(
    {
        "event_id": ["e1", "e2", "e1", "e2"],
        "outlet": ["A", "A", "B", "B"],
        "outlet_voice_words": [300, 200, 400, 600],
        "sources_person": [2, 1, 0, 0],
        "sources_institution": [1, 0, 3, 1],
        "sources_outlet": [0, 0, 0, 0],
        "sources_anonymous": [0, 0, 1, 0],
    }
)


def test_top_framing_words_count_own_voice_only() -> None:
    table = top_framing_words(FRAMING, OUTLETS, top=5)
    assert table.rows() == [
        ("A", 1, "slam", "loaded_verb", 2, 4.0),  # 2 per 500 words; the quoted "slam" does not count
        ("A", 2, "chaos", "evaluative", 1, 2.0),
        ("B", 1, "chaos", "evaluative", 1, 1.0),
        ("B", 2, "slam", "loaded_verb", 1, 1.0),
    ]
    assert top_framing_words(FRAMING, OUTLETS, top=1)["term"].to_list() == ["slam", "chaos"]


def test_framing_rates_have_a_row_per_outlet_and_category() -> None:
    table = framing_rates(FRAMING, OUTLETS)
    assert table.select("outlet", "category", "count", "per_1000").rows() == [
        ("A", "evaluative", 1, 2.0),
        ("A", "loaded_verb", 2, 4.0),
        ("B", "evaluative", 1, 1.0),
        ("B", "loaded_verb", 1, 1.0),
    ]


def test_source_mix_shares() -> None:
    table = source_mix(OUTLETS)
    assert table.filter(pl.col("outlet") == "B").select("source_type", "count", "share").rows() == [
        ("anonymous", 1, 0.2),
        ("institution", 4, 0.8),
        ("outlet", 0, 0.0),
        ("person", 0, 0.0),
    ]


def test_quote_overlap_counts_carried_quotes() -> None:
    findings = pl.DataFrame(
        {
            "outlet": ["A", "A", "A", "A", "B"],
            "other_outlet": ["B", "B", None, None, None],
            "lacking": [None, None, "B", "B", "A"],
            "kind": ["quote", "quote", "quote", "fact", "quote"],
            "change": ["shared", "altered", "only", "only", "only"],
        }
    )
    # A's three quotes: one shared, one altered (both carried by B), one only A has; B's three:
    # the shared and altered ones, and one only B has.
    assert quote_overlap(findings).rows() == [("A", "B", 3, 1, 1, 0.6667), ("B", "A", 3, 1, 1, 0.6667)]


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    for name in ("harbor-bridge-closure", "vaccine-warehouse-fire"):
        shutil.copytree(EVENTS / name, root / name)
    out = tmp_path_factory.mktemp("reports")
    run_corpus(root, out=out, jobs=1, html=False)
    return out


def test_corpus_stats_on_real_reports(reports: Path) -> None:
    stats = corpus_stats(reports, top=3)
    assert set(stats.top_words["outlet"]) <= set(read_table(reports, "outlets").collect()["outlet"])
    assert stats.top_words.group_by("outlet").len()["len"].max() <= 3
    assert (stats.distinctive_words["z"] > 0).all()
    framing = read_table(reports, "framing").collect().filter(pl.col("voice") == "outlet")
    assert stats.framing_rates["count"].sum() == framing.height


def test_cli_stats_prints_exports_and_plots(reports: Path, tmp_path: Path) -> None:
    chart = tmp_path / "rates.png"
    result = CliRunner().invoke(
        app, ["stats", str(reports), "--top", "3", "--out", str(tmp_path / "s"), "--plot", str(chart)]
    )
    assert result.exit_code == 0, result.output
    assert "Top 3 framing words per outlet" in result.stdout
    assert "Words that distinguish each outlet" in result.stdout
    names = ["framing_rates", "top_framing_words", "distinctive_words", "source_mix", "quote_overlap"]
    assert result.stdout.endswith(
        "".join(f"Wrote {tmp_path / 's' / name}.csv\n" for name in names) + f"Wrote {chart}\n"
    )
    assert chart.read_bytes().startswith(b"\x89PNG")
    assert pl.read_csv(tmp_path / "s" / "source_mix.csv").columns == [
        "outlet",
        "source_type",
        "count",
        "share",
    ]


def test_cli_stats_without_reports_fails_cleanly(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["stats", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {tmp_path}: no framing table found (run `outletdiff corpus` first)\n"


def test_plot_svg_and_missing_matplotlib(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rates = framing_rates(FRAMING, OUTLETS)
    plot_framing_rates(rates, tmp_path / "r.svg")
    assert "<svg" in (tmp_path / "r.svg").read_text(encoding="utf-8")
    with pytest.raises(OutletdiffError, match="end the name with"):
        plot_framing_rates(rates, tmp_path / "r.txt")
    real_import = builtins.__import__

    def no_matplotlib(name: str, *args, **kwargs):  # type: ignore[no-untyped-def]
        if name.startswith("matplotlib"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_matplotlib)
    with pytest.raises(OutletdiffError) as caught:
        plot_framing_rates(rates, tmp_path / "r.png")
    assert (
        str(caught.value)
        == "--plot needs matplotlib, which is not installed (pip install 'outletdiff[plot]')"
    )


def test_stats_reads_tables_without_importing_the_corpus_runner() -> None:
    import subprocess
    import sys

    code = (
        "import sys, outletdiff.stats; "
        "print(sorted(m for m in sys.modules if m.startswith('outletdiff.corpus')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_plot_returns_a_figure_and_leaves_the_backend_alone(tmp_path: Path) -> None:
    import matplotlib
    from matplotlib.figure import Figure

    original = matplotlib.rcParams._get_backend_or_none()  # type: ignore[attr-defined]
    matplotlib.use("pdf")  # the user's choice, and not the Agg that the chart is drawn with
    try:
        before = matplotlib.get_backend()
        figure = plot_framing_rates(framing_rates(FRAMING, OUTLETS), title="Two outlets")
        after = matplotlib.get_backend()
    finally:
        matplotlib.rcParams["backend"] = original or "agg"
    assert before == after == "pdf"
    assert isinstance(figure, Figure)
    assert figure.axes[0].get_title() == "Two outlets"
    assert [label.get_text() for label in figure.axes[0].get_yticklabels()] == ["B", "A"]
    assert list(tmp_path.iterdir()) == []  # no path, no file
    assert "matplotlib.pyplot" not in sys.modules or matplotlib.pyplot.get_fignums() == []
    figure.savefig(tmp_path / "again.png")
    assert (tmp_path / "again.png").read_bytes().startswith(b"\x89PNG")
