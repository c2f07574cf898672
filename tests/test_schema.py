"""workbench.schema is the table's single description: the tables the pipeline makes have
exactly its columns and dtypes, and its helpers pick the model's columns out of any table."""

from __future__ import annotations

import polars as pl
import pytest

from workbench import read_articles, schema, score
from workbench.dashboard import highlight
from workbench.features import CUE_COLUMNS, EXTRACTORS
from workbench.text.segment import TABLE_COLUMNS


@pytest.fixture(scope="module")
def articles(seeds_dir):
    return read_articles([seeds_dir / "101_wire_named_sources.txt"]).articles


def test_identity_columns_are_segmentations():
    assert tuple(schema.IDENTITY_COLUMNS) == TABLE_COLUMNS


def test_extractors_and_cue_columns_match():
    assert list(schema.FEATURE_COLUMNS) == list(EXTRACTORS)
    assert schema.CUE_COLUMNS == CUE_COLUMNS
    assert tuple(schema.CUE_COLUMNS.values()) == highlight.CUE_COLUMNS


@pytest.mark.parametrize("extractors", [None, ["text"], ["hedging", "framing"]])
@pytest.mark.parametrize("cues", [False, True])
def test_score_table_has_the_schemas_columns_and_dtypes(articles, extractors, cues):
    table = score(articles, cues=cues, extractors=extractors)
    assert dict(table.schema) == schema.paragraph_schema(extractors=extractors, cues=cues)


def test_model_columns_follow_the_schema(articles, dashboard_model_path):
    from workbench.model import load_model

    model = load_model(dashboard_model_path)
    table = score(articles, model=model)
    expected = schema.paragraph_schema(cues=True, labels=model.labels)
    assert dict(table.schema) == expected
    probs = schema.frame_probability_columns(table.schema)
    assert probs == [f"frame_{label}" for label in model.labels]
    assert schema.frame_probability_columns(table.columns) == probs
    assert [schema.frame_label(c) for c in probs] == list(model.labels)


def test_a_string_column_named_like_a_frame_is_no_probability():
    frame = pl.DataFrame({"frame_crime": [0.5], "frame_source": ["wire"],
                          "frame_cue_crime": [2], "frame_confidence": [0.5],
                          "frame_primary": ["crime"], "frame_cues": ["[]"]})
    assert schema.frame_probability_columns(frame.schema) == ["frame_crime"]
    assert schema.frame_cue_columns(frame.columns) == ["frame_cue_crime"]


def test_cue_columns_cover_the_frame_list():
    assert schema.frame_cue_columns(schema.FEATURE_COLUMNS["framing"]) == [
        f"frame_cue_{key}" for key in schema.MFC_FRAMES]
