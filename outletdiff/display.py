"""Make text from the user's files safe to print: control characters shown, never obeyed.

Outlet names, titles, article text, lexicon terms and file names all come from files that
someone else may have written. Printed raw, an ESC sequence among them can clear the screen,
retitle the window or hide lines of the report, piped or not (a log is read in a terminal
later). A very long name (100,000 characters) makes a table take seconds to lay out. Only
what is displayed changes here; the model keeps every text exactly as read, so offsets hold.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls (U+0080-U+009F, where U+009B is a
# one-character CSI for some terminals), and the bidirectional overrides that reorder what
# is shown ("Trojan source").
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_ELLIPSIS = "\u2026"
NAME_LIMIT = 60  # characters of an outlet name in a table header or a rule
TITLE_LIMIT = 300  # characters of a headline in the report's first line


def printable(text: str) -> str:
    """``text`` with every control character written out (``\\x1b``), so a terminal shows it.

    Tabs and newlines stay (layout, not commands); a Windows line end reads as a newline.
    """
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    return _CONTROL.sub(_escape, text)


def one_line(text: str, limit: int = NAME_LIMIT) -> str:
    """A printable single line of at most ``limit`` characters, shortened with an ellipsis."""
    flat = " ".join(text[: limit * 4 + 64].split())  # never scan more than the line shows
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + _ELLIPSIS
    return printable(flat)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
