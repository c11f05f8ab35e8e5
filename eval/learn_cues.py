"""Learn attribution cue words from PolNeAR's train split and write ``extract/data/attribution_cues.txt``.

A hand-made list of speech verbs misses how news attributes: "blasted", "vowed", "tweeted",
"insisted", "believes". PolNeAR marks every cue, so the words its train split uses as cues
are counted, and a word is kept when it is written as a cue often (``MIN_CUES`` times) and
mostly as one (``MIN_SHARE`` of its lower-case uses), so "show" as a noun or "called" in
"a man called Bob" do not swamp it. Only the train split is read: dev is kept for reporting.
Run: ``python eval/learn_cues.py`` (it rewrites the data file; review the diff).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from outletdiff.extract.wordlists import word_list  # noqa: E402

TRAIN = ROOT.parent / "shared" / "data" / "polnear" / "train"
OUT = ROOT / "outletdiff" / "extract" / "data" / "attribution_cues.txt"
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


if __name__ == "__main__":
    main()
