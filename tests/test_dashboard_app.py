"""The dashboard as a user drives it (streamlit.testing.v1.AppTest): every view on the sample corpus and
on the seed articles loaded through the upload control, filters changed, and the numbers shown checked
against the functions of framing that produce them."""

from __future__ import annotations

import importlib.util
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("streamlit", reason="the dashboard needs the 'dashboard' extra (streamlit)")

from streamlit.testing.v1 import AppTest  # noqa: E402

from framing.interfaces import dashboard as ds  # noqa: E402
from framing.resources import sample_corpus_dir  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dashboard.py"
TIMEOUT = 240


def has(module: str, name: str) -> bool:
    return importlib.util.find_spec(module) is not None and hasattr(importlib.import_module(module), name)


needs_aggregate = pytest.mark.skipif(not has("framing.analytics.profiles", "profiles"), reason="framing.analytics.profiles not installed")
needs_compare = pytest.mark.skipif(not has("framing.analytics.compare", "compare"), reason="framing.analytics.compare not installed")
needs_align = pytest.mark.skipif(not has("framing.analytics.align", "align_event"), reason="framing.analytics.align not installed")


def seeds_dir() -> Path:
    shared = Path(os.environ.get("FRAMING_SHARED", ROOT.parent / "shared"))
    return shared / "corpus" / "seeds"


@pytest.fixture(scope="module")
def sample():
    from framing.running.inprocess import analyse

    return analyse(sample_corpus_dir())


@pytest.fixture
def app(monkeypatch, tmp_path):
    """A fresh app on the sample corpus, with HOME in a temporary folder (the user lexicon folder)."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("FRAMING_DASHBOARD_PATH", raising=False)
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.run()
    assert_ok(at)
    return at


def assert_ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def open_view(at: AppTest, view: str) -> AppTest:
    at.session_state["view"] = view
    at.run()
    assert_ok(at)
    return at


def widget(elements, label: str):
    found = [w for w in elements if w.label == label]
    assert found, f"no widget labelled {label!r}; have {[w.label for w in elements]}"
    return found[0]


def set_field(at: AppTest, label: str, value: str) -> None:
    """Fill a form field, whether it is typed (text input) or chosen (select box)."""
    typed = [w for w in at.text_input if w.label == label]
    if typed:
        typed[0].input(value)
        return
    numbers = [w for w in at.number_input if w.label == label]
    if numbers:
        numbers[0].set_value(float(value))
        return
    widget(at.selectbox, label).set_value(value)


def metric(at: AppTest, label: str) -> str:
    """The value of one of the Overview's headline figures (``data-figure`` = its label)."""
    import html

    pattern = re.compile(rf'data-figure="{re.escape(html.escape(label))}".*?class="figure-value"[^>]*>([^<]*)<', re.S)
    for block in at.markdown:
        found = pattern.search(block.value)
        if found:
            return html.unescape(found.group(1))
    raise AssertionError(f"no figure labelled {label!r}")


def captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


# ---------------------------------------------------------------------------------------------------
# the sample corpus


def test_overview_numbers_match_the_analysis(app, sample):
    assert metric(app, "Articles") == f"{len(sample.articles):,}"
    assert metric(app, "Sentences analysed") == f"{len(sample.sentences):,}"
    assert metric(app, "Outlets") == str(sample.articles["outlet"].nunique())
    assert metric(app, "Skipped inputs") == str(len(sample.skipped))
    assert (metric(app, "First published"), metric(app, "Last published")) == ("2025-01-14", "2025-06-25")
    outlets = app.dataframe[0].value
    assert outlets["articles"].sum() == len(sample.articles)


def test_outlet_and_date_filters_change_the_overview(app, sample):
    outlet = sorted(sample.articles["outlet"].unique())[0]
    widget(app.sidebar.multiselect, "Outlets").set_value([outlet]).run()
    assert_ok(app)
    expected = sample.articles[sample.articles["outlet"] == outlet]
    assert metric(app, "Articles") == str(len(expected))
    assert metric(app, "Sentences analysed") == str(expected["n_sentences"].sum())
    import datetime

    widget(app.sidebar.date_input, "Published between").set_value(
        (datetime.date(2025, 3, 1), datetime.date(2025, 6, 25))
    ).run()
    assert_ok(app)
    later = expected[expected["published"] >= "2025-03-01"]
    assert metric(app, "Articles") == str(len(later))


