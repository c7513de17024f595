"""Codebook revisions applied to the coded sample (annotations/recodes.csv)."""

from __future__ import annotations

import pandas as pd
import pytest

from framing.reading import datasets as D


def _codes() -> pd.DataFrame:
    return pd.DataFrame(
        {"item_id": ["x1", "x2", "x1"], "coder": ["coder_a", "coder_a", "coder_b"], "hedge": ["1", "0", "1"]}
    )


def _write(tmp_path, lines: list[str]):
    path = tmp_path / "recodes.csv"
    path.write_text("item_id,coder,column,old,new,codebook,reason\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_recode_changes_only_its_coder_and_column(tmp_path):
    recodes = D.read_recodes(_write(tmp_path, ["x1,coder_a,hedge,1,0,v1.2,time span"]))
    out = D.apply_recodes(_codes(), recodes)
    assert out["hedge"].tolist() == ["0", "0", "1"]
    assert _codes()["hedge"].tolist() == ["1", "0", "1"]  # the input is not changed


def test_a_recode_that_disagrees_with_the_codes_names_the_item(tmp_path):
    recodes = D.read_recodes(_write(tmp_path, ["x2,coder_a,hedge,1,0,v1.2,time span"]))
    with pytest.raises(ValueError, match="x2 coder_a hedge"):
        D.apply_recodes(_codes(), recodes)


@pytest.mark.parametrize(
    ("line", "message"),
    [("x1,coder_a,hedges,1,0,v1.2,typo", "line 2: column"), ("x1,coder_a,hedge,1,yes,v1.2,bad", "line 2: old and new")],
)
def test_a_bad_recode_line_names_the_file_and_line(tmp_path, line, message):
    with pytest.raises(ValueError, match=message):
        D.read_recodes(_write(tmp_path, [line]))


def test_the_shipped_recodes_match_the_coded_sample():
    if not (D.ANNOTATIONS_DIR / "recodes.csv").exists():
        pytest.skip("no recodes.csv")
    codes = pd.read_csv(D.ANNOTATIONS_DIR / "coded_sample.csv", dtype=str, keep_default_na=False)
    recodes = D.read_recodes()
    out = D.apply_recodes(codes, recodes)  # raises when a recode's old value disagrees
    changed = (out["hedge"] != codes["hedge"]).sum()
    assert changed == len(recodes[recodes["column"] == "hedge"])
