"""Measure ``outletdiff events`` on a large synthetic pile: time, peak memory, and accuracy.

A pile of synthetic news (``--articles``, default 100,000) is written as a JSON Lines export
(outlet, date, title, url, text; no event id): events of 2 to 4 outlets each, spread over
three years, each article a lead of about 300 words mixing the event's own names and words
with common filler drawn from a shared Zipf-distributed vocabulary, published up to four days
apart. The grouping then runs in a fresh process, so peak memory is its own, and the printed
pairwise precision and recall are against the hidden event of each article.

    python benchmarks/bench_events.py                  # 100,000 articles
    python benchmarks/bench_events.py --articles 10000
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np

_CHILD = """
import json, resource, sys, time
from collections import Counter
from outletdiff.corpus.grouping import events_from_pile
pile, manifest, truth_path = sys.argv[1], sys.argv[2], sys.argv[3]
start = time.perf_counter()
found = events_from_pile(pile, manifest)
seconds = time.perf_counter() - start
truth = json.loads(open(truth_path).read())
by_article = {}
for number, event in enumerate(found.grouping.events):
    for index in event:
        by_article[index] = number
origins = [int(a.url.rsplit("/", 1)[1]) for a in found.articles]
predicted_pairs = sum(len(e) * (len(e) - 1) // 2 for e in found.grouping.events)
correct = sum(
    1 for event in found.grouping.events for i in event for j in event
    if i < j and truth[origins[i]] == truth[origins[j]]
)
true_pairs = sum(n * (n - 1) // 2 for n in Counter(truth).values())
print(json.dumps({
    "articles": len(found.articles), "events": len(found.grouping.events), "seconds": seconds,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "precision": correct / predicted_pairs if predicted_pairs else 0.0,
    "recall": correct / true_pairs if true_pairs else 0.0, "links": found.grouping.links,
}))
"""

OUTLETS = [f"Outlet {chr(65 + i)}{chr(65 + j)}" for i in range(6) for j in range(5)]


def write_pile(path: Path, articles: int, seed: int = 1) -> list[int]:
    """Write the pile and return each article's true event (by its number, kept out of the pile)."""
    rng = np.random.default_rng(seed)
    vocabulary = np.array([f"word{n}" for n in range(30_000)])
    zipf = 1.0 / np.arange(1, len(vocabulary) + 1)
    zipf /= zipf.sum()
    start = date(2021, 1, 1)
    truth: list[int] = []
    with path.open("w", encoding="utf-8") as stream:
        event = 0
        while len(truth) < articles:
            day = start + timedelta(days=int(rng.integers(0, 1095)))
            names = [f"Name{event}x{k}" for k in range(6)]
            topic = rng.choice(vocabulary, size=40, p=zipf)
            outlets = rng.choice(len(OUTLETS), size=int(rng.integers(2, 5)), replace=False)
            for outlet in outlets:
                if len(truth) >= articles:
                    break
                words = list(rng.choice(vocabulary, size=220, p=zipf))
                words += list(rng.choice(topic, size=50)) + list(rng.choice(names, size=30))
                rng.shuffle(words)
                text = ". ".join(" ".join(words[i : i + 15]) for i in range(0, len(words), 15)) + "."
                record = {
                    "outlet": OUTLETS[outlet],
                    "date": str(day + timedelta(days=int(rng.integers(0, 5)))),
                    "title": " ".join([names[0], *rng.choice(topic, size=6)]),
                    "url": f"https://example.org/{len(truth)}",
                    "text": text,
                }
                stream.write(json.dumps(record) + "\n")
                truth.append(event)
            event += 1
    return truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--work", type=Path, default=None, help="folder for the pile (default: temp)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="outletdiff-events-"))
    work.mkdir(parents=True, exist_ok=True)
    pile = work / f"pile-{args.articles}.jsonl"
    truth_path = work / f"truth-{args.articles}.json"
    if not pile.exists() or not truth_path.exists():
        started = time.perf_counter()
        truth = write_pile(pile, args.articles)
        truth_path.write_text(json.dumps(truth), encoding="utf-8")
        print(f"(generated {args.articles:,} articles in {time.perf_counter() - started:.0f}s: {pile})")
    completed = subprocess.run(
        [sys.executable, "-c", _CHILD, str(pile), str(work / "events.csv"), str(truth_path)],
        check=True,
        capture_output=True,
        text=True,
    )
    figures = json.loads(completed.stdout.strip().splitlines()[-1])
    print(
        f"{figures['articles']:,} articles -> {figures['events']:,} events in {figures['seconds']:.0f} s, "
        f"peak memory {figures['peak_mb']:.0f} MB; pairwise precision {figures['precision']:.3f}, "
        f"recall {figures['recall']:.3f} ({figures['links']:,} links)"
    )


if __name__ == "__main__":
    main()
