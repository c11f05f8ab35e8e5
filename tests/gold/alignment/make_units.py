"""Build the sentence units of the alignment gold set, so no unit text is ever retyped by hand.

The links in each gold file are labelled by a person; the units they point at are produced
here, mechanically, so that every unit is an exact copy of the source text and the unit ids
stay stable when a file is regenerated.  Run it from anywhere:

    python tests/gold/alignment/make_units.py            # create missing files, check the rest
    python tests/gold/alignment/make_units.py --print    # also list the units with their ids
    python tests/gold/alignment/make_units.py --print --pair NAME   # one pair only

Existing gold files keep their hand-made ``links`` and ``notes``; only a missing file is
created (with no links).  A file whose stored units differ from the regenerated ones is
reported, never silently overwritten, because its links would point at the wrong sentences.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
BASIL = REPO.parent / "shared" / "data" / "basil" / "articles"

# Words that end in a period without ending the sentence ("U.S. Secretary of State ...").
ABBREVIATIONS = frozenset(
    {
        "u.s",
        "u.k",
        "u.n",
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "jr",
        "sr",
        "gen",
        "sen",
        "rep",
        "gov",
        "lt",
        "col",
        "sgt",
        "prof",
        "inc",
        "corp",
        "co",
        "no",
        "vs",
        "jan",
        "feb",
        "mar",
        "apr",
        "aug",
        "sept",
        "sep",
        "oct",
        "nov",
        "dec",
    }
)
# A candidate sentence end: terminal punctuation, optional closing quotes, then whitespace.
_END = re.compile(r"[.!?][\"'”’)]*(?=\s)")
# A prefix that dates the headline line in some scraped files; it is not headline text.
_DATE_PREFIX = re.compile(r"^\s*date \d{4}-\d{2}-\d{2}\s+")


@dataclass(frozen=True)
class FilePair:
    """A pair of plain-text articles in the project corpus (front matter, headline, body)."""

    name: str
    a: str
    b: str


@dataclass(frozen=True)
class BasilPair:
    """Two outlets' articles of one BASIL event, chosen by outlet name, not by file suffix."""

    year: int
    triplet: str
    a: str
    b: str

    @property
    def name(self) -> str:
        """The gold file's name: year, first 8 characters of the triplet, outlets."""
        return f"basil-{self.year}-{self.triplet[:8]}-{self.a}-{self.b}"


@dataclass(frozen=True)
class BasilArticle:
    """One BASIL article, chosen by event (year, triplet) and outlet."""

    year: int
    triplet: str
    outlet: str


@dataclass(frozen=True)
class OtherEventPair:
    """Two articles of the same kind but about different events (two apologies, two
    indictments): their gold is "no link at all", so the aligner is tested on silence."""

    a: BasilArticle
    b: BasilArticle

    @property
    def name(self) -> str:
        """The gold file's name: both triplets' first 8 characters and outlets."""
        return f"other-{self.a.triplet[:8]}-{self.a.outlet}-{self.b.triplet[:8]}-{self.b.outlet}"


Pair = FilePair | BasilPair | OtherEventPair