def test_actor_filter(app, sample):
    actor = "Watchlight Rights"
    widget(app.sidebar.multiselect, "Actors mentioned").set_value([actor]).run()
    assert_ok(app)
    expected = sample.actors.loc[sample.actors["actor"] == actor, "article_id"].nunique()
    assert metric(app, "Articles") == str(expected)


@needs_aggregate
@needs_compare
def test_compare_shows_the_computation_of_comparisons_csv(app, sample, tmp_path):
    """One seed: the Compare page's differences are the rows of comparisons.csv (`framing report`
    defaults) for the chosen pair, the same values, intervals and p-values. By default the pair is tested
    alone and adjusted over its own rows; with "Adjust over every pair" the verdicts are those of
    comparisons.csv."""
    from framing.analytics.compare import benjamini_hochberg
    from framing.storage.reports import write_reports

    write_reports(sample, tmp_path / "reports")
    report = pd.read_csv(tmp_path / "reports" / "comparisons.csv", encoding="utf-8-sig",
                         dtype={"group_a": str, "group_b": str}, keep_default_na=False, na_values=[""])
    open_view(app, "Compare")
    outlets = sorted(sample.articles["outlet"].unique())
    assert widget(app.multiselect, "Outlets side by side").value == outlets
    for every in (False, True):
        widget(app.toggle, "Adjust over every pair of outlets, as comparisons.csv does").set_value(every).run()
        for a, b in ((outlets[0], outlets[1]), (outlets[2], outlets[0])):  # either order of the pair
            widget(app.selectbox, "Group A").set_value(a).run()
            widget(app.selectbox, "Group B").set_value(b).run()
            assert_ok(app)
            shown = app.dataframe[0].value.reset_index(drop=True)
            pair = report[report["group_a"].isin([a, b]) & report["group_b"].isin([a, b])]
            assert len(shown) == len(pair) > 0
            if every:
                expected = pair.assign(clear=pair["clear"].astype(str).isin(["1", "True"]))
                adjusted = expected["p_adjusted"].to_numpy()
            else:  # adjusted over this pair's rows only
                adjusted = benjamini_hochberg(pair["p_value"].to_numpy())
                expected = pair.assign(p_adjusted=adjusted)
                low, high = expected["ci_low"], expected["ci_high"]
                expected = expected.assign(clear=(expected["p_adjusted"] < 0.05) & ((low > 0) | (high < 0)))
            expected = expected.sort_values(["clear", "p_adjusted"], ascending=[False, True], kind="stable")
            assert shown["clear"].tolist() == expected["clear"].tolist()
            assert shown["p_adjusted"].to_numpy() == pytest.approx(expected["p_adjusted"].to_numpy(), abs=1e-6,
                                                                   nan_ok=True)
            assert sorted(shown["p_adjusted"].dropna()) == pytest.approx(sorted(adjusted[~np.isnan(adjusted)]),
                                                                         abs=1e-6)
            if expected["clear"].any():
                assert shown["clear"].iloc[0]
                assert any("statistically clear" in s.value for s in app.success)
    assert app.get("arrow_vega_lite_chart") or app.get("vega_lite_chart")


def test_sections_differing_in_case_are_separate_groups_and_report_by_section_compares_outlets(tmp_path):
    from framing.running.inprocess import analyse
    from framing.storage.reports import write_reports

    rows = []
    for number in range(8):
        outlet = "Northern Post" if number % 2 else "Southern Star"
        section = "WORLD" if number < 4 else "World"
        text = (f"Officials blamed the port authority for delay number {number}. Critics said it may have "
                "been avoidable. The minister praised the rescue teams.")
        rows.append({"title": f"Port story {number}", "outlet": outlet, "section": section,
                     "published": f"2025-0{1 + number % 3}-1{number}", "text": text})
    pd.DataFrame(rows).to_csv(tmp_path / "corpus.csv", index=False)
    analysis = analyse([tmp_path / "corpus.csv"])
    assert sorted(analysis.articles["section"].unique()) == ["WORLD", "World"]
    assert ds.filter_options(analysis).sections == ("WORLD", "World")
    write_reports(analysis, tmp_path / "out", by=("section",), n_boot=50)
    profiles = pd.read_csv(tmp_path / "out" / "profiles.csv", encoding="utf-8-sig", keep_default_na=False)
    assert sorted(profiles["section"].unique()) == ["WORLD", "World"]
    comparisons = pd.read_csv(tmp_path / "out" / "comparisons.csv", encoding="utf-8-sig", keep_default_na=False)
    assert set(comparisons["group_a"]) | set(comparisons["group_b"]) == {"Northern Post", "Southern Star"}


