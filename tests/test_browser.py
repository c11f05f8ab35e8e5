"""The HTML report driven in real headless Chromium, the way a reader would use it.

Runs over the report of the bundled pair (corpus/putin-talks): columns, framing highlights
with their category, moved-sentence links, "show only differences", j/k navigation, and a
full-page screenshot in tests/artifacts/ (gitignored) for a human to look at. Skips, saying
why, only when Debian's chromium or Python playwright is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from outletdiff.load import document_from_text, load_paths
from outletdiff.model import Comparison
from outletdiff.pipeline import compare
from outletdiff.render.html import to_html

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "tests" / "artifacts"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
]

if not CHROMIUM.exists():
    pytest.skip(
        f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip(
    "playwright.sync_api",
    reason="Python playwright is missing: pip install playwright (no browser download needed)",
)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def pair() -> Comparison:
    paths = sorted(str(p) for p in (REPO / "corpus" / "putin-talks").glob("*.txt"))
    return compare(load_paths(paths))


@pytest.fixture(scope="module")
def report_path(tmp_path_factory: pytest.TempPathFactory, pair: Comparison) -> Path:
    path = tmp_path_factory.mktemp("html") / "putin-talks.html"
    path.write_text(to_html(pair), encoding="utf-8")
    return path


def rows_in_browser(page) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """The ids of the sentences on each visible row, as the browser lays them out."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('#rows .row')).map(
            row => Array.from(row.querySelectorAll('.s')).map(s => s.id))"""
    )


@pytest.fixture()
def page(browser, report_path: Path) -> Iterator[object]:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 720}, offline=True)
    page = context.new_page()
    page.goto(report_path.as_uri())
    yield page
    context.close()


def in_viewport(page, selector: str) -> bool:  # type: ignore[no-untyped-def]
    """Whether the element's top lies inside the visible window (below the sticky bar)."""
    return page.evaluate(
        """(selector) => {
            const box = document.querySelector(selector).getBoundingClientRect();
            const bar = document.querySelector('.sticky').getBoundingClientRect().bottom;
            return box.top >= bar - 2 && box.top < window.innerHeight;
        }""",
        selector,
    )


def test_two_columns_and_full_page_screenshot(page) -> None:  # type: ignore[no-untyped-def]
    heads = page.locator(".heads .cell")
    assert heads.all_inner_texts() == ["outlet-a", "RadarOnline.com"]
    first_row = page.locator("#rows .row").first
    assert first_row.locator(":scope > .cell").count() == 2
    boxes = [first_row.locator(":scope > .cell").nth(i).bounding_box() for i in range(2)]
    assert boxes[0]["x"] + boxes[0]["width"] <= boxes[1]["x"], "the columns should sit side by side"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "putin-talks.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000


@pytest.mark.parametrize(("word", "category"), [("despot", "pejorative"), ("startling", "intensifier")])
def test_framing_highlight_visible_on_radaronline_side(page, word: str, category: str) -> None:  # type: ignore[no-untyped-def]
    radar_cells = page.locator("#rows .row > .cell:nth-child(2)")
    hit = radar_cells.locator("span.fr.fr-outlet", has_text=word).first
    sync_api.expect(hit).to_be_visible()
    assert hit.inner_text() == word
    assert hit.get_attribute("data-category") == category
    assert category in hit.get_attribute("title")
    background = hit.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), "an outlet-voice framing word is shaded"
    page.uncheck("#layer-framing")
    assert hit.evaluate("e => getComputedStyle(e).backgroundColor") == "rgba(0, 0, 0, 0)"


def test_every_counterpart_pair_sits_on_one_row(page, pair: Comparison) -> None:  # type: ignore[no-untyped-def]
    rows = rows_in_browser(page)
    row_of = {sentence: n for n, row in enumerate(rows) for sentence in row}
    counterparts = [link for link in pair.alignment(0, 1).links if link.relation == "counterpart"]
    assert len(counterparts) == 9
    for link in counterparts:
        assert row_of[f"s-0-{link.a}"] == row_of[f"s-1-{link.b}"], link
        first, second = (
            page.locator(f"#s-0-{link.a}").bounding_box(),
            page.locator(f"#s-1-{link.b}").bounding_box(),
        )
        assert first["x"] + first["width"] <= second["x"], "the pair sits side by side"
    both = [
        row
        for row in rows
        if any(s.startswith("s-0-") for s in row) and any(s.startswith("s-1-") for s in row)
    ]
    assert len(both) == 7
    # the moved sentence's own place in its article is shown as its number
    assert page.locator("#s-1-9 .num").inner_text() == "10"
    assert page.locator("#s-1-9 .num").get_attribute("title") == "RadarOnline.com, sentence 10"


def test_reading_order_toggle(page, pair: Comparison) -> None:  # type: ignore[no-untyped-def]
    before = rows_in_browser(page)
    page.check("#reading-order")
    sync_api.expect(page.locator("#rows")).to_be_hidden()
    columns = page.locator("#reading > .col")
    assert columns.count() == 2
    for doc in (0, 1):
        ids = columns.nth(doc).locator(".s").evaluate_all("els => els.map(e => e.id)")
        assert ids == [f"s-{doc}-{i}" for i in range(len(pair.sentences[doc]))]
        tops = (
            columns.nth(doc).locator(".s").evaluate_all("els => els.map(e => e.getBoundingClientRect().top)")
        )
        assert tops == sorted(tops), "each outlet reads top to bottom in its own order"
    boxes = [columns.nth(i).bounding_box() for i in (0, 1)]
    assert boxes[0]["x"] + boxes[0]["width"] <= boxes[1]["x"]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "putin-talks-reading-order.png"), full_page=True)
    page.uncheck("#reading-order")
    sync_api.expect(page.locator("#rows")).to_be_visible()
    assert rows_in_browser(page) == before


