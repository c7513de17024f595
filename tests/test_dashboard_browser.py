"""The dashboard in a real browser: ``streamlit run dashboard.py`` on loopback, every view driven with
Playwright and Debian's chromium, no exception or error box on any of them, a screenshot of each in
``test-artifacts/screenshots/``."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
VIEWS = ("Overview", "Compare", "Over time", "Sentences", "Same event", "Coding", "Lexicons")
FIRST_LOAD_SECONDS = 240  # the sample corpus is analysed on the first visit

if not CHROMIUM.is_file():
    pytest.skip("needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = free_port()
    home = tmp_path_factory.mktemp("home")  # the Lexicons view must not touch the real ~/.framing
    env = {**os.environ, "HOME": str(home), "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    env.pop("FRAMING_DASHBOARD_PATH", None)
    log = (tmp_path_factory.mktemp("log") / "streamlit.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"streamlit exited with {process.returncode}; see {log.name}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            time.sleep(0.3)
    else:
        process.terminate()
        pytest.fail("streamlit did not become healthy within 60 s")
    yield url
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


@pytest.fixture(scope="module")
def page(server):
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1500, "height": 1000})
        page = context.new_page()
        page.goto(server)
        # the first visit analyses the sample corpus: wait for the tabs to appear
        page.get_by_role("tab", name="Overview").wait_for(timeout=FIRST_LOAD_SECONDS * 1000)
        yield page
        browser.close()


RUNNING = (
    "() => { const w = document.querySelector('[data-testid=\"stStatusWidget\"]');"
    " return !!w && /Running|Stop/.test(w.innerText); }"
)


DRAWN = ("() => [...document.querySelectorAll('[role=\"tabpanel\"]')].some("
         "p => p.offsetParent !== null && p.innerText.trim().length > 0)")


def settle(page, quiet_checks: int = 4) -> None:
    """Wait until the script has finished: the 'running' indicator absent for a few checks in a row
    (it can appear a moment after an interaction), then give the charts time to draw."""
    deadline = time.monotonic() + 180
    quiet = 0
    while quiet < quiet_checks:
        assert time.monotonic() < deadline, "the app kept running for 3 minutes"
        quiet = 0 if page.evaluate(RUNNING) else quiet + 1
        page.wait_for_timeout(400)
    page.wait_for_timeout(800)


def screenshot(page, name: str) -> None:
    """The whole page: the viewport is stretched to the height of the scrolling main area first."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    height = page.evaluate("() => Math.max(...[...document.querySelectorAll('section, div')].map(e => e.scrollHeight))")
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": min(max(int(height) + 40, size["height"]), 9000)})
    settle(page, 2)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    page.set_viewport_size(size)


def assert_no_error(page, view: str) -> None:
    exceptions = page.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, f"{view}: {exceptions.first.inner_text()}"
    errors = page.locator('[data-testid="stAlertContentError"]')
    assert errors.count() == 0, f"{view}: {errors.first.inner_text()}"


@pytest.mark.parametrize("view", VIEWS)
def test_view_renders_without_error(page, view):
    page.get_by_role("tab", name=view, exact=True).click()
    settle(page)
    panel = page.locator('[role="tabpanel"]:visible')
    panel.first.wait_for(timeout=60_000)
    page.wait_for_function(DRAWN, timeout=120_000)
    settle(page)
    assert_no_error(page, view)
    screenshot(page, view.lower().replace(" ", "-"))
    assert panel.first.inner_text().strip(), f"{view}: the tab is empty"


def test_overview_counts_articles(page):
    page.get_by_role("tab", name="Overview", exact=True).click()
    settle(page)
    articles = page.locator('[data-figure="Articles"]').first
    assert "18" in articles.inner_text()


def test_sentence_search_highlights_cues(page):
    page.get_by_role("tab", name="Sentences", exact=True).click()
    settle(page)
    page.get_by_label("Search the sentences").fill("killed")
    page.get_by_label("Search the sentences").press("Enter")
    settle(page)
    assert_no_error(page, "Sentences")
    marks = page.locator("mark.cue")
    assert marks.count() > 0
    assert marks.first.get_attribute("title")
    screenshot(page, "sentences-search")


