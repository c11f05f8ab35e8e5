"""Where one event's time goes: CPU milliseconds per event for each stage of ``compare``.

The corpus throughput is the per-event work times the number of events, so this is the
number to push down. The stages are the functions ``outletdiff.pipeline`` calls; each is
timed in place (the pipeline is run unchanged, with a timer around every stage) over a
synthetic corpus from ``make_corpus.py``, over real news (BASIL's Fox News and New York Times
articles of each event, read from ``../shared/data``), or over any corpus folder ``outletdiff
corpus`` accepts. CPU time of this process is used, so other work on the machine disturbs it less.

    python benchmarks/bench_stages.py                      # 100 synthetic events of 40 sentences
    python benchmarks/bench_stages.py --basil --events 60  # real two-outlet news
    python benchmarks/bench_stages.py --corpus path/to/corpus --events 50
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO))

from make_corpus import write_corpus  # noqa: E402

from outletdiff import pipeline  # noqa: E402
from outletdiff.corpus import discover, load_event, rows_of  # noqa: E402
from outletdiff.options import CompareOptions  # noqa: E402
from outletdiff.pipeline import build_lexicon  # noqa: E402

STAGES = (
    "segment",
    "align_all",
    "find_quotes",
    "find_attributions",
    "find_framing",
    "find_facts",
    "best_statuses",
    "sentence_verdicts",
    "fact_verdicts",
    "quote_verdicts",
    "framing_verdicts",
    "source_verdicts",
    "summarise",
)


def timed(totals: Counter[str], name: str, function: Callable) -> Callable:
    """``function`` with its CPU time added to ``totals[name]`` on every call."""

    def wrapper(*args: object, **kwargs: object) -> object:
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            totals[name] += time.process_time() - started

    return wrapper


def write_basil(folder: Path) -> None:
    """One folder per BASIL event with its Fox News and New York Times articles: two outlets."""
    from eval.datasets import BASIL, basil_articles, missing

    problem = missing(BASIL)
    if problem:
        raise SystemExit(problem)
    for article in basil_articles():
        if article.outlet in ("fox", "nyt"):
            event = folder / f"{article.year}-{article.triplet}"
            event.mkdir(parents=True, exist_ok=True)
            (event / f"{article.outlet}.txt").write_text(article.document.text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=None, help="corpus folder (default: synthetic)")
    parser.add_argument("--basil", action="store_true", help="BASIL's fox and nyt articles of each event")
    parser.add_argument("--events", type=int, default=100, help="events to time")
    parser.add_argument("--sentences", type=int, default=40, help="sentences per synthetic article")
    args = parser.parse_args()
    corpus = args.corpus
    if corpus is None:
        corpus = Path(tempfile.mkdtemp(prefix="outletdiff-stages-")) / "corpus"
        if args.basil:
            write_basil(corpus)
        else:
            write_corpus(corpus, events=args.events + 5, sentences=args.sentences)
    specs = discover(corpus).events
    options = CompareOptions()
    categories = tuple(sorted(build_lexicon(options).reported_categories))
    events = [load_event(spec) for spec in specs[: args.events + 5]]
    for event in events[:5]:  # warm-up: lexicon, word lists, caches of word features
        pipeline.compare(event.documents, options=options)
    events = events[5:]

    totals: Counter[str] = Counter()
    for name in STAGES:
        setattr(pipeline, name, timed(totals, name, getattr(pipeline, name)))
    load = compare = rows = 0.0
    for spec, event in zip(specs[5:], events, strict=False):
        started = time.process_time()
        load_event(spec)
        loaded = time.process_time()
        comparison = pipeline.compare(event.documents, options=options)
        compared = time.process_time()
        rows_of(event.event_id, comparison, categories=categories)
        load += loaded - started
        compare += compared - loaded
        rows += time.process_time() - compared
    count = len(events)
    total = load + compare + rows
    print(f"{count} events from {corpus}")
    print(f"{'per event':<22} {1000 * total / count:7.2f} ms  ({count / total:.1f} events/s on one core)")
    print(f"{'  load':<22} {1000 * load / count:7.2f} ms")
    print(f"{'  compare':<22} {1000 * compare / count:7.2f} ms")
    for name, seconds in totals.most_common():
        print(f"{'    ' + name:<22} {1000 * seconds / count:7.2f} ms")
    print(f"{'  table rows':<22} {1000 * rows / count:7.2f} ms")


if __name__ == "__main__":
    main()
