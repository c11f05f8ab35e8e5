"""Check the hand-made extraction gold files against the texts they label.

Gold labels are typed by hand, so a stray space or a straight quote where the text has a curly
one would silently turn a correct extractor answer into a miss. This script refuses such files:
every labelled string must be an exact substring of the document body, enum fields must hold
allowed values, quotes must sit between quotation marks, and framing voices must agree with the
quote labels. Run it after every edit:

    python tests/gold/extraction/check_gold.py            # all gold files
    python tests/gold/extraction/check_gold.py --warn     # also list unlabelled cue sentences
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
GOLD_DIR = Path(__file__).resolve().parent

QUOTE_KINDS = {"direct", "partial", "scare"}
SOURCE_KINDS = {"outlet", "person", "institution", "anonymous", "self"}
FRAMING_CATEGORIES = {"pejorative", "intensifier", "saying_verb", "hedge", "evaluative"}
VOICES = {"outlet", "quoted"}
FACT_KINDS = {"number", "date", "entity", "claim"}
ALTERED_KINDS = {"number", "date", "entity"}
TOP_KEYS = {"event", "documents", "quotes", "sources", "framing", "facts_only_in", "altered_facts"}

OPENING_MARKS = "\"“‘'«"
CLOSING_MARKS = "\"”’'»"
# Cue words used only by --warn to point at sentences that may lack a sources entry.
CUE_PATTERN = re.compile(
    r"\b(said|says|say|told|added|according to|reported|reportedly|allegedly|claimed|insisted|"
    r"denied|per|citing|cites|learned|admitted|conceded|warned)\b",
    re.IGNORECASE,
)


def split_front_matter(text: str) -> tuple[dict[str, str], str, int]:
    """Front matter fields, the body after it, and the body's offset in the file."""
    if not text.startswith("---\n"):
        return {}, text, 0
    end = text.index("\n---\n", 4)
    fields: dict[str, str] = {}
    for line in text[4:end].splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    offset = end + len("\n---\n")
    return fields, text[offset:], offset


def occurrences(haystack: str, needle: str) -> list[int]:
    """Start offsets of every (possibly overlapping) occurrence of ``needle``."""
    found: list[int] = []
    start = haystack.find(needle)
    while start != -1 and needle:
        found.append(start)
        start = haystack.find(needle, start + 1)
    return found


def quoted_occurrences(body: str, text: str) -> list[int]:
    """Occurrences of ``text`` that are enclosed by an opening and a closing quotation mark."""
    hits: list[int] = []
    for start in occurrences(body, text):
        end = start + len(text)
        before = body[start - 1] if start > 0 else ""
        after = body[end] if end < len(body) else ""
        if before in OPENING_MARKS and before and after in CLOSING_MARKS and after:
            hits.append(start)
    return hits


