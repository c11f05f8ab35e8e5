"""Read the word lists shipped in ``extract/data``: one place, so every module reads them alike."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def word_list(name: str) -> frozenset[str]:
    """The lower-cased entries of ``data/<name>.txt``, one per line (``#`` starts a comment line)."""
    text = resources.files("outletdiff.extract").joinpath("data").joinpath(f"{name}.txt").read_text("utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip() and line[0] != "#")
