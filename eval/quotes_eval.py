"""Measure quote, speaker and sourcing-chain extraction: precision, recall and F1.

Three data sets, each scored the way its labels allow:

1. the hand-made gold in ``tests/gold/extraction`` (quotes with kind and speaker, sources with
   chains) — quote spans, speakers, source mentions and exact chains;
2. PolNeAR (Newell, Margolin & Ruths, LREC 2018) — source mentions written in each
   attributed sentence against its Source spans (the older figure, which skipped every
   inherited chain, is printed under it), and quote spans against Content spans that are
   wholly quoted;
3. BASIL (Fan et al., EMNLP 2019) — speakers of phrases annotated as quoted with a named
   speaker.

Each shared corpus is split once: rules are developed on PolNeAR ``train`` and BASIL 2010-2014
(the *development* split) and the README's figures come from PolNeAR ``dev`` and BASIL
2015-2016 (the *reporting* split), which no rule was tuned on. Run with ``--development`` while
tuning, so the reporting split stays unseen; ``-v`` lists the misses of the development split,
counted by cause (pronoun, relative, passive by, according to, possessive, name, phrase) first.

A quote span matches when overlap / max(length) >= 0.8. Run: ``python eval/quotes_eval.py``.
Datasets under ``../shared/data`` are skipped with a message when absent.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

from scoring import Score  # noqa: E402

from outletdiff.extract.quotes import find_quotes  # noqa: E402
from outletdiff.extract.resolver import role_table  # noqa: E402
from outletdiff.extract.roles import RoleBook  # noqa: E402
from outletdiff.extract.sources import find_attributions  # noqa: E402
from outletdiff.load import document_from_text, load_path  # noqa: E402
from outletdiff.model import Attribution, Document, Quote, Sentence  # noqa: E402
from outletdiff.segment import segment  # noqa: E402

GOLD = ROOT / "tests" / "gold" / "extraction"
DATA = ROOT.parent / "shared" / "data"
_MARKS = "\"'“”‘’«»„"


@dataclass
class Tally:
    """Counts gathered while scoring, with the misses to show under ``-v``."""

    tp_pred: int = 0  # predicted items that match gold
    tp_gold: int = 0  # gold items that are found
    pred: int = 0
    gold: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def score(self) -> Score:
        return Score(self.tp_pred, self.pred, self.tp_gold, self.gold)

    @property
    def f1(self) -> float:
        return self.score.f1

    def line(self, name: str) -> str:
        score = self.score
        return (
            f"  {name:<22} P {score.precision:.3f}  R {score.recall:.3f}  F1 {score.f1:.3f}"
            f"  (pred {self.pred}, gold {self.gold})"
        )


def span_match(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Overlap / max(length) >= 0.8."""
    overlap = min(a[1], b[1]) - max(a[0], b[0])
    return overlap > 0 and overlap / max(a[1] - a[0], b[1] - b[0]) >= 0.8


def _norm(name: str) -> str:
    name = name.lower().replace("’", "'").replace(".", "").replace("_", " ")
    name = re.sub(r"^(the|a|an)\s+", "", name)
    return " ".join(re.sub(r"[^\w\s']", " ", name).split())


def name_match(predicted: str | None, gold: str | None) -> bool:
    """Case-insensitive; a surname match or a fuzzy match counts."""
    if not predicted or not gold:
        return False
    p, g = _norm(predicted), _norm(gold)
    if not p or not g:
        return False
    if p == g or p.split()[-1] == g.split()[-1] or p in g or g in p:
        return True
    return fuzz.token_sort_ratio(p, g) >= 85


# --- 1. hand-made gold ---------------------------------------------------------------------


def _gold_quote_spans(text: str, quotes: list[dict]) -> list[tuple[int, int, dict]]:
    spans = []
    used: set[int] = set()
    for quote in quotes:
        start = text.find(quote["text"])
        while start in used and start >= 0:
            start = text.find(quote["text"], start + 1)
        if start < 0:
            continue
        used.add(start)
        spans.append((start, start + len(quote["text"]), quote))
    return spans