@needs_aggregate
def test_compare_authorial_voice_and_two_articles(app, sample):
    widget(app.sidebar.radio, "Voice").set_value("author").run()
    open_view(app, "Compare")
    widget(app.radio, "Compare").set_value("article_id").run()
    assert_ok(app)
    assert len(widget(app.multiselect, "Articles side by side").value) == 2
    # one article per group: every interval is marked as resting on too few articles
    assert any("Too few articles" in w.value for w in app.warning)


@needs_aggregate
def test_over_time_period_choice(app):
    open_view(app, "Over time")
    assert any(c.startswith("Per month") for c in captions(app))
    widget(app.radio, "Period").set_value("quarter").run()
    assert_ok(app)
    assert any(c.startswith("Per quarter") for c in captions(app))


def test_sentences_search_and_article(app, sample):
    open_view(app, "Sentences")
    widget(app.text_input, "Search the sentences").input("ceasefire").run()
    assert_ok(app)
    expected = ds.sentence_table(sample, query="ceasefire")
    assert f"{len(expected):,} sentence(s) of {len(sample.sentences):,}." in " ".join(captions(app))
    assert len(app.dataframe[0].value) == len(expected)
    markup = " ".join(h.proto.body for h in app.get("html"))
    assert markup.count("<li") == min(len(expected), 20)
    opened = widget(app.selectbox, "Open the article of").value
    assert opened == expected["sentence_id"].iloc[0]
    assert f'id="s-{opened}"' in markup and "outline:2px solid" in markup


def test_sentences_dimension_filter(app, sample):
    open_view(app, "Sentences")
    widget(app.multiselect, "With cues of").set_value(["hedge"]).run()
    assert_ok(app)
    hedged = sample.cues.loc[sample.cues["dimension"] == "hedge", "sentence_id"].nunique()
    assert len(app.dataframe[0].value) == hedged


@needs_align
def test_same_event_pairs(app, sample):
    from framing.analytics.align import align_event

    open_view(app, "Same event")
    expected = align_event(sample, min_sentence_similarity=0.35)
    expected = expected[expected["similarity"] >= 0.35]
    assert (f"{len(expected):,} aligned sentence pair(s) across outlets with a similarity of at least 0.35."
            in captions(app))
    # the slider bounds the similarity shown under every pair, and the word marks have a legend
    widget(app.slider, "Minimum similarity of two sentences").set_value(0.5).run()
    assert_ok(app)
    bodies = " ".join(h.proto.body for h in app.get("html"))
    shown = [float(x) for x in re.findall(r"similarity (\d\.\d\d)", bodies)]
    assert all(x >= 0.5 for x in shown)
    if shown:
        assert "words only in the left sentence" in bodies


def test_coding_a_sentence(app, sample):
    open_view(app, "Coding")
    assert widget(app.button, "Yes: blame").disabled  # no coder named yet
    assert any("Give your name or initials" in i.value for i in app.info)
    widget(app.text_input, "Coder").input("ab").run()
    # the sentence is shown between its neighbours
    shown = [h.proto.body for h in app.get("html")]
    assert any("border-left:3px solid" in body and "color:#888" in body for body in shown)
    widget(app.button, "Yes: blame").click().run()
    assert_ok(app)
    sheet = app.session_state["coding-sheet"]
    assert len(sheet.rows) == 1 and sheet.rows[0]["value"] == 1 and sheet.rows[0]["label"] == "blame"
    assert sheet.rows[0]["coder"] == "ab"
    assert any(c.startswith("1 sentence(s) coded for **blame** (1 yes)") for c in captions(app))
    widget(app.button, "No blame").click().run()
    assert len(app.session_state["coding-sheet"].rows) == 2
    assert any(b.label == "Download coding.csv" for b in app.get("download_button"))
    assert widget(app.button, "Train on 2 codes").disabled  # two codes cannot be cross-validated


