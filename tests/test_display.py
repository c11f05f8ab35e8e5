"""Text from the articles reaches a terminal as characters to read, never as commands to obey."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from outletdiff.cli import app
from outletdiff.display import one_line, printable
from outletdiff.load import document_from_text
from outletdiff.pipeline import compare
from outletdiff.render.terminal import to_text

runner = CliRunner()
OSC_TITLE = "\x1b]0;owned\x07"
CLEAR = "\x1b[2J"
BODY = (
    "The harbor bridge closed on Monday after a storm damaged two cables.\n"
    "Engineers said repairs would take three weeks.\n"
)


def test_printable_writes_controls_out_and_keeps_layout() -> None:
    assert printable(f"a{CLEAR}b\x9bc\u202ed\te\r\nf\rg") == "a\\x1b[2Jb\\x9bc\\u202ed\te\nf\\x0dg"
    assert printable("plain – text “quoted”") == "plain – text “quoted”"


def test_one_line_shortens_long_names_without_reading_them_whole() -> None:
    assert one_line("x" * 100_000) == "x" * 59 + "\u2026"
    assert one_line("Daily\n Buzz") == "Daily Buzz"
    assert one_line(OSC_TITLE + "Wire") == "\\x1b]0;owned\\x07Wire"


def test_escape_sequences_in_names_and_text_never_reach_the_terminal(tmp_path: Path) -> None:
    evil = tmp_path / "evil.json"
    evil.write_text(
        json.dumps(
            {
                "outlet": OSC_TITLE + "[bold red]Wire[/]" + "x" * 100_000,
                "title": f"Bridge {CLEAR}closed",
                "text": f"Bridge {CLEAR}closed\n{BODY}Officials{CLEAR} declined to comment on the cost.\n",
            }
        )
    )
    plain = tmp_path / "plain.txt"
    plain.write_text("Storm shuts bridge\n" + BODY.replace("Monday", "Tuesday"))
    result = runner.invoke(app, ["compare", str(evil), str(plain)])
    assert result.exception is None and result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "\\x1b]0;owned\\x07[bold red]Wire[/]xxx" in result.output  # shown as written, not markup
    assert "x" * 100 not in result.output
    assert "Officials\\x1b[2J declined" in result.output


def test_the_coloured_report_carries_only_its_own_escape_codes() -> None:
    first = document_from_text(f"Bridge closed\n{BODY}", outlet=OSC_TITLE + "A")
    second = document_from_text(f"Storm{CLEAR} shuts bridge\n{BODY}Ferries{CLEAR} run instead.\n", outlet="B")
    report = to_text(compare([first, second]), color=True)
    assert CLEAR not in report and "\x1b]" not in report and "\x07" not in report
    assert "Ferries\\x1b[2J run instead." in report


def test_error_lines_show_control_characters_in_file_names(tmp_path: Path) -> None:
    name = str(tmp_path / f"a{CLEAR}.txt")
    result = runner.invoke(app, ["compare", name, str(tmp_path / "b.txt")])
    assert result.exit_code == 2
    assert result.output == f"Error: {tmp_path}/a\\x1b[2J.txt: no such file (check the path)\n"
