"""The public API: every exported name exists and is documented."""

from __future__ import annotations

import inspect

import outletdiff


def test_every_public_name_is_exported_and_documented() -> None:
    for name in outletdiff.__all__:
        value = getattr(outletdiff, name)
        assert inspect.getdoc(value), f"{name} has no docstring"


def test_all_is_sorted_and_complete() -> None:
    assert outletdiff.__all__ == sorted(outletdiff.__all__)
    assert "compare" in outletdiff.__all__ and "to_html" in outletdiff.__all__


def test_from_import_gives_the_function_in_a_fresh_interpreter() -> None:
    import subprocess
    import sys

    code = "from outletdiff import compare, to_html; print(callable(compare), callable(to_html))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "True True"


def test_dir_lists_exactly_the_public_names() -> None:
    assert dir(outletdiff) == outletdiff.__dir__() == sorted([*outletdiff.__all__, "__version__"])


def test_version_is_the_projects() -> None:
    import tomllib
    from pathlib import Path

    pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
    expected = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
    assert outletdiff.__version__ == expected
