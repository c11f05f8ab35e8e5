"""Readers for the evaluation data: the shared annotated news and the project's own gold.

The shared data lives beside the repository (``../shared/data``) and is never copied into it;
every reader returns ``None`` or an empty list when the data is absent so that evaluation
scripts can say so and skip instead of failing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from outletdiff.load import document_from_text
from outletdiff.model import Document

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
BASIL = SHARED_DATA / "basil"
POLNEAR = SHARED_DATA / "polnear"
LEXICONS = SHARED_DATA / "lexicons"
DEVELOPMENT_YEARS = range(2010, 2017)


@dataclass(frozen=True)
class BasilArticle:
    """One BASIL article as a Document, with the offset of each flattened sentence in its text.

    ``sentence_starts[0]`` is the title; ``sentence_starts[i + 1]`` is BASIL's ``p<i>``.
    """

    year: int
    triplet: str
    outlet: str
    document: Document
    sentence_starts: tuple[int, ...]
    annotations: tuple[dict, ...]

    def span_of(self, annotation: dict) -> tuple[int, int]:
        """Offsets in ``document.text`` of a phrase-level annotation."""
        unit = 0 if annotation["id"] == "title" else int(annotation["id"][1:]) + 1
        base = self.sentence_starts[unit]
        return base + int(annotation["start"]), base + int(annotation["end"])


def missing(path: Path) -> str | None:
    """A message saying the data at ``path`` is absent, or None when it is there."""
    return None if path.exists() else f"skipped: {path} not found (the shared data sits beside the repo)"


def basil_article(year: int, triplet: str, outlet: str) -> BasilArticle:
    """The article of ``outlet`` (fox / nyt / hpo) in one BASIL event."""
    for path in sorted((BASIL / "articles" / str(year)).glob(f"{triplet}_*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        if str(record["source"]).lower() == outlet:
            return _article(year, path, record)
    raise FileNotFoundError(f"BASIL {year} {triplet} has no {outlet} article")


def basil_articles(years: range = DEVELOPMENT_YEARS) -> Iterator[BasilArticle]:
    """Every BASIL article of ``years``, annotated ones with their phrase-level annotations."""
    for year in years:
        for path in sorted((BASIL / "articles" / str(year)).glob("*.json")):
            yield _article(year, path, json.loads(path.read_text(encoding="utf-8")))


def _article(year: int, path: Path, record: dict) -> BasilArticle:
    """Title on the first line, then one line per paragraph with its sentences joined by spaces."""
    units = [record["title"]] + [s for paragraph in record["body-paragraphs"] for s in paragraph]
    starts = []
    text = ""
    unit = 0
    for line_units in [[record["title"]]] + list(record["body-paragraphs"]):
        if text:
            text += "\n"
        for k, sentence in enumerate(line_units):
            if k:
                text += " "
            starts.append(len(text))
            text += sentence
            unit += 1
    assert unit == len(units)
    annotation_path = BASIL / "annotations" / str(year) / f"{path.stem}_ann.json"
    annotations: tuple[dict, ...] = ()
    if annotation_path.exists():
        annotations = tuple(json.loads(annotation_path.read_text())["phrase-level-annotations"])
    outlet = str(record["source"]).lower()
    document = document_from_text(
        text, source=str(path), outlet=outlet, title=record["title"], date=record.get("date")
    )
    return BasilArticle(year, str(record["triplet-uuid"]), outlet, document, tuple(starts), annotations)