class Checker:
    """Collects problems for one gold file instead of stopping at the first."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[str] = []
        self.bodies: dict[str, str] = {}

    def fail(self, message: str) -> None:
        self.problems.append(f"{self.path.name}: {message}")

    def body(self, outlet: str, where: str) -> str | None:
        if outlet not in self.bodies:
            self.fail(f"{where}: unknown outlet {outlet!r}")
            return None
        return self.bodies[outlet]

    def check(self, gold: dict) -> None:
        if set(gold) != TOP_KEYS:
            self.fail(f"top-level keys {sorted(gold)} != {sorted(TOP_KEYS)}")
        if gold.get("event") != self.path.stem:
            self.fail(f"event {gold.get('event')!r} does not match file name")
        self.load_documents(gold.get("documents", {}))
        if len(self.bodies) < 2:
            self.fail("fewer than two documents")
        quote_spans = self.check_quotes(gold.get("quotes", []))
        self.check_sources(gold.get("sources", []))
        self.check_framing(gold.get("framing", []), quote_spans)
        self.check_facts(gold.get("facts_only_in", []))
        self.check_altered(gold.get("altered_facts", []))

    def load_documents(self, documents: dict[str, str]) -> None:
        for outlet, rel in documents.items():
            path = ROOT / rel
            if not path.is_file():
                self.fail(f"document {rel} missing")
                continue
            fields, body, _ = split_front_matter(path.read_text(encoding="utf-8"))
            if fields.get("outlet") != outlet:
                self.fail(f"{rel}: front matter outlet {fields.get('outlet')!r} != {outlet!r}")
            self.bodies[outlet] = body

    def check_quotes(self, quotes: list[dict]) -> dict[str, list[tuple[int, int]]]:
        """Validate quotes; return the character spans of all labelled quote contents."""
        spans: dict[str, list[tuple[int, int]]] = {}
        wanted: Counter[tuple[str, str]] = Counter()
        for i, quote in enumerate(quotes):
            where = f"quotes[{i}]"
            body = self.body(quote.get("outlet", ""), where)
            text = quote.get("text", "")
            if quote.get("kind") not in QUOTE_KINDS:
                self.fail(f"{where}: bad kind {quote.get('kind')!r}")
            speaker = quote.get("speaker", "missing")
            if quote.get("kind") == "scare" and speaker is not None:
                self.fail(f"{where}: scare quote must have speaker null")
            if quote.get("kind") in {"direct", "partial"} and not isinstance(speaker, str):
                self.fail(f"{where}: {quote.get('kind')} quote needs a speaker string")
            if body is None:
                continue
            hits = quoted_occurrences(body, text)
            if not hits:
                self.fail(f"{where}: {text!r} not found between quotation marks")
                continue
            wanted[(quote["outlet"], text)] += 1
            if wanted[(quote["outlet"], text)] > len(hits):
                self.fail(f"{where}: {text!r} labelled more often than it occurs")
            spans.setdefault(quote["outlet"], []).extend((h, h + len(text)) for h in hits)
        return spans

    def check_sources(self, sources: list[dict]) -> None:
        for i, source in enumerate(sources):
            where = f"sources[{i}]"
            body = self.body(source.get("outlet", ""), where)
            sentence = source.get("sentence", "")
            if not 10 <= len(sentence) <= 60:
                self.fail(f"{where}: sentence key length {len(sentence)} not in 10-60")
            chain = source.get("chain", [])
            if not chain:
                self.fail(f"{where}: empty chain")
            for link in chain:
                if link.get("kind") not in SOURCE_KINDS:
                    self.fail(f"{where}: bad source kind {link.get('kind')!r}")
                if not link.get("name"):
                    self.fail(f"{where}: source without name")
                elif body is not None and link["name"].lower() not in body.lower():
                    self.fail(f"{where}: source name {link['name']!r} not in document")
            if "inherited" in source and not isinstance(source["inherited"], bool):
                self.fail(f"{where}: inherited must be a boolean")
            if body is not None and len(occurrences(body, sentence)) != 1:
                self.fail(f"{where}: sentence key {sentence!r} not found exactly once")

    def check_framing(self, framing: list[dict], quote_spans: dict) -> None:
        for i, hit in enumerate(framing):
            where = f"framing[{i}]"
            body = self.body(hit.get("outlet", ""), where)
            text, context = hit.get("text", ""), hit.get("context", "")
            if hit.get("category") not in FRAMING_CATEGORIES:
                self.fail(f"{where}: bad category {hit.get('category')!r}")
            if hit.get("voice") not in VOICES:
                self.fail(f"{where}: bad voice {hit.get('voice')!r}")
            if not 20 <= len(context) <= 60:
                self.fail(f"{where}: context length {len(context)} not in 20-60")
            if text not in context:
                self.fail(f"{where}: text {text!r} not inside context")
                continue
            if body is None:
                continue
            places = occurrences(body, context)
            if len(places) != 1:
                self.fail(f"{where}: context {context!r} found {len(places)} times")
                continue
            start = places[0] + context.index(text)
            inside = any(a <= start and start + len(text) <= b for a, b in quote_spans.get(hit["outlet"], []))
            if inside != (hit.get("voice") == "quoted"):
                self.fail(f"{where}: voice {hit.get('voice')!r} disagrees with quote labels")

    def check_facts(self, facts: list[dict]) -> None:
        for i, fact in enumerate(facts):
            where = f"facts_only_in[{i}]"
            body = self.body(fact.get("outlet", ""), where)
            if fact.get("kind") not in FACT_KINDS:
                self.fail(f"{where}: bad kind {fact.get('kind')!r}")
            if body is None:
                continue
            if fact.get("text", "") not in body or not fact.get("text"):
                self.fail(f"{where}: {fact.get('text')!r} not in document")
            if fact.get("kind") in {"number", "date", "entity"}:
                for outlet, other in self.bodies.items():
                    if outlet != fact["outlet"] and fact["text"] in other:
                        self.fail(f"{where}: {fact['text']!r} also occurs in {outlet}")

    def check_altered(self, altered: list[dict]) -> None:
        for i, pair in enumerate(altered):
            where = f"altered_facts[{i}]"
            if pair.get("kind") not in ALTERED_KINDS:
                self.fail(f"{where}: bad kind {pair.get('kind')!r}")
            sides = [pair.get("a", {}), pair.get("b", {})]
            if sides[0].get("outlet") == sides[1].get("outlet"):
                self.fail(f"{where}: both sides from the same outlet")
            for side in sides:
                body = self.body(side.get("outlet", ""), where)
                if body is not None and (not side.get("text") or side["text"] not in body):
                    self.fail(f"{where}: {side.get('text')!r} not in {side.get('outlet')}")


def unlabelled_cue_lines(gold: dict, bodies: dict[str, str]) -> list[str]:
    """Body lines with a cue word but no sources entry: candidates for a missed label."""
    keys: dict[str, list[str]] = {}
    for source in gold["sources"]:
        keys.setdefault(source["outlet"], []).append(source["sentence"])
    report: list[str] = []
    for outlet, body in bodies.items():
        for line in body.splitlines():
            if CUE_PATTERN.search(line) and not any(k in line for k in keys.get(outlet, [])):
                report.append(f"  {outlet}: {line[:100]}")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="gold files (default: all)")
    parser.add_argument("--warn", action="store_true", help="list cue lines without sources")
    args = parser.parse_args(argv)
    files = args.files or sorted(GOLD_DIR.glob("*.json"))
    problems: list[str] = []
    for path in files:
        raw = path.read_text(encoding="utf-8")
        gold = json.loads(raw)
        checker = Checker(path)
        checker.check(gold)
        problems.extend(checker.problems)
        if args.warn and checker.bodies:
            lines = unlabelled_cue_lines(gold, checker.bodies)
            if lines:
                print(f"{path.name}: cue lines without a sources entry:")
                print("\n".join(lines))
    for problem in problems:
        print(problem)
    print(f"{len(files)} gold files, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
