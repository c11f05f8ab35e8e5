"""Read one article from a file or stdin into a ``Document`` with its structural blocks.

The text is kept exactly as decoded, so every later offset points into what the user gave
us. Structure (metadata, headline, summary bullets, paragraphs, boilerplate) is recorded as
spans over that text instead of by rewriting it.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from .atomic import own_descriptor
from .errors import InputError
from .language import check_english
from .model import Block, Document
from .outlet_name import outlet_from_text
from .spans import trim_span

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".json")
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<body>(?:[^\n]*\n){0,40}?)---[ \t]*(?:\r?\n|\Z)")
_META_LINE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*?)\s*$")
# A scraped article sometimes starts with "date 2024-01-26 <headline>" on one line.
_LEADING_DATE = re.compile(r"^[ \t]*date[ \t]+(?P<date>\d{4}-\d{2}-\d{2})[ \t]+")
_BULLET = re.compile(r"^[ \t]*(?:[-*\u2022\u2013])[ \t]+")
_MD_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+")
# Lines that are the publisher talking to the reader, not reporting.
# Boilerplate lines: promos, credits and share buttons, as phrases anywhere in the line and as
# line openers. Matched against the lower-cased line: case-insensitive matching of a long
# alternation is several times slower, and every line of every article passes through here.
_BOILERPLATE_PHRASE = re.compile(
    r"never miss a story|sign up (?:for|to)|subscribe (?:to|now|for)|newsletter|\bgetty images\b"
    r"|share (?:this|on) (?:story|article|facebook|twitter)|follow us on|click here|all rights reserved"
    r"|download (?:our|the) app"
)
_BOILERPLATE_OPENER = re.compile(
    r"\s*(?:read more\b|related\s*:|(?:photo|image|video)\s*(?:credit)?\s*:"
    r"|(?:credit|source)\s*:\s*\S+\s*$|advertisement\s*$)"
)


def load_path(
    path: str | Path,
    *,
    label: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    any_language: bool = False,
) -> Document:
    """Load an article file (or ``-`` for stdin), refusing input that cannot be compared.

    A FIFO (``<(curl -s URL)`` in a shell) or a name for one of our own descriptors
    (``/dev/stdin``) is read like stdin, its format told from its content; other special
    files (devices, sockets) are refused, as are symlink loops and paths that cannot be read.
    """
    if str(path) == "-":
        raw = _read_stream(sys.stdin.buffer, "<stdin>", max_bytes)
        return _document_from_bytes(raw, "<stdin>", _sniff(raw), label, max_bytes, any_language)
    file = Path(path)
    info = _stat(file)
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{file}: is a directory, not an article", "pass the article files inside it")
    suffix = file.suffix.lower()
    if stat.S_ISFIFO(info.st_mode) or (own_descriptor(file) is not None and not stat.S_ISREG(info.st_mode)):
        raw = _read_file_stream(file, max_bytes)
        kind = suffix if suffix in SUPPORTED_SUFFIXES else _sniff(raw)
        return _document_from_bytes(raw, str(file), kind, label, max_bytes, any_language)
    if not stat.S_ISREG(info.st_mode):
        what = "a device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode) else "a special file"
        raise InputError(
            f"{file}: is {what}, not an article file", "pass a text, Markdown, HTML or JSON file"
        )
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(
            f"{file}: unsupported file type '{suffix or '(none)'}'",
            f"use one of {', '.join(SUPPORTED_SUFFIXES)}",
        )
    size = info.st_size
    if size > max_bytes:
        raise InputError(
            f"{file}: {size / 1_048_576:.1f} MB is too large for one article",
            f"the limit is {max_bytes / 1_048_576:.0f} MB; split the file or raise --max-mb",
        )
    try:
        with file.open("rb") as stream:
            raw = stream.read(max_bytes + 1)  # the file may have grown since stat
    except OSError as error:
        raise InputError(f"{file}: cannot be read ({error.strerror})", "check its permissions") from error
    return _document_from_bytes(raw, str(file), suffix, label, max_bytes, any_language)


def _stat(file: Path) -> os.stat_result:
    """The file's kind and size, following symlinks; every failure as a one-line ``InputError``."""
    try:
        return os.stat(file)
    except FileNotFoundError as error:
        if os.path.lexists(file):
            raise InputError(f"{file}: is a symbolic link to a missing file", "check the link") from error
        raise InputError(f"{file}: no such file", "check the path") from error
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise InputError(f"{file}: is a loop of symbolic links", "check the links") from error
        if error.errno == errno.ENOTDIR:
            raise InputError(
                f"{file}: no such file (a part of the path is a file)", "check the path"
            ) from error
        raise InputError(
            f"{file}: cannot be read ({error.strerror})", "check the path and its permissions"
        ) from error


