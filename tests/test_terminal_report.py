"""The terminal report of the bundled pair against its golden file, and plain output rules.

Refresh the golden file after an intended change, then review the diff:
    OUTLETDIFF_REFRESH_GOLDEN=1 python -m pytest tests/test_terminal_report.py
"""

from __future__ import annotations

import os
from pathlib import Path

from outletdiff.load import load_paths
from outletdiff.pipeline import compare
from outletdiff.render.terminal import to_text

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests" / "data" / "terminal" / "putin-talks.txt"
PAIR = [REPO / "corpus" / "putin-talks" / "outlet-a.txt", REPO / "corpus" / "putin-talks" / "radaronline.txt"]


def report(color: bool = False) -> str:
    return to_text(compare(load_paths(PAIR)), width=100, color=color)


def test_golden_report() -> None:
    text = report()
    if os.environ.get("OUTLETDIFF_REFRESH_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_plain_report_has_no_escape_codes_but_keeps_diff_markers() -> None:
    text = report()
    assert "\x1b[" not in text
    assert "[-" in text and "{+" in text


def test_colour_report_uses_escape_codes() -> None:
    assert "\x1b[" in report(color=True)


DIGEST_GOLDEN = REPO / "tests" / "data" / "terminal" / "putin-talks-digest.txt"


def test_golden_digest_names_what_matters_on_the_bundled_pair() -> None:
    lines = [line.text for line in compare(load_paths(PAIR)).digest]
    text = "\n".join(lines) + "\n"
    if os.environ.get("OUTLETDIFF_REFRESH_GOLDEN"):
        DIGEST_GOLDEN.write_text(text, encoding="utf-8")
    assert text == DIGEST_GOLDEN.read_text(encoding="utf-8")
    # What a reader must see first, whatever the wording of the lines.
    assert "Bloomberg" in lines[0] and "Daily Mail <- two Kremlin insiders" in lines[0]
    assert all(word in lines[1] for word in ("despot", "startling", "cryptic", "sudden", "devastating"))
    assert any("Adrienne Watson" in line and "US National Security Council" in line for line in lines)
    assert any("Antony Blinken" in line and line.startswith("Only in RadarOnline.com") for line in lines)
    assert any("Kaliningrad" in line and line.startswith("Only in RadarOnline.com") for line in lines)
    assert any("wrong report" in line and "worded differently" in line for line in lines)
    assert len(lines) <= 10


def test_the_cli_report_of_the_bundled_pair_fits_in_80_lines_at_100_columns() -> None:
    from typer.testing import CliRunner

    from outletdiff.cli import app

    result = CliRunner().invoke(app, ["compare", *map(str, PAIR)], env={"COLUMNS": "100", "NO_COLOR": "1"})
    assert result.exception is None and result.exit_code == 0
    assert 40 < len(result.output.splitlines()) < 80
    digest_only = CliRunner().invoke(
        app, ["compare", *map(str, PAIR), "--digest-only"], env={"COLUMNS": "100", "NO_COLOR": "1"}
    )
    assert "\n10. " in digest_only.output and "Other differences" not in digest_only.output
    assert "Other differences" in result.output


def test_no_difference_is_listed_twice_in_the_terminal_report() -> None:
    body = report().split("What differs most", 1)[1]
    listed = [line for line in body.splitlines() if line.startswith("  ") and ": " in line]
    assert len(listed) == len(set(listed))
