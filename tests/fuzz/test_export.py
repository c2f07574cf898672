"""CSV and Parquet exports give back every cell exactly, whatever the text holds."""

from __future__ import annotations

import tempfile
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from tests.fuzz.strategies import hostile_text, paragraph_text
from workbench.io.articles import Article
from workbench.io.tables import read_table, write_table
from workbench.score import score, summarise_articles

cell = st.one_of(st.none(), hostile_text, st.sampled_from(["0", "007", "1e3", "-1", "NaN", "true",
                                                           "", "'", "''=1", "null", " 2 "]))


def round_trip(frame: pl.DataFrame, suffix: str) -> pl.DataFrame:
    with tempfile.TemporaryDirectory() as folder:
        path = write_table(frame, Path(folder) / f"table{suffix}")
        back = read_table(path)
        assert [p.name for p in Path(folder).iterdir()] == [path.name]  # no temp file left
        return back


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
@given(st.integers(1, 6).flatmap(lambda n: st.tuples(
    st.lists(cell, min_size=n, max_size=n),
    st.lists(cell, min_size=n, max_size=n),
    st.lists(st.one_of(st.none(), st.floats(allow_nan=False)), min_size=n, max_size=n),
    st.lists(st.integers(-(2**63), 2**63 - 1), min_size=n, max_size=n),
)))
def test_every_cell_round_trips(suffix, columns):
    texts, ids, floats, ints = columns
    frame = pl.DataFrame({
        "article_id": pl.Series(ids, dtype=pl.String),
        "text": pl.Series(texts, dtype=pl.String),
        "x": pl.Series(floats, dtype=pl.Float64),
        "n": pl.Series(ints, dtype=pl.Int64),
    })
    back = round_trip(frame, suffix)
    # an all-null float column has no type in CSV; every value still comes back
    assert_frame_equal(back, frame, check_dtypes=frame["x"].null_count() < frame.height)


@settings(max_examples=25)
@given(st.lists(st.tuples(cell, st.lists(paragraph_text.filter(str.strip), min_size=1,
                                         max_size=3)), min_size=1, max_size=3))
def test_score_table_round_trips_through_csv(docs):
    arts = [Article(article_id=art_id or "", title=art_id or "t", paragraphs=tuple(pars),
                    outlet=art_id) for art_id, pars in docs]
    table = score(arts)
    assert_frame_equal(round_trip(table, ".csv"), table, check_dtypes=False)
    summary = summarise_articles(table)
    assert_frame_equal(round_trip(summary, ".csv"), summary, check_dtypes=False)
