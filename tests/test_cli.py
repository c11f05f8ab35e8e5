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
    assert "What differs most" in result.output
    assert "Only in RadarOnline.com (not outlet-a): " in result.output
    assert "despot" in result.output


def test_json_to_stdout_is_the_only_output(tmp_path: Path) -> None:
    result = runner.invoke(app, ["compare", *PAIR, "--json", "-"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["schema_version"] == 2
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
        (["compare", *PAIR, "--json", "-", "--html", "-"], "Error: --json - and --html - cannot both write"),
        (["compare", *PAIR, "--open"], "Error: --open needs --html PATH (add --html report.html)\n"),
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


def test_version() -> None:
    import outletdiff

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"outletdiff {outletdiff.__version__}\n"


@pytest.mark.parametrize("command", [[], ["compare"], ["corpus"], ["events"], ["stats"]])
def test_help_shows_flags_as_flags(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    rows = [line for line in result.output.splitlines() if line.startswith("│ --")]
    assert rows and "<bool>" not in result.output
    flags = {"--help", "--version", "--open", "--replace-lexicon", "--any-language", "--quiet"}
    flags |= {"--force", "--skip-bad", "--html", "--group"}
    for row in rows:
        cells = row.strip("│ ").split()
        if cells[0] in flags and not (cells[0] == "--html" and command == ["compare"]):
            # The flag, its short or --no- form, then straight to the help text: no value shown.
            rest = [cell for cell in cells[1:] if not cell.startswith("-")]
            assert rest[0][0].isupper(), row
    compare_help = runner.invoke(app, ["compare", "--help"], env={"COLUMNS": "200"}).output
    assert "│ --json                     PATH" in compare_help


def test_every_command_has_help() -> None:
    for command in app.registered_commands:
        assert command.callback is not None and command.callback.__doc__, command.name
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0 and "compare" in result.output


THREE = {
    "ledger.txt": [
        "Bridge closed after storm",
        "The harbor bridge closed on Monday after a storm damaged two cables.",
        "Engineers said repairs would take three weeks.",
        'The mayor called it "serious but fixable."',
    ],
    "buzz.txt": [
        "Storm shuts bridge",
        "The harbor bridge closed on Monday after a violent storm damaged two cables.",
        "Ferries will run every 20 minutes until it reopens.",
    ],
    "courier.txt": [
        "Bridge repairs to take weeks",
        "Engineers said repairs would take three weeks, the city said.",
        "The harbor bridge closed on Monday after a storm damaged cables.",
    ],
}


def write_three(tmp_path: Path) -> list[str]:
    paths = []
    for name, lines in THREE.items():
        path = tmp_path / name
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(str(path))
    return paths


def test_three_outlets_with_reference_judges_every_outlet_against_it(tmp_path: Path) -> None:
    result = runner.invoke(app, ["compare", *write_three(tmp_path), "--reference", "buzz", "--json", "-"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    involved = {
        tuple(sorted({v["doc"] for v in f["versions"]} | set(f["lacking"]))) for f in data["findings"]
    }
    assert {(0, 1), (1, 2)} <= involved and all(1 in outlets for outlets in involved)  # all against buzz
    ledger = data["summaries"][0]
    ledger_only = [
        f
        for f in data["findings"]
        if f["kind"] == "sentence" and f["change"] == "only" and f["versions"][0]["doc"] == 0
    ]
    assert ledger["only_here"] == len(ledger_only) == 2  # repairs and the mayor: not in buzz


def test_every_span_in_the_json_is_the_text_it_names(tmp_path: Path) -> None:
    result = runner.invoke(app, ["compare", *PAIR, write_three(tmp_path)[0], "--json", "-"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    texts = [d["text"] for d in data["documents"]]
    for sentence in data["sentences"]:
        assert texts[sentence["doc"]][sentence["start"] : sentence["end"]] == sentence["text"]
    for item in data["quotes"] + data["framing"] + data["facts"]:
        assert texts[item["doc"]][item["start"] : item["end"]] == item["text"]
    for alignment in data["alignments"]:
        for link in alignment["links"]:
            for op in link["diff"]:
                span, doc = (op["a"], alignment["a"]) if op["a"] else (op["b"], alignment["b"])
                assert texts[doc][span[0] : span[1]] == op["text"]
    for finding in data["findings"]:
        for version in finding["versions"]:
            if finding["kind"] in ("sentence", "quote", "framing", "fact"):
                assert texts[version["doc"]][version["start"] : version["end"]] == version["text"]
            assert 0 <= version["start"] <= version["end"] <= len(texts[version["doc"]])


def test_a_document_with_no_sentences_left_is_refused_not_a_crash(tmp_path: Path) -> None:
    paths = write_three(tmp_path)
    empty = tmp_path / "dateonly.txt"
    empty.write_text(" date 2024-01-26 \n")
    result = runner.invoke(app, ["compare", paths[0], str(empty), paths[1]])
    assert result.exit_code == 2
    assert "no article text found" in result.output


def test_non_english_is_refused_unless_asked_and_then_still_works(tmp_path: Path) -> None:
    first, second = tmp_path / "de1.txt", tmp_path / "de2.txt"
    first.write_text(
        "Brücke gesperrt\nDer Minister sagte am Dienstag, die Brücke bleibe „bis auf Weiteres“ zu.\n"
    )
    second.write_text(
        "Sturm: Brücke zu\nDie Brücke bleibt nach dem Sturm gesperrt.\n«Wir arbeiten daran», sagte er.\n"
    )
    refused = runner.invoke(app, ["compare", str(first), str(second)])
    assert refused.exit_code == 2 and "does not look like English" in refused.output
    accepted = runner.invoke(app, ["compare", str(first), str(second), "--any-language", "--json", "-"])
    assert accepted.exit_code == 0
    assert [q["text"] for q in json.loads(accepted.output)["quotes"]] == [
        "bis auf Weiteres",
        "Wir arbeiten daran",
    ]


def test_articles_about_different_events_are_said_to_be_so_first(tmp_path: Path) -> None:
    arrest = tmp_path / "arrest.txt"
    arrest.write_text(
        "Pipe bomb suspect arrested\nA man was arrested in Florida on Friday in connection with a series of "
        "pipe bombs mailed to critics of the president, officials said. The suspect, a 56-year-old, was "
        "taken into custody near Miami. Investigators traced a fingerprint on one of the packages.\n"
    )
    apology = tmp_path / "apology.txt"
    apology.write_text(
        "Congressman apologizes for remarks\nA congressman from Iowa apologized on Tuesday for remarks about "
        "farmers made at a fundraiser in Texas. He said the comments were a mistake and did not reflect his "
        "views. The remarks were recorded on video and posted online.\n"
    )
    result = runner.invoke(app, ["compare", str(arrest), str(apology)], env={"COLUMNS": "200"})
    assert result.exception is None and result.exit_code == 0
    assert result.output.splitlines()[0].startswith(
        "Warning: arrest and apology do not seem to cover the same event"
    )
    data = json.loads(runner.invoke(app, ["compare", str(arrest), str(apology), "--json", "-"]).output)
    assert data["alignments"][0]["same_event"] is False
    assert not [link for link in data["alignments"][0]["links"] if link["relation"] == "counterpart"]
