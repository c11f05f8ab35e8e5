"""Time ``compare`` on two documents of 30 to 20,000 sentences, against a naive baseline.

Each size runs in a fresh process that is first warmed up on an unrelated small pair
(imports, lexicon, link model), then times the *first* alignment and the first whole compare
of new texts, as a user meets them, and prints its peak memory. The baseline scores every
sentence pair with difflib.SequenceMatcher.ratio, as a first attempt would; for large inputs
it is timed on a random sample of pairs and extrapolated (marked "est"). Also times the
bundled pair and ``outletdiff --help``. Prints a table (wall seconds, then CPU seconds of the
alignment and the compare); asserts nothing.

    python benchmarks/bench_compare.py [--sizes 30 300 3000 20000]
"""

from __future__ import annotations

import argparse
import difflib
import random
import resource
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "eval"))

from outletdiff.load import document_from_text, load_paths  # noqa: E402
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
    # Beyond the pool (BASIL has ~5,000 sentences), sentences repeat, as wire copy does.
    first = rng.sample(pool, size) if size <= len(pool) else rng.choices(pool, k=size)
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


def first_run(function) -> float:  # type: ignore[no-untyped-def]
    """Seconds of one call: the first compare of a text, as a user meets it (a repeat would
    find the text's words and sentences in the caches). Also adds the call's CPU seconds to
    ``CPU``: on a machine other work keeps busy, wall time says more about the load than
    about the code."""
    start, started_cpu = time.perf_counter(), time.process_time()
    function()
    CPU.append(time.process_time() - started_cpu)
    return time.perf_counter() - start


# CPU seconds of each ``first_run`` of this process, in order.
CPU: list[float] = []


def warm_up(pool: list[str]) -> None:
    """Imports, the lexicon and the link model loaded by an unrelated small comparison."""
    documents = [
        document_from_text(text, outlet=name)
        for name, text in zip("XY", document_pair(20, pool, random.Random(9)), strict=True)
    ]
    compare(documents)


def peak_mb() -> float:
    """This process's peak resident memory so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


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


def measure(size: int, pool: list[str]) -> str:
    """One size, in this process: first-run times of alignment and of the whole compare."""
    warm_up(pool)
    rng = random.Random(size)
    text_a, text_b = document_pair(size, pool, rng)
    documents = [document_from_text(text_a, outlet="A"), document_from_text(text_b, outlet="B")]
    sentences = [segment(d, doc=i) for i, d in enumerate(documents)]
    align_time = first_run(partial(align_all, sentences, [text_a, text_b], options=CompareOptions()))
    # Fresh texts for the whole compare, so it does not reuse what the alignment cached.
    text_a, text_b = document_pair(size, pool, random.Random(size + 1))
    documents = [document_from_text(text_a, outlet="A"), document_from_text(text_b, outlet="B")]
    compare_time = first_run(partial(compare, documents))
    if size <= 3000:
        baseline, estimated = baseline_seconds(
            [s.text for s in sentences[0]], [s.text for s in sentences[1]], rng
        )
        versus = f"{baseline:>8.1f}{' est' if estimated else '    '} {baseline / align_time:>13.0f}x"
    else:
        versus = f"{'-':>12} {'-':>14}"
    cpu = f"{CPU[-2]:>7.3f} {CPU[-1]:>7.3f}"
    return f"{size:>9} {align_time:>9.3f} {compare_time:>10.3f} {versus} {peak_mb():>8.0f} {cpu}"


def bundled_pair_seconds() -> float:
    """The first compare of the bundled pair in a warm process."""
    warm_up(sentence_pool())
    corpus = REPO / "corpus" / "putin-talks"
    documents = load_paths([corpus / "outlet-a.txt", corpus / "radaronline.txt"])
    return first_run(partial(compare, documents))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[30, 300, 3000, 20000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a size, measured in this process
    parser.add_argument("--bundled", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(measure(args.one, sentence_pool()), flush=True)
        return
    if args.bundled:
        seconds = bundled_pair_seconds()
        print(
            f"bundled pair, first compare in a warm process: {seconds * 1000:.0f} ms"
            f" ({CPU[-1] * 1000:.0f} ms CPU)"
        )
        return
    print(
        f"{'sentences':>9} {'align s':>9} {'compare s':>10} {'difflib s':>12} {'difflib/align':>14}"
        f" {'peak MB':>8} {'align':>7} {'compare':>7} CPU s"
    )
    for size in args.sizes:
        # Each size in a fresh process, so its peak memory is its own.
        subprocess.run([sys.executable, __file__, "--one", str(size)], check=True)
    subprocess.run([sys.executable, __file__, "--bundled"], check=True)
    print(f"outletdiff --help: {help_seconds():.2f} s (fresh process)")


if __name__ == "__main__":
    main()
