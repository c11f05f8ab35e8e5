"""The HTML report: golden file, escaping, self-containment, row layout and span nesting.

The golden report of the bundled pair lives in tests/data/html/; refresh it after an
intended change with ``OUTLETDIFF_REFRESH_GOLDEN=1 python -m pytest tests/test_html.py`` and
review the diff. The browser-level behaviour is in test_browser.py.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape

from outletdiff.load import document_from_text, load_paths
from outletdiff.model import (
    Alignment,
    Attribution,
    Comparison,
    DiffOp,
    Document,
    FramingHit,
    Link,
    OutletSummary,
    Quote,
    Sentence,
    Source,
    Status,
)
from outletdiff.options import CompareOptions
from outletdiff.pipeline import compare
from outletdiff.render.html import Mark, ReportView, SentenceView, anchor, build_view, segments, to_html
from outletdiff.summary import best_statuses

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "tests" / "data" / "html" / "putin-talks.html"
PAIR = ["corpus/putin-talks/outlet-a.txt", "corpus/putin-talks/radaronline.txt"]
REFRESH_HINT = "if the change is intended: OUTLETDIFF_REFRESH_GOLDEN=1 python -m pytest tests/test_html.py"


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
    assert "<link" not in pair_html and "@import" not in pair_html
    # The only url() references are to markers inside the inline SVG itself.
    assert set(re.findall(r"url\(([^)]*)\)", pair_html)) <= {"#sourcing-arrow"}
    assert pair_html.count("<script") == pair_html.count("</script") == 1
    assert pair_html.count("<style") == pair_html.count("</style") == 1


def test_readme_states_the_real_size(pair_html: str) -> None:
    stated = re.search(
        r"about (\d+) KB for the bundled pair", (REPO / "README.md").read_text(encoding="utf-8")
    )
    assert stated, "README's HTML report section gives the size of the bundled pair's report"
    size = len(pair_html.encode("utf-8")) / 1000
    assert abs(size - int(stated.group(1))) <= 0.05 * size, f"the report is {size:.1f} KB now"


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
def test_every_sentence_once(fixture: str, request: pytest.FixtureRequest) -> None:
    comparison: Comparison = request.getfixturevalue(fixture)
    view = build_view(comparison)
    count = len(comparison.documents)
    assert all(len(row.cells) == count for row in view.rows)
    for doc in range(count):
        shown = sorted(s.index for row in view.rows for s in row.cells[doc].sentences)
        assert shown == list(range(len(comparison.sentences[doc])))


def test_counterparts_share_a_row_and_show_their_own_numbers(pair: Comparison) -> None:
    view = build_view(pair)
    row_of = {s.anchor: n for n, row in enumerate(view.rows) for cell in row.cells for s in cell.sentences}
    pairs = [link for link in pair.alignment(0, 1).links if link.relation == "counterpart"]
    assert len(pairs) == 9
    for link in pairs:
        assert row_of[anchor(0, link.a)] == row_of[anchor(1, link.b)], link
    assert sum(all(cell.sentences for cell in row.cells) for row in view.rows) == 7
    views = sentence_views(view)
    assert [views[anchor(1, i)].number for i in (0, 13, 14, 15)] == [1, 14, None, 15]  # 14 is boilerplate
    assert views[anchor(1, 9)].place == "RadarOnline.com, sentence 10"
    headline_row = view.rows[0]
    assert [[s.index for s in cell.sentences] for cell in headline_row.cells] == [[0, 2], [0, 1, 9]]


def test_rewritten_pair_is_drawn_by_content(pair: Comparison) -> None:
    """A5 / Radar 4 ("two people with close links" / "two Kremlin insiders"): only the sources,
    quotes and framing words that differ are marked; the word changes are in ``words``."""
    views = sentence_views(build_view(pair))
    radar = views[anchor(1, 3)]
    assert "by-content" in radar.classes.split()
    marked = [(seg.text, seg.classes) for seg in radar.segments if seg.classes]
    assert marked == [
        ("Daily Mail", "cd cd-only cd-source"),
        ("two Kremlin insiders", "cd cd-altered cd-source"),
        ("claimed", "cd cd-framing cd-only"),
        ("test the waters", "cd cd-only cd-quote"),
    ]
    assert all("ins" not in seg.classes.split() for seg in radar.segments)
    assert any("ins" in seg.classes.split() for seg in radar.words)
    assert "".join(seg.text for seg in radar.segments) == "".join(seg.text for seg in radar.words)
    titles = {seg.text: seg.title for seg in radar.segments if seg.title}
    assert titles["Daily Mail"] == "source (outlet): not in outlet-a's version"
    assert titles["two Kremlin insiders"] == (
        "source (outlet): outlet-a has \u201cBloomberg <- two people with close links to the Kremlin\u201d"
    )
    edited = views[anchor(1, 8)]  # "It absolutely does not correspond to reality." is edited: inline diff
    assert "by-content" not in edited.classes.split() and edited.words == ()


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
    reported = [f for f in pair.findings if f.kind != "sentence" and f.change != "shared"]
    # five names are both a fact and a source at one place, and one "reportedly" both a hedge
    # and an unnamed source: each listed once, as the source
    assert pair_html.count('<li class="ch-') == len(reported) - 6
    assert 'href="#s-1-16">&ldquo;despot&rdquo;</a> <span class="cat">pejorative</span>' in pair_html


def test_the_same_difference_never_appears_twice_in_the_findings(pair_html: str) -> None:
    """Each listed item is one difference: no two items name the same words at the same place
    (a name that is both a fact and a source is listed once)."""
    findings = pair_html[pair_html.index('<section id="findings"') :]
    items = re.findall(r'<li class="ch-[^"]+"><a href="(#[^"]+)">&ldquo;(.*?)&rdquo;</a>(.*?)</li>', findings)
    assert len(items) == findings.count('<li class="ch-') > 50
    keys = [(href, text, re.findall(r'href="(#[^"]+)"', rest)) for href, text, rest in items]
    assert len({(href, text, tuple(other)) for href, text, other in keys}) == len(keys)
    assert len({(href, text) for href, text, other in keys if not other}) == len(
        [k for k in keys if not k[2]]
    )


def test_no_absolute_path_of_the_inputs_in_the_html() -> None:
    """The report is e-mailed: it names the files, never where they lay on the author's disk."""
    comparison = compare(load_paths([str(REPO / path) for path in PAIR]))
    assert comparison.documents[0].source == str(REPO / PAIR[0])
    for html in (to_html(comparison), comparison._repr_html_()):
        assert str(REPO) not in html and "/corpus/" not in html
        assert "outlet-a.txt" in html and "radaronline.txt" in html


