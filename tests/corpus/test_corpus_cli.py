"""``workbench stories`` and ``workbench outlets`` end to end on a seeded synthetic corpus."""

from __future__ import annotations

import polars as pl

from workbench.cli import main
from workbench.corpus.synthetic import as_corpus, synthetic_articles


def test_stories_then_outlets(tmp_path):
    arts = synthetic_articles(48, anonymous=[0.05, 0.7, 0.3, 0.3], seed=2)
    corpus = tmp_path / "corpus.jsonl"
    as_corpus(arts).write_ndjson(corpus)
    groups, scores = tmp_path / "groups.parquet", tmp_path / "scores.parquet"
    assert main(["stories", str(corpus), "--out", str(groups)]) == 0
    table = pl.read_parquet(groups)
    assert table.height == 48 and {"story_id", "outlets", "top_terms"} <= set(table.columns)
    # every planted event is one story
    events = dict(zip(arts["article_id"], arts["event"], strict=True))
    assert table.group_by("story_id").agg(
        pl.col("article_id").replace_strict(events).n_unique().alias("k"))["k"].max() == 1
    assert main(["score", str(corpus), "--model", "none", "--out", str(scores),
                 "--workers", "1"]) == 0
    out, report = tmp_path / "outlets.csv", tmp_path / "report.md"
    assert main(["outlets", str(scores), "--stories", str(groups), "--out", str(out),
                 "--report", str(report), "--n-boot", "200"]) == 0
    diffs = pl.read_csv(tmp_path / "outlets.differences.csv").filter(
        (pl.col("measure") == "anonymous_source_share") & (pl.col("outlet_a") == "Alpha")
        & (pl.col("outlet_b") == "Beta"))
    assert diffs["high"][0] < 0   # Alpha (5% planted) below Beta (70%)
    assert "Alpha: Anonymous-source share" in report.read_text()


def test_outlets_refuses_a_missing_column(tmp_path, capsys):
    table = tmp_path / "t.csv"
    pl.DataFrame({"article_id": ["a"], "hedge_per_100w": [1.0]}).write_csv(table)
    assert main(["outlets", str(table), "--out", str(tmp_path / "o.csv")]) == 2
    assert "no column 'outlet'" in capsys.readouterr().err


def test_report_chart_is_a_png_beside_the_report(tmp_path):
    import pytest

    pytest.importorskip("vl_convert", reason="pip install vl-convert-python (the charts extra)")
    from workbench.corpus.synthetic import synthetic_measures

    arts, stories = synthetic_measures(30, effect=0.1, seed=1)
    scores, groups = tmp_path / "a.csv", tmp_path / "g.csv"
    arts.write_csv(scores)
    stories.write_csv(groups)
    report = tmp_path / "r.md"
    assert main(["outlets", str(scores), "--stories", str(groups), "--out",
                 str(tmp_path / "o.csv"), "--report", str(report), "--n-boot", "100"]) == 0
    assert (tmp_path / "r.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "![outlets](r.png)" in report.read_text()
