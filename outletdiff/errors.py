"""The project's exceptions: one base class the CLI catches, a few kinds under it."""

from __future__ import annotations


class OutletdiffError(Exception):
    """Base of every error outletdiff raises on purpose; ``hint`` says how to fix it."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class InputError(OutletdiffError):
    """An input file or text that cannot be compared (missing, empty, binary, too large...)."""


class OutputError(OutletdiffError):
    """An output path that cannot be written (a folder, no permission, a full disk...)."""


class LexiconError(OutletdiffError):
    """A lexicon file that cannot be read (unknown format, bad row, empty)."""


class CorpusError(OutletdiffError):
    """A corpus folder or manifest with problems; ``problems`` lists every one found."""

    def __init__(self, message: str, problems: list[str] | None = None, hint: str | None = None) -> None:
        super().__init__(message, hint)
        self.problems = problems or []
