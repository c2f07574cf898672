"""Article-level comparison: measures side by side, frame shares, measures along the article."""

from __future__ import annotations

import polars as pl
import pytest

from workbench.dashboard import summary as ws
from workbench.io.articles import read_file
from workbench.score import score, summarise_articles


@pytest.fixture(scope="module")
def summary(seeds_dir):
    articles = [a for n in ("101_wire_named_sources", "102_anonymous_hedged",
                            "103_opinion_loaded") for a in read_file(seeds_dir / f"{n}.txt")]
    table = score(articles)
    return table, summarise_articles(table)


def test_two_articles_get_their_difference(summary):
    _, s = summary
    two = s.filter(pl.col("article_id") != "103_opinion_loaded")
    table = ws.comparison_table(two, {"101_wire_named_sources": "Wire"})
    assert table.columns == ["measure", "Wire", "102_anonymous_hedged", "difference"]
    # Without a model there is no "Paragraphs with a clear frame" row.
    assert table["measure"].to_list() == [v for k, v in ws.MEASURES.items() if k in two.columns]
    assert "n_confident_paragraphs" not in two.columns
    hedges = table.row(0, named=True)
    assert hedges["difference"] == pytest.approx(hedges["102_anonymous_hedged"] - hedges["Wire"])
    # The hedged, anonymous-source piece hedges more and names fewer sources.
    by_measure = {r[0]: r[-1] for r in table.rows()}
    assert by_measure["Hedges per 100 words"] > 3
    assert by_measure["Named sources"] < 0 and by_measure["Anonymous-source share"] > 0.5


def test_three_articles_get_the_range(summary):
    _, s = summary
    table = ws.comparison_table(s)
    assert table.columns[-1] == "range"
    values = table.select(pl.exclude("measure", "range")).row(0)
    assert table["range"][0] == pytest.approx(max(values) - min(values))


def test_frame_shares_from_cues_sum_to_one(summary):
    _, s = summary
    shares, basis = ws.frame_shares(s)
    assert basis == "cues"
    totals = shares.group_by("article_id").agg(pl.col("share").sum())["share"].to_list()
    assert totals == pytest.approx([1.0, 1.0, 1.0])
    assert "Security and defense" in shares["frame"].to_list()


def test_frame_shares_prefer_model_probabilities():
    s = pl.DataFrame({"article_id": ["a", "b"], "frame_cue_economic": [5, 0],
                      "frame_economic": [0.2, 0.7], "frame_health": [0.8, 0.3],
                      "frame_confidence": [0.9, 0.9], "frame_primary": ["health", "economic"]})
    shares, basis = ws.frame_shares(s)
    assert basis == "model"
    assert sorted(shares.rows()) == [("a", "Economic", 0.2), ("a", "Health and safety", 0.8),
                                     ("b", "Economic", 0.7), ("b", "Health and safety", 0.3)]


def test_frame_shares_of_an_article_without_cues_are_zero():
    s = pl.DataFrame({"article_id": ["a"], "frame_cue_economic": [0], "frame_cue_health": [0]})
    shares, _ = ws.frame_shares(s)
    assert shares["share"].to_list() == [0.0, 0.0]
    assert ws.main_frames_text(s).endswith("a: none.")


def test_along_article_leaves_out_boilerplate(summary):
    table, _ = summary
    long = ws.along_article(table)
    assert set(long["measure"]) == set(ws.ALONG.values())
    wire = table.filter(pl.col("article_id") == "101_wire_named_sources")
    body = wire.filter(~pl.col("is_boilerplate"))
    hedges = long.filter((pl.col("article_id") == "101_wire_named_sources")
                         & (pl.col("measure") == "Hedges per 100 words"))
    assert hedges["paragraph"].to_list() == (body["paragraph_index"] + 1).to_list()
    assert hedges["value"].to_list() == body["hedge_per_100w"].to_list()


def test_charts_encode_the_right_fields(summary):
    table, s = summary
    shares, basis = ws.frame_shares(s)
    spec = ws.frame_chart(shares, basis).to_dict()
    assert spec["mark"]["type"] == "bar"
    assert spec["encoding"]["x"]["field"] == "share"
    assert spec["encoding"]["y"]["sort"][0] == "Economic"
    line = ws.along_chart(ws.along_article(table), "Hedges per 100 words").to_dict()
    assert line["encoding"]["x"]["field"] == "paragraph"
    assert line["encoding"]["color"]["field"] == "article_id"


def test_every_table_column_has_a_display_name():
    from workbench.schema import FEATURE_COLUMNS, column_label

    for columns in FEATURE_COLUMNS.values():
        for column in columns:
            assert column_label(column) != column and "_" not in column_label(column), column


def test_comparison_text_shows_counts_as_integers(summary):
    _, s = summary
    text = {r[0]: r[1:] for r in ws.comparison_text(s).rows()}
    numbers = {r[0]: r[1:] for r in ws.comparison_table(s).rows()}
    for measure in ("Named sources", "Anonymous sources", "Paragraphs (body)"):
        assert text[measure] == tuple(str(round(v)) for v in numbers[measure])
    for a, b in zip(text["Hedges per 100 words"], numbers["Hedges per 100 words"], strict=True):
        assert float(a) == pytest.approx(b, rel=0.005) and len(a.replace(".", "")) <= 4


@pytest.mark.parametrize(("value", "integer", "text"), [
    (2.0, True, "2"), (2, False, "2"), (0.123456, False, "0.123"), (12.3456, False, "12.3"),
    (123.456, False, "123"), (-0.5, False, "-0.500"), (0.0, False, "0"), (None, False, ""),
])
def test_figure_text(value, integer, text):
    assert ws.figure_text(value, integer=integer) == text
