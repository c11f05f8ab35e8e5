"""Shared test set-up: the evaluation scripts in eval/ are importable from tests, and the
bundled pair is compared once for every test module that reads it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "eval"))
BUNDLED_PAIR = ["corpus/putin-talks/outlet-a.txt", "corpus/putin-talks/radaronline.txt"]


@pytest.fixture(scope="session")
def pair():  # type: ignore[no-untyped-def]
    """The bundled pair, loaded by paths relative to the repository (they appear in the report)."""
    from outletdiff.load import load_paths
    from outletdiff.pipeline import compare

    previous = Path.cwd()
    os.chdir(REPO)
    try:
        return compare(load_paths(BUNDLED_PAIR))
    finally:
        os.chdir(previous)