def _sentence_of(sentences: tuple[Sentence, ...], text: str, snippet: str) -> int | None:
    position = text.find(snippet)
    for sentence in sentences:
        if sentence.start <= position < sentence.end:
            return sentence.index
    return None


def eval_gold(quote_score: Tally, speaker_score: Tally, source_score: Tally, chain_score: Tally) -> int:
    files = sorted(GOLD.glob("*.json"))
    for path in files:
        gold = json.loads(path.read_text("utf-8"))
        for index, (outlet, rel) in enumerate(gold["documents"].items()):
            document = load_path(ROOT / rel, label=outlet)
            sentences = segment(document, doc=index)
            quotes = find_quotes(index, document.text, sentences)
            attributions = find_attributions(index, document.text, sentences, quotes, outlet=outlet)
            gold_quotes = _gold_quote_spans(
                document.text, [q for q in gold["quotes"] if q["outlet"] == outlet]
            )
            _score_quotes(quotes, gold_quotes, quote_score, speaker_score, f"{path.stem}/{outlet}")
            gold_sources = [s for s in gold["sources"] if s["outlet"] == outlet]
            _score_sources(attributions, gold_sources, sentences, document.text, source_score, chain_score)
    return len(files)


def _score_quotes(
    quotes: tuple[Quote, ...],
    gold: list[tuple[int, int, dict]],
    quote_score: Tally,
    speaker_score: Tally,
    where: str,
) -> None:
    quote_score.pred += len(quotes)
    quote_score.gold += len(gold)
    quote_score.tp_pred += sum(any(span_match((q.start, q.end), g[:2]) for g in gold) for q in quotes)
    for start, end, label in gold:
        match = next((q for q in quotes if span_match((q.start, q.end), (start, end))), None)
        if match is None:
            quote_score.misses.append(f"{where}: missed {label['text'][:60]!r}")
            continue
        quote_score.tp_gold += 1
        if label.get("speaker"):
            speaker_score.gold += 1
            if match.speaker:
                speaker_score.pred += 1
            if name_match(match.speaker, label["speaker"]):
                speaker_score.tp_gold += 1
                speaker_score.tp_pred += 1
            else:
                speaker_score.misses.append(
                    f"{where}: {label['text'][:40]!r} {match.speaker!r} != {label['speaker']!r}"
                )
    for q in quotes:
        if not any(span_match((q.start, q.end), g[:2]) for g in gold):
            quote_score.misses.append(f"{where}: extra {q.text[:60]!r}")


def _score_sources(
    attributions: tuple[Attribution, ...],
    gold: list[dict],
    sentences: tuple[Sentence, ...],
    text: str,
    source_score: Tally,
    chain_score: Tally,
) -> None:
    by_sentence: dict[int, list[dict]] = {}
    for item in gold:
        index = _sentence_of(sentences, text, item["sentence"])
        if index is not None:
            by_sentence.setdefault(index, []).extend(item["chain"])
    predicted = {a.sentence: a for a in attributions}
    chain_score.pred += len(predicted)
    chain_score.gold += len(by_sentence)
    for index, chain in by_sentence.items():
        attribution = predicted.get(index)
        names = [s.name for s in attribution.chain] if attribution else []
        ok = len(names) == len(chain) and all(
            name_match(p, g["name"]) for p, g in zip(names, chain, strict=True)
        )
        if ok:
            chain_score.tp_gold += 1
            chain_score.tp_pred += 1
        else:
            chain_score.misses.append(
                f"{sentences[index].text[:50]!r}: {names} != {[g['name'] for g in chain]}"
            )
    for index in set(predicted) | set(by_sentence):
        names = [s.name for s in predicted[index].chain] if index in predicted else []
        gold_names = [g["name"] for g in by_sentence.get(index, [])]
        source_score.pred += len(names)
        source_score.gold += len(gold_names)
        source_score.tp_pred += sum(any(name_match(n, g) for g in gold_names) for n in names)
        source_score.tp_gold += sum(any(name_match(n, g) for n in names) for g in gold_names)


