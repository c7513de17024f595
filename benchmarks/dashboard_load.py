"""How fast the dashboard opens and answers on a large analysed corpus (a DuckDB store of 5,000
articles), and where that time goes.

    python benchmarks/dashboard_load.py [--articles 5000] [--work build/bench-dashboard] [--store FILE]

The store is built once (the synthetic corpus of ``benchmarks/corpus.py``, or the sample corpus
replicated with varied dates and outlets when that generator is absent) and reused on later runs.
Printed figures:

- the in-process cost of what the first views compute, cold (read the store, filter options, volume,
  profiles with 95% intervals, the pair of outlets on screen tested (what Compare shows by default:
  1,000 resamples and 1,000 permutations) and every pair tested (comparisons.csv, and Compare with
  "Adjust over every pair"), who blames whom, the timeline);
- ``streamlit run`` start to health; in a real browser: the first tabs of a first visit (which reads
  the store) and of a new session (served from the caches, target 3 s): the tabs and the Overview's
  headline figures visible; then the Overview complete (its chart drawn, the script finished); opening Compare and Over time
  (first computation), and an interaction on each (another group B; month to quarter; target 2 s);
  the first tabs of one more new session opened 10 s later, the server idle;
  then, for reference, the first tabs of a bare Streamlit page under the same load (what Streamlit and
  the browser take before any of the dashboard's work). The load average is printed at start and end.

The browser part needs Debian's chromium at /usr/bin/chromium and the playwright package.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
TARGET_SECONDS = 3.0  # first tabs drawn
INTERACTION_SECONDS = 2.0  # a Compare or Over time interaction rendered
IDLE_PAUSE = 10.0  # seconds before the last new session (the server idle by then)


def write_corpus(folder: Path, articles: int) -> Path:
    """The synthetic corpus when ``benchmarks/corpus.py`` exists, else the sample corpus replicated."""
    generator = Path(__file__).with_name("corpus.py")
    if generator.is_file():
        spec = importlib.util.spec_from_file_location("bench_corpus", generator)
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up while it loads
        spec.loader.exec_module(module)
        return module.write_corpus(folder, articles)
    return replicate_sample(folder, articles)


def replicate_sample(folder: Path, articles: int) -> Path:
    """``articles`` rows of JSON Lines made from the sample corpus, each with its own date, outlet and
    title so that every article id differs."""
    from datetime import date, timedelta

    from framing.resources import sample_corpus_dir
    from framing.running.inprocess import analyse

    sample = analyse(sample_corpus_dir()).articles
    folder.mkdir(parents=True, exist_ok=True)
    outlets = [f"Outlet {letter}" for letter in "ABCDEF"]
    with (folder / "replicated.jsonl").open("w", encoding="utf-8") as out:
        for number in range(articles):
            row = sample.iloc[number % len(sample)]
            body = row["text"][len(row["title"]):].strip()
            out.write(json.dumps({
                "title": f"{row['title']} ({number})",
                "outlet": outlets[number % len(outlets)],
                "published": (date(2024, 1, 1) + timedelta(days=number % 540)).isoformat(),
                "text": body,
            }) + "\n")
    return folder


def build_store(work: Path, articles: int) -> Path:
    store = work / f"store-{articles}.duckdb"
    if store.is_file():
        print(f"store: {store} (reused)")
        return store
    corpus = work / f"corpus-{articles}"
    started = time.perf_counter()
    write_corpus(corpus, articles)
    print(f"corpus: {articles} articles written in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "framing.interfaces.cli", "analyse", str(corpus), "--store", str(store), "--quiet"],
                   check=False)
    print(f"analysis into {store}: {time.perf_counter() - started:.1f} s")
    return store


def timed(label: str, function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    print(f"  {label:<38} {time.perf_counter() - started:7.2f} s")
    return result


def in_process(store: Path) -> None:
    """What the first views compute, cold, in this process (the dashboard caches each result by
    corpus and filter, and computes the Compare and Over time defaults in the background)."""
    from framing.analytics.compare import DEFAULT_N_BOOT, DEFAULT_SEED, compare_all, compare_prepared, prepare
    from framing.analytics.profiles import available_metrics, profiles, timeline
    from framing.interfaces import dashboard as ds
    from framing.storage.store import read_store

    print("in process (cold, no cache):")
    analysis = timed("read the store", read_store, store)
    print(f"  ({len(analysis.articles):,} articles, {len(analysis.sentences):,} sentences, {len(analysis.cues):,} cues)")
    timed("filter options", ds.filter_options, analysis)
    timed("volume per outlet per month", ds.volume, analysis, "month")
    names = timed("metric names", available_metrics, analysis)
    shown = ds.default_metrics(ds.order_metrics(names), 6)
    voices = ("all", "author", "quoted")
    timed("profiles by outlet, 6 metrics, 3 voices", profiles, analysis, by=("outlet",), voices=voices, metrics=shown)
    prepared = timed("per-article sums for comparing outlets", prepare, analysis, "outlet")
    outlets = sorted(analysis.articles["outlet"].unique())
    timed("the pair on screen compared", compare_prepared, prepared, outlets[0], outlets[1],
          n_boot=DEFAULT_N_BOOT, n_perm=DEFAULT_N_BOOT, seed=DEFAULT_SEED)
    timed("all pairs of outlets compared", compare_all, analysis, "outlet", n_boot=DEFAULT_N_BOOT,
          n_perm=DEFAULT_N_BOOT, seed=DEFAULT_SEED)
    timed("who blames whom by outlet", ds.who_blames_whom, analysis, "outlet", ds.filter_options(analysis).outlets)
    timed("timeline by month, 3 metrics, 1 voice", timeline, analysis, by="outlet", period="month",
          metrics=shown[:3], voices=("all",))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


IDLE = ("() => { const w = document.querySelector('[data-testid=\"stStatusWidget\"]');"
        " return !w || !/Running|Stop/.test(w.innerText); }")
# charts drawn in the open tab (the other tabs' panels are hidden)
CHARTS = ("[...document.querySelectorAll('[role=\"tabpanel\"]')].filter(p => p.offsetParent !== null)"
          ".map(p => p.querySelectorAll('[data-testid*=\"VegaLite\"] canvas, [data-testid*=\"VegaLite\"] svg.marks')"
          ".length).reduce((a, b) => a + b, 0)")


# the first content of the Overview: its headline figures (st.metric in older versions of the app)
FIGURES = '[data-figure], [data-testid="stMetric"]'


def settled(page, timeout_ms: int, charts: int = 0, text: str = "") -> None:
    """Wait until ``text`` shows in the open tab, at least ``charts`` charts are drawn there, and the
    script has finished (the running indicator gone twice in a row, 150 ms apart)."""
    if text:
        page.locator('[role="tabpanel"]:visible').get_by_text(text).first.wait_for(timeout=timeout_ms)
    if charts:
        page.wait_for_function(f"() => {CHARTS} >= {charts}", timeout=timeout_ms)
    for _ in range(2):
        page.wait_for_timeout(150)
        page.wait_for_function(IDLE, timeout=timeout_ms)


def step(label: str, action, results: dict) -> float:
    begun = time.perf_counter()
    action()
    results[label] = time.perf_counter() - begun
    print(f"  {label:<46} {results[label]:7.2f} s")
    return results[label]


@contextmanager
def served(app: Path, env: dict):
    """``streamlit run app`` on a free loopback port: yields (url, seconds from start to health), or
    (None, seconds) when it did not start within a minute."""
    port = free_port()
    started = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(app), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=app.parent,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.perf_counter() - started > 60:
                    url = None
                    break
                time.sleep(0.1)
        yield url, time.perf_counter() - started
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


BARE_APP = """import streamlit as st
st.sidebar.header("Corpus")
tabs = st.tabs(["Overview", "Compare"])
with tabs[0]:
    st.markdown('<div data-figure="Articles">Articles 5,000</div>', unsafe_allow_html=True)