def test_jupyter_fragment(pair: Comparison) -> None:
    fragment = pair._repr_html_()
    assert fragment.startswith('<div class="outletdiff-nb">') and fragment.rstrip().endswith("</div>")
    for tag in ("<html", "<head", "<body", "<script", "<link", "<input"):
        assert tag not in fragment
    style = fragment[fragment.index("<style>") + 7 : fragment.index("</style>")]
    rules = re.findall(r"(?:^|})\s*([^{}]+?)\s*{", re.sub(r"/\*.*?\*/", "", style, flags=re.S))
    assert rules and all(
        sel.strip().startswith(".outletdiff-nb") for rule in rules for sel in rule.split(",")
    )
    for line in pair.digest:
        assert str(escape(line.text)) in fragment
    table_rows = re.findall(r"<tr>(.*?)</tr>", fragment, flags=re.S)[1:]  # the head row aside
    assert len(table_rows) == len(build_view(pair).rows)
    both = [row for row in table_rows if row.count("<td></td>") == 0]
    assert len(both) == 7
    assert 'class="cd ' in fragment and 'class="del"' in fragment
    TagBalance().check(fragment)


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


# --- the spine: the reference outlet, else the first -----------------------------------------
# Three outlets written by hand, one sentence a line, with hand-written alignments, so these
# expectations do not move when the aligner changes. Alpha's "The council rejected..." is moved
# against both others (it comes before "She thanked..." in Alpha, after it in Beta and Gamma).

