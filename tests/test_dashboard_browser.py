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
    assert_no_error(page, view)
    screenshot(page, view.lower().replace(" ", "-"))
    assert panel.first.inner_text().strip(), f"{view}: the tab is empty"


def test_overview_counts_articles(page):
    page.get_by_role("tab", name="Overview", exact=True).click()
    settle(page)
    articles = page.locator('[data-testid="stMetric"]').filter(has_text="Articles").first
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