# ---------------------------------------------------------------------------------------------------
# what each fix of the dashboard does, as a reader sees it


def open_tab(page, name: str):
    page.get_by_role("tab", name=name, exact=True).click()
    settle(page)
    page.wait_for_function(DRAWN, timeout=120_000)
    settle(page)
    assert_no_error(page, name)
    return page.locator('[role="tabpanel"]:visible').first


def charts_in(panel):
    return panel.locator('[data-testid*="VegaLite"]')


def test_overview_shows_articles_per_outlet_per_month(page):
    panel = open_tab(page, "Overview")
    assert panel.get_by_text("Articles per outlet per month").count() == 1
    chart = charts_in(panel).first
    chart.wait_for(timeout=30_000)
    # month labels, not fortnights: every axis label names a month once
    labels = [t for t in chart.locator("svg text").all_text_contents() if t and t.strip()]
    months = [t for t in labels if t[:3] in ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                                            "Nov", "Dec")]
    assert months and len(months) == len(set(months)), labels
    screenshot(page, "overview-volume")


def test_over_time_point_leads_to_its_sentences(page):
    panel = open_tab(page, "Over time")
    assert panel.get_by_text("Articles per outlet").count() >= 1
    charts = charts_in(panel)
    assert charts.count() >= 2  # volume, then one chart per chosen metric
    assert "interval" in panel.inner_text()
    # a filled point of the first metric chart (the volume chart's points come first)
    points = charts.nth(1).locator('[aria-roledescription="circle"] path, path[aria-roledescription="circle"]')
    points.first.wait_for(timeout=30_000)
    points.first.click(force=True)
    settle(page)
    assert_no_error(page, "Over time")
    box = panel.get_by_text("sentence(s) behind")
    box.first.wait_for(timeout=30_000)
    screenshot(page, "over-time-point")


def test_compare_table_of_who_blames_whom_and_percentages(page):
    panel = open_tab(page, "Compare")
    assert panel.get_by_text("Who is blamed, by whom").count() == 1
    assert "Shares are in %" in panel.inner_text()
    grid = panel.locator('[data-testid="stDataFrame"]')
    assert grid.count() >= 2  # differences, who blames whom
    assert "Whose words are quoted or reported" in panel.inner_text()
    assert "not available" not in panel.inner_text()
    screenshot(page, "compare-tables")


def test_compare_keeps_outlets_after_the_sidebar_chooses_them(page):
    panel = open_tab(page, "Compare")
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_label("Outlets").click()
    names = [n.strip() for n in page.get_by_role("option").all_text_contents()]
    page.keyboard.press("Escape")
    # on the page: drop the last outlet (two left) ...
    chosen = panel.locator('[data-testid="stMultiSelect"]').first
    chosen.locator("input").click()
    page.keyboard.press("Backspace")
    page.keyboard.press("Escape")
    settle(page)
    tags = chosen.locator('[data-testid="stMultiSelectTagsContainer"]').inner_text()
    outlets = [n for n in names if n in tags]
    assert len(outlets) == 2, (names, tags)
    # ... then in the sidebar: one of them and the one dropped
    dropped = next(n for n in names if n not in outlets)
    for name in (outlets[1], dropped):
        sidebar.get_by_label("Outlets").click()
        page.get_by_role("option", name=name, exact=True).click()
        settle(page)
    page.keyboard.press("Escape")
    panel = open_tab(page, "Compare")
    assert "Choose two or more" not in panel.inner_text()
    assert panel.get_by_text("Clearest differences first").count() == 1
    screenshot(page, "compare-after-sidebar")
    # back to every outlet for the tests that follow
    sidebar.locator('[data-testid="stMultiSelect"]').first.get_by_role("button", name="Clear all").click()
    settle(page)