@pytest.mark.slow
@pytest.mark.skipif(not has("framing.classifiers.train", "train_model"), reason="the training API is not installed")
def test_coding_file_continued_and_model_trained(app, sample):
    hedged = set(sample.cues.loc[sample.cues["dimension"] == "hedge", "sentence_id"])
    sheet = ds.CodingSheet()
    yes = sample.sentences[sample.sentences["sentence_id"].isin(hedged)].iloc[::3].head(30)
    no = sample.sentences[~sample.sentences["sentence_id"].isin(hedged)].iloc[::5].head(30)
    for row in pd.concat([yes, no]).itertuples():
        sheet.code(row.sentence_id, row.text, "hedge", int(row.sentence_id in hedged), "t")
    open_view(app, "Coding")
    widget(app.selectbox, "Code for").set_value("hedge").run()
    widget(app.text_input, "Coder").input("t").run()
    widget(app.file_uploader, "Continue from a coding file (CSV)").set_value(
        ("coding.csv", ds.csv_bytes(sheet.frame()), "text/csv")
    ).run()
    assert_ok(app)
    assert any(c.startswith("60 sentence(s) coded for **hedge** (30 yes)") for c in captions(app))
    widget(app.button, "Train on 60 codes").click().run()
    assert_ok(app)
    figures = app.dataframe[-1].value
    assert figures["decision"].iloc[0] == "model" and figures["n"].iloc[0] == 60


def test_lexicon_entry_preview_and_save(app, tmp_path, sample):
    open_view(app, "Lexicons")
    widget(app.selectbox, "Lexicon").select(
        next(i for i, o in enumerate(widget(app.selectbox, "Lexicon").options) if o.startswith("evaluative.tsv"))
    ).run()
    assert_ok(app)
    for column, value in {"term": "separate", "category": "appreciation", "polarity": "negative",
                          "weight": "1", "source": "team"}.items():
        set_field(app, column, value)
    app.button[0].click().run()  # the form's submit button
    assert_ok(app)
    assert any("sentence(s) change" in s.value for s in app.success)
    changes = app.dataframe[-1].value
    assert changes["text"].str.lower().str.contains("separate").all()
    widget(app.button, f"Save to {tmp_path / '.framing' / 'lexicons' / 'evaluative.tsv'}").click().run()
    assert_ok(app)
    saved = (tmp_path / ".framing" / "lexicons" / "evaluative.tsv").read_text().splitlines()
    assert saved[1] == "separate\tappreciation\tnegative\t1\tteam\t"


def test_lexicon_entry_offers_the_allowed_values_and_refuses_a_broken_one(app):
    open_view(app, "Lexicons")
    widget(app.selectbox, "Lexicon").select(
        next(i for i, o in enumerate(widget(app.selectbox, "Lexicon").options) if o.startswith("evaluative.tsv"))
    ).run()
    # category and polarity are chosen from the values the lexicon holds, the weight is a number
    assert set(widget(app.selectbox, "polarity").options) >= {"negative", "positive"}
    assert "appreciation" in widget(app.selectbox, "category").options
    assert [w for w in app.number_input if w.label == "weight"]
    set_field(app, "term", "sepa\trate")
    app.button[0].click().run()
    assert not app.exception
    errors = [e.value for e in app.error]
    assert any("contains a tab or a line break" in e for e in errors)
    assert not any("framing-lexicon-" in e or "/tmp" in e for e in errors)  # no temporary path shown


# ---------------------------------------------------------------------------------------------------
# uploads: the seed articles (March and July 2024), and files that cannot be used


def upload(app: AppTest, files: list[tuple[str, bytes, str]]) -> AppTest:
    widget(app.sidebar.radio, "Open").set_value("Upload files").run()
    assert_ok(app)
    app.sidebar.file_uploader[0].set_value(files).run()
    return app


