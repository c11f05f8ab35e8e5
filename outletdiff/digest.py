"""The digest: the few differences between outlets that matter most, ranked, in one line each.

A comparison of two articles has a hundred findings; a journalist has a minute. The digest
picks what changes a reader's picture of the event, groups what belongs together (the words
one outlet chose, the sentences of one topic only one outlet covers) and ranks it with
:func:`rank`. Every line names the outlets and the evidence, and points at the findings and
sentences it stands on, so a report can link each line to its rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from .model import Comparison, DigestLine, Finding, Version

# Framing categories in the order a reader weighs them; a user's own categories come after.
# How an outlet attributes (saying verbs, hedges) and words inserted into a shared sentence
# ("candidate") are framing findings too, but not loaded words of the outlet's choosing.
_WEIGHED = ("pejorative", "evaluative", "intensifier", "idiom", "loaded_verb")
_NOT_LOADED = ("attribution", "candidate", "not_framing")
_WORDS_SHOWN = 5
DIGEST_LINES = 10


def digest(comparison: Comparison, *, limit: int = DIGEST_LINES) -> tuple[DigestLine, ...]:
    """The ``limit`` most important differences of a comparison, most important first."""
    candidates = [
        *_sourcing(comparison),
        *_framing(comparison),
        *_facts(comparison),
        *_topics(comparison),
        *_quotes(comparison),
    ]
    return rank(candidates)[:limit]


def rank(lines: Iterable[DigestLine]) -> tuple[DigestLine, ...]:
    """Most important first. Why this order: a claim credited to different sources changes
    who the reader believes, so it leads; then the words an outlet chose in its own voice
    (its framing); then facts that contradict each other (numbers, dates, names); then
    whole topics only one outlet covers, larger ones first; then quotes worded differently,
    and last quotes only one outlet carries. Within a kind, ``weight`` (the size of the
    evidence) decides; ties keep text order, so the digest is stable."""
    return tuple(sorted(lines, key=lambda line: -line.weight))


def _name(comparison: Comparison, doc: int) -> str:
    return comparison.documents[doc].outlet


def _place(version: Version) -> tuple[int, int]:
    return (version.doc, version.sentence)


def _number(comparison: Comparison, version: Version) -> str:
    """A sentence as people count it: the outlet and its 1-based number."""
    return f"{_name(comparison, version.doc)} {comparison.sentence_number(version.doc, version.sentence)}"


def _sourcing(comparison: Comparison) -> list[DigestLine]:
    """The same claim credited to different outlets: counterpart sentences whose chains
    name other outlets (the reporting outlet's own voice aside), and not the same ones.
    Sentences with the same two chains make one line."""
    outlets_of = {
        (attribution.doc, attribution.sentence): {s.name for s in attribution.chain if s.kind == "outlet"}
        for attribution in comparison.attributions
    }
    counterparts = _counterpart_pairs(comparison)
    grouped: dict[tuple[str, ...], list[int]] = {}
    for index, finding in enumerate(comparison.findings):
        if finding.kind != "source" or finding.change != "altered" or len(finding.versions) < 2:
            continue
        credited = [outlets_of.get(_place(version), set()) for version in finding.versions]
        pair = (_place(finding.versions[0]), _place(finding.versions[1]))
        if not all(credited) or credited[0] == credited[1] or pair not in counterparts:
            continue
        grouped.setdefault(tuple(version.chain or "" for version in finding.versions), []).append(index)
    lines = []
    for chains, indexes in grouped.items():
        first = comparison.findings[indexes[0]]
        credits = "; ".join(
            f"{_name(comparison, v.doc)} to {chain}" for v, chain in zip(first.versions, chains, strict=True)
        )
        where = ", ".join(_number(comparison, v) for v in first.versions)
        depth = sum(chain.count("<-") + 1 for chain in chains)
        lines.append(
            DigestLine(
                "source",
                f"Sourcing: the same claim is credited by {credits} ({where})",
                300 + depth + len(indexes),
                tuple(indexes),
                tuple(_place(v) for i in indexes for v in comparison.findings[i].versions),
            )
        )
    return lines


def _counterpart_pairs(comparison: Comparison) -> set[tuple[tuple[int, int], tuple[int, int]]]:
    """Every counterpart link as a pair of (doc, sentence) places, both ways round: the same
    sentence rewritten, looked up once instead of scanning the links per finding."""
    pairs = set()
    for alignment in comparison.alignments:
        for link in alignment.links:
            if link.relation == "counterpart":
                first, second = (alignment.a, link.a), (alignment.b, link.b)
                pairs.update({(first, second), (second, first)})
    return pairs


def _framing(comparison: Comparison) -> list[DigestLine]:
    """Per outlet, the loaded words it alone wrote in its own voice."""
    by_outlet: dict[int, list[tuple[int, int, Finding]]] = {}
    for index, finding in enumerate(comparison.findings):
        version = finding.versions[0]
        if (
            finding.kind == "framing"
            and finding.change == "only"
            and version.voice == "outlet"
            and finding.category not in _NOT_LOADED
        ):
            order = _WEIGHED.index(finding.category) if finding.category in _WEIGHED else len(_WEIGHED)
            by_outlet.setdefault(version.doc, []).append((order, index, finding))
    lines = []
    for doc, hits in by_outlet.items():
        hits.sort(key=lambda hit: (hit[0], hit[2].versions[0].start))
        words = list(dict.fromkeys(hit[2].text.lower() for hit in hits))
        shown = ", ".join(words[:_WORDS_SHOWN]) + (
            f" and {len(words) - _WORDS_SHOWN} more" if len(words) > _WORDS_SHOWN else ""
        )
        lacking = sorted({other for hit in hits for other in hit[2].lacking})
        lines.append(
            DigestLine(
                "framing",
                f"Framing in its own voice, only {_name(comparison, doc)}"
                f" (not {', '.join(_name(comparison, o) for o in lacking)}): {shown}",
                200 + len(words),
                tuple(hit[1] for hit in hits),
                tuple(dict.fromkeys(_place(hit[2].versions[0]) for hit in hits)),
            )
        )
    return lines


def _facts(comparison: Comparison) -> list[DigestLine]:
    """Numbers, dates and names the outlets give differently for the same item."""
    lines = []
    for index, finding in enumerate(comparison.findings):
        if finding.kind != "fact" or finding.change != "altered" or len(finding.versions) < 2:
            continue
        values = " vs ".join(f"{_name(comparison, v.doc)} \u201c{v.text}\u201d" for v in finding.versions)
        lines.append(
            DigestLine(
                "fact",
                f"Conflicting {finding.category}: {values}",
                150,
                (index,),
                tuple(map(_place, finding.versions)),
            )
        )
    return lines


def _topics(comparison: Comparison) -> list[DigestLine]:
    """Runs of neighbouring sentences only one outlet has (gaps of one sentence allowed),
    named by the names they mention most."""
    only = {
        (finding.versions[0].doc, finding.versions[0].sentence): (index, finding)
        for index, finding in enumerate(comparison.findings)
        if finding.kind == "sentence" and finding.change == "only"
    }
    names_at: dict[tuple[int, int], list[str]] = {}  # names only one outlet gives, by sentence
    for finding in comparison.findings:
        if finding.kind == "fact" and finding.change == "only" and finding.category == "entity":
            names_at.setdefault(_place(finding.versions[0]), []).append(finding.text)
    lines = []
    for doc, run in _runs(sorted(only)):
        findings = [only[(doc, sentence)] for sentence in run]
        if len(run) < 2:
            continue
        names = _names(comparison, doc, run, names_at)
        lacking = sorted({other for _, finding in findings for other in finding.lacking})
        about = ", ".join(names) if names else _short(findings[0][1].text)
        lines.append(
            DigestLine(
                "topic",
                f"Only in {_name(comparison, doc)} (not {', '.join(_name(comparison, o) for o in lacking)}):"
                f" {about} ({_name(comparison, doc)} {_numbers(comparison, doc, run)})",
                100 + len(run),
                tuple(index for index, _ in findings),
                tuple((doc, sentence) for sentence in run),
            )
        )
    return lines


def _numbers(comparison: Comparison, doc: int, indexes: Sequence[int]) -> str:
    """Sentence numbers as people read them: "15-21", or "11, 13" when there is a gap."""
    numbers = [comparison.sentence_number(doc, index) for index in indexes]
    if numbers == list(range(numbers[0] or 0, (numbers[0] or 0) + len(numbers))):
        return f"{numbers[0]}-{numbers[-1]}"
    return ", ".join(str(number) for number in numbers)


def _runs(places: Sequence[tuple[int, int]]) -> list[tuple[int, list[int]]]:
    runs: list[tuple[int, list[int]]] = []
    for doc, sentence in places:
        if runs and runs[-1][0] == doc and sentence - runs[-1][1][-1] <= 2:
            runs[-1][1].append(sentence)
        else:
            runs.append((doc, [sentence]))
    return runs


def _names(
    comparison: Comparison, doc: int, run: Sequence[int], names_at: dict[tuple[int, int], list[str]]
) -> list[str]:
    """The names only this outlet gives in a run (entity facts it alone has), most mentioned
    first, at most three: what the topic is about that the other outlets never mention."""
    mentioned = [name for sentence in run for name in names_at.get((doc, sentence), ())]
    text = " ".join(comparison.sentences[doc][i].text for i in run)
    counts = Counter({name: text.count(name.split()[-1]) for name in mentioned})
    order = {name: position for position, name in enumerate(dict.fromkeys(mentioned))}
    return sorted(counts, key=lambda name: (-counts[name], order[name]))[:3]


def _quotes(comparison: Comparison) -> list[DigestLine]:
    """Quotes worded differently (one line each), and per outlet the quotes only it carries."""
    lines = []
    alone: dict[int, list[tuple[int, Finding]]] = {}
    for index, finding in enumerate(comparison.findings):
        if finding.kind != "quote":
            continue
        if finding.change == "altered" and len(finding.versions) == 2:
            speaker = next((v.speaker for v in finding.versions if v.speaker), None)
            words = " vs ".join(
                f"{_name(comparison, v.doc)} \u201c{_short(v.text, 50)}\u201d" for v in finding.versions
            )
            lines.append(
                DigestLine(
                    "quote",
                    f"Quote worded differently{' (' + speaker + ')' if speaker else ''}: {words}",
                    60 + min(len(finding.text), 40) / 100,
                    (index,),
                    tuple(map(_place, finding.versions)),
                )
            )
        elif finding.change == "only" and finding.category != "scare":
            alone.setdefault(finding.versions[0].doc, []).append((index, finding))
    for doc, found in alone.items():
        speakers = Counter(f.versions[0].speaker or "unattributed" for _, f in found)
        who = ", ".join(f"{name} ({count})" for name, count in speakers.most_common(4))
        lines.append(
            DigestLine(
                "quote",
                f"Quotes only in {_name(comparison, doc)}: {len(found)}, from {who}",
                50 + len(found) / 100,
                tuple(index for index, _ in found),
                tuple(dict.fromkeys(_place(f.versions[0]) for _, f in found)),
            )
        )
    return lines


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"