PAIRS: tuple[Pair, ...] = (
    FilePair("seed-putin-talks", "corpus/putin-talks/outlet-a.txt", "corpus/putin-talks/radaronline.txt"),
    BasilPair(2010, "2b95d2cf-e979-4f9c-ae27-9a5370934f23", "fox", "hpo"),
    BasilPair(2011, "2153fb3e-6b09-410c-bfea-d095c49a54ba", "fox", "nyt"),
    BasilPair(2013, "11c9f251-35c8-4452-b052-df9be61464c6", "nyt", "hpo"),
    BasilPair(2014, "33521e65-12da-4521-b132-7b606243b0e4", "fox", "nyt"),
    BasilPair(2016, "8385a996-1afc-4778-a06d-7070a8f19e27", "nyt", "hpo"),
    # Round 2: twelve more events, every outlet pairing of each (labelled independently).
    BasilPair(2010, "74708dbf-5dfc-4c66-8419-d7dbc00e4a06", "fox", "nyt"),
    BasilPair(2010, "74708dbf-5dfc-4c66-8419-d7dbc00e4a06", "fox", "hpo"),
    BasilPair(2010, "74708dbf-5dfc-4c66-8419-d7dbc00e4a06", "nyt", "hpo"),
    BasilPair(2010, "ae243a95-b2c2-410c-9e2b-b083b4b8eb48", "fox", "nyt"),
    BasilPair(2010, "ae243a95-b2c2-410c-9e2b-b083b4b8eb48", "fox", "hpo"),
    BasilPair(2010, "ae243a95-b2c2-410c-9e2b-b083b4b8eb48", "nyt", "hpo"),
    BasilPair(2011, "0ffb34cd-c367-4d90-aca7-7fcac3ed8f3d", "fox", "nyt"),
    BasilPair(2011, "0ffb34cd-c367-4d90-aca7-7fcac3ed8f3d", "fox", "hpo"),
    BasilPair(2011, "0ffb34cd-c367-4d90-aca7-7fcac3ed8f3d", "nyt", "hpo"),
    BasilPair(2011, "97566c74-e000-49fb-b091-e6ec6e179de0", "fox", "nyt"),
    BasilPair(2011, "97566c74-e000-49fb-b091-e6ec6e179de0", "fox", "hpo"),
    BasilPair(2011, "97566c74-e000-49fb-b091-e6ec6e179de0", "nyt", "hpo"),
    BasilPair(2012, "29ffd053-7684-469b-a600-97000579bd01", "fox", "nyt"),
    BasilPair(2012, "29ffd053-7684-469b-a600-97000579bd01", "fox", "hpo"),
    BasilPair(2012, "29ffd053-7684-469b-a600-97000579bd01", "nyt", "hpo"),
    BasilPair(2012, "f11c2566-848a-4e29-b8c5-4de0a81114e4", "fox", "nyt"),
    BasilPair(2012, "f11c2566-848a-4e29-b8c5-4de0a81114e4", "fox", "hpo"),
    BasilPair(2012, "f11c2566-848a-4e29-b8c5-4de0a81114e4", "nyt", "hpo"),
    BasilPair(2014, "22b6e900-4826-4b09-a9f8-5d7afe46e78b", "fox", "nyt"),
    BasilPair(2014, "22b6e900-4826-4b09-a9f8-5d7afe46e78b", "fox", "hpo"),
    BasilPair(2014, "22b6e900-4826-4b09-a9f8-5d7afe46e78b", "nyt", "hpo"),
    BasilPair(2014, "d1344998-0e7c-409e-aaad-df5be687fc94", "fox", "nyt"),
    BasilPair(2014, "d1344998-0e7c-409e-aaad-df5be687fc94", "fox", "hpo"),
    BasilPair(2014, "d1344998-0e7c-409e-aaad-df5be687fc94", "nyt", "hpo"),
    BasilPair(2015, "2b9468af-4ab0-4f25-85f4-c3ef93d72006", "fox", "nyt"),
    BasilPair(2015, "2b9468af-4ab0-4f25-85f4-c3ef93d72006", "fox", "hpo"),
    BasilPair(2015, "2b9468af-4ab0-4f25-85f4-c3ef93d72006", "nyt", "hpo"),
    BasilPair(2016, "59f2f47c-5da0-4fbc-be6e-4f15d45d82e2", "fox", "nyt"),
    BasilPair(2016, "59f2f47c-5da0-4fbc-be6e-4f15d45d82e2", "fox", "hpo"),
    BasilPair(2016, "59f2f47c-5da0-4fbc-be6e-4f15d45d82e2", "nyt", "hpo"),
    BasilPair(2017, "0c78e748-efbf-417c-a8c1-beeb6480147f", "fox", "nyt"),
    BasilPair(2017, "0c78e748-efbf-417c-a8c1-beeb6480147f", "fox", "hpo"),
    BasilPair(2017, "0c78e748-efbf-417c-a8c1-beeb6480147f", "nyt", "hpo"),
    BasilPair(2018, "87609973-bd58-42a5-96e2-ee5aa47433f5", "fox", "nyt"),
    BasilPair(2018, "87609973-bd58-42a5-96e2-ee5aa47433f5", "fox", "hpo"),
    BasilPair(2018, "87609973-bd58-42a5-96e2-ee5aa47433f5", "nyt", "hpo"),
    # Different events of one kind (gold: no link), each article from another outlet.
    OtherEventPair(
        BasilArticle(2010, "6b541575-99b1-40d2-8730-9bb868ee38ed", "fox"),
        BasilArticle(2014, "22b6e900-4826-4b09-a9f8-5d7afe46e78b", "nyt"),
    ),
    OtherEventPair(
        BasilArticle(2014, "96b7046f-f584-422f-a626-6f86a26dfd8b", "nyt"),
        BasilArticle(2017, "d16050b3-979f-4834-90db-b8823691b87e", "hpo"),
    ),
    OtherEventPair(
        BasilArticle(2014, "33521e65-12da-4521-b132-7b606243b0e4", "hpo"),
        BasilArticle(2018, "eb17fa36-89f2-4d0b-8133-7bb4682228e1", "fox"),
    ),
    OtherEventPair(
        BasilArticle(2013, "f506aafc-8b43-427a-936e-bbd1ef33e076", "fox"),
        BasilArticle(2017, "0c78e748-efbf-417c-a8c1-beeb6480147f", "nyt"),
    ),
    OtherEventPair(
        BasilArticle(2015, "13792511-5142-449f-8d3e-d77d790f65ec", "nyt"),
        BasilArticle(2015, "af4a3f41-eeb5-49fa-a276-e97c230b25f0", "hpo"),
    ),
    OtherEventPair(
        BasilArticle(2018, "06ffda2d-1caf-45ba-99e2-268aac1bf0e1", "hpo"),
        BasilArticle(2018, "01c59743-7082-44fc-8414-3c04126f470f", "fox"),
    ),
    OtherEventPair(
        BasilArticle(2014, "c99adbdd-eaf3-4844-9548-2642e80de4e2", "fox"),
        BasilArticle(2016, "79bf99c6-6fca-4ce4-8ae1-8771de026142", "nyt"),
    ),
    OtherEventPair(
        BasilArticle(2013, "11c9f251-35c8-4452-b052-df9be61464c6", "nyt"),
        BasilArticle(2012, "8dc7ccfe-5cf0-482f-9101-a7c69881da4d", "hpo"),
    ),
    OtherEventPair(
        BasilArticle(2013, "70c744ad-e950-445c-8a7a-0782b0a7d20b", "hpo"),
        BasilArticle(2014, "58ed2376-35a0-453a-a08e-5cd87e3bdea5", "fox"),
    ),
    OtherEventPair(
        BasilArticle(2016, "8abec8d9-50a2-480e-969a-157f94954f4d", "fox"),
        BasilArticle(2016, "59f2f47c-5da0-4fbc-be6e-4f15d45d82e2", "nyt"),
    ),
    OtherEventPair(
        BasilArticle(2013, "d3a1ce0a-fc48-4827-a278-8f0ce8c7a519", "nyt"),
        BasilArticle(2010, "38f7cbb7-5d6a-4c89-bcbd-8e164144172a", "hpo"),
    ),
    OtherEventPair(
        BasilArticle(2014, "d1344998-0e7c-409e-aaad-df5be687fc94", "hpo"),
        BasilArticle(2017, "df6a55fb-dfe5-4362-89a6-8c040d648a70", "fox"),
    ),
    OtherEventPair(
        BasilArticle(2013, "526cabb7-02a3-4adb-8e90-ec781c40c498", "fox"),
        BasilArticle(2019, "3ae35b16-7f7f-4a5e-9f24-5ce724106a73", "nyt"),
    ),
    OtherEventPair(
        BasilArticle(2015, "2b9468af-4ab0-4f25-85f4-c3ef93d72006", "nyt"),
        BasilArticle(2012, "b4dbeda7-a1f3-4711-ae77-db23809d1ed2", "hpo"),
    ),
    OtherEventPair(
        BasilArticle(2016, "76810849-0335-4ad3-9eaf-f0d9c5baceb6", "hpo"),
        BasilArticle(2016, "472158a1-4e39-4214-8397-904e66f2b4c5", "fox"),
    ),
    OtherEventPair(
        BasilArticle(2018, "f688c56d-7fae-42ef-b7f7-7db207b58d27", "fox"),
        BasilArticle(2019, "70c75d68-bf65-46a6-a822-15c23d77a275", "nyt"),
    ),
    OtherEventPair(
        BasilArticle(2010, "85475456-f38e-4c30-895d-ca2c819c6af1", "nyt"),
        BasilArticle(2011, "c21cb217-3e2c-49bd-884d-5c74a165ef10", "hpo"),
    ),
    OtherEventPair(
        BasilArticle(2010, "97b1305c-13ca-4b74-a56a-f459bd79dfaf", "hpo"),
        BasilArticle(2019, "86e6e27d-1440-4879-8b13-0dd2d89f7281", "fox"),
    ),
    OtherEventPair(
        BasilArticle(2011, "2058ec60-5372-4f5f-83a3-da780be3a350", "fox"),
        BasilArticle(2016, "8385a996-1afc-4778-a06d-7070a8f19e27", "nyt"),
    ),
    OtherEventPair(
        BasilArticle(2018, "ad409798-ee94-4436-92c5-92669193be14", "nyt"),
        BasilArticle(2018, "87609973-bd58-42a5-96e2-ee5aa47433f5", "hpo"),
    ),
    OtherEventPair(
        BasilArticle(2019, "2f3e86b6-8443-47bd-9cd3-491c90a59fe9", "hpo"),
        BasilArticle(2013, "f506aafc-8b43-427a-936e-bbd1ef33e076", "fox"),
    ),
    OtherEventPair(
        BasilArticle(2012, "450755dd-30d3-478b-933e-917be5c384ba", "fox"),
        BasilArticle(2011, "550b80db-bdd5-442b-8f70-c8e9f3203a13", "nyt"),
    ),
    OtherEventPair(
        BasilArticle(2010, "2b95d2cf-e979-4f9c-ae27-9a5370934f23", "nyt"),
        BasilArticle(2010, "74708dbf-5dfc-4c66-8419-d7dbc00e4a06", "hpo"),
    ),
    OtherEventPair(
        BasilArticle(2011, "3db93526-a344-4ea4-8772-3734d0cfdfb1", "hpo"),
        BasilArticle(2011, "0ffb34cd-c367-4d90-aca7-7fcac3ed8f3d", "fox"),
    ),
    OtherEventPair(
        BasilArticle(2012, "cad4bba5-cf97-45cb-8059-ebeb47dcec7a", "fox"),
        BasilArticle(2012, "2ec04201-2016-4227-baf7-ba8289058203", "nyt"),
    ),
    OtherEventPair(
        BasilArticle(2013, "84678e18-0b79-4570-9c9f-cb1cf88d968e", "nyt"),
        BasilArticle(2013, "1bb79cc1-5d69-4136-a23d-6dbd300cbf25", "hpo"),
    ),
    OtherEventPair(
        BasilArticle(2012, "b5eefefb-2a33-45de-abe1-f855c94165f4", "hpo"),
        BasilArticle(2011, "97566c74-e000-49fb-b091-e6ec6e179de0", "fox"),
    ),
    OtherEventPair(
        BasilArticle(2018, "1f99798f-2b60-4ecb-b5f4-4aa7991e8ace", "fox"),
        BasilArticle(2018, "eb17fa36-89f2-4d0b-8133-7bb4682228e1", "nyt"),
    ),
    OtherEventPair(
        BasilArticle(2017, "542cd22c-ea80-4669-995b-6ac6a33823f7", "nyt"),
        BasilArticle(2014, "ccf19ab6-7878-4378-b99c-2b08cc21371f", "hpo"),
    ),
    OtherEventPair(
        BasilArticle(2010, "6b541575-99b1-40d2-8730-9bb868ee38ed", "hpo"),
        BasilArticle(2014, "22b6e900-4826-4b09-a9f8-5d7afe46e78b", "fox"),
    ),
)


