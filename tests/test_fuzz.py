"""The fuzz harness of eval/fuzz.py, a few hundred examples per property (10,000+ on demand there).

Every property must hold, including sentences without words matching themselves and diff runs
of split or merged sentences slicing to their text.
"""

from __future__ import annotations

import pytest
from fuzz import (
    article_pairs,
    articles,
    check_load,
    check_self_comparison,
    check_spans,
    raw_inputs,
    self_differences,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

EXTRACTED = ("quote", "fact", "framing", "source")
CI = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@CI
@given(raw_inputs(), st.booleans())
def test_any_bytes_load_or_raise_an_outletdiff_error(data: tuple[bytes, str], any_language: bool) -> None:
    check_load(data[0], data[1], any_language)


@CI
@given(article_pairs())
def test_every_span_slices_to_the_text_it_names(pair: tuple[str, str]) -> None:
    check_spans(*pair)


@CI
@given(st.lists(st.sampled_from(["The bridge closed on Monday.", "Engineers said repairs take weeks."])))
def test_every_span_slices_to_the_text_it_names_on_single_spaced_text(sentences: list[str]) -> None:
    """The span property without line breaks inside sentences, so it holds today and must keep holding."""
    check_spans(" ".join(sentences) or "Nothing.", "The bridge closed on Monday. Ferries run instead.")


@CI
@given(articles())
def test_a_text_compared_with_itself_has_no_quote_fact_framing_or_source_difference(text: str) -> None:
    check_self_comparison(text, EXTRACTED)


@CI
@given(articles())
def test_a_text_compared_with_itself_has_no_sentence_difference(text: str) -> None:
    check_self_comparison(text, ("sentence",))


@pytest.mark.parametrize(
    "text",
    ['She said "?" twice.\n\nThen "\U0001f600" and "***" appeared.\n', "\u201c \u00a0\n\nNo.\n", "?!\n"],
)
def test_symbol_only_quotes_match_themselves(text: str) -> None:
    assert self_differences(text, EXTRACTED) == []
