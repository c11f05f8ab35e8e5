"""Lexicon readers (CSV, word list, MPQA .tff, LIWC .dic), their errors, and the matcher."""

from __future__ import annotations

from pathlib import Path

import pytest

from outletdiff.errors import LexiconError
from outletdiff.extract.lexicon import Lexicon, Term, load_lexicon, merge_lexicons, shipped_lexicon

LEXICONS = Path(__file__).resolve().parents[2] / "shared" / "data" / "lexicons"
needs_lexicons = pytest.mark.skipif(
    not LEXICONS.exists(), reason=f"published lexicons not found at {LEXICONS}"
)

DIC = """%
1\tCareVirtue
2\tHarmVice
%
safe*\t1
protect\t1
kill*\t2
harm\t2 1
"""


def found(lexicon: Lexicon, text: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.term.text) for m in lexicon.find(text)]


def test_shipped_lexicon_has_its_categories_and_a_sane_size() -> None:
    lexicon = shipped_lexicon()
    # ~2,200 terms: families of loaded words and idioms written out so that unseen news is
    # reached (BASIL reporting split: recall 0.51, 33% of hits in a span); far above, the share sinks.
    assert 300 <= len(lexicon) <= 2500
    assert set(lexicon.reported_categories) == {
        "pejorative",
        "intensifier",
        "loaded_verb",
        "attribution",
        "evaluative",
        "idiom",
    }
    assert "attribution" not in lexicon.loaded_categories
    assert all(term.note for term in lexicon.terms)


def test_saying_verbs_and_hedges_are_attribution_and_insults_are_loaded() -> None:
    """Praise and complaint judge what was said (like extol, gripe): loaded, not attribution."""
    lexicon = shipped_lexicon()
    text = "He vowed, insisted and reportedly praised it; critics sneered, complained and lambasted him."
    assert [(m.term.text, m.term.category) for m in lexicon.find(text)] == [
        ("vowed", "attribution"),
        ("insisted", "attribution"),
        ("reportedly", "attribution"),
        ("praised", "loaded_verb"),
        ("sneer", "loaded_verb"),
        ("complained", "loaded_verb"),
        ("lambaste", "loaded_verb"),
    ]


def test_inflections_case_and_whole_words() -> None:
    lexicon = Lexicon((Term("slam", "saying_verb"), Term("despot", "pejorative"), Term("rant", "pejorative")))
    text = "Critics SLAMMED the despots; slams, slamming. Grantees and warrants are not rants."
    assert found(lexicon, text) == [
        ("SLAMMED", "slam"),
        ("despots", "despot"),
        ("slams", "slam"),
        ("slamming", "slam"),
        ("rants", "rant"),
    ]


def test_inflected_entry_matches_only_its_own_form() -> None:
    lexicon = Lexicon((Term("claimed", "saying_verb"),))
    assert found(lexicon, "He claimed it. Insurance claims rose.") == [("claimed", "claimed")]


def test_multi_word_terms_win_over_single_words() -> None:
    lexicon = Lexicon((Term("witch hunt", "pejorative"), Term("hunt", "x"), Term("so-called", "hedge")))
    assert found(lexicon, "a so-called Witch Hunts, then a hunt") == [
        ("so-called", "so-called"),
        ("Witch Hunts", "witch hunt"),
        ("hunt", "hunt"),
    ]