ALPHA = ("The mayor resigned on Monday.", "The council rejected her budget.", "She thanked the residents.")
BETA = (
    "The mayor quit on Monday.",
    "She thanked the residents.",
    "Critics blamed her.",
    "The council rejected her budget.",
)
GAMMA = (
    "A deputy will lead the city.",
    "The mayor stepped down on Monday.",
    "She thanked the residents.",
    "The council rejected her budget.",
)
# (a, b, label, words only in a, words only in b), stored once per pair with a < b.
LinkSpec = tuple[int, int, str, str, str]
MAYOR_LINKS: dict[tuple[int, int], list[LinkSpec]] = {
    (0, 1): [(0, 0, "edited", "resigned", "quit"), (1, 3, "moved", "", ""), (2, 1, "identical", "", "")],
    (0, 2): [
        (0, 1, "edited", "resigned", "stepped down"),
        (1, 3, "moved", "", ""),
        (2, 2, "identical", "", ""),
    ],
    (1, 2): [
        (0, 1, "edited", "quit", "stepped down"),
        (1, 2, "identical", "", ""),
        (3, 3, "identical", "", ""),
    ],
}


def hand_built(
    outlets: Sequence[tuple[str, Sequence[str]]],
    links: dict[tuple[int, int], list[LinkSpec]],
    *,
    reference: int | None = None,
    quotes: Sequence[Quote] = (),
    framing: Sequence[FramingHit] = (),
    attributions: Sequence[Attribution] = (),
) -> Comparison:
    """A comparison of one-sentence-a-line texts, aligned as ``links`` says (no pipeline)."""
    documents = tuple(
        Document(outlet, "".join(line + "\n" for line in lines), "<hand>") for outlet, lines in outlets
    )
    sentences = tuple(_sentences(doc, lines) for doc, (_, lines) in enumerate(outlets))
    alignments = tuple(_alignment(sentences, a, b, specs) for (a, b), specs in sorted(links.items()))
    reported = [al for al in alignments if reference is None or reference in (al.a, al.b)]
    counts = [len(s) for s in sentences]
    return Comparison(
        documents=documents,
        sentences=sentences,
        alignments=alignments,
        quotes=tuple(quotes),
        attributions=tuple(attributions),
        framing=tuple(framing),
        facts=(),
        findings=(),
        summaries=tuple(_summary(doc, d.outlet, counts[doc]) for doc, d in enumerate(documents)),
        statuses=tuple(best_statuses(doc, counts[doc], reported) for doc in range(len(documents))),
        reference=reference,
    )


def _sentences(doc: int, lines: Sequence[str]) -> tuple[Sentence, ...]:
    starts = [sum(len(line) + 1 for line in lines[:i]) for i in range(len(lines))]
    return tuple(
        Sentence(doc, i, start, start + len(line), line, "paragraph", i)
        for i, (start, line) in enumerate(zip(starts, lines, strict=True))
    )


def _alignment(sentences: Sequence[Sequence[Sentence]], a: int, b: int, specs: list[LinkSpec]) -> Alignment:
    links = tuple(
        Link(i, j, "counterpart", label, 1.0, _diff(sentences[a][i], sentences[b][j], old, new))  # type: ignore[arg-type]
        for i, j, label, old, new in specs
    )
    status_a: list[Status] = ["added"] * len(sentences[a])
    status_b: list[Status] = ["added"] * len(sentences[b])
    for link in links:
        status_a[link.a] = status_b[link.b] = link.label
    return Alignment(a, b, links, tuple(status_a), tuple(status_b))


def _diff(x: Sentence, y: Sentence, old: str, new: str) -> tuple[DiffOp, ...]:
    """Equal runs around one replaced word run (``old`` in x, ``new`` in y); all equal if none."""
    if not old:
        return (DiffOp("equal", x.text, (x.start, x.end), (y.start, y.end)),)
    i, j = x.start + x.text.index(old), y.start + y.text.index(new)
    return (
        DiffOp("equal", x.text[: i - x.start], (x.start, i), (y.start, j)),
        DiffOp("delete", old, (i, i + len(old)), None),
        DiffOp("insert", new, None, (j, j + len(new))),
        DiffOp("equal", x.text[i - x.start + len(old) :], (i + len(old), x.end), (j + len(new), y.end)),
    )


