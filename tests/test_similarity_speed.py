"""Shortcuts taken for speed in ``similarity`` give the values of the slow path they replace."""

from __future__ import annotations

from wordfreq import iter_wordlist, zipf_frequency

from outletdiff.similarity import _zipf


def test_zipf_shortcut_matches_wordfreq() -> None:
    """Plain words looked up directly get wordfreq's own Zipf value, words it does not list
    included; other forms still go through wordfreq."""
    listed = [word for _, word in zip(range(20_000), iter_wordlist("en"), strict=False)]
    words = listed[::7] + [word + "qz" for word in listed[:500]] + ["U.S.", "3.5", "don't", "é", "x"]
    assert [_zipf(word) for word in words] == [zipf_frequency(word, "en") for word in words]
