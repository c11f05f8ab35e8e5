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
