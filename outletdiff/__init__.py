"""outletdiff: how two or more outlets' coverage of the same event differs.

The library is the product; the CLI only calls it::

    from outletdiff import compare, load_paths
    comparison = compare(load_paths(["a.txt", "b.txt"]))
"""

from typing import TYPE_CHECKING, Any

from .errors import CorpusError, InputError, LexiconError, OutletdiffError
from .load import document_from_text, load_path, load_paths
from .model import (
    Alignment,
    Attribution,
    Block,
    Comparison,
    DateValue,
    DiffOp,
    Document,
    Fact,
    Finding,
    FramingHit,
    Link,
    Name,
    OutletSummary,
    Quantity,
    Quote,
    Sentence,
    Source,
)
from .options import CompareOptions
from .render.json import to_dict, to_json

if TYPE_CHECKING:
    from .pipeline import compare
    from .render.html import to_html

    __version__: str


def __getattr__(name: str) -> Any:
    """Import the pipeline (numpy, scipy, rapidfuzz) and jinja2 on first use, so the CLI starts quickly."""
    if name == "__version__":
        from ._version import version

        return version()
    if name == "compare":
        from .pipeline import compare

        return compare
    if name == "to_html":
        from .render.html import to_html

        return to_html
    raise AttributeError(f"module 'outletdiff' has no attribute {name!r}")


def __dir__() -> list[str]:
    """The public names only (what ``__all__`` exports, and ``__version__``), so tab completion in
    Python and Jupyter offers the API rather than the modules it is built from."""
    return sorted([*__all__, "__version__"])


__all__ = [
    "Alignment",
    "Attribution",
    "Block",
    "CompareOptions",
    "Comparison",
    "CorpusError",
    "DateValue",
    "DiffOp",
    "Document",
    "Fact",
    "Finding",
    "FramingHit",
    "InputError",
    "LexiconError",
    "Link",
    "Name",
    "OutletSummary",
    "OutletdiffError",
    "Quantity",
    "Quote",
    "Sentence",
    "Source",
    "compare",
    "document_from_text",
    "load_path",
    "load_paths",
    "to_dict",
    "to_html",
    "to_json",
]