def _read_file_stream(file: Path, max_bytes: int) -> bytes:
    try:
        with file.open("rb") as stream:
            return _read_stream(stream, str(file), max_bytes)
    except OSError as error:
        raise InputError(f"{file}: cannot be read ({error.strerror})", "check its permissions") from error


def _read_stream(stream: BinaryIO, source: str, max_bytes: int) -> bytes:
    """Up to ``max_bytes`` + 1 bytes of a pipe: one more than allowed tells it is too large."""
    chunks: list[bytes] = []
    size = 0
    while size <= max_bytes:
        chunk = stream.read(max_bytes + 1 - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _sniff(raw: bytes) -> str:
    """The format of unnamed input (stdin, a pipe) from its first characters: JSON, HTML or text."""
    head = raw[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{"):
        return ".json"
    if _HTML_START.match(head):
        return ".html"
    return ".txt"


_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body|article|meta|!--)[\s>]", re.IGNORECASE)


def load_paths(
    paths: Sequence[str | Path],
    *,
    labels: Sequence[str] = (),
    max_bytes: int = DEFAULT_MAX_BYTES,
    any_language: bool = False,
) -> tuple[Document, ...]:
    """Load the articles of one comparison; at least two, each a different file and outlet."""
    if len(paths) < 2:
        raise InputError("need at least two articles to compare", "pass two or more files")
    if labels and len(labels) != len(paths):
        raise InputError(f"got {len(labels)} labels for {len(paths)} files", "give one --label per file")
    if [str(path) for path in paths].count("-") > 1:
        raise InputError("standard input (-) is given more than once", "pass '-' for one article only")
    seen: set[tuple[int, int]] = set()
    for path in paths:
        if str(path) == "-":
            continue
        try:
            info = os.stat(path)
        except OSError:
            continue  # load_path says what is wrong with it
        key = (info.st_dev, info.st_ino)  # the same file under two names or through a link
        if key in seen:
            raise InputError(f"{path}: the same file is given twice", "compare different articles")
        seen.add(key)
    documents = tuple(
        load_path(path, label=labels[i] if labels else None, max_bytes=max_bytes, any_language=any_language)
        for i, path in enumerate(paths)
    )
    _refuse_duplicates(documents)
    return tuple(_unique_outlets(documents))


def document_from_text(
    text: str,
    *,
    source: str = "<text>",
    outlet: str | None = None,
    title: str | None = None,
    date: str | None = None,
) -> Document:
    """Build a ``Document`` from text already in memory (no size or language checks)."""
    return _parse_text(text, source=source, outlet=outlet, title=title, date=date)


def _document_from_bytes(
    raw: bytes, source: str, suffix: str, label: str | None, max_bytes: int, any_language: bool
) -> Document:
    if len(raw) > max_bytes:
        raise InputError(f"{source}: input is larger than {max_bytes // 1_048_576} MB")
    if b"\x00" in raw:  # anywhere: a NUL is never part of an article, and the search is memchr-fast
        raise InputError(f"{source}: looks like a binary file, not text", "export the article as text")
    try:
        decoded = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{source}: not valid UTF-8 (byte {error.start})", "re-save the file as UTF-8"
        ) from error
    if suffix == ".json":
        document = _parse_json(decoded, source, label)
    elif suffix in (".html", ".htm"):
        document = _parse_text(_html_to_text(decoded, source), source=source, outlet=label)
    else:
        document = _parse_text(decoded, source=source, outlet=label)
    if "\x00" in document.text:  # written as \u0000 in JSON
        raise InputError(f"{source}: the text holds NUL characters, so it is binary", "export it as text")
    if not any(block.kind != "metadata" and block.end > block.start for block in document.blocks):
        if document.blocks:
            what = "it holds only metadata"
        elif document.text:
            what = "it holds only whitespace"
        else:
            what = "the file is empty" if suffix not in (".json", ".html", ".htm") else "the text is empty"
        raise InputError(f"{source}: no article text found ({what})", "pass a file with the article's text")
    if not any_language:
        check_english(document)
    return document


def _parse_json(decoded: str, source: str, label: str | None) -> Document:
    """A JSON article, checked field by field: a list or a number is never turned into a name."""
    try:
        record = json.loads(decoded)
    except json.JSONDecodeError as error:
        raise InputError(f"{source}: invalid JSON at line {error.lineno}: {error.msg}") from error
    except RecursionError as error:
        raise InputError(
            f"{source}: JSON nested too deeply", 'expected {"outlet", "title", "date", "text"}'
        ) from error
    if not isinstance(record, dict):
        raise InputError(
            f"{source}: JSON must be an object, found {_json_type(record)}",
            'expected {"outlet", "title", "date", "text"}',
        )
    if "text" not in record:
        raise InputError(
            f"{source}: JSON has no 'text' field", 'expected {"outlet", "title", "date", "text"}'
        )
    fields = {name: record.get(name) for name in ("text", "outlet", "title", "date")}
    for name, value in fields.items():
        if value is not None and not isinstance(value, str):
            raise InputError(
                f"{source}: JSON field '{name}' must be a string, found {_json_type(value)}",
                f'give it as text, e.g. "{name}": "..."',
            )
    return _parse_text(
        record["text"] or "",
        source=source,
        outlet=label or fields["outlet"] or None,
        title=fields["title"] or None,
        date=fields["date"] or None,
    )


def _json_type(value: object) -> str:
    """What a JSON value is, in JSON's own words."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return "a string"


def _html_to_text(markup: str, source: str) -> str:
    """Main article text of a saved web page (trafilatura, imported only when needed).

    trafilatura falls back to whatever text a page has, so a page with no article (a front
    page, a login wall) comes back as its menu ("Home News"). An article has at least one
    line that reads as a sentence; without one the page is refused instead of compared.
    """
    try:
        import trafilatura
    except ImportError as error:  # pragma: no cover - trafilatura is a declared dependency
        raise InputError(f"{source}: reading HTML needs trafilatura", "pip install trafilatura") from error
    extracted = trafilatura.extract(markup, include_comments=False, include_tables=False)
    if not extracted or not any(map(_reads_as_a_sentence, str(extracted).splitlines())):
        raise InputError(
            f"{source}: no article text found in the HTML page (only menus or short labels)",
            "save the article's own page, or its text as .txt",
        )
    return str(extracted)


_SENTENCE_END = re.compile(r"[.!?\u3002\uff01\uff1f\u2026][\"'\u201d\u2019)\]]*\s*$")


def _reads_as_a_sentence(line: str) -> bool:
    """Several words (or, in scripts without spaces, characters) ending like a sentence."""
    return (len(line.split()) >= 6 or len(line.strip()) >= 20) and bool(_SENTENCE_END.search(line))


def _parse_text(
    text: str,
    *,
    source: str,
    outlet: str | None = None,
    title: str | None = None,
    date: str | None = None,
) -> Document:
    blocks: list[Block] = []
    metadata: dict[str, str] = {}
    position = 0
    front = _FRONT_MATTER.match(text)
    if front:
        for line in front.group("body").splitlines():
            field = _META_LINE.match(line)
            if field:
                metadata[field.group("key").lower()] = field.group("value").strip("'\"")
        blocks.append(Block("metadata", 0, front.end()))
        position = front.end()
    headline_seen = False
    for start, end in _lines(text, position):
        line = text[start:end]
        if not line.strip():
            continue
        if not headline_seen:
            leading = _LEADING_DATE.match(line)
            if leading:
                metadata.setdefault("date", leading.group("date"))
                blocks.append(Block("metadata", start, start + leading.end()))
                start += leading.end()
        start, end = trim_span(text, start, end)
        if start == end:
            continue  # the line held only the metadata prefix
        block = _classify_line(text, start, end, headline_seen)
        if block.kind == "headline" or block.kind in ("paragraph", "bullet"):
            headline_seen = True
        blocks.append(block)
    blocks = _merge_wrapped_lines(text, blocks)
    headline = next((b for b in blocks if b.kind == "headline"), None)
    return Document(
        outlet=outlet or metadata.get("outlet") or outlet_from_text(text) or _name_from_source(source),
        text=text,
        source=source,
        title=title or metadata.get("title") or (text[headline.start : headline.end] if headline else None),
        date=date or metadata.get("date"),
        blocks=tuple(blocks),
    )


def _name_from_source(source: str) -> str:
    """The outlet name when nothing better is known: the file name, ``stdin``, or ``pipe 63``
    for process substitution (``<(curl ...)`` is ``/dev/fd/63``)."""
    if source in ("<stdin>", "<text>"):
        return "stdin"
    descriptor = own_descriptor(source)
    if descriptor is not None:
        return "stdin" if descriptor == 0 else f"pipe {descriptor}"
    return Path(source).stem


def _lines(text: str, position: int) -> list[tuple[int, int]]:
    spans = []
    for match in re.finditer(r"[^\n]*(?:\n|\Z)", text[position:]):
        if match.start() == match.end():
            continue
        spans.append((position + match.start(), position + match.end()))
    return spans


def _classify_line(text: str, start: int, end: int, headline_seen: bool) -> Block:
    line = text[start:end]
    lowered = line.lower()
    if _BOILERPLATE_PHRASE.search(lowered) or _BOILERPLATE_OPENER.match(lowered):
        return Block("boilerplate", start, end)
    bullet = _BULLET.match(line)
    if bullet:
        return Block("bullet", start + bullet.end(), end)
    heading = _MD_HEADING.match(line)
    if heading:
        return Block("headline" if not headline_seen else "paragraph", start + heading.end(), end)
    if not headline_seen and _looks_like_headline(line):
        return Block("headline", start, end)
    return Block("paragraph", start, end)


def _looks_like_headline(line: str) -> bool:
    """A first line that is short and does not end like a sentence is the headline."""
    words = line.split()
    return 0 < len(words) <= 30 and not line.rstrip().endswith((".", "\u201d.", '."'))


def _merge_wrapped_lines(text: str, blocks: list[Block]) -> list[Block]:
    """Join hard-wrapped lines of one paragraph (no blank line between, no sentence end).

    A short first line that the next line continues in lower case was not a headline but
    the start of a wrapped paragraph.
    """
    merged: list[Block] = []
    for block in blocks:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and block.kind == "paragraph"
            and previous.kind in ("paragraph", "headline")
            and not _BLANK_LINE.search(text[previous.end : block.start])
            and not re.search(r"[.!?:\"'\u201d\u2019)\]]\s*$", text[previous.start : previous.end])
            and (previous.kind == "paragraph" or text[block.start].islower())
        ):
            merged[-1] = Block("paragraph", previous.start, block.end)
        else:
            merged.append(block)
    return merged


_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")


def _refuse_duplicates(documents: Sequence[Document]) -> None:
    bodies: dict[str, str] = {}
    for document in documents:
        body = " ".join(
            document.text[b.start : b.end] for b in document.blocks if b.kind != "metadata"
        ).strip()
        if body in bodies:
            raise InputError(
                f"{document.source}: has the same text as {bodies[body]}", "compare different articles"
            )
        bodies[body] = document.source


def _unique_outlets(documents: Sequence[Document]) -> list[Document]:
    """Give two documents that claim the same outlet distinct labels ("X", "X (2)").

    A new label never takes a name another input already has.
    """
    taken = {document.outlet for document in documents}
    used: set[str] = set()
    result = []
    for document in documents:
        label = document.outlet
        if label in used:
            count = 2
            while f"{document.outlet} ({count})" in used | taken:
                count += 1
            label = f"{document.outlet} ({count})"
            document = replace(document, outlet=label)
        used.add(label)
        result.append(document)
    return result
