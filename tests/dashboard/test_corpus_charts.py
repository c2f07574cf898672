"""The corpus page's frame chart speaks the codebook's names, like the compare page."""

from __future__ import annotations

import polars as pl

from workbench.dashboard import corpus as wc
from workbench.schema import FRAME_PRIMARY


def test_frame_chart_names_frames_as_the_codebook_does():
    shares = pl.DataFrame({"outlet": ["A", "A", "B"],
                           FRAME_PRIMARY: ["capacity", "economic", "none"],
                           "len": [1, 3, 2], "share": [0.25, 0.75, 1.0]})
    rows = wc.frame_chart(shares).to_dict()["datasets"]
    values = next(iter(rows.values()))
    assert [v["Main frame"] for v in values] == ["Capacity and resources", "Economic", "none"]


def test_corpus_charts_and_report_name_measures_as_the_schema_does():
    """One name list: the corpus page's axes and the outlet report read column_label."""
    from workbench.corpus.outlets import RATE_MEASURES
    from workbench.corpus.report import difference_sentence, markdown_report
    from workbench.schema import column_label

    measures = [*RATE_MEASURES, "frame_economic"]
    data = pl.DataFrame({"outlet": ["A"] * len(measures), "measure": measures,
                         "mean": 0.5, "low": 0.4, "high": 0.6, "n_articles": 3, "n_units": 3})
    weekly = pl.DataFrame({"outlet": ["A"], "week": ["2024-01-01"], "mean": [0.5]})
    for m in measures:
        name = column_label(m)
        assert name != m and name[0].isupper(), m
        assert wc.interval_chart(data, m).to_dict()["layer"][0]["encoding"]["x"]["title"] == name
        assert wc.weekly_chart(weekly, m).to_dict()["encoding"]["y"]["title"] == name
        row = {"outlet_a": "A", "outlet_b": "B", "measure": m, "mean_a": 0.5, "mean_b": 0.25,
               "difference": 0.25, "low": 0.1, "high": 0.4, "n_stories": 9}
        assert difference_sentence(row).startswith(f"A: {name} ")
        assert f"| A | {name} |" in markdown_report(data.filter(pl.col("measure") == m))