def test_sentences_lead_with_the_sentence_and_mark_the_search_term(page):
    panel = open_tab(page, "Sentences")
    page.get_by_label("Search the sentences").fill("said")
    page.get_by_label("Search the sentences").press("Enter")
    settle(page)
    assert_no_error(page, "Sentences")
    found = panel.locator('mark[data-dimensions~="search"]')
    assert found.count() > 0 and found.first.inner_text().lower() == "said"
    # the opened article is in view, its actor mentions hidden by default (no stance or actor marks)
    article = panel.locator("#opened-article")
    assert article.count() == 1
    assert article.locator('mark[data-dimensions~="actor"], mark[data-dimensions~="stance"]').count() == 0
    top = article.evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"]
    screenshot(page, "sentences-term")
    page.get_by_label("Search the sentences").fill("")
    page.get_by_label("Search the sentences").press("Enter")
    settle(page)


def test_selecting_a_sentence_scrolls_to_its_article(page):
    panel = open_tab(page, "Sentences")
    choice = panel.get_by_label("Open the article of")
    first = choice.input_value() if choice.count() else ""
    grid = panel.locator('[data-testid="stDataFrame"]').first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 16, box["y"] + 35 * 4 + 17)  # the row marker of the fourth row
    settle(page)
    assert_no_error(page, "Sentences")
    page.wait_for_timeout(600)
    article = panel.locator("#opened-article")
    top = article.evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"], top
    boxed = article.locator('span[style*="outline"]')
    assert boxed.count() == 1 and boxed.first.inner_text().strip()
    assert choice.input_value() != first or not first


def click_row(page, grid, row: int) -> None:
    """Select row ``row`` (0 = the first below the header) of a data grid by its row marker."""
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 16, box["y"] + 35 * (row + 1) + 17)
    settle(page)


def test_overview_outlet_row_leads_to_its_sentences(page):
    panel = open_tab(page, "Overview")
    grid = panel.locator('[data-testid="stDataFrame"]').first  # the outlets
    before = panel.locator("li mark.cue").count()
    click_row(page, grid, 0)
    assert_no_error(page, "Overview")
    panel.get_by_text("sentence(s), by date").first.wait_for(timeout=30_000)
    assert panel.locator("li mark.cue").count() > before  # the sentences listed, their cues highlighted
    screenshot(page, "overview-outlet-sentences")
    click_row(page, grid, 0)  # unselect


def test_overview_article_row_opens_the_article(page):
    panel = open_tab(page, "Overview")
    grid = panel.locator('[data-testid="stDataFrame"]').last  # the articles
    click_row(page, grid, 1)
    assert_no_error(page, "Overview")
    article = panel.locator("#opened-article-overview")
    article.wait_for(timeout=30_000)
    assert article.locator("mark.cue").count() > 0
    assert article.locator('mark[data-dimensions~="actor"], mark[data-dimensions~="stance"]').count() == 0
    screenshot(page, "overview-article")
    click_row(page, grid, 1)


def test_overview_volume_point_lists_its_articles(page):
    panel = open_tab(page, "Overview")
    chart = charts_in(panel).first
    points = chart.locator('path[aria-roledescription="point"]')
    points.first.wait_for(timeout=30_000)
    before = panel.locator("li").count()
    points.nth(0).click(force=True)  # the first outlet's first month: it has an article
    settle(page)
    assert_no_error(page, "Overview")
    panel.get_by_text(" article(s)").first.wait_for(timeout=30_000)
    assert panel.locator("li").count() > before  # the headlines of the point's articles
    screenshot(page, "overview-volume-point")
    chart.dblclick(force=True)
    settle(page)


def test_compare_profile_bar_leads_to_its_sentences(page):
    panel = open_tab(page, "Compare")
    assert "Click a bar" in panel.inner_text()
    chart = panel.get_by_text("Profiles with 95% intervals").locator("xpath=following::*[contains(@data-testid, "
                                                                       "'VegaLite')][1]")
    bars = chart.locator('path[aria-roledescription="bar"]')
    bars.first.wait_for(state="attached", timeout=30_000)
    chart.scroll_into_view_if_needed()
    for index in range(bars.count()):  # a bar with a value (a zero-height bar cannot be clicked)
        box = bars.nth(index).bounding_box()
        if box and box["height"] > 4:
            page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] - 2)
            break
    settle(page)
    assert_no_error(page, "Compare")
    heading = panel.get_by_text("sentence(s) behind")
    heading.first.wait_for(timeout=30_000)
    screenshot(page, "compare-profile-bar")
