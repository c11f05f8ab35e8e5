"""The HTML report: golden file, escaping, self-containment, row layout and span nesting.

The golden report of the bundled pair lives in tests/data/html/; refresh it after an
intended change with ``OUTLETDIFF_REFRESH_GOLDEN=1 python -m pytest tests/test_html.py`` and
review the diff. The browser-level behaviour is in test_browser.py.
"""

from __future__ import annotations

import os
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from outletdiff.load import document_from_text, load_paths
from outletdiff.model import Comparison
from outletdiff.pipeline import compare
from outletdiff.render.html import Mark, anchor, build_view, segments, to_html

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "tests" / "data" / "html" / "putin-talks.html"
PAIR = ["corpus/putin-talks/outlet-a.txt", "corpus/putin-talks/radaronline.txt"]
REFRESH_HINT = "if the change is intended: OUTLETDIFF_REFRESH_GOLDEN=1 python -m pytest tests/test_html.py"


@pytest.fixture(scope="module")
def pair() -> Comparison:
    """The bundled pair, loaded by paths relative to the repository (they appear in the report)."""
    previous = Path.cwd()
    os.chdir(REPO)
    try:
        return compare(load_paths(PAIR))
    finally:
        os.chdir(previous)


@pytest.fixture(scope="module")
def pair_html(pair: Comparison) -> str:
    return to_html(pair)


@pytest.fixture(scope="module")
def three() -> Comparison:
    """Three outlets: the bundled pair plus a lightly edited copy of the first."""
    text_a = (REPO / PAIR[0]).read_text(encoding="utf-8")
    text_b = (REPO / PAIR[1]).read_text(encoding="utf-8")
    edited = text_a.replace("a wrong report", "a completely wrong report", 1).replace(
        "Bloomberg", "Bloomberg News", 1
    )
    return compare(
        [
            document_from_text(text_a, outlet="A"),
            document_from_text(text_b, outlet="Radar"),
            document_from_text(edited, outlet="A-edited"),
        ]
    )


