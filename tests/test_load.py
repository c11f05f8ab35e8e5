"""Loading: structure is recognised as spans over the untouched text, and bad input is refused clearly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from outletdiff.errors import InputError
from outletdiff.load import document_from_text, load_path, load_paths

REPO = Path(__file__).resolve().parents[1]
RADAR = REPO / "corpus" / "putin-talks" / "radaronline.txt"
OUTLET_A = REPO / "corpus" / "putin-talks" / "outlet-a.txt"
GERMAN = (
    "Der Minister sagte am Dienstag, dass die Gespr\u00e4che mit der Gewerkschaft in der "
    "n\u00e4chsten Woche in der Hauptstadt wieder aufgenommen werden."
)
ENGLISH = (
    "The minister said on Tuesday that the talks with the union would resume next week in the capital.\n"
)


def blocks_of(document):
    return [(block.kind, document.text[block.start : block.end]) for block in document.blocks]


def test_front_matter_and_leading_date_line_become_metadata() -> None:
    document = load_path(RADAR)
    assert document.outlet == "RadarOnline.com"
    assert document.date == "2024-01-26"
    kinds = blocks_of(document)
    assert kinds[0][0] == "metadata" and kinds[0][1].startswith("---\noutlet: RadarOnline.com")
    assert kinds[1] == ("metadata", " date 2024-01-26 ")
    assert kinds[2] == (
        "headline",
        "Vladimir Putin 'Testing the Waters' and 'Ready to Discuss' Ending War in Ukraine: Report",
    )


def test_text_is_kept_exactly_as_read() -> None:
    document = load_path(RADAR)
    assert document.text == RADAR.read_text(encoding="utf-8")


def test_bullets_and_boilerplate_are_recognised() -> None:
    kinds = blocks_of(load_path(OUTLET_A))
    assert (
        "bullet",
        "The Kremlin denied Putin reached out to the US about talks on ending the war in Ukraine.",
    ) in kinds
    radar = blocks_of(load_path(RADAR))
    boilerplate = [text for kind, text in radar if kind == "boilerplate"]
    assert boilerplate == [
        "Never miss a story — sign up for the RadarOnline.com newsletter to get your daily dose of dope. "
        "Daily. Breaking. Celebrity news. All free."
    ]


def test_outlet_falls_back_to_file_name_and_label_overrides(tmp_path: Path) -> None:
    path = tmp_path / "the-ledger.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    assert load_path(path).outlet == "the-ledger"
    assert load_path(path, label="The Ledger").outlet == "The Ledger"


def test_json_input(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"outlet": "Wire", "title": "T", "date": "2024-02-01", "text": ENGLISH}))
    document = load_path(path)
    assert (document.outlet, document.title, document.date, document.text) == (
        "Wire",
        "T",
        "2024-02-01",
        ENGLISH,
    )


def test_html_input_extracts_the_article(tmp_path: Path) -> None:
    body = " ".join([ENGLISH.strip()] * 4)
    path = tmp_path / "page.html"
    path.write_text(
        f"<html><head><title>X</title></head><body><nav>Home | World</nav><article><h1>Talks resume</h1>"
        f"<p>{body}</p></article><footer>Subscribe to our newsletter</footer></body></html>",
        encoding="utf-8",
    )
    document = load_path(path)
    assert "The minister said on Tuesday" in document.text
    assert "Home | World" not in document.text


def test_hard_wrapped_paragraph_is_one_block() -> None:
    document = document_from_text(
        "Title line\n\nThe minister said on Tuesday that\nthe talks would resume.\n"
    )
    assert blocks_of(document)[1] == (
        "paragraph",
        "The minister said on Tuesday that\nthe talks would resume.",
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "no article text"),
        ("blank.txt", b"   \n\n  \n", "no article text"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        ("latin1.txt", "Caf\u00e9 au lait et cr\u00e8me".encode("latin-1"), "not valid UTF-8"),
        ("notes.docx", b"PK\x03\x04", "unsupported file type"),
        ("foreign.txt", GERMAN.encode(), "does not look like English"),
    ],
)  # fmt: skip
def test_bad_files_are_refused_with_a_clear_message(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        load_path(path)


def test_non_english_is_accepted_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "foreign.txt"
    path.write_text(
        "Der Minister sagte am Dienstag, dass die Gespräche in der nächsten Woche weitergehen würden."
    )
    assert load_path(path, any_language=True).text.startswith("Der Minister")


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_path(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        load_path(tmp_path)


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:
        stream.truncate(50 * 1024 * 1024)
    with pytest.raises(InputError, match="too large"):
        load_path(path)


def test_same_file_twice_and_single_input(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ENGLISH)
    copy = tmp_path / "b.txt"
    copy.write_text(ENGLISH)
    with pytest.raises(InputError, match="given twice"):
        load_paths([path, path])
    with pytest.raises(InputError, match="same text"):
        load_paths([path, copy])
    with pytest.raises(InputError, match="at least two"):
        load_paths([path])


def test_inputs_are_never_modified(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ENGLISH)
    before = path.stat().st_mtime_ns, path.read_bytes()
    load_path(path)
    assert (path.stat().st_mtime_ns, path.read_bytes()) == before


def test_crlf_file_reads_like_lf(tmp_path: Path) -> None:
    text = "Bridge closed\n\nThe bridge closed on Monday. Ferries run instead.\n\nRepairs take weeks.\n"
    lf, crlf = tmp_path / "lf.txt", tmp_path / "crlf.txt"
    lf.write_bytes(text.encode())
    crlf.write_bytes(text.replace("\n", "\r\n").encode())
    from outletdiff.segment import segment

    assert [s.text for s in segment(load_path(lf), doc=0)] == [
        s.text for s in segment(load_path(crlf), doc=0)
    ]


def test_metadata_only_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "meta.txt"
    path.write_text("---\noutlet: X\n---\n date 2024-01-26 \n")
    with pytest.raises(InputError, match="holds only metadata"):
        load_path(path)


def test_wrapped_first_line_is_not_a_headline() -> None:
    document = document_from_text(
        "The transport minister resigned on Tuesday after the bridge\ncollapsed in the storm.\n"
    )
    assert blocks_of(document) == [
        ("paragraph", "The transport minister resigned on Tuesday after the bridge\ncollapsed in the storm.")
    ]


def test_duplicate_outlet_labels_never_collide(tmp_path: Path) -> None:
    paths = []
    for name, body in (("a", "one"), ("b", "two"), ("c", "three")):
        path = tmp_path / f"{name}.txt"
        path.write_text(
            f"---\noutlet: {'X (2)' if name == 'c' else 'X'}\n---\n{ENGLISH.strip()} Item {body}.\n"
        )
        paths.append(path)
    assert [d.outlet for d in load_paths(paths)] == ["X", "X (3)", "X (2)"]


def test_stdin_given_twice_is_refused() -> None:
    with pytest.raises(InputError, match="more than once"):
        load_paths(["-", "-"])
