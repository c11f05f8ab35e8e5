"""Guard the hand-labelled alignment gold set: well-formed, and its units still match the sources.

The aligner's quality gate trusts these files, so a unit that drifted from its source text or
a link pointing past the end of a unit list would silently corrupt every measured figure.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

HERE = Path(__file__).resolve().parent
GOLD_FILES = sorted(HERE.glob("*.json"))


def _make_units() -> ModuleType:
    """Load the unit builder from its file (the gold folder is not a package)."""
    spec = importlib.util.spec_from_file_location("gold_make_units", HERE / "make_units.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


MAKE_UNITS = _make_units()


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_every_listed_pair_has_a_file() -> None:
    names = {pair.name for pair in MAKE_UNITS.PAIRS}
    assert names == {p.stem for p in GOLD_FILES}


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_format(path: Path) -> None:
    gold = _load(path)
    assert set(gold) == {"name", "source", "a_units", "b_units", "links", "notes"}
    assert gold["name"] == path.stem
    for side in ("a_units", "b_units"):
        assert [u["id"] for u in gold[side]] == list(range(len(gold[side])))
        # BASIL stores a few blank sentences; they stay as units so annotation ids still map.
        blank = {u["id"] for u in gold[side] if not u["text"].strip()}
        assert not blank or gold["source"]["kind"] != "file"
        assert not any(link[side[0]] in blank for link in gold["links"])
    seen = set()
    for link in gold["links"]:
        assert link["kind"] in {"same", "partial"}
        assert 0 <= link["a"] < len(gold["a_units"])
        assert 0 <= link["b"] < len(gold["b_units"])
        assert (link["a"], link["b"]) not in seen
        seen.add((link["a"], link["b"]))
    assert gold["notes"]


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_units_match_regenerated(path: Path) -> None:
    pair = next(p for p in MAKE_UNITS.PAIRS if p.name == path.stem)
    if not isinstance(pair, MAKE_UNITS.FilePair) and not MAKE_UNITS.BASIL.is_dir():
        pytest.skip(f"BASIL data not found at {MAKE_UNITS.BASIL}")
    fresh = MAKE_UNITS.build(pair)
    gold = _load(path)
    assert gold["source"] == fresh["source"]
    assert gold["a_units"] == fresh["a_units"]
    assert gold["b_units"] == fresh["b_units"]


@pytest.mark.parametrize("path", [p for p in GOLD_FILES if p.stem.startswith("seed-")], ids=lambda p: p.stem)
def test_file_units_are_ordered_substrings(path: Path) -> None:
    gold = _load(path)
    for side in ("a", "b"):
        text = (MAKE_UNITS.REPO / gold["source"][side]).read_text(encoding="utf-8")
        pos = text.rindex("---") + 3  # units come from the article, after the front matter
        for unit in gold[f"{side}_units"]:
            found = text.find(unit["text"], pos)
            assert found >= 0, unit
            pos = found + len(unit["text"])