def _summary(doc: int, outlet: str, sentences: int) -> OutletSummary:
    return OutletSummary(doc, outlet, 0, 0, sentences, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.0, 0, 0, 0)


def mayor(reference: int | None) -> Comparison:
    return hand_built([("Alpha", ALPHA), ("Beta", BETA), ("Gamma", GAMMA)], MAYOR_LINKS, reference=reference)


def row_texts(view: ReportView) -> list[tuple[str, ...]]:
    """Each row as one string per column: its sentences' texts joined by " / " ("" if none)."""
    return [
        tuple(
            " / ".join("".join(seg.text for seg in s.segments) for s in cell.sentences) for cell in row.cells
        )
        for row in view.rows
    ]


def sentence_views(view: ReportView) -> dict[str, SentenceView]:
    return {s.anchor: s for row in view.rows for cell in row.cells for s in cell.sentences}


def word_marks(view: ReportView) -> dict[str, list[tuple[str, str, str]]]:
    """Inserted / deleted runs of every sentence that has any: (text, class, tooltip)."""
    marks: dict[str, list[tuple[str, str, str]]] = {}
    for row in view.rows:
        for cell in row.cells:
            for s in cell.sentences:
                found = [
                    (seg.text, seg.classes, seg.title)
                    for seg in s.segments
                    if {"ins", "del"} & set(seg.classes.split())
                ]
                if found:
                    marks[s.anchor] = found
    return marks


def test_without_reference_the_first_outlet_is_the_spine() -> None:
    view = build_view(mayor(None))
    # Alpha's moved "council" sentence shares its row with its counterparts, each numbered.
    assert row_texts(view) == [
        ("", "", GAMMA[0]),
        (ALPHA[0], BETA[0], GAMMA[1]),
        (ALPHA[1], BETA[3], GAMMA[3]),
        (ALPHA[2], BETA[1], GAMMA[2]),
        ("", BETA[2], ""),
    ]
    views = sentence_views(view)
    assert [views[key].number for key in ("s-0-1", "s-1-3", "s-2-3")] == [2, 4, 4]
    assert views["s-0-1"].status_label == views["s-1-3"].status_label == "moved"
    assert word_marks(view) == {
        "s-0-0": [("resigned", "del", "not in Beta's version; not in Gamma's version")],
        "s-1-0": [("quit", "ins", "not in Alpha's version")],
        "s-2-1": [("stepped down", "ins", "not in Alpha's version")],
    }
    assert views["s-1-2"].status_label == "only in Beta"
    assert views["s-2-0"].status_label == "only in Gamma"


def rows_with_a_reference() -> list[tuple[str, str, str]]:
    """Beta and Gamma are each compared with the reference only: the same rows either way."""
    return [
        ("", "", GAMMA[0]),
        (ALPHA[0], BETA[0], GAMMA[1]),
        (ALPHA[2], BETA[1], GAMMA[2]),
        ("", BETA[2], ""),
        (ALPHA[1], BETA[3], GAMMA[3]),
    ]


def test_reference_second_outlet_is_the_spine() -> None:
    comparison = mayor(1)
    view = build_view(comparison)
    # Every "council" sentence shares Beta's row: Alpha's moved one too, shown with its number.
    assert row_texts(view) == rows_with_a_reference()
    views = sentence_views(view)
    labels = {key: s.status_label for key, s in views.items()}
    assert labels == {
        "s-0-0": "edited",
        "s-0-1": "moved",
        "s-0-2": "same wording",
        "s-1-0": "edited",
        "s-1-1": "same wording",
        "s-1-2": "only in Beta",
        "s-1-3": "same wording",
        "s-2-0": "not in Beta",  # Alpha was not compared with Gamma, so "only in" is not known
        "s-2-1": "edited",
        "s-2-2": "same wording",
        "s-2-3": "same wording",
    }
    # No Alpha-vs-Gamma difference anywhere: "resigned" vs "stepped down" is never marked.
    assert word_marks(view) == {
        "s-0-0": [("resigned", "ins", "not in Beta's version")],
        "s-1-0": [("quit", "del", "not in Alpha's version; not in Gamma's version")],
        "s-2-1": [("stepped down", "ins", "not in Beta's version")],
    }
    html = to_html(comparison)
    assert '<div class="cell">Beta <span class="rel">(reference)</span></div>' in html
    assert '<div class="cell">Alpha</div>' in html and '<div class="cell">Gamma</div>' in html
    assert "counted for each outlet against Beta, the reference" in html
    TagBalance().check(html)