def test_golden_report(pair_html: str) -> None:
    if os.environ.get("OUTLETDIFF_REFRESH_GOLDEN"):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(pair_html, encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8")
    if pair_html != expected:
        got, want = pair_html.splitlines(), expected.splitlines()
        first = next(
            (i for i, (g, w) in enumerate(zip(got, want, strict=False)) if g != w), min(len(got), len(want))
        )
        pytest.fail(
            f"HTML report differs from {GOLDEN.name} at line {first + 1}:\n"
            f"  golden: {want[first] if first < len(want) else '<end>'}\n"
            f"  now:    {got[first] if first < len(got) else '<end>'}\n{REFRESH_HINT}"
        )


def test_deterministic(pair: Comparison, pair_html: str) -> None:
    assert to_html(pair) == pair_html


def test_self_contained_and_small(pair_html: str) -> None:
    assert len(pair_html.encode("utf-8")) < 400_000, "a typical pair should stay well under 1 MB"
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", pair_html)
    assert "<link" not in pair_html and "@import" not in pair_html and "url(" not in pair_html
    assert pair_html.count("<script") == pair_html.count("</script") == 1
    assert pair_html.count("<style") == pair_html.count("</style") == 1


def test_controls_are_built_by_script_only(pair_html: str) -> None:
    """Without JavaScript the toolbar stays empty (and CSS hides it): no dead controls."""
    assert '<div id="toolbar" class="toolbar"></div>' in pair_html
    assert "<input" not in pair_html and "<button" not in pair_html


def test_balanced_markup(pair_html: str) -> None:
    TagBalance().check(pair_html)


def test_every_internal_link_has_a_target(pair_html: str) -> None:
    ids = set(re.findall(r'\bid="([^"]+)"', pair_html))
    hrefs = set(re.findall(r'href="#([^"]+)"', pair_html))
    assert hrefs and hrefs <= ids


@pytest.mark.parametrize("fixture", ["pair", "three"])
def test_every_sentence_once_in_reading_order(fixture: str, request: pytest.FixtureRequest) -> None:
    comparison: Comparison = request.getfixturevalue(fixture)
    view = build_view(comparison)
    count = len(comparison.documents)
    assert all(len(row.cells) == count for row in view.rows)
    for doc in range(count):
        shown = [s.anchor for row in view.rows for s in row.cells[doc].sentences]
        assert shown == [anchor(doc, i) for i in range(len(comparison.sentences[doc]))]


def test_counterparts_share_a_row_and_moved_ones_link(pair: Comparison) -> None:
    view = build_view(pair)
    row_of = {s.anchor: n for n, row in enumerate(view.rows) for cell in row.cells for s in cell.sentences}
    alignment = pair.alignment(0, 1)
    for link in alignment.links:
        if link.relation != "counterpart":
            continue
        same_row = row_of[anchor(0, link.a)] == row_of[anchor(1, link.b)]
        if link.label == "moved":
            assert not same_row, link
        elif link.label in ("identical", "edited", "rewritten"):
            assert same_row, link
    moved = [s for row in view.rows for cell in row.cells for s in cell.sentences if s.moved_links]
    assert moved, "the bundled pair has a moved sentence"
    for sentence in moved:
        for moved_link in sentence.moved_links:
            assert moved_link.href.lstrip("#") in row_of


def test_spans_of_the_pair(pair_html: str) -> None:
    despot = re.search(
        r'<span class="fr fr-outlet[^"]*" title="([^"]*)" data-category="pejorative">despot</span>', pair_html
    )
    assert despot and "outlet&#39;s own voice" in despot.group(1)
    assert re.search(
        r'class="fr fr-quoted q q-direct"[^>]*data-category="intensifier">stunning</span>', pair_html
    )
    assert 'class="del"' in pair_html and 'class="ins"' in pair_html
    assert 'data-speaker="Dmitry Peskov"' in pair_html
    badge = '<span class="badge" title="sourcing chain, outermost source first">'
    assert badge + "Daily Mail &lt;- two Kremlin insiders" in pair_html
    assert "only in RadarOnline.com" in pair_html and "only in outlet-a" in pair_html


def test_summary_and_findings_panels(pair: Comparison, pair_html: str) -> None:
    for summary in pair.summaries:
        assert f"<h2>{summary.outlet}</h2>" in pair_html
        assert (
            f"{summary.framing_outlet_voice} in own voice ({summary.framing_per_1000:.1f} per 1,000 words)"
            in pair_html
        )
    reported = [
        f for f in pair.findings if f.kind != "sentence" and f.change in ("added", "dropped", "altered")
    ]
    assert pair_html.count('<li class="ch-') == len(reported)
    assert 'href="#s-1-16">&ldquo;despot&rdquo;</a> <span class="cat">pejorative</span>' in pair_html


def test_article_text_is_escaped() -> None:
    hostile = (
        "Mayor <script>alert('x')</script> resigns.\n\n"
        "The council said </div></div> nothing {{ 7*7 }} and {% raw %} today.\n\n"
        '"Close the <b>bridge</b>," the engineer said.'
    )
    calm = "Mayor resigns.\n\nThe council said nothing today.\n\nA local paper covered the story."
    html = to_html(
        compare(
            [document_from_text(hostile, outlet="<i>Evil</i> & Co"), document_from_text(calm, outlet="Calm")]
        )
    )
    assert "<script>alert" not in html and "</div></div> nothing" not in html
    assert "<b>bridge" not in html and "<i>Evil" not in html
    shown = unescape(re.sub(r"<[^>]+>", "", html))  # what a reader sees, highlights removed
    assert "Mayor <script>alert('x')</script> resigns." in shown
    assert "The council said </div></div> nothing {{ 7*7 }} and {% raw %} today." in shown
    assert '"Close the <b>bridge</b>," the engineer said.' in shown
    assert "<i>Evil</i> & Co" in shown
    assert html.count("<script") == 1
    TagBalance().check(html)


def test_overlapping_marks_nest() -> None:
    """A framing word inside an inserted run inside a quote: each piece carries every layer."""
    text = "He said that it was a truly shocking failure today."
    quote = Mark(8, 50, "q q-direct", "quote", speaker_at_end="Ann")
    inserted = Mark(20, 44, "ins", "inserted")
    framing = Mark(28, 36, "fr fr-outlet", "framing", category="evaluative")
    pieces = segments(text, 0, len(text), [framing, quote, inserted])
    assert "".join(p.text for p in pieces) == text
    by_text = {p.text: p for p in pieces}
    assert by_text["shocking"].classes == "fr fr-outlet ins q q-direct"
    assert by_text["shocking"].category == "evaluative"
    assert by_text["a truly "].classes == "ins q q-direct"
    assert by_text[" failure"].classes == "ins q q-direct"
    assert by_text[" today"].classes == "q q-direct" and by_text[" today"].speaker == "Ann"
    assert by_text["."].classes == "" and by_text["He said "].classes == ""


@given(
    text=st.text(alphabet="ab ", min_size=1, max_size=30),
    spans=st.lists(
        st.tuples(st.integers(0, 30), st.integers(0, 30), st.sampled_from(["ins", "fr", "q", "src"]))
    ),
)
def test_segments_rebuild_text_and_carry_covering_marks(text: str, spans: list[tuple[int, int, str]]) -> None:
    marks = [Mark(min(a, b), max(a, b), css, css) for a, b, css in spans]
    pieces = segments(text, 0, len(text), marks)
    assert "".join(p.text for p in pieces) == text
    position = 0
    for piece in pieces:
        assert piece.text
        covering = {m.css for m in marks if m.start <= position and position + len(piece.text) <= m.end}
        assert set(piece.classes.split()) == covering
        position += len(piece.text)


class TagBalance(HTMLParser):
    """Checks that every opened element is closed in order (void elements aside)."""

    VOID = {"meta", "br", "hr", "img", "input", "link"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (
            f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        )
        self.stack.pop()

    def check(self, html: str) -> None:
        self.feed(html)
        self.close()
        assert self.stack == []