@pytest.fixture
def seeds() -> list[tuple[str, bytes, str]]:
    folder = seeds_dir()
    if not folder.is_dir():
        pytest.skip(f"the seed articles are not at {folder} (set FRAMING_SHARED)")
    return [(p.name, p.read_bytes(), "text/plain") for p in sorted(folder.glob("*.txt"))]


def test_seeds_uploaded_overview(app, seeds):
    upload(app, seeds)
    assert_ok(app)
    analysis, problems = ds.analyse_uploads([(n, b) for n, b, _ in seeds])
    assert problems == []
    assert metric(app, "Articles") == str(len(analysis.articles)) == str(len(seeds))
    assert metric(app, "Sentences analysed") == f"{len(analysis.sentences):,}"
    assert (metric(app, "First published"), metric(app, "Last published")) == ("2024-03-06", "2024-07-31")


@needs_aggregate
def test_seeds_compared_march_against_july(app, seeds):
    upload(app, seeds)
    open_view(app, "Compare")
    assert "Choose two or more" not in [i.value for i in app.info]
    # both seed articles come from one outlet: Compare opens on the articles
    assert widget(app.radio, "Compare").value == "article_id"
    assert_ok(app)
    chosen = widget(app.multiselect, "Articles side by side")
    assert len(chosen.value) == 2
    labels = chosen.options
    assert any("2024-03-06" in label for label in labels) and any("2024-07-31" in label for label in labels)
    assert any("Too few articles" in w.value for w in app.warning)


def test_same_event_explains_a_corpus_of_one_outlet(app, seeds):
    upload(app, seeds)
    open_view(app, "Same event")
    assert any("comes from one outlet" in i.value for i in app.info)


@pytest.mark.parametrize("view", ["Over time", "Sentences", "Same event", "Coding", "Lexicons"])
def test_seeds_every_view_renders(app, seeds, view):
    upload(app, seeds)
    open_view(app, view)


def test_unusable_upload_is_explained(app):
    # a CSV export without a text column, beside an article: the article is analysed, the CSV listed
    article = sorted(sample_corpus_dir().glob("*.txt"))[0]
    upload(app, [(article.name, article.read_bytes(), "text/plain"), ("export.csv", b"id,value\n1,2\n", "text/csv")])
    assert_ok(app)
    assert metric(app, "Articles") == "1" and metric(app, "Skipped inputs") == "1"
    skipped = app.dataframe[1].value
    assert skipped["source"].tolist() == ["export.csv"]
    assert "no text column found" in skipped["reason"].iloc[0]


def test_empty_upload_lists_the_skipped_file(app):
    upload(app, [("empty.txt", b"   \n\n", "text/plain")])
    assert not app.exception
    assert any("No article could be analysed" in e.value for e in app.error)
    skipped = app.dataframe[0].value
    assert skipped["source"].tolist() == ["empty.txt"] and skipped["reason"].iloc[0]


# ---------------------------------------------------------------------------------------------------
# the `framing dashboard` command


def test_dashboard_command_finds_the_app_and_passes_the_path(tmp_path):
    from framing.interfaces.commands.dashboard import PATH_VARIABLE, app_path, streamlit_command

    assert app_path() == APP  # in a checkout: the top-level dashboard.py
    command, env = streamlit_command(tmp_path, 8600, headless=True, address="127.0.0.1")
    assert command[1:4] == ["-m", "streamlit", "run"] and command[4] == str(APP)
    assert command[command.index("--server.port") + 1] == "8600"
    assert command[command.index("--server.address") + 1] == "127.0.0.1"
    assert env[PATH_VARIABLE] == str(tmp_path.resolve())
    _, env = streamlit_command(None, 8600)
    assert PATH_VARIABLE not in env


def test_dashboard_command_refuses_a_missing_path(tmp_path, capsys):
    from framing.interfaces.cli import main

    assert main(["dashboard", str(tmp_path / "nothing")]) == 1
    assert f"no such file or folder: {tmp_path / 'nothing'}" in capsys.readouterr().err


