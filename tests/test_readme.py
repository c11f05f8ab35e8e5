"""The README stays true: its quick start matches CI, and its sample output is real output.

Refresh the excerpt after an intended change to the report (then review the diff):
    OUTLETDIFF_REFRESH_GOLDEN=1 python -m pytest tests/test_readme.py
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from typer.testing import CliRunner

from outletdiff.cli import app

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
EXCERPT = re.compile(
    r"(<!-- report-excerpt:start -->\n```text\n)(.*?)(```\n<!-- report-excerpt:end -->)", re.S
)
EXCERPT_LINES = 16


def quick_start_commands() -> list[str]:
    section = README.read_text(encoding="utf-8").split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = section.split("```console\n", 1)[1].split("```", 1)[0]
    return [line.removeprefix("$ ") for line in block.splitlines() if line.startswith("$ ")]


def test_quick_start_is_two_commands_and_ci_runs_the_same_tests() -> None:
    setup, tests = quick_start_commands()
    assert setup.startswith("pip install -e '.[dev]' && outletdiff compare corpus/")
    ci_commands = [line.strip() for line in (REPO / ".ci" / "run").read_text().splitlines()]
    assert tests in ci_commands


def test_report_excerpt_is_real_output() -> None:
    arguments = setup_arguments()
    result = CliRunner().invoke(app, arguments, env={"COLUMNS": "100", "NO_COLOR": "1"})
    assert result.exit_code == 0
    actual = "\n".join(result.output.splitlines()[:EXCERPT_LINES]) + "\n"
    text = README.read_text(encoding="utf-8")
    if os.environ.get("OUTLETDIFF_REFRESH_GOLDEN"):
        README.write_text(EXCERPT.sub(lambda m: m.group(1) + actual + m.group(3), text), encoding="utf-8")
        text = README.read_text(encoding="utf-8")
    match = EXCERPT.search(text)
    assert match is not None
    assert match.group(2) == actual


def setup_arguments() -> list[str]:
    """The `outletdiff compare` arguments of the quick start, without the HTML output."""
    command = quick_start_commands()[0].split("&& outletdiff ", 1)[1].split()
    files = [str(REPO / word) if word.startswith("corpus/") else word for word in command]
    return [word for word in files if not word.startswith("--html") and not word.startswith("reports/")]
