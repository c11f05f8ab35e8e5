"""Loading: structure is recognised as spans over the untouched text, and bad input is refused clearly."""

from __future__ import annotations

import contextlib
import json
import os
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


# --- hostile and unusual inputs ---------------------------------------------------------------


def test_a_fifo_is_read_like_stdin_with_its_format_sniffed(tmp_path: Path) -> None:
    """``outletdiff compare <(curl -s URL) b.txt``: the shell passes a FIFO named /dev/fd/63."""
    import threading

    for content, expected_outlet in (
        (ENGLISH, "pipe"),
        (json.dumps({"outlet": "Wire", "text": ENGLISH}), "Wire"),
        (
            "<!DOCTYPE html><html><body><nav>Home | World</nav><article><h1>Talks resume</h1>"
            f"<p>{ENGLISH.strip()} {ENGLISH.strip()}</p></article></body></html>",
            "pipe",
        ),
    ):
        fifo = tmp_path / "pipe"
        os.mkfifo(fifo)
        writer = threading.Thread(target=fifo.write_text, args=(content,))
        writer.start()
        document = load_path(fifo)
        writer.join(timeout=60)
        fifo.unlink()
        assert document.outlet == expected_outlet
        assert "The minister said on Tuesday" in document.text
        assert "Home | World" not in document.text


def test_a_fifo_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    import threading

    fifo = tmp_path / "big"
    os.mkfifo(fifo)

    def write() -> None:
        with contextlib.suppress(BrokenPipeError):  # the reader stops at the limit
            fifo.write_bytes(b"a " * 4096)

    writer = threading.Thread(target=write)
    writer.start()
    with pytest.raises(InputError, match="larger than"):
        load_path(fifo, max_bytes=1000)
    writer.join(timeout=60)


def test_a_pipe_named_by_descriptor_gets_a_pipe_name(monkeypatch: pytest.MonkeyPatch) -> None:
    read_end, write_end = os.pipe()
    os.write(write_end, ENGLISH.encode())
    os.close(write_end)
    try:
        document = load_path(f"/dev/fd/{read_end}")
    finally:
        os.close(read_end)
    assert (document.outlet, document.text) == (f"pipe {read_end}", ENGLISH)


def test_symlink_loops_dangling_links_and_devices_get_one_line_errors(tmp_path: Path) -> None:
    loop, other = tmp_path / "loop.txt", tmp_path / "other.txt"
    loop.symlink_to(other)
    other.symlink_to(loop)
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to(tmp_path / "gone.txt")
    article = tmp_path / "article.txt"
    article.write_text(ENGLISH)
    with pytest.raises(InputError, match="is a loop of symbolic links"):
        load_paths([loop, article])
    with pytest.raises(InputError, match="is a symbolic link to a missing file"):
        load_path(dangling)
    with pytest.raises(InputError, match=r"no such file \(a part of the path is a file\)"):
        load_path(article / "x.txt")
    with pytest.raises(InputError, match="is a device, not an article file"):
        load_path("/dev/zero")  # refused by its kind, never read


def test_the_same_file_through_a_link_is_the_same_file(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ENGLISH)
    link = tmp_path / "link.txt"
    link.symlink_to(article)
    with pytest.raises(InputError, match="given twice"):
        load_paths([article, link])


def test_an_unreadable_file_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ENGLISH)

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)  # root reads any mode, so the refusal is simulated
    with pytest.raises(InputError, match=r"cannot be read \(Permission denied\)"):
        load_path(path)


@pytest.mark.parametrize(
    "text",
    [
        "北京时间周一上午发生地震。",  # short: too few spaces for words to tell
        "北京时间周一上午，四川发生六级地震，当地政府表示，目前没有人员伤亡的报告。" * 5,
        "Президент заявил во вторник, что переговоры возобновятся на следующей неделе в столице.",
        "قال الرئيس يوم الثلاثاء إن المحادثات ستستأنف الأسبوع المقبل في العاصمة.",
    ],
)
def test_other_scripts_are_refused_at_any_length(tmp_path: Path, text: str) -> None:
    path = tmp_path / "foreign.txt"
    path.write_text(text + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="mostly in another script"):
        load_path(path)
    assert load_path(path, any_language=True).text == text + "\n"


