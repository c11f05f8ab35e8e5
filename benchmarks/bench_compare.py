"""Time ``compare`` on two documents of 30, 300 and 3,000 sentences against a naive baseline.

The baseline scores every sentence pair with difflib.SequenceMatcher.ratio, as a first attempt
would; for large inputs it is timed on a random sample of pairs and extrapolated (marked "est").
Also times ``outletdiff --help`` in a fresh process. Prints a table; asserts nothing.

    python benchmarks/bench_compare.py [--sizes 30 300 3000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import difflib
import random
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "eval"))

from outletdiff.load import document_from_text  # noqa: E402
from outletdiff.options import CompareOptions  # noqa: E402
from outletdiff.pipeline import align_all, compare  # noqa: E402
from outletdiff.segment import segment  # noqa: E402

BASELINE_SAMPLE = 20_000


def sentence_pool() -> list[str]:
    """Real news sentences (BASIL) when present, else generated ones."""
    from datasets import BASIL, basil_articles, missing

    if missing(BASIL) is None:
        pool = [
            s.text
            for article in basil_articles()
            for s in segment(article.document, doc=0)
            if s.kind == "paragraph"
        ]
        if pool:
            return pool
    rng = random.Random(1)
    words = "minister talks union strike workers wages court ruling appeal judge election city".split()
    return [" ".join(rng.choices(words, k=rng.randint(8, 30))).capitalize() + "." for _ in range(20_000)]


def document_pair(size: int, pool: list[str], rng: random.Random) -> tuple[str, str]:
    """Document A, and B: A's sentences with drops, local moves, word edits and insertions."""
    first = rng.sample(pool, size)
    second = []
    for sentence in first:
        roll = rng.random()
        if roll < 0.15:
            continue
        if roll < 0.45:
            words = sentence.split()
            for _ in range(max(1, len(words) // 8)):
                words[rng.randrange(len(words))] = rng.choice(
                    ["reportedly", "sharply", "new", "former", "major"]
                )
            sentence = " ".join(words)
        second.append(sentence)
        if rng.random() < 0.1:
            second.append(rng.choice(pool))
    for _ in range(size // 20):
        i, j = rng.randrange(len(second)), rng.randrange(len(second))
        second[i], second[j] = second[j], second[i]
    return "\n".join(first) + "\n", "\n".join(second) + "\n"


def best_of(repeat: int, function) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def baseline_seconds(a: list[str], b: list[str], rng: random.Random) -> tuple[float, bool]:
    pairs = len(a) * len(b)
    sample = (
        [(x, y) for x in a for y in b]
        if pairs <= BASELINE_SAMPLE
        else [(rng.choice(a), rng.choice(b)) for _ in range(BASELINE_SAMPLE)]
    )
    start = time.perf_counter()
    for x, y in sample:
        difflib.SequenceMatcher(None, x, y).ratio()
    elapsed = time.perf_counter() - start
    return elapsed * pairs / len(sample), pairs > BASELINE_SAMPLE


def help_seconds() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "outletdiff", "--help"], check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[30, 300, 3000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(0)
    pool = sentence_pool()
    options = CompareOptions()
    print(f"{'sentences':>9} {'align s':>9} {'compare s':>10} {'difflib s':>12} {'difflib/align':>14}")
    for size in args.sizes:
        text_a, text_b = document_pair(size, pool, rng)
        documents = [document_from_text(text_a, outlet="A"), document_from_text(text_b, outlet="B")]
        sentences = [segment(d, doc=i) for i, d in enumerate(documents)]
        align_time = best_of(args.repeat, partial(align_all, sentences, options=options))
        compare_time = best_of(
            args.repeat if size <= 300 else 1, partial(compare, documents, options=options)
        )
        baseline, estimated = baseline_seconds(
            [s.text for s in sentences[0]], [s.text for s in sentences[1]], rng
        )
        mark = " est" if estimated else ""
        ratio = baseline / align_time
        print(f"{size:>9} {align_time:>9.3f} {compare_time:>10.3f} {baseline:>8.1f}{mark:4} {ratio:>14.0f}x")
    print(f"outletdiff --help: {help_seconds():.2f} s (fresh process)")


if __name__ == "__main__":
    main()
