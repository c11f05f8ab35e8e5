"""Fuzz the whole pipeline with hostile and odd input; tests/test_fuzz.py runs a few hundred cases.

    python eval/fuzz.py --examples 10000 [--seed 1]

Three properties, each checked on generated articles (news sentences mixed with separator
lines, bare punctuation, emoji, control characters, stray quote marks and arbitrary Unicode):

1. loading any bytes as any supported file type returns a document or raises
   ``OutletdiffError``, never anything else;
2. comparing two such articles raises nothing but ``OutletdiffError``, and every span of every
   kind (blocks, sentences, quotes, speakers, sources, framing, facts, findings, diff runs)
   lies inside its document and slices to the text it names;
3. a text compared with itself gives no added, dropped or altered finding.

The script counts failures per property instead of stopping at the first (hypothesis in its
generate phase only, no shrinking), and prints the first few failing inputs.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from outletdiff.errors import OutletdiffError  # noqa: E402
from outletdiff.load import document_from_text, load_path  # noqa: E402
from outletdiff.model import Comparison  # noqa: E402
from outletdiff.pipeline import compare  # noqa: E402

SENTENCES = (
    "The harbor bridge closed on Monday after a storm damaged two cables.",
    "Engineers said repairs would take three weeks, the city said.",
    'The mayor called it "serious but fixable."',
    "\u201cWe are working on it,\u201d said Dmitry Peskov, the Kremlin spokesman.",
    "Ferries will run every 20 minutes until it reopens on March 4, 2025.",
    "According to Reuters, citing two officials, the talks collapsed.",
    "The despot's regime brazenly denied the shocking report.",
    "Officials, who spoke on condition of anonymity, said 1,200 people were evacuated.",
    "Why?",
    "No.",
    "- A summary bullet about the closure.",
    "Read more: Bridge closures across the state",
)
ODD = (
    "***",
    "* * *",
    "---",
    "\u2014",
    "...",
    '"?"',
    '"\U0001f600"',
    '"***"',
    "\u201c",
    "'",
    '"',
    "\U0001f600",
    "?!",
    "1.",
    "# ",
    "date 2024-01-26 ",
    "outlet: X",
    "\x1b[2J",
    "\x1b]0;title\x07",
    "\u202e",
    "\u00a0",
    "\u0301",
    "\u4e2d\u6587\u3002",
    "U.S.",
    "$1.5bn",
)
SEPARATORS = (" ", " ", "\n", "\n\n", "\r\n", "\t", "", "\n\n\n")

_piece = st.one_of(
    st.sampled_from(SENTENCES),
    st.sampled_from(SENTENCES),
    st.sampled_from(ODD),
    st.text(max_size=30),
)


@st.composite
def articles(draw: st.DrawFn, max_pieces: int = 14) -> str:
    """An article of news sentences, odd lines and arbitrary characters, joined irregularly."""
    pieces = draw(st.lists(st.tuples(_piece, st.sampled_from(SEPARATORS)), min_size=1, max_size=max_pieces))
    return "".join(piece + separator for piece, separator in pieces)


@st.composite
def article_pairs(draw: st.DrawFn) -> tuple[str, str]:
    """Two versions of one article: the second drops, keeps and adds pieces of the first."""
    first = draw(articles())
    lines = first.split("\n")
    kept = [line for line in lines if draw(st.booleans()) or not line]
    extra = draw(st.lists(_piece, max_size=3))
    return first, "\n".join(kept + extra)


_field = st.one_of(
    st.none(), st.text(max_size=20), st.integers(), st.booleans(), st.lists(st.text(max_size=5))
)


@st.composite
def raw_inputs(draw: st.DrawFn) -> tuple[bytes, str]:
    """Bytes and a file suffix: text as UTF-8, arbitrary bytes, JSON records with any field types, HTML."""
    suffix = draw(st.sampled_from([".txt", ".md", ".json", ".html"]))
    text = draw(articles())
    form = draw(st.sampled_from(["text", "bytes", "json", "html"]))
    if form == "bytes":
        return draw(st.binary(max_size=300)), suffix
    if form == "json":
        record = {
            "text": draw(st.one_of(st.just(text), _field)),
            "outlet": draw(_field),
            "date": draw(_field),
        }
        return json.dumps(draw(st.one_of(st.just(record), _field))).encode(), suffix
    if form == "html":
        return (
            f"<html><body><nav>Home News</nav><article><p>{text}</p></article></body></html>".encode(),
            suffix,
        )
    return text.encode("utf-8", "surrogatepass"), suffix


# --- the properties ------------------------------------------------------------------------


def check_load(data: bytes, suffix: str, any_language: bool) -> None:
    """Any bytes: a document, or an ``OutletdiffError``."""
    handle, name = tempfile.mkstemp(suffix=suffix)
    try:
        os.write(handle, data)
        os.close(handle)
        with contextlib.suppress(OutletdiffError):  # a refusal is a right answer; anything else is not
            load_path(name, any_language=any_language)
    finally:
        os.unlink(name)


def compared(texts: tuple[str, ...]) -> Comparison | None:
    """The comparison of ``texts`` as outlets A, B...; None when refused with an OutletdiffError."""
    documents = [document_from_text(text, outlet=chr(65 + n)) for n, text in enumerate(texts)]
    try:
        return compare(documents)
    except OutletdiffError:
        return None


def check_spans(first: str, second: str) -> None:
    """Every span of every kind lies in its document and slices to the text it names."""
    comparison = compared((first, second))
    if comparison is None:
        return
    texts = [document.text for document in comparison.documents]

    def inside(doc: int, start: int, end: int, what: object) -> None:
        assert 0 <= start <= end <= len(texts[doc]), (what, start, end, len(texts[doc]))

    def names(doc: int, start: int, end: int, text: str, what: object) -> None:
        inside(doc, start, end, what)
        assert texts[doc][start:end] == text, (what, texts[doc][start:end], text)

    for doc, document in enumerate(comparison.documents):
        for block in document.blocks:
            inside(doc, block.start, block.end, block)
    for sentences in comparison.sentences:
        for sentence in sentences:
            names(sentence.doc, sentence.start, sentence.end, sentence.text, sentence)
    for quote in comparison.quotes:
        names(quote.doc, quote.start, quote.end, quote.text, quote)
        if quote.speaker_span is not None:
            inside(quote.doc, *quote.speaker_span, ("speaker", quote))
            assert quote.speaker_span[0] < quote.speaker_span[1], quote
    for attribution in comparison.attributions:
        for source in attribution.chain:
            inside(attribution.doc, source.start, source.end, (source, attribution))
    for hit in comparison.framing:
        names(hit.doc, hit.start, hit.end, hit.text, hit)
    for fact in comparison.facts:
        names(fact.doc, fact.start, fact.end, fact.text, fact)
    for finding in comparison.findings:
        for version in finding.versions:
            if finding.kind == "source":
                inside(version.doc, version.start, version.end, finding)
            else:
                names(version.doc, version.start, version.end, version.text, finding)
    for alignment in comparison.alignments:
        for link in alignment.links:
            for op in link.diff:
                span, doc = (op.a, alignment.a) if op.a else (op.b, alignment.b)
                assert span is not None, (op, link)
                names(doc, span[0], span[1], op.text, (op, link))


def self_differences(text: str, kinds: tuple[str, ...] | None = None) -> list[tuple[str, str, str]]:
    """Added, dropped or altered findings of ``text`` compared with itself (kind, change, text)."""
    comparison = compared((text, text))
    if comparison is None:
        return []
    return [
        (finding.kind, finding.change, finding.text)
        for finding in comparison.findings
        if finding.change != "shared" and (kinds is None or finding.kind in kinds)
    ]


def check_self_comparison(text: str, kinds: tuple[str, ...] | None = None) -> None:
    """A text compared with itself finds no difference."""
    differences = self_differences(text, kinds)
    assert not differences, differences


# --- the on-demand run ------------------------------------------------------------------------


def _count(
    name: str, strategy: st.SearchStrategy, check: Callable[..., None], examples: int, run_seed: int
) -> int:
    failures: list[tuple[object, str]] = []
    runs = 0

    @seed(run_seed)
    @settings(
        max_examples=examples,
        deadline=None,
        phases=[Phase.generate],
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def run(arguments: tuple) -> None:
        nonlocal runs
        runs += 1
        try:
            check(*arguments)
        except Exception:  # counted and shown: this script reports failures, it does not stop
            failures.append((arguments, traceback.format_exc(limit=3)))

    run()
    print(f"{name}: {len(failures)} failures in {runs} examples")
    for arguments, trace in failures[:3]:
        print(f"  input: {arguments!r}"[:600])
        print("  " + trace.strip().splitlines()[-1][:600])
    return len(failures)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--examples", type=int, default=10_000, help="examples per property (default 10,000)")
    parser.add_argument("--seed", type=int, default=0)
    arguments = parser.parse_args()
    failures = _count(
        "load",
        st.tuples(
            raw_inputs().map(lambda pair: pair[0]), st.sampled_from([".txt", ".json", ".html"]), st.booleans()
        ),
        check_load,
        arguments.examples,
        arguments.seed,
    )
    failures += _count("spans", article_pairs(), check_spans, arguments.examples, arguments.seed)
    for name, kinds in (
        ("self-comparison, quotes/facts/framing/sources", ("quote", "fact", "framing", "source")),
        ("self-comparison, sentences (alignment)", ("sentence",)),
    ):
        failures += _count(
            name,
            articles().map(lambda text, kinds=kinds: (text, kinds)),
            check_self_comparison,
            arguments.examples,
            arguments.seed,
        )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
