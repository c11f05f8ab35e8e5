"""Agreement between the two independent labellings of the doubly-labelled alignment gold pairs.

Ten pairs were labelled twice, by annotators who did not see each other's links (``first/`` and
``second/``; the gold file itself holds the settled links). Cohen's
kappa over every sentence pair of those articles (link / no link) says how far the gold
itself can be trusted, and so how high an aligner's F1 can meaningfully go.

    python eval/alignment_agreement.py
"""

from __future__ import annotations

import json
from pathlib import Path

GOLD = Path(__file__).resolve().parents[1] / "tests" / "gold" / "alignment"


def kappa(both: int, only_first: int, only_second: int, neither: int) -> float:
    """Cohen's kappa of two binary labellings given their 2x2 table."""
    total = both + only_first + only_second + neither
    observed = (both + neither) / total
    first_yes = (both + only_first) / total
    second_yes = (both + only_second) / total
    expected = first_yes * second_yes + (1 - first_yes) * (1 - second_yes)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def main() -> None:
    totals = [0, 0, 0, 0]
    print(f"{'pair':40} {'pairs':>6} {'both':>5} {'1st':>4} {'2nd':>4} {'kappa':>6}")
    for second_path in sorted((GOLD / "second").glob("*.json")):
        primary = json.loads((GOLD / "first" / second_path.name).read_text(encoding="utf-8"))
        units = json.loads((GOLD / second_path.name).read_text(encoding="utf-8"))
        second = json.loads(second_path.read_text(encoding="utf-8"))
        first_links = {(link["a"], link["b"]) for link in primary["links"]}
        second_links = {(link["a"], link["b"]) for link in second["links"]}
        cells = len(units["a_units"]) * len(units["b_units"])
        both = len(first_links & second_links)
        only_first = len(first_links - second_links)
        only_second = len(second_links - first_links)
        neither = cells - both - only_first - only_second
        table = (both, only_first, only_second, neither)
        totals = [t + n for t, n in zip(totals, table, strict=True)]
        print(f"{second_path.stem:40} {cells:6} {both:5} {only_first:4} {only_second:4} {kappa(*table):6.3f}")
    both, only_first, only_second, _ = totals
    f1 = 2 * both / (2 * both + only_first + only_second)
    print(
        f"{'all doubly-labelled pairs':40} {sum(totals):6} {both:5} {only_first:4} {only_second:4} "
        f"{kappa(*totals):6.3f}  (link F1 between annotators {f1:.3f})"
    )


if __name__ == "__main__":
    main()