def test_reference_third_outlet_is_the_spine() -> None:
    view = build_view(mayor(2))
    assert row_texts(view) == rows_with_a_reference()
    views = sentence_views(view)
    labels = {key: s.status_label for key, s in views.items()}
    assert labels["s-1-2"] == "not in Gamma" and labels["s-2-0"] == "only in Gamma"
    assert labels["s-0-0"] == labels["s-1-0"] == labels["s-2-1"] == "edited"
    assert views["s-0-1"].place == "Alpha, sentence 2" and views["s-2-3"].place == "Gamma, sentence 4"
    assert word_marks(view) == {
        "s-0-0": [("resigned", "ins", "not in Gamma's version")],
        "s-1-0": [("quit", "ins", "not in Gamma's version")],
        "s-2-1": [("stepped down", "del", "not in Alpha's version; not in Beta's version")],
    }


def test_two_outlets_with_reference_keep_only_here() -> None:
    """With two outlets, the pair's statuses say whether the other outlet has a sentence."""
    links = {(0, 1): [(0, 0, "edited", "resigned", "quit"), (2, 1, "identical", "", "")]}
    view = build_view(hand_built([("Alpha", ALPHA), ("Beta", BETA[:2])], links, reference=1))
    assert row_texts(view) == [(ALPHA[0], BETA[0]), (ALPHA[1], ""), (ALPHA[2], BETA[1])]
    views = sentence_views(view)
    assert views["s-0-1"].status_label == "only in Alpha"
    assert word_marks(view) == {
        "s-0-0": [("resigned", "ins", "not in Beta's version")],
        "s-1-0": [("quit", "del", "not in Alpha's version")],
    }


CITY_COUNCIL = (
    "Mayor Ann Lee resigned on Monday after a long dispute with the city council over the budget.\n\n"
    "The council had rejected her plan to cut funding for public libraries by a third.\n\n"
    "Lee said she was proud of her eight years in office and thanked the residents.\n\n"
    "Deputy mayor Tom Park will lead the city until an election is held in the spring.\n"
)
CITY_PAPER = (
    "Mayor Ann Lee resigned on Monday after a bitter dispute with the city council over the budget.\n\n"
    "Lee said she was proud of her eight years in office and thanked the residents.\n\n"
    "Critics had accused her of ignoring the poorer districts of the city for years.\n\n"
    "Deputy mayor Tom Park will lead the city until an election is held in the spring.\n"
)
CITY_RADIO = (
    "Mayor Ann Lee resigned on Monday after a long dispute with the city council over the budget.\n\n"
    "The council had rejected her plan to cut funding for public libraries by half.\n\n"
    "Deputy mayor Tom Park will lead the city until an election is held in the spring.\n\n"
    "Lee said she was proud of her eight years in office and thanked the residents.\n"
)