def test_csv_reader_and_bad_row_names_file_and_line(tmp_path: Path) -> None:
    good = tmp_path / "mine.csv"
    good.write_text("term,category,note\nwitch hunt,pejorative,loaded\nslam,saying_verb,\n", encoding="utf-8")
    lexicon = load_lexicon(good)
    assert [(t.text, t.category) for t in lexicon.terms] == [
        ("witch hunt", "pejorative"),
        ("slam", "saying_verb"),
    ]
    bad = tmp_path / "bad.csv"
    bad.write_text("term,category,note\nslam,saying_verb,x\nlonely\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"bad\.csv:3"):
        load_lexicon(bad)


def test_word_list_category_is_the_file_stem(tmp_path: Path) -> None:
    path = tmp_path / "loaded.txt"
    path.write_text("# comment\nregime\n\nstrongman\n", encoding="utf-8")
    assert [(t.text, t.category) for t in load_lexicon(path).terms] == [
        ("regime", "loaded"),
        ("strongman", "loaded"),
    ]


def test_dic_reader_with_wildcards_and_several_categories(tmp_path: Path) -> None:
    path = tmp_path / "moral.dic"
    path.write_text(DIC, encoding="utf-8")
    lexicon = load_lexicon(path)
    assert ("harm", "CareVirtue") in [(t.text, t.category) for t in lexicon.terms]
    assert [(text, term) for text, term in found(lexicon, "Killings made it unsafe; safety first")] == [
        ("Killings", "kill*"),
        ("safety", "safe*"),
    ]


def test_dic_with_undeclared_category_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.dic"
    path.write_text(DIC + "harm 9\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"broken\.dic:9"):
        load_lexicon(path)


def test_tff_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "clues.tff"
    path.write_text(
        "type=strongsubj len=1 word1=abandon pos1=verb stemmed1=y priorpolarity=negative\nnonsense\n"
    )
    with pytest.raises(LexiconError, match=r"clues\.tff:2"):
        load_lexicon(path)


def test_empty_and_unknown_format(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing here\n\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="no terms"):
        load_lexicon(empty)
    odd = tmp_path / "words.xlsx"
    odd.write_text("hello world\n", encoding="utf-8")
    with pytest.raises(LexiconError) as error:
        load_lexicon(odd)
    assert ".dic" in str(error.value) and ".tff" in str(error.value)
    with pytest.raises(LexiconError, match="does not exist"):
        load_lexicon(tmp_path / "missing.csv")


def test_merge_keeps_the_first_entry() -> None:
    first = Lexicon((Term("regime", "pejorative"),), source="a")
    second = Lexicon((Term("regime", "other"), Term("thug", "pejorative")), source="b")
    merged = merge_lexicons(first, second)
    assert [(t.text, t.category) for t in merged.terms] == [("regime", "pejorative"), ("thug", "pejorative")]
    assert first.merge(second) == merged


@needs_lexicons
def test_real_mpqa_clues() -> None:
    lexicon = load_lexicon(LEXICONS / "mpqa" / "subjclueslen1-HLTEMNLP05.tff")
    assert len(lexicon) > 8000
    assert "mpqa_strongsubj_negative" in lexicon.categories
    assert found(lexicon.only("mpqa_strongsubj_negative"), "Pure slander, they said.") == [
        ("slander", "slander")
    ]


@needs_lexicons
@pytest.mark.parametrize(
    "name",
    [
        "recasens2013_bias-lexicon.txt",
        "report_verbs.txt",
        "hedges_hyland2005.txt",
        "neus_bias-lexicon_extended704.txt",
    ],
)
def test_real_word_lists(name: str) -> None:
    lexicon = load_lexicon(LEXICONS / name)
    assert len(lexicon) > 50
    assert lexicon.categories == (Path(name).stem,)


def test_derived_adverbs_and_comparatives_match_their_base_entry() -> None:
    lexicon = Lexicon((Term("harsh", "evaluative"), Term("angry", "evaluative"), Term("big", "intensifier")))
    text = "He spoke harshly, angrily, in harsher and the harshest terms; bigger is not biggish."
    assert [term for _, term in found(lexicon, text)] == ["harsh", "angry", "harsh", "harsh", "big"]


def test_only_the_shipped_lexicon_switches_on_the_patterns() -> None:
    plain = Lexicon((Term("slam", "saying_verb"),))
    assert shipped_lexicon().rules and not plain.rules
    assert merge_lexicons(plain, shipped_lexicon()).rules
    assert shipped_lexicon().only("hedge").rules


def test_idioms_match_as_phrases_in_any_inflection() -> None:
    text = "Lawmakers kicked the can down the road and dragged their feet; the can was kicked."
    assert [(term.text, term.category) for term in found_matches(text)] == [
        ("kick the can down the road", "idiom"),
        ("drag their feet", "loaded_verb"),
    ]


def found_matches(text: str) -> list[Term]:
    return [m.term for m in shipped_lexicon().find(text)]
