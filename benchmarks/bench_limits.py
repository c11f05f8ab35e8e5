"""Time and peak memory of ``compare`` on hostile sizes: is the cost bounded?

Each case runs in a fresh process (so its peak memory is its own) and compares a large
document with the bundled pair's first article:

- ``line``: 10 MB of news sentences on one line (one paragraph of ~70,000 sentences);
- ``nostops``: 10 MB on one line with no sentence punctuation at all (cut into pieces of at
  most 2,000 characters by the segmenter).

Two 20,000-sentence documents are measured by ``bench_compare.py --sizes 20000``. Prints a
table; asserts nothing.

    python benchmarks/bench_limits.py [--mb 10]
"""

from __future__ import annotations

import argparse
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CASES = ("line", "nostops")


def big_text(case: str, megabytes: float) -> str:
    """The bundled articles' sentences repeated on one line up to ``megabytes``."""
    corpus = REPO / "corpus" / "putin-talks"
    body = " ".join(
        line.strip().removeprefix("- ")
        for name in ("outlet-a.txt",)
        for line in (corpus / name).read_text(encoding="utf-8").splitlines()[6:]
        if line.strip()
    )
    if case == "nostops":
        body = re.sub(r"[.!?]", "", body)
    copies = int(megabytes * 1_048_576 / (len(body) + 1)) + 1
    return "Headline of a pasted page\n\n" + " ".join([body] * copies)[: int(megabytes * 1_048_576)] + "\n"


def measure(case: str, megabytes: float) -> str:
    from outletdiff import compare
    from outletdiff.load import document_from_text, load_path

    other = load_path(REPO / "corpus" / "putin-talks" / "outlet-a.txt")
    big = document_from_text(big_text(case, megabytes), outlet="pasted")
    start = time.perf_counter()
    comparison = compare([big, other])
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return f"{case:>8} {megabytes:>5.1f} {len(comparison.sentences[0]):>10} {seconds:>9.1f} {peak:>8.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0)
    parser.add_argument("--one", choices=CASES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(measure(args.one, args.mb), flush=True)
        return
    print(f"{'case':>8} {'MB':>5} {'sentences':>10} {'compare s':>9} {'peak MB':>8}")
    for case in CASES:
        subprocess.run([sys.executable, __file__, "--one", case, "--mb", str(args.mb)], check=True)


if __name__ == "__main__":
    main()