def strip_front_matter(text: str) -> str:
    """The article text after a leading ``---`` ... ``---`` metadata block, if there is one."""
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() == "---":
                return "\n".join(lines[i + 1 :])
    return text


def is_abbreviation(text: str, end: int) -> bool:
    """Whether the period just before ``end`` closes a known abbreviation or an initial."""
    word = re.search(r"([A-Za-z.]+)\.$", text[:end])
    if word is None:
        return False
    token = word.group(1).lower()
    return token in ABBREVIATIONS or len(token) == 1


def split_sentences(line: str) -> list[str]:
    """Split one paragraph line into sentences, each an exact substring of the line.

    A sentence ends at ``.``, ``!`` or ``?`` (plus closing quotes) before whitespace, unless
    the period belongs to an abbreviation or the next word starts in lower case.
    """
    pieces: list[str] = []
    start = 0
    for m in _END.finditer(line):
        nxt = line[m.end() :].lstrip()
        if not nxt or nxt[0].islower():
            continue
        if line[m.start()] == "." and is_abbreviation(line, m.start() + 1):
            continue
        pieces.append(line[start : m.end()].strip())
        start = m.end()
    pieces.append(line[start:].strip())
    return [p for p in pieces if p]


def file_units(path: Path) -> list[str]:
    """Headline, bullets and sentences of a corpus article, in reading order."""
    body = strip_front_matter(path.read_text(encoding="utf-8"))
    units: list[str] = []
    first = True
    for raw in body.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if first:
            units.append(_DATE_PREFIX.sub("", raw).strip())
            first = False
        elif line.startswith("- "):
            units.append(line)
        else:
            units.extend(split_sentences(line))
    return units


