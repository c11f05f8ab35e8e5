"""The command line, in-process through typer's CliRunner: exit codes, exact messages, outputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from outletdiff.cli import app

REPO = Path(__file__).resolve().parents[1]
PAIR = [
    str(REPO / "corpus" / "putin-talks" / "outlet-a.txt"),
    str(REPO / "corpus" / "putin-talks" / "radaronline.txt"),
]
runner = CliRunner()


def test_compare_prints_the_report() -> None:
    result = runner.invoke(app, ["compare", *PAIR])
    assert result.exit_code == 0, result.output
    assert "Per outlet" in result.output
    assert "Only in RadarOnline.com (not in outlet-a): " in result.output
    assert "despot" in result.output


def test_json_to_stdout_is_the_only_output(tmp_path: Path) -> None:
    result = runner.invoke(app, ["compare", *PAIR, "--json", "-"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["schema_version"] == 1
    assert [d["outlet"] for d in data["documents"]] == ["outlet-a", "RadarOnline.com"]
    first = data["sentences"][0]
    text = data["documents"][0]["text"]
    assert text[first["start"] : first["end"]] == first["text"]


def test_json_and_html_files_are_written(tmp_path: Path) -> None:
    json_path, html_path = tmp_path / "out" / "r.json", tmp_path / "r.html"
    result = runner.invoke(app, ["compare", *PAIR, "--json", str(json_path), "--html", str(html_path), "-q"])
    assert result.exit_code == 0
    assert result.output == ""
    assert json.loads(json_path.read_text())["summaries"][1]["outlet"] == "RadarOnline.com"
    assert html_path.read_text().startswith("<!DOCTYPE html>")
    assert not list(tmp_path.rglob("*.tmp"))


def test_labels_and_reference() -> None:
    result = runner.invoke(
        app, ["compare", *PAIR, "-l", "Insider", "-l", "Radar", "--reference", "Radar", "--json", "-"]
    )
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert [d["outlet"] for d in data["documents"]] == ["Insider", "Radar"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ["compare", "missing-a.txt", "missing-b.txt"],
            "Error: missing-a.txt: no such file (check the path)\n",
        ),
        (["compare", PAIR[0]], "Error: need at least two articles to compare (pass two or more files)\n"),
        (
            ["compare", PAIR[0], PAIR[0]],
            f"Error: {PAIR[0]}: the same file is given twice (compare different articles)\n",
        ),
        (
            ["compare", *PAIR, "--reference", "nobody"],
            "Error: --reference 'nobody' is not one of the outlets",
        ),
        (["compare", *PAIR, "--lexicon", "nope.csv"], "Error:"),
    ],
)
def test_usage_and_input_errors_exit_2_without_traceback(arguments: list[str], message: str) -> None:
    result = runner.invoke(app, arguments)
    assert result.exit_code == 2
    assert result.output.startswith(message)
    assert "Traceback" not in result.output


def test_bad_files_exit_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x00\x01\x02")
    for bad in (empty, binary, tmp_path):
        result = runner.invoke(app, ["compare", str(bad), PAIR[0]])
        assert result.exit_code == 2
        assert result.output.startswith("Error: ")


def test_stdin_input() -> None:
    text = Path(PAIR[0]).read_text(encoding="utf-8")
    result = runner.invoke(app, ["compare", "-", PAIR[1], "--json", "-"], input=text)
    assert result.exit_code == 0
    assert json.loads(result.output)["documents"][0]["outlet"] == "outlet-a"


def test_every_command_has_help() -> None:
    for command in app.registered_commands:
        assert command.callback is not None and command.callback.__doc__, command.name
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0 and "compare" in result.output