# --- 2. PolNeAR ------------------------------------------------------------------------------


def _brat(path: Path) -> dict[str, list[tuple[int, int]]]:
    spans: dict[str, list[tuple[int, int]]] = {}
    for line in path.read_text("utf-8").splitlines():
        if not line.startswith("T") or line.count("\t") < 2:
            continue  # a few train files hold stray lines
        label, rest = line.split("\t")[1].split(" ", 1)
        pieces = [tuple(int(n) for n in part.split()) for part in rest.split(";")]
        spans.setdefault(label, []).append((pieces[0][0], pieces[-1][1]))  # type: ignore[misc]
    return spans


POLNEAR_SPLITS = {"development": "train", "reporting": "dev"}
BASIL_SPLITS = {"development": range(2010, 2015), "reporting": range(2015, 2017)}


def _polnear_articles(split: str) -> Iterator[tuple[Path, str, Document]]:
    """Each annotated article of a PolNeAR split with its text, skipping the few whose loaded
    text differs from the file (their annotation offsets would not slice it)."""
    root = DATA / "polnear" / split
    for ann in sorted((root / "attributions").glob("*.ann")):
        text = (root / "text" / f"{ann.stem.rsplit('_', 1)[0]}.txt").read_text("utf-8")
        document = document_from_text(text, outlet=ann.stem.split("_")[0])
        if document.text == text:
            yield ann, text, document


def eval_polnear(
    quote_score: Tally, source_score: Tally, legacy_score: Tally | None = None, *, split: str = "dev"
) -> int:
    """Score one PolNeAR split; ``legacy_score`` gets the older figure that skipped inherited chains."""
    articles = list(_polnear_articles(split))
    for ann, text, document in articles:
        sentences = segment(document, doc=0)
        quotes = find_quotes(0, text, sentences)
        attributions = find_attributions(0, text, sentences, quotes, outlet=document.outlet)
        spans = _brat(ann)
        gold_sources = spans.get("Source", [])
        _score_mentions(_own_mentions(attributions, sentences), gold_sources, source_score, text)
        if legacy_score is not None:
            own = [(s.start, s.end) for a in attributions if not a.inherited for s in a.chain]
            _score_mentions(own, gold_sources, legacy_score)
        contents = spans.get("Content", [])
        quoted = [_strip_marks(text, c) for c in contents if _wholly_quoted(text, c)]
        direct = [(q.start, q.end) for q in quotes if q.kind == "direct"]
        quote_score.pred += len(direct)
        quote_score.gold += len(quoted)
        quote_score.tp_gold += sum(any(span_match(q, g) for q in direct) for g in quoted)
        quote_score.tp_pred += sum(
            any(span_match(q, g) for g in quoted) or any(c[0] <= q[0] and q[1] <= c[1] for c in contents)
            for q in direct
        )
    return len(articles)


