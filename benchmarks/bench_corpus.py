"""Measure ``outletdiff corpus`` throughput (events/s) and peak memory as the corpus grows.

For each size a synthetic corpus is generated (``make_corpus.py``: two outlets, about 40
sentences each) and run once with one worker and once with all cores, each run in a fresh
process so peak memory is its own. Peak memory is reported for the parent (which batches and
writes the tables: this is what must stay flat as events grow), both until the last event is
compared ("running") and over the whole run, writing the tables included ("parent"), and
for the largest worker (with ``--jobs 1`` the parent compares the events itself).

    python benchmarks/bench_corpus.py                 # 100, 1,000 and 10,000 events
    python benchmarks/bench_corpus.py --sizes 100,300 --sentences 40
    python benchmarks/bench_corpus.py --basil --sizes 300 --jobs 1   # real news pairs

``--basil`` uses real news instead: BASIL's Fox News and New York Times article of each of its
100 events (read from ``../shared/data/basil``, never copied into the project), cycled under
new event ids to reach each size, written as a JSON Lines manifest with the text.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import write_corpus  # noqa: E402

BASIL = Path(__file__).resolve().parents[2] / "shared" / "data" / "basil" / "articles"


def write_basil_manifest(path: Path, events: int) -> None:
    """A manifest of ``events`` two-outlet events, cycling through BASIL's Fox / NYT pairs."""
    pairs: dict[str, dict[str, dict]] = {}
    for file in sorted(BASIL.glob("*/*.json")):
        record = json.loads(file.read_text(encoding="utf-8"))
        outlet = str(record["source"]).lower()
        if outlet in ("fox", "nyt"):
            pairs.setdefault(record["triplet-uuid"], {})[outlet] = record
    triplets = [pair for _, pair in sorted(pairs.items()) if len(pair) == 2]
    with path.open("w", encoding="utf-8") as stream:
        for number in range(events):
            for outlet, record in sorted(triplets[number % len(triplets)].items()):
                text = "\n\n".join(" ".join(p) for p in record["body-paragraphs"])
                row = {"event_id": f"e{number:06d}", "outlet": outlet, "date": record["date"]}
                stream.write(json.dumps({**row, "title": record["title"], "text": text}) + "\n")


_CHILD = """
import json, resource, sys, time
from outletdiff.corpus import run_corpus
corpus, out, jobs = sys.argv[1], sys.argv[2], int(sys.argv[3])
def peak_mb(who=resource.RUSAGE_SELF):
    return resource.getrusage(who).ru_maxrss / 1024
running = {}
def progress(done, total):
    if done == total:  # every event is compared; the tables are not written yet
        running["mb"] = peak_mb()
start = time.perf_counter()
result = run_corpus(corpus, out=out, jobs=jobs, html=False, force=True, progress=progress)
seconds = time.perf_counter() - start
print(json.dumps({
    "events": result.done, "failed": len(result.failed), "seconds": seconds,
    "running_mb": running["mb"], "parent_mb": peak_mb(), "worker_mb": peak_mb(resource.RUSAGE_CHILDREN),
}))
"""


def run_once(corpus: Path, out: Path, jobs: int) -> dict[str, float]:
    """Run one corpus in a fresh interpreter and return its timing and memory figures."""
    completed = subprocess.run(
        [sys.executable, "-c", _CHILD, str(corpus), str(out), str(jobs)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="comma-separated event counts")
    parser.add_argument("--sentences", type=int, default=40, help="sentences per article")
    parser.add_argument(
        "--jobs", default=None, help="comma-separated worker counts (default: 1 and all cores)"
    )
    parser.add_argument(
        "--work", type=Path, default=None, help="folder for corpora and outputs (default: temp)"
    )
    parser.add_argument("--basil", action="store_true", help="real news: BASIL's Fox / NYT pairs")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    cores = os.cpu_count() or 1
    jobs_list = [int(j) for j in args.jobs.split(",")] if args.jobs else sorted({1, cores})
    work = args.work or Path(tempfile.mkdtemp(prefix="outletdiff-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    kind = "BASIL Fox/NYT pairs" if args.basil else f"synthetic, sentences/article={args.sentences}"
    print(f"cores={cores} corpus={kind} work={work}")
    print(
        f"{'events':>7} {'jobs':>4} {'seconds':>8} {'events/s':>9} {'per core':>9} "
        f"{'running MB':>10} {'parent MB':>10} {'worker MB':>10}"
    )
    for size in sizes:
        corpus = work / (f"basil-{size}.jsonl" if args.basil else f"corpus-{size}-{args.sentences}")
        if not corpus.exists():
            started = time.perf_counter()
            if args.basil:
                write_basil_manifest(corpus, size)
            else:
                write_corpus(corpus, events=size, sentences=args.sentences)
            print(f"  (generated {size} events in {time.perf_counter() - started:.1f}s)")
        for jobs in jobs_list:
            figures = run_once(corpus, work / f"out-{size}-{jobs}", jobs)
            rate = figures["events"] / figures["seconds"]
            print(
                f"{size:>7} {jobs:>4} {figures['seconds']:>8.1f} {rate:>9.2f} {rate / jobs:>9.2f} "
                f"{figures['running_mb']:>10.0f} {figures['parent_mb']:>10.0f} {figures['worker_mb']:>10.0f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
