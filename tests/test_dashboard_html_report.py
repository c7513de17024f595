"""The self-contained HTML report (framing.storage.html_report): from the dashboard's Compare page and
from ``framing report --html``; the same differences as comparisons.csv, intervals drawn, and the
sentences behind each difference with their evidence highlighted."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pandas as pd
import pytest

from framing.resources import sample_corpus_dir


class Parts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@pytest.fixture(scope="module")
def sample():
    from framing.running.inprocess import analyse

    return analyse(sample_corpus_dir())


def test_report_of_a_pair_is_self_contained_and_cites_its_sentences(sample):
    from framing.analytics.compare import compare_all, pair_rows
    from framing.storage.html_report import report_html

    outlets = sorted(sample.articles["outlet"].unique())
    table = compare_all(sample, "outlet", n_boot=200, n_perm=200, seed=0)
    page = report_html(sample, pair=(outlets[1], outlets[0]), comparisons=table, n_boot=200)
    parts = Parts()
    parts.feed(page)
    tags = [t for t, _ in parts.tags]
    assert "script" not in tags and "link" not in tags and "img" not in tags  # nothing loaded from elsewhere
    assert not re.search(r"""(src|href)=["']?https?:""", page)
    assert outlets[0] in page and outlets[1] in page
    assert tags.count("svg") >= 1  # the intervals drawn
    marks = [a for t, a in parts.tags if t == "mark"]
    assert marks and all(a.get("title") for a in marks)  # highlighted evidence with its explanation
    assert not any("actor" in a.get("data-dimensions", "").split() for a in marks)
    rows = pair_rows(table, outlets[1], outlets[0])
    clear = int(rows["clear"].sum())
    assert f"{clear} of {len(rows)} differences are statistically clear" in page


def test_report_command_writes_report_html(tmp_path):
    from framing.interfaces.cli import main

    out = tmp_path / "reports"
    assert main(["report", str(sample_corpus_dir()), "--actors", "sample", "--out", str(out), "--n-boot", "100", "--html", "--quiet"]) == 0
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "Clearest differences" in page and "<svg" in page
    comparisons = pd.read_csv(out / "comparisons.csv", encoding="utf-8-sig", keep_default_na=False)
    clear = int(comparisons["clear"].astype(str).isin(["1", "True"]).sum())
    assert f"{clear} of {len(comparisons)} differences are statistically clear" in page
