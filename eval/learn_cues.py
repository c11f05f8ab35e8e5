"""Learn attribution cue words from PolNeAR's train split and write ``extract/data/attribution_cues.txt``.

A hand-made list of speech verbs misses how news attributes: "blasted", "vowed", "tweeted",
"insisted", "believes". PolNeAR marks every cue, so the words its train split uses as cues
are counted, and a word is kept when it is written as a cue often (``MIN_CUES`` times) and
mostly as one (``MIN_SHARE`` of its lower-case uses), so "show" as a noun or "called" in
"a man called Bob" do not swamp it. Only the train split is read: dev is kept for reporting.
It also learns cue *frames* into ``extract/data/attribution_frames.tsv``: for every verb with a
subject before it (``extract/cue_frames.py``), keyed by the word or its stem, the subject's
shape and what follows, how often PolNeAR marks that subject as a source. Beliefs, plans and
support ("he figures", "voters backed") are learned there with the contexts that make them
attribute, which a word list cannot say.
Run: ``python eval/learn_cues.py`` (it rewrites both data files; review the diff).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from outletdiff.extract.cue_frames import MIN_USES, candidate_frames  # noqa: E402
from outletdiff.extract.quotes import find_quotes  # noqa: E402
from outletdiff.extract.sources import mask_quotes  # noqa: E402
from outletdiff.extract.wordlists import word_list  # noqa: E402
from outletdiff.load import document_from_text  # noqa: E402
from outletdiff.segment import segment  # noqa: E402

TRAIN = ROOT.parent / "shared" / "data" / "polnear" / "train"
OUT = ROOT / "outletdiff" / "extract" / "data" / "attribution_cues.txt"
FRAMES_OUT = ROOT / "outletdiff" / "extract" / "data" / "attribution_frames.tsv"
MIN_CUES = 3
MIN_SHARE = 0.4
_WORD = re.compile(r"(?<![^\W\d_])[a-z][a-z'’-]*[a-z](?![^\W\d_])")


def learn(train: Path = TRAIN) -> list[tuple[str, int, float]]:
    """(word, times written as a cue, share of its lower-case uses that are cues), best first."""
    as_cue: Counter[str] = Counter()
    uses: Counter[str] = Counter()
    for ann in sorted((train / "attributions").glob("*.ann")):
        text = (train / "text" / f"{ann.stem.rsplit('_', 1)[0]}.txt").read_text("utf-8")
        uses.update(_WORD.findall(text))
        for line in ann.read_text("utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 3 and parts[1].startswith("Cue "):
                as_cue.update(set(_WORD.findall(parts[2])))
    skip = word_list("function_words") | word_list("phrase_stops") | word_list("determiners")
    rows = [
        (word, count, count / uses[word])
        for word, count in as_cue.items()
        if count >= MIN_CUES and uses[word] and word not in skip and not word.endswith("ly")
    ]
    return sorted((row for row in rows if row[2] >= MIN_SHARE), key=lambda row: (-row[1], row[0]))


def learn_frames(train: Path = TRAIN) -> Counter[str]:
    """Per frame key, "sources" and "uses" counts: how often a subject in such a frame overlaps
    a Source span of the train split, read the way the extractor reads (quotes masked)."""
    counts: Counter[str] = Counter()
    for ann in sorted((train / "attributions").glob("*.ann")):
        text = (train / "text" / f"{ann.stem.rsplit('_', 1)[0]}.txt").read_text("utf-8")
        document = document_from_text(text)
        if document.text != text:
            continue
        sources = _source_spans(ann)
        sentences = segment(document, doc=0)
        masked = mask_quotes(text, find_quotes(0, text, sentences))
        for sentence in sentences:
            for frame in candidate_frames(masked, sentence.start, sentence.end):
                marked = any(
                    min(end, frame.subject_end) > max(start, frame.subject_start) for start, end in sources
                )
                for key in frame.keys:
                    counts[f"{key}\tuses"] += 1
                    counts[f"{key}\tsources"] += marked
    return counts


def _source_spans(ann: Path) -> list[tuple[int, int]]:
    spans = []
    for line in ann.read_text("utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 3 and parts[1].startswith("Source "):
            offsets = [int(n) for piece in parts[1].split(" ", 1)[1].split(";") for n in piece.split()]
            spans.append((offsets[0], offsets[-1]))
    return spans


def write_frames(counts: Counter[str]) -> int:
    """Write the keys seen at least ``MIN_USES`` times; return how many."""
    keys = sorted(
        key[: -len("\tuses")] for key, n in counts.items() if key.endswith("\tuses") and n >= MIN_USES
    )
    header = (
        "# Attribution cue frames learned from PolNeAR's train split by eval/learn_cues.py:\n"
        "# frame key, subjects marked as a Source, uses (keys used at least "
        f"{MIN_USES} times). Regenerate with the script; do not edit by hand.\n"
    )
    rows = "".join(
        f"{key}\t{counts[key + chr(9) + 'sources']}\t{counts[key + chr(9) + 'uses']}\n" for key in keys
    )
    FRAMES_OUT.write_text(header + rows, "utf-8")
    return len(keys)


def main() -> None:
    if not TRAIN.exists():
        print(f"skipped: {TRAIN} not found (the shared data sits beside the repo)")
        return
    rows = learn()
    header = (
        "# Attribution cue words learned from PolNeAR's train split by eval/learn_cues.py:\n"
        f"# written as a cue at least {MIN_CUES} times and in at least {MIN_SHARE:.0%} of lower-case uses.\n"
        "# Regenerate with the script; do not edit by hand.\n"
    )
    OUT.write_text(header + "".join(f"{word}\n" for word, _, _ in sorted(rows)), "utf-8")
    print(f"{len(rows)} cue words written to {OUT.relative_to(ROOT)}")
    count = write_frames(learn_frames())
    print(f"{count} cue frame keys written to {FRAMES_OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