def basil_article(year: int, triplet: str, outlet: str) -> dict:
    """The BASIL article of ``triplet`` whose ``source`` field names ``outlet``."""
    for path in sorted((BASIL / str(year)).glob(f"{triplet}_*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if str(data.get("source", "")).lower() == outlet:
            return data
    raise SystemExit(f"no {outlet} article for {year}/{triplet}")


def basil_units(year: int, triplet: str, outlet: str) -> list[str]:
    """Title then the flattened ``body-paragraphs`` sentences, copied as stored."""
    data = basil_article(year, triplet, outlet)
    return [data["title"]] + [s for para in data["body-paragraphs"] for s in para]


def build(pair: Pair) -> dict:
    """The gold skeleton of one pair: source description and both unit lists, no links."""
    notes = ""
    if isinstance(pair, OtherEventPair):
        source: dict = {"kind": "basil-other-events", "a": vars(pair.a), "b": vars(pair.b)}
        a_units = basil_units(pair.a.year, pair.a.triplet, pair.a.outlet)
        b_units = basil_units(pair.b.year, pair.b.triplet, pair.b.outlet)
        events = [basil_article(x.year, x.triplet, x.outlet).get("main-event", "") for x in (pair.a, pair.b)]
        notes = f"Different events ({events[0]!r} vs {events[1]!r}): no link by construction."
    elif isinstance(pair, FilePair):
        source = {"kind": "file", "a": pair.a, "b": pair.b}
        a_units, b_units = file_units(REPO / pair.a), file_units(REPO / pair.b)
    else:
        source = {"kind": "basil", "year": pair.year, "triplet": pair.triplet, "a": pair.a, "b": pair.b}
        a_units = basil_units(pair.year, pair.triplet, pair.a)
        b_units = basil_units(pair.year, pair.triplet, pair.b)
    return {
        "name": pair.name,
        "source": source,
        "a_units": [{"id": i, "text": t} for i, t in enumerate(a_units)],
        "b_units": [{"id": i, "text": t} for i, t in enumerate(b_units)],
        "links": [],
        "notes": notes,
    }


def check_or_create(pair: Pair, *, show: bool) -> bool:
    """Create the pair's gold file if missing; report whether stored units still match."""
    fresh = build(pair)
    path = HERE / f"{pair.name}.json"
    if show:
        for side in ("a", "b"):
            print(f"== {pair.name} {side}: {fresh['source'][side]}")
            for unit in fresh[f"{side}_units"]:
                print(f"{side}{unit['id']:>3}  {unit['text']}")
    if not path.exists():
        path.write_text(json.dumps(fresh, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"created {path.name}", file=sys.stderr)
        return True
    stored = json.loads(path.read_text(encoding="utf-8"))
    same = all(stored[k] == fresh[k] for k in ("name", "source", "a_units", "b_units"))
    print(f"{'ok' if same else 'UNITS CHANGED'}  {path.name}", file=sys.stderr)
    return same


def main() -> int:
    """Create or check every gold file; exit 1 if any stored unit list is out of date."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--print", dest="show", action="store_true", help="list units with ids")
    parser.add_argument("--pair", help="only the pair of this name (with --print: to label it)")
    args = parser.parse_args()
    chosen = [pair for pair in PAIRS if args.pair in (None, pair.name)]
    if not chosen:
        raise SystemExit(f"no pair named {args.pair}")
    results = [check_or_create(pair, show=args.show) for pair in chosen]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