"""


def bare_reference(work: Path, visits: int = 3) -> list[float]:
    """The same first-tabs measure on a bare Streamlit page (a sidebar header, two tabs, one figure)
    under the same machine load: what Streamlit and the browser take before any of the app's work."""
    from playwright.sync_api import sync_playwright

    app = work / "bare_app.py"
    app.write_text(BARE_APP, encoding="utf-8")
    times = []
    with served(app, dict(os.environ)) as (url, _), sync_playwright() as playwright:
        if url is None:
            return times
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for _ in range(visits):
            context = browser.new_context(viewport={"width": 1500, "height": 1000})
            page = context.new_page()
            begun = time.perf_counter()
            page.goto(url)
            page.get_by_role("tab", name="Overview").wait_for(timeout=60_000)
            page.locator(FIGURES).first.wait_for(timeout=60_000)
            times.append(time.perf_counter() - begun)
            context.close()
        browser.close()
    print(f"  {'bare Streamlit page, new sessions: first tabs':<46} " + ", ".join(f"{t:.2f}" for t in times) + " s")
    return times


def in_browser(store: Path, app: Path = ROOT / "dashboard.py", shots: Path | None = None) -> dict | None:
    if not CHROMIUM.is_file() or importlib.util.find_spec("playwright") is None:
        print("browser: skipped (needs /usr/bin/chromium and the playwright package)")
        return None
    from playwright.sync_api import sync_playwright

    env = {**os.environ, "FRAMING_DASHBOARD_PATH": str(store.resolve())}
    results: dict[str, float] = {}
    limit = 600_000
    with served(app, env) as (url, health):
        if url is None:
            print("browser: streamlit did not start")
            return None
        print("browser (Debian chromium, headless):")
        print(f"  {'streamlit start to health':<46} {health:7.2f} s")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for visit in ("first visit (reads the store)", "new session (cached)"):
                context = browser.new_context(viewport={"width": 1500, "height": 1000})
                page = context.new_page()

                def tabs_shown(page=page):
                    page.goto(url)
                    page.get_by_role("tab", name="Overview").wait_for(timeout=limit)

                def figures_shown(page=page):
                    page.locator(FIGURES).first.wait_for(timeout=limit)

                # the tabs (and the "Reading the corpus" spinner) come before the store is read; the
                # Overview's figures once it is
                shown = step(f"{visit}: tabs shown", tabs_shown, results)
                results[f"{visit}: first tabs drawn"] = shown + step(f"{visit}: then the Overview figures", figures_shown, results)
                print(f"  {visit + ': tabs and Overview figures':<46} {results[f'{visit}: first tabs drawn']:7.2f} s")
                step(f"{visit}: Overview complete", lambda page=page: settled(page, limit, charts=1), results)
                if visit.startswith("first"):
                    context.close()
                    continue

                def open_compare(page=page):
                    page.get_by_role("tab", name="Compare", exact=True).click()
                    settled(page, limit, charts=1, text="statistically clear")

                def change_pair(page=page):
                    box = page.get_by_label("Group B")
                    box.click()
                    page.get_by_role("option").nth(1).click()
                    settled(page, limit, charts=1)

                def open_over_time(page=page):
                    page.get_by_role("tab", name="Over time", exact=True).click()
                    settled(page, limit, charts=1, text="Per month,")

                def change_period(page=page):
                    page.get_by_text("quarter", exact=True).first.click()
                    settled(page, limit, charts=1, text="Per quarter,")

                step("Compare tab (first time: computes)", open_compare, results)
                if shots:
                    page.screenshot(path=str(shots / "bench-compare.png"))
                step("Compare: choose another group B", change_pair, results)
                step("Over time tab (first time: computes)", open_over_time, results)
                step("Over time: month -> quarter", change_period, results)
                if shots:
                    page.screenshot(path=str(shots / "bench-over-time.png"))
                context.close()
            # a session opened once the server is idle (the first visit's background work long done)
            time.sleep(IDLE_PAUSE)
            context = browser.new_context(viewport={"width": 1500, "height": 1000})
            page = context.new_page()

            def later_tabs(page=page):
                page.goto(url)
                page.get_by_role("tab", name="Overview").wait_for(timeout=limit)
                page.locator(FIGURES).first.wait_for(timeout=limit)

            step(f"new session, {IDLE_PAUSE:.0f} s later: first tabs drawn", later_tabs, results)
            context.close()
            browser.close()
        for label in ("first visit (reads the store): tabs shown", "new session (cached): tabs shown"):
            verdict = "within" if results[label] < TARGET_SECONDS else "OVER"
            print(f"{label}: {results[label]:.2f} s, {verdict} the {TARGET_SECONDS:.0f} s target")
        cached = results["new session (cached): first tabs drawn"]
        print(f"tabs and Overview figures in a new session: {cached:.2f} s, "
              f"{'within' if cached < TARGET_SECONDS else 'OVER'} the {TARGET_SECONDS:.0f} s target")
        for label in ("Compare: choose another group B", "Over time: month -> quarter"):
            verdict = "within" if results[label] < INTERACTION_SECONDS else "OVER"
            print(f"{label}: {results[label]:.2f} s, {verdict} the {INTERACTION_SECONDS:.0f} s target")
        return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bench-dashboard")
    parser.add_argument("--store", type=Path, help="an existing store to open instead of building one")
    parser.add_argument("--no-browser", action="store_true", help="only the in-process figures")
    parser.add_argument("--no-in-process", action="store_true", help="only the browser figures")
    parser.add_argument("--app", type=Path, default=ROOT / "dashboard.py", help="the app to serve (default: this checkout's)")
    parser.add_argument("--screenshots", type=Path, help="save screenshots of Compare and Over time here")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    print(f"load average at the start: {', '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")
    store = args.store or build_store(args.work, args.articles)
    if not args.no_in_process:
        in_process(store)
    if not args.no_browser:
        if args.screenshots:
            args.screenshots.mkdir(parents=True, exist_ok=True)
        if in_browser(store, args.app.resolve(), args.screenshots) is not None:
            bare_reference(args.work)
    print(f"load average at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