@pytest.mark.parametrize("reference", [None, 1, 2])
def test_three_outlets_through_the_pipeline(reference: int | None) -> None:
    """Every sentence once, columns in reading order, and everything told against the spine."""
    documents = [
        document_from_text(text, outlet=name)
        for name, text in (("Council", CITY_COUNCIL), ("Paper", CITY_PAPER), ("Radio", CITY_RADIO))
    ]
    comparison = compare(documents, options=CompareOptions(reference=reference))
    spine = 0 if reference is None else reference
    spine_outlet = documents[spine].outlet
    view = build_view(comparison)
    for doc in range(3):
        shown = sorted(s.index for row in view.rows for s in row.cells[doc].sentences)
        assert shown == list(range(len(comparison.sentences[doc])))
    for row in view.rows:
        spine_sentences = {int(s.anchor.split("-")[2]) for s in row.cells[spine].sentences}
        for doc, cell in enumerate(row.cells):
            if doc == spine:
                continue
            if spine_sentences:  # a sentence shares the spine's row only as its counterpart
                partners = {(link.a, link.b) for link in comparison.alignment(spine, doc).links}
                for s in cell.sentences:
                    index = int(s.anchor.split("-")[2])
                    assert any((a, index) in partners for a in spine_sentences), s.anchor
            else:  # without a spine sentence, a row holds one outlet's sentence
                assert not cell.sentences or all(not c.sentences for d, c in enumerate(row.cells) if d != doc)
            for s in cell.sentences:
                assert not s.status_label.startswith("not in ") or s.status_label == f"not in {spine_outlet}"
                for seg in s.segments:
                    assert "del" not in seg.classes.split(), "deletions are marked in the spine only"
                    if "ins" in seg.classes.split():
                        assert f"not in {spine_outlet}'s version" in seg.title
                        assert seg.title.count("not in ") == 1
    html = to_html(comparison)
    TagBalance().check(html)
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    assert set(re.findall(r'href="#([^"]+)"', html)) <= ids


# --- highlights are indexed once, not scanned per sentence ------------------------------------


class CountedTuple(tuple):  # type: ignore[type-arg]
    """A tuple that counts how often it is iterated over."""

    iterations = 0

    def __iter__(self):  # type: ignore[no-untyped-def]
        self.iterations += 1
        return super().__iter__()


def test_highlights_and_links_are_read_once_not_per_sentence() -> None:
    size = 60
    lines = [f"Officials in district {n} said the {n} votes were counted." for n in range(size)]
    comparison = hand_built(
        [("One", lines), ("Two", lines)], {(0, 1): [(n, n, "identical", "", "") for n in range(size)]}
    )
    sentences = comparison.sentences
    quotes = CountedTuple(
        Quote(doc, s.index, s.start + 13, s.start + 21, s.text[13:21], "scare")
        for doc in (0, 1)
        for s in sentences[doc]
    )
    framing = CountedTuple(
        FramingHit(doc, s.index, s.start, s.start + 9, "Officials", "official", "test", "outlet")
        for doc in (0, 1)
        for s in sentences[doc]
    )
    attributions = CountedTuple(
        Attribution(doc, s.index, (Source("Officials", "institution", s.start, s.start + 9, "said"),))
        for doc in (0, 1)
        for s in sentences[doc]
    )
    alignment = comparison.alignments[0]
    links = CountedTuple(alignment.links)
    counted = Comparison(
        **{
            **comparison.__dict__,
            "quotes": quotes,
            "framing": framing,
            "attributions": attributions,
            "alignments": (Alignment(0, 1, links, alignment.status_a, alignment.status_b),),
        }
    )
    view = build_view(counted)
    assert len(view.rows) == size
    assert quotes.iterations == framing.iterations == 1
    assert attributions.iterations == 1
    assert links.iterations <= 3
    last = view.rows[-1].cells[1].sentences[0]
    assert [seg.classes for seg in last.segments][:3] == ["fr fr-outlet src", "", "q q-scare"]


def test_a_quote_over_two_sentences_is_marked_in_both() -> None:
    lines = ['"We will not give up.', 'We will win," the coach said.']
    comparison = hand_built(
        [("One", lines), ("Two", lines)],
        {(0, 1): [(0, 0, "identical", "", ""), (1, 1, "identical", "", "")]},
        quotes=[Quote(0, 0, 1, 34, "We will not give up.\nWe will win,", "direct", "the coach")],
    )
    first, second = (s for row in build_view(comparison).rows for s in row.cells[0].sentences)
    assert [(seg.text, seg.classes) for seg in first.segments] == [
        ('"', ""),
        ("We will not give up.", "q q-direct"),
    ]
    assert [(seg.text, seg.classes) for seg in second.segments] == [
        ("We will win,", "q q-direct"),
        ('" the coach said.', ""),
    ]
    assert second.segments[0].speaker == "the coach" and first.segments[1].speaker == ""


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