@pytest.mark.slow
def test_dashboard_command_serves_the_app(tmp_path):
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "framing.interfaces.cli", "dashboard", str(sample_corpus_dir()), "--port", str(port),
         "--headless", "--address", "127.0.0.1"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
                    assert response.status == 200
                    break
            except OSError:
                assert process.poll() is None, "framing dashboard exited early"
                time.sleep(0.3)
        else:
            pytest.fail("the dashboard did not answer within 60 s")
    finally:
        os.killpg(process.pid, 15)
        process.wait(timeout=10)


# ---------------------------------------------------------------------------------------------------
# what the dashboard exposes: loopback only unless asked, reads under the started-with folders,
# writes only into the user lexicon folder


def test_dashboard_listens_on_localhost_unless_asked():
    import tomllib

    from framing.interfaces.cli import parser
    from framing.interfaces.commands.dashboard import streamlit_command

    command, _ = streamlit_command(None, 8600)
    assert command[command.index("--server.address") + 1] == "127.0.0.1"
    args = parser().parse_args(["dashboard"])
    command, _ = streamlit_command(None, 8600, address=args.address)
    assert command[command.index("--server.address") + 1] == "127.0.0.1"
    command, _ = streamlit_command(None, 8600, address="0.0.0.0")
    assert command[command.index("--server.address") + 1] == "0.0.0.0"
    # `streamlit run dashboard.py` from a checkout reads .streamlit/config.toml
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["address"] == "127.0.0.1"


def test_typed_path_outside_the_started_folders_is_not_read(app, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "notes").write_text("The minister said the plan had failed badly.\n", encoding="utf-8")
    app.sidebar.radio[0].set_value("Analysed corpus or folder").run()
    widget(app.sidebar.text_input, "Reports folder, .duckdb store, or folder of articles").input(
        str(outside / "notes")).run()
    assert not app.exception
    assert any("outside the folders this dashboard may read" in w.value for w in app.warning)
    assert not app.metric  # nothing was read, nothing shown
    # through a symbolic link inside an allowed folder: still refused
    lexicons = tmp_path / ".framing" / "lexicons"
    lexicons.mkdir(parents=True)
    (lexicons / "link").symlink_to(outside)
    widget(app.sidebar.text_input, "Reports folder, .duckdb store, or folder of articles").input(
        str(lexicons / "link")).run()
    assert any("outside the folders" in w.value for w in app.warning) and not app.metric


def test_started_with_folder_is_read(monkeypatch, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "one.txt").write_text("Rivers rose.\n\nThe council said the dam had failed.\n", encoding="utf-8")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("FRAMING_DASHBOARD_PATH", str(folder))
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.run()
    assert_ok(at)
    assert metric(at, "Articles") == "1"


def test_lexicons_are_saved_only_into_the_lexicon_folder(monkeypatch, tmp_path):
    home, chosen = tmp_path / "home", tmp_path / "my-lexicons"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("FRAMING_DASHBOARD_LEXICONS", str(chosen))
    monkeypatch.delenv("FRAMING_DASHBOARD_PATH", raising=False)
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.run()
    open_view(at, "Lexicons")
    assert not [w for w in at.text_input if w.label == "Your lexicon folder"]  # no folder typed in the app
    widget(at.selectbox, "Lexicon").select(
        next(i for i, o in enumerate(widget(at.selectbox, "Lexicon").options) if o.startswith("evaluative.tsv"))
    ).run()
    for column, value in {"term": "separate", "category": "appreciation", "polarity": "negative",
                          "weight": "1", "source": "team"}.items():
        set_field(at, column, value)
    at.button[0].click().run()
    widget(at.button, f"Save to {chosen / 'evaluative.tsv'}").click().run()
    assert_ok(at)
    assert (chosen / "evaluative.tsv").is_file()
    assert not (home / ".framing").exists()


def test_the_tabs_are_drawn_before_the_corpus_is_read(monkeypatch, tmp_path):
    # the tabs come first, so a store that takes seconds to read never leaves a blank page; a corpus
    # that cannot be read says why under them
    (tmp_path / "empty").mkdir()
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("FRAMING_DASHBOARD_PATH", str(tmp_path / "empty"))
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.run()
    assert [t.label for t in at.tabs][:2] == ["Overview", "Compare"]
    assert at.warning or at.error