def test_rewritten_pair_word_view_opens_on_click(page) -> None:  # type: ignore[no-untyped-def]
    sentence = page.locator("#s-1-3")  # "According to Daily Mail, two Kremlin insiders claimed..."
    assert "by-content" in sentence.get_attribute("class")
    shown = sentence.locator(":scope > .txt")
    sync_api.expect(shown.locator(".cd", has_text="Daily Mail")).to_be_visible()
    assert shown.locator(".ins, .del").count() == 0, "shared wording is plain, only content is marked"
    words = sentence.locator("details.words")
    inserted = words.locator(".ins").first
    sync_api.expect(inserted).to_be_hidden()
    words.locator("summary").click()
    sync_api.expect(inserted).to_be_visible()
    assert words.get_attribute("open") is not None
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    sentence.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "putin-talks-rewritten-open.png"))


def test_show_only_differences_hides_same_rows(page) -> None:  # type: ignore[no-untyped-def]
    """Rows with nothing to compare (same wording, or boilerplate) go; every difference stays."""
    same_rows = page.locator("#rows .row[data-same]")
    diff_rows = page.locator("#rows .row.diff")
    assert diff_rows.count() >= 1
    assert page.locator("#rows .row:visible").count() == page.locator("#rows .row").count()
    page.check("#only-diff")
    for i in range(same_rows.count()):
        sync_api.expect(same_rows.nth(i)).to_be_hidden()
    assert page.locator("#rows .row:visible").count() == diff_rows.count()
    page.uncheck("#only-diff")
    assert page.locator("#rows .row:visible").count() == page.locator("#rows .row").count()


def test_show_only_differences_hides_identical_pairs(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A pair with really identical sentences: their rows disappear, edited rows stay."""
    text = (REPO / "corpus" / "putin-talks" / "outlet-a.txt").read_text(encoding="utf-8")
    edited = text.replace("a wrong report", "a completely wrong report", 1)
    documents = [document_from_text(text, outlet="Original"), document_from_text(edited, outlet="Edited")]
    report = tmp_path / "identical.html"
    report.write_text(to_html(compare(documents)), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 720}, offline=True)
    page = context.new_page()
    page.goto(report.as_uri())
    identical = page.locator("#rows .row[data-same]")
    assert identical.count() >= 5
    page.check("#only-diff")
    assert page.locator("#rows .row:visible").count() == page.locator("#rows .row.diff").count() >= 1
    sync_api.expect(page.locator("#rows .row.diff .del, #rows .row.diff .ins").first).to_be_visible()
    context.close()


def test_keyboard_moves_to_next_and_previous_difference(page) -> None:  # type: ignore[no-untyped-def]
    diff_rows = page.locator("#rows .row.diff")
    page.locator("body").press("j")
    sync_api.expect(diff_rows.nth(0)).to_have_class("row diff current")
    page.locator("body").press("j")
    sync_api.expect(diff_rows.nth(1)).to_have_class("row diff current")
    sync_api.expect(diff_rows.nth(1)).to_be_in_viewport()
    assert page.locator("#rows .row.current").count() == 1
    page.keyboard.press("j")
    page.keyboard.press("j")
    sync_api.expect(diff_rows.nth(3)).to_have_class("row diff current")
    page.keyboard.press("k")
    sync_api.expect(diff_rows.nth(2)).to_have_class("row diff current")
    last = diff_rows.count() - 1
    page.locator("#next-diff").click()
    for _ in range(last + 2):
        page.keyboard.press("j")
    sync_api.expect(diff_rows.nth(last)).to_have_class("row diff current")
    sync_api.expect(diff_rows.nth(last)).to_be_in_viewport()


def test_without_javascript_everything_readable_and_no_controls(browser, report_path: Path) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False, offline=True)
    page = context.new_page()
    page.goto(report_path.as_uri())
    assert page.locator("#toolbar input, #toolbar button").count() == 0
    assert not page.locator("#toolbar").is_visible()
    sync_api.expect(page.locator("span.fr", has_text="despot").first).to_be_visible()
    sync_api.expect(page.locator("#rows .row[data-same]").first).to_be_visible()
    context.close()


def test_narrow_screen_stacks_columns(browser, report_path: Path) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 400, "height": 800}, offline=True)
    page = context.new_page()
    page.goto(report_path.as_uri())
    row = page.locator("#rows .row:not(:has(> .cell.empty))").first  # both outlets have a sentence
    cells = row.locator(":scope > .cell")
    first, second = cells.nth(0).bounding_box(), cells.nth(1).bounding_box()
    assert second["y"] >= first["y"] + first["height"] - 1, "cells stack vertically on a narrow screen"
    assert page.evaluate("document.documentElement.scrollWidth") <= 400 + 1, "no horizontal scrolling"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "putin-talks-narrow.png"), full_page=False)
    context.close()


def test_print_layout_hides_controls(browser, report_path: Path) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(offline=True)
    page = context.new_page()
    page.goto(report_path.as_uri())
    page.emulate_media(media="print")
    assert not page.locator("#toolbar").is_visible()
    assert page.locator(".sticky").evaluate("e => getComputedStyle(e).position") == "static"
    context.close()