def test_english_quoting_a_foreign_name_is_still_english(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("The minister, 习近平, said on Tuesday that the talks with the union would resume.\n")
    assert load_path(path).outlet == "a"


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"outlet": ["A", "B"], "text": ENGLISH}, "JSON field 'outlet' must be a string, found an array"),
        ({"outlet": "A", "title": True, "text": ENGLISH}, "field 'title' must be a string, found a boolean"),
        ({"date": 20240126, "text": ENGLISH}, "field 'date' must be a string, found a number"),
        ({"text": {"body": ENGLISH}}, "field 'text' must be a string, found an object"),
        ({"outlet": "A"}, "JSON has no 'text' field"),
        (["not", "an", "object"], "JSON must be an object, found an array"),
        ({"text": ENGLISH.strip() + "\u0000 more"}, "NUL characters"),
        ({"text": None}, r"no article text found \(the text is empty\)"),
    ],
)
def test_json_is_checked_field_by_field(tmp_path: Path, record: object, message: str) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps(record))
    with pytest.raises(InputError, match=message):
        load_path(path)


def test_json_null_fields_are_absent(tmp_path: Path) -> None:
    path = tmp_path / "wire.json"
    path.write_text(json.dumps({"outlet": None, "title": None, "date": None, "text": ENGLISH}))
    document = load_path(path)
    assert (document.outlet, document.date) == ("wire", None)


@pytest.mark.parametrize(
    "markup",
    [
        "<html><head><title>Site</title></head><body><nav><a href='/'>Home</a> <a href='/n'>News</a></nav>"
        "</body></html>",
        "<html><body><div>Home</div><div>News</div><div>Sport</div></body></html>",
        "<html><body></body></html>",
    ],
)
def test_an_html_page_without_an_article_is_refused(tmp_path: Path, markup: str) -> None:
    path = tmp_path / "front.html"
    path.write_text(markup)
    with pytest.raises(InputError, match="no article text found in the HTML page"):
        load_path(path)


@pytest.mark.parametrize("suffix", [".txt", ".json", ".html"])
def test_a_nul_byte_anywhere_means_binary(tmp_path: Path, suffix: str) -> None:
    padding = (ENGLISH * 2000).encode()  # past the first 64 KB
    content = {
        ".txt": padding + b"\x00",
        ".json": b'{"text": "' + padding.replace(b"\n", b" ") + b'\x00"}',
        ".html": b"<html><body><p>" + padding + b"\x00</p></body></html>",
    }[suffix]
    path = tmp_path / f"a{suffix}"
    path.write_bytes(content)
    with pytest.raises(InputError, match="binary"):
        load_path(path)


def test_whitespace_only_is_named_as_such(tmp_path: Path) -> None:
    blank, empty = tmp_path / "blank.txt", tmp_path / "empty.txt"
    blank.write_text(" \t\n\n  \r\n")
    empty.write_text("")
    with pytest.raises(InputError, match=r"\(it holds only whitespace\)"):
        load_path(blank)
    with pytest.raises(InputError, match=r"\(the file is empty\)"):
        load_path(empty)


def test_file_name_is_the_base_name_never_the_path(tmp_path: Path) -> None:
    path = tmp_path / "drafts" / "the-ledger.txt"
    path.parent.mkdir()
    path.write_text(ENGLISH, encoding="utf-8")
    document = load_path(path)
    assert document.source == str(path)
    assert document.file_name == "the-ledger.txt"
    assert document_from_text(ENGLISH).file_name == "<text>"
    assert document_from_text(ENGLISH, source="<stdin>").file_name == "<stdin>"
    assert document_from_text(ENGLISH, source="/dev/fd/63").file_name == "/dev/fd/63"
