"""Keep the hand-made extraction gold honest: every label must still match its text.

The gold files are edited by hand and the texts may be touched by others; this test fails as
soon as a labelled string stops being an exact substring or an enum value drifts.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _load_checker():
    spec = importlib.util.spec_from_file_location("check_gold", HERE / "check_gold.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_gold_file_matches_its_documents(capsys) -> None:
    checker = _load_checker()
    assert checker.main([]) == 0, capsys.readouterr().out
    assert len(list(HERE.glob("*.json"))) >= 6
