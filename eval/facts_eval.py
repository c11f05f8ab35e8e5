"""Measure fact extraction and fact verdicts, with the errors listed so that rules can be judged.

Two measures:

* the hand-made gold (``tests/gold/extraction/*.json``): precision / recall / F1 of facts only in
  one outlet and of altered facts, scored exactly as ``eval/framing_eval.py`` scores them, plus
  (with ``--errors``) every false and missed item per event;
* BASIL (``../shared/data/basil``, 2010-2016): each article lists its ``main-entities``. A main
  entity written in the article is *found* when an entity fact covers one of its occurrences or
  names it (``same_fact`` on the normalised value, so "Romney" finds "Mitt Romney"). This is a
  recall sanity check on real news; BASIL says nothing about precision, so we also print the
  entities found per 1,000 words and the commonest one-word entities, for reading.

Run: ``python eval/facts_eval.py [--errors]`` (skips any data set that is absent, saying so).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

import datasets  # noqa: E402
import framing_eval  # noqa: E402

from outletdiff.extract.facts import FactIndex, find_facts  # noqa: E402
from outletdiff.model import Sentence  # noqa: E402
from outletdiff.segment import segment  # noqa: E402


def gold_errors() -> None:
    """Per event: added facts not in the gold, gold facts not found, and altered pairs both ways."""
    from outletdiff.load import load_path
    from outletdiff.pipeline import compare

    for path in sorted(framing_eval.GOLD.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        outlets = list(gold["documents"])
        documents = [load_path(ROOT / gold["documents"][outlet]) for outlet in outlets]
        texts = [document.text for document in documents]
        comparison = compare(documents)
        print(f"== {gold['event']}")
        only = [
            (
                outlets.index(item["outlet"]),
                framing_eval._gold_span(texts[outlets.index(item["outlet"])], item["text"]),
            )
            for item in gold.get("facts_only_in", [])
            if item["kind"] != "claim"
        ]
        added = [
            f.versions[0]
            for f in comparison.findings
            if f.kind == "fact" and f.change == "only" and f.category != "claim"
        ]
        for f in added:
            if not any(
                doc == f.doc and span and framing_eval._overlap(span, (f.start, f.end)) for doc, span in only
            ):
                print(f"  FP added  {f.doc} {f.text!r}")
        for doc, span in only:
            if span and not any(
                doc == f.doc and framing_eval._overlap(span, (f.start, f.end)) for f in added
            ):
                print(f"  FN added  {doc} {texts[doc][span[0] : span[1]]!r}")
        for f in comparison.findings:
            if f.kind == "fact" and f.change == "altered":
                print(f"  altered   {f.category:<7} " + " -> ".join(repr(v.text) for v in f.versions))
        for item in gold.get("altered_facts", []):
            print(f"  gold alt  {item['kind']:<7} {item['a']['text']!r} -> {item['b']['text']!r}")


def basil_entities() -> None:
    """Recall of BASIL's ``main-entities`` by entity facts, on 2010-2016."""
    message = datasets.missing(datasets.BASIL)
    if message:
        print(message)
        return
    present = found = words = entities = 0
    singles: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    for article in datasets.basil_articles(datasets.DEVELOPMENT_YEARS):
        record = json.loads(Path(article.document.source).read_text(encoding="utf-8"))
        text = article.document.text
        facts = [f for f in find_facts(0, text, segment(article.document, doc=0)) if f.kind == "entity"]
        index = FactIndex(facts)
        words += len(text.split())
        entities += len(facts)
        singles.update(f.text for f in facts if " " not in f.text)
        for name in record.get("main-entities", []):
            if name not in text:
                continue
            present += 1
            probe = find_facts(0, name, segment_one(name))
            covered = any(f.start <= text.find(name) < f.end for f in facts) or any(
                p.kind == "entity" and p in index for p in probe
            )
            found += covered
            if not covered:
                missed[name] += 1
    recall = found / present if present else 0.0
    print(
        f"BASIL 2010-2016 main-entities written in the article: {present}, found {found}, recall {recall:.3f}"
    )
    print(f"entity facts per 1,000 words: {1000 * entities / words:.1f}")
    print("commonest one-word entities:", ", ".join(f"{w} {n}" for w, n in singles.most_common(40)))
    print("missed main entities:", ", ".join(f"{w} {n}" for w, n in missed.most_common(15)))


def segment_one(text: str) -> tuple[Sentence, ...]:
    """One sentence covering ``text`` (a name looked up on its own)."""
    return (Sentence(0, 0, 0, len(text), text, "paragraph", 0),)


def gold_report() -> None:
    """The same gold figures framing_eval prints for facts."""
    print(f"{'measure':<16}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'pred':>6}{'gold':>6}")
    for name, counts in framing_eval.gold_scores().items():
        if name.startswith("fact") or name.startswith("altered"):
            print(
                f"{name:<16}{counts.precision:>7.2f}{counts.recall:>7.2f}{counts.f1:>7.2f}"
                f"{counts.correct_predicted:>6}{counts.predicted:>6}{counts.gold:>6}"
            )


def main() -> None:
    """Gold figures (and errors with ``--errors``), then the BASIL entity check."""
    if "--errors" in sys.argv:
        gold_errors()
    gold_report()
    print()
    basil_entities()


if __name__ == "__main__":
    main()
