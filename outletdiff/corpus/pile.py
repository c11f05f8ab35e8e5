"""Read a pile of articles that nobody sorted by event: a folder of files or a manifest.

Researchers hold exports from news archives and scrapers: many outlets over days or years,
with url, outlet, date, title and text, but no event id. This module only reads such a pile
into :class:`PileArticle` records (listing every unreadable item at once, like discovery);
:mod:`.grouping` finds the events.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from ..errors import CorpusError, OutletdiffError
from ..load import DEFAULT_MAX_BYTES, SUPPORTED_SUFFIXES, load_path
from .discovery import MANIFEST_SUFFIXES, manifest_rows

_TEXT_FIELDS = ("text", "body", "content", "body-paragraphs", "paragraphs")
_OUTLET_FIELDS = ("outlet", "source", "publisher", "site")
_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d/%m/%Y", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%a, %d %b %Y")


@dataclass(frozen=True)
class PileArticle:
    """One article of a pile: what grouping needs, and where the corpus run will read it from.

    ``path`` is set when the loader reads the file as it is; otherwise ``text`` carries the
    article into the manifest (a JSON export with paragraphs, a manifest row with text).
    """

    outlet: str
    origin: str
    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    path: str | None = None

    @property
    def day(self) -> int | None:
        """The publication day as a day number (None when the date is missing or unreadable)."""
        parsed = parse_date(self.date)
        return parsed.toordinal() if parsed else None


def parse_date(value: str | None) -> date | None:
    """A calendar date from the usual export formats (ISO first, with or without a time)."""
    if not value:
        return None
    text = value.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text[:40], pattern).date()
        except ValueError:
            continue
    return None


def read_pile(source: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[PileArticle, ...]:
    """Every article of a folder (searched recursively) or a manifest without ``event_id``.

    Raises ``CorpusError`` listing every article that cannot be read.
    """
    path = Path(source)
    if not path.exists():
        raise CorpusError(f"{path}: no such file or folder", hint="pass a folder of articles or a manifest")
    problems: list[str] = []
    if path.is_dir():
        articles = _read_folder(path, max_bytes, problems)
    elif path.suffix.lower() in MANIFEST_SUFFIXES:
        articles = _read_manifest(path, problems)
    else:
        raise CorpusError(
            f"{path}: not a folder or a manifest",
            hint=f"use a folder or a {'/'.join(MANIFEST_SUFFIXES)} file",
        )
    if problems:
        raise CorpusError(
            f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {path}",
            problems=problems,
            hint="fix or remove those articles",
        )
    if not articles:
        raise CorpusError(f"{path}: no articles found", hint=f"use {', '.join(SUPPORTED_SUFFIXES)} files")
    return tuple(articles)


def _read_folder(root: Path, max_bytes: int, problems: list[str]) -> list[PileArticle]:
    articles = []
    for file in sorted(root.rglob("*")):
        if any(part.startswith(".") for part in file.relative_to(root).parts) or not file.is_file():
            continue
        if file.suffix.lower() not in SUPPORTED_SUFFIXES:
            continue
        try:
            articles.append(_read_file(file, max_bytes))
        except (OSError, ValueError, OutletdiffError) as error:
            problems.append(f"{file}: cannot be read ({error})")
    return articles


def _read_file(file: Path, max_bytes: int, *, outlet: str | None = None) -> PileArticle:
    """One article file: a JSON export record (text or paragraphs), or anything the loader reads."""
    if file.suffix.lower() == ".json":
        record = json.loads(file.read_text(encoding="utf-8-sig"))
        if not isinstance(record, dict):
            raise ValueError("not a JSON object")
        if outlet:
            record = {**record, "outlet": outlet}
        return _from_record(record, str(file), base=file.parent, path=file)
    document = load_path(file, label=outlet, max_bytes=max_bytes, any_language=True)
    return PileArticle(
        document.outlet, str(file), document.text, document.title, document.date, path=str(file)
    )


def _read_manifest(manifest: Path, problems: list[str]) -> list[PileArticle]:
    """Rows are read one at a time (a big export is never held twice, as rows and as articles)."""
    articles = []
    try:
        for line, row in manifest_rows(manifest, required=("outlet",)):
            where = f"{manifest}:{line}"
            if isinstance(row, str):
                problems.append(f"{where}: {row}")
                continue
            try:
                articles.append(_from_record(row, where, base=manifest.parent))
            except (OSError, ValueError, OutletdiffError) as error:
                problems.append(f"{where}: {error}")
    except (OSError, UnicodeDecodeError) as error:
        raise CorpusError(f"{manifest}: cannot be read ({error})") from None
    return articles


def _from_record(
    record: dict[str, object], origin: str, *, base: Path, path: Path | None = None
) -> PileArticle:
    """An article from an export record; a ``path`` field points at the article's file."""
    outlet = next((str(record[f]).strip() for f in _OUTLET_FIELDS if _filled(record.get(f))), None)
    if outlet is None:
        raise ValueError("no outlet (give an 'outlet' or 'source' field)")
    title, day, url = (_text(record.get(f)) for f in ("title", "date", "url"))
    body = next((_flatten(record[f]) for f in _TEXT_FIELDS if _filled(record.get(f))), None)
    if body is None and _filled(record.get("path")) and path is None:
        file = Path(str(record["path"]))
        read = _read_file(file if file.is_absolute() else base / file, DEFAULT_MAX_BYTES, outlet=outlet)
        return replace(
            read, origin=origin, title=title or read.title, date=day or read.date, url=url or read.url
        )
    if body is None:
        raise ValueError("no text (give 'text', 'body', 'paragraphs' or 'path')")
    # A JSON file whose text is under "text" is read by the loader as it is; others travel as text.
    readable = path is not None and isinstance(record.get("text"), str)
    return PileArticle(outlet, origin, body, title, day, url, path=str(path) if readable else None)


def _filled(value: object) -> bool:
    return value is not None and (not isinstance(value, str) or bool(value.strip())) and value != []


def _text(value: object) -> str | None:
    return str(value).strip() if _filled(value) else None


def _flatten(value: object) -> str:
    """Text from a string or from paragraphs (a list of strings, or of lists of sentences)."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "\n\n".join(
            " ".join(str(part) for part in item) if isinstance(item, list) else str(item) for item in value
        )
    raise ValueError(f"text must be a string or a list of paragraphs, not {type(value).__name__}")
