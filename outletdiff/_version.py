"""The version of outletdiff: from the installed package, or from ``pyproject.toml`` in a checkout.

Run from a source checkout (``PYTHONPATH=.``), the checkout's ``pyproject.toml`` is the truth,
even when another copy of outletdiff is installed in the same environment; installed from a
wheel there is no ``pyproject.toml`` beside the package, and the package metadata is read.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import metadata
from pathlib import Path

UNKNOWN = "0+unknown"
"""The version when neither the package metadata nor a ``pyproject.toml`` says."""


@cache
def version() -> str:
    """``"0.1.0"``-style version string of the running outletdiff."""
    from_source = _pyproject_version(Path(__file__).resolve().parent.parent / "pyproject.toml")
    if from_source:
        return from_source
    try:
        return metadata.version("outletdiff")
    except metadata.PackageNotFoundError:
        return UNKNOWN


def _pyproject_version(path: Path) -> str | None:
    """``[project] version`` of the checkout's ``pyproject.toml``, if it is outletdiff's."""
    try:
        import tomllib

        with path.open("rb") as stream:
            project = tomllib.load(stream).get("project", {})
    except (OSError, ValueError):
        return None
    if project.get("name") != "outletdiff" or not isinstance(project.get("version"), str):
        return None
    version = project["version"]
    return version if re.fullmatch(r"[0-9][0-9A-Za-z.+!-]*", version) else None