def _linked_sources(path: Path) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """(Content span, Source span) of every attribution event in a PolNeAR ``.ann`` file."""
    spans: dict[str, tuple[int, int]] = {}
    events = []
    for line in path.read_text("utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            rest = parts[1].split(" ", 1)[1]
            pieces = [part.split() for part in rest.split(";")]
            spans[parts[0]] = (int(pieces[0][0]), int(pieces[-1][1]))
        elif line.startswith("E") and len(parts) >= 2:
            roles = dict(item.split(":", 1) for item in parts[1].split() if ":" in item)
            events.append(roles)
    return [
        (spans[e["Content"]], spans[e["Source"]])
        for e in events
        if e.get("Content") in spans and e.get("Source") in spans
    ]


def eval_polnear_speakers(score: Tally, *, split: str = "train") -> int:
    """Speakers of wholly quoted PolNeAR contents whose linked source is a name ("Trump",
    "Sen. Ted Cruz"): the quote's speaker must name the same person (pronoun and group sources
    are left out, PolNeAR does not resolve them)."""
    articles = list(_polnear_articles(split))
    for ann, text, document in articles:
        quotes = [q for q in find_quotes(0, text, segment(document, doc=0)) if q.kind == "direct"]
        for content, source in _linked_sources(ann):
            name = text[source[0] : source[1]]
            words = name.split()
            if not _wholly_quoted(text, content) or not words or not all(w[:1].isupper() for w in words[-2:]):
                continue
            if words[0].lower() in ("the", "a", "an", "i", "we", "he", "she", "they", "it"):
                continue
            target = _strip_marks(text, content)
            quote = next((q for q in quotes if span_match((q.start, q.end), target)), None)
            if quote is None:
                continue
            score.gold += 1
            score.pred += quote.speaker is not None
            # A source span may hold an apposition: "Elias, a veteran voting rights lawyer".
            if any(name_match(quote.speaker, part) for part in name.split(",") if part.strip()):
                score.tp_gold += 1
                score.tp_pred += 1
            else:
                score.misses.append(
                    f"{quote.speaker!r} != {name!r}: {_context(text, (quote.start, quote.end))}"
                )
    return len(articles)


def _own_mentions(
    attributions: tuple[Attribution, ...], sentences: tuple[Sentence, ...]
) -> list[tuple[int, int]]:
    """Source mentions written in the attributed sentence itself.

    An inherited chain ("The report cites two officials") still names its own new source in
    its sentence; the links carried over point at earlier sentences and are not counted twice.
    """
    bounds = {sentence.index: (sentence.start, sentence.end) for sentence in sentences}
    spans: list[tuple[int, int]] = []
    for attribution in attributions:
        start, end = bounds[attribution.sentence]
        spans.extend((s.start, s.end) for s in attribution.chain if start <= s.start and s.end <= end)
    return sorted(set(spans))


def _score_mentions(
    predicted: list[tuple[int, int]], gold: list[tuple[int, int]], score: Tally, text: str = ""
) -> None:
    score.pred += len(predicted)
    score.gold += len(gold)
    score.tp_pred += sum(any(_overlaps(s, g) for g in gold) for s in predicted)
    score.tp_gold += sum(any(_overlaps(s, g) for s in predicted) for g in gold)
    for s in predicted:
        if not any(_overlaps(s, g) for g in gold):
            score.misses.append(f"extra ({_cause(text, s)}) {_context(text, s)}")
    for g in gold:
        if not any(_overlaps(s, g) for s in predicted):
            score.misses.append(f"missed ({_cause(text, g)}) {_context(text, g)}")


_PRONOUN_WORDS = frozenset("he she they it we i you him her them us me his their its our my".split())


def _cause(text: str, span: tuple[int, int]) -> str:
    """A rough cause for a missed or false mention, from the words at and before it."""
    words = text[span[0] : span[1]]
    before = text[max(0, span[0] - 16) : span[0]].lower()
    if words.lower() in _PRONOUN_WORDS:
        return "pronoun"
    if words.lower() in ("who", "which", "that"):
        return "relative"
    if re.search(r"\bby\s*$", before):
        return "passive by"
    if re.search(r"according to\s*$", before):
        return "according to"
    if text[span[1] : span[1] + 2] in ("'s", "’s") or re.search(r"['’]s?$", words):
        return "possessive"
    return "name" if words[:1].isupper() and not re.match(r"(?:The|A|An)\b", words) else "phrase"


def causes(misses: list[str]) -> str:
    """Misses and false mentions counted by cause, most frequent first, for ``-v``."""
    counts: dict[str, int] = {}
    for miss in misses:
        key = miss.split(")", 1)[0] + ")"
        counts[key] = counts.get(key, 0) + 1
    return ", ".join(f"{key} {n}" for key, n in sorted(counts.items(), key=lambda item: -item[1]))


def _context(text: str, span: tuple[int, int]) -> str:
    """The span in brackets with a little of the text around it, on one line."""
    before = text[max(0, span[0] - 50) : span[0]]
    after = text[span[1] : span[1] + 50]
    return " ".join(f"{before}[{text[span[0] : span[1]]}]{after}".split())


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def _wholly_quoted(text: str, span: tuple[int, int]) -> bool:
    content = text[span[0] : span[1]].strip().rstrip(".,")
    return (
        len(content) > 2 and content[0] in _MARKS and content[-1] in _MARKS and content.count(content[0]) <= 2
    )


def _strip_marks(text: str, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    while start < end and (text[start] in _MARKS or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in _MARKS or text[end - 1].isspace() or text[end - 1] in ".,"):
        end -= 1
    return start, end


# --- 3. BASIL --------------------------------------------------------------------------------


def _person_label(speaker: str) -> bool:
    """BASIL speakers are often groups ("Tea_Party", "other_anti"); keep personal names only."""
    parts = speaker.split("_")
    groups = {"campaign", "officials", "lawmakers", "democrats", "republicans", "party", "and", "companies"}
    return len(parts) >= 2 and all(p[:1].isupper() for p in parts) and not {p.lower() for p in parts} & groups


def _basil_text(article: dict) -> tuple[str, list[int]]:
    """The article as one text (title, then paragraphs), and where each body sentence starts."""
    parts, offsets = [article.get("title") or ""], []
    position = len(parts[0]) + 2
    body = []
    for paragraph in article["body-paragraphs"]:
        pieces = []
        for sentence in paragraph:
            offsets.append(position)
            pieces.append(sentence)
            position += len(sentence) + 1
        body.append(" ".join(pieces))
        position += 1
    return parts[0] + "\n\n" + "\n\n".join(body), offsets


def _event_book(article_path: Path) -> tuple[RoleBook, int]:
    """The role book of the article's event (BASIL's three outlets' articles), as ``compare``
    builds it over the compared documents, and the article's index among them."""
    siblings = sorted(article_path.parent.glob(article_path.stem.rsplit("_", 1)[0] + "_*.json"))
    texts = [_basil_text(json.loads(path.read_text("utf-8")))[0] for path in siblings]
    return RoleBook.merge([role_table(text) for text in texts]), siblings.index(article_path)


def eval_basil(speaker_score: Tally, *, years: range = range(2010, 2017), other_outlets: bool = True) -> int:
    """Score speakers of BASIL's quoted spans with a named speaker in articles of ``years``.

    With ``other_outlets`` each article is read as ``compare`` reads it, beside the event's
    other articles, so a description ("the president") may take the name another outlet gives.
    """
    articles = DATA / "basil" / "articles"
    count = 0
    paths = sorted((DATA / "basil" / "annotations").glob("*/*_ann.json"))
    for ann_path in (path for path in paths if int(path.parent.name) in years):
        article_path = articles / ann_path.parent.name / ann_path.name.replace("_ann", "")
        if not article_path.exists():
            continue
        annotations = [
            a
            for a in json.loads(ann_path.read_text("utf-8"))["phrase-level-annotations"]
            if a["quote"] == "yes" and _person_label(a["speaker"]) and a["id"] != "title"
        ]
        article = json.loads(article_path.read_text("utf-8"))
        flat = " ".join(s for paragraph in article["body-paragraphs"] for s in paragraph)
        # The speaker must be named in the article: BASIL sometimes labels the group behind them.
        annotations = [a for a in annotations if a["speaker"].split("_")[-1] in flat]
        if not annotations:
            continue
        count += 1
        text, offsets = _basil_text(article)
        document = document_from_text(text)
        if document.text != text:
            continue
        book, doc = _event_book(article_path) if other_outlets else (None, 0)
        quotes = find_quotes(doc, text, segment(document, doc=doc), book=book)
        for annotation in annotations:
            index = int(annotation["id"][1:])
            if index >= len(offsets):
                continue
            start = offsets[index] + annotation["start"]
            end = offsets[index] + annotation["end"]
            speaker_score.gold += 1
            quote = next((q for q in quotes if q.start <= start + 2 and end - 2 <= q.end), None)
            if quote is None or not quote.speaker:
                found = "no quote" if quote is None else "no speaker"
                speaker_score.misses.append(f"{found} != {annotation['speaker']!r}: {text[start:end][:50]!r}")
                continue
            speaker_score.pred += 1
            if name_match(quote.speaker, annotation["speaker"]):
                speaker_score.tp_pred += 1
                speaker_score.tp_gold += 1
            else:
                speaker_score.misses.append(
                    f"{quote.speaker!r} != {annotation['speaker']!r}: {quote.text[:50]!r}"
                )
    return count


def main(verbose: bool = False, development_only: bool = False) -> dict[str, Tally]:
    """Print every figure; return the scores (used by the quality test)."""
    scores: dict[str, Tally] = {}
    quote, speaker, source, chain = Tally(), Tally(), Tally(), Tally()
    files = eval_gold(quote, speaker, source, chain) if GOLD.exists() else 0
    print(f"Hand-made gold ({files} events, tests/gold/extraction):")
    for name, score in (
        ("quote spans", quote),
        ("speakers", speaker),
        ("sources", source),
        ("chains", chain),
    ):
        print(score.line(name))
        scores[f"gold_{name.split()[0]}"] = score
        if verbose:
            print("\n".join(f"      {miss}" for miss in score.misses))
    splits = ["development"] if development_only else ["development", "reporting"]
    for split in splits:
        folder = POLNEAR_SPLITS[split]
        if not (DATA / "polnear" / folder).exists():
            print(f"PolNeAR skipped: {DATA / 'polnear' / folder} is absent.")
            continue
        p_quote, p_source, p_legacy = Tally(), Tally(), Tally()
        count = eval_polnear(p_quote, p_source, p_legacy, split=folder)
        print(f"PolNeAR {folder}, {split} split ({count} articles; Newell et al. 2018):")
        print(p_quote.line("quote spans (direct)"))
        print(p_source.line("source mentions"))
        print(p_legacy.line("  (not inherited)"))
        scores[f"polnear_{split}_quotes"], scores[f"polnear_{split}_sources"] = p_quote, p_source
        if verbose and split == "development":
            print(f"    by cause: {causes(p_source.misses)}")
            print("\n".join(f"      {miss}" for miss in p_source.misses[:300]))
        p_speaker = Tally()
        eval_polnear_speakers(p_speaker, split=folder)
        print(
            f"  quote speakers (named)  accuracy {p_speaker.tp_gold / max(1, p_speaker.gold):.3f}"
            f" ({p_speaker.tp_gold} of {p_speaker.gold} direct quotes whose source is a name)"
        )
        if verbose and split == "development":
            print("\n".join(f"      {miss}" for miss in p_speaker.misses))
    for split in splits:
        years = BASIL_SPLITS[split]
        if not (DATA / "basil").exists():
            print(f"BASIL skipped: {DATA / 'basil'} is absent.")
            break
        b_speaker = Tally()
        count = eval_basil(b_speaker, years=years)
        label = f"{years[0]}-{years[-1]}"
        print(f"BASIL {label}, {split} split ({count} articles with named quoted speakers; Fan et al. 2019):")
        print(b_speaker.line("speakers"))
        print(
            f"    accuracy {b_speaker.tp_gold / max(1, b_speaker.gold):.3f}: right speaker for "
            f"{b_speaker.tp_gold} of {b_speaker.gold} annotated spans (a speaker given for {b_speaker.pred})"
        )
        alone = Tally()
        eval_basil(alone, years=years, other_outlets=False)
        accuracy = alone.tp_gold / max(1, alone.gold)
        print(f"    each article read alone (no other outlet's roles): accuracy {accuracy:.3f}")
        scores[f"basil_{split}_speakers"] = b_speaker
        if verbose and split == "development":
            print("\n".join(f"      {miss}" for miss in b_speaker.misses))
    return scores


if __name__ == "__main__":
    main(verbose="-v" in sys.argv, development_only="--development" in sys.argv)
