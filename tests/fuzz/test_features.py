"""Every extractor takes any text: finite, non-negative features and cues that point home."""

from __future__ import annotations

import json
import math
import time

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fuzz.strategies import huge_paragraph, paragraph_text
from workbench.features import EXTRACTORS

FITTED = {name: cls().fit([""]) for name, cls in EXTRACTORS.items()}
SHARES = {"hedged_sentence_share", "quoted_word_share"}


def check_features(name, texts):
    out = FITTED[name].transform(texts)
    assert out.columns == list(FITTED[name].get_feature_names_out())
    assert out.height == len(texts)
    for column in out.columns:
        for value in out[column].to_list():
            assert value is not None and math.isfinite(value) and value >= 0, (column, value)
            if column in SHARES:
                assert value <= 1, (column, value)


def check_cues(name, text):
    cues = FITTED[name].cues(text)
    json.dumps(cues, ensure_ascii=False)  # the cue columns hold them as JSON
    for cue in cues:
        assert 0 <= cue["start"] < cue["end"] <= len(text), cue
        assert text[cue["start"]:cue["end"]] == cue["text"], cue


@pytest.mark.parametrize("name", list(EXTRACTORS))
@given(texts=st.lists(paragraph_text | st.none(), min_size=1, max_size=5))
def test_extractor_takes_any_text(name, texts):
    check_features(name, texts)
    out = FITTED[name].transform(pl.Series("text", texts, dtype=pl.String))
    assert out.equals(FITTED[name].transform(texts))  # a polars column, as score() passes
    for text, row in zip(texts, out.iter_rows(), strict=True):
        if text is None:  # a missing paragraph counts as empty
            assert not any(row)
        else:
            check_cues(name, text)


@pytest.mark.parametrize("name", list(EXTRACTORS))
@settings(max_examples=3)
@given(text=huge_paragraph)
def test_extractor_takes_a_200000_character_paragraph(name, text):
    assert len(text) == 200_000
    check_features(name, [text])
    check_cues(name, text)


@pytest.mark.parametrize("unit", ["A.", "Ab-", "FT CONSTITUTION ", "Maria Keller ", "said “",
                                  "\u200b", "may \t "])
def test_long_runs_take_linear_time(unit):
    # a backtracking regex went quadratic here: 40,000 characters of "A." took 47 s
    text = unit * (40_000 // len(unit))
    for name, extractor in FITTED.items():
        start = time.perf_counter()
        extractor.transform([text])
        extractor.cues(text)
        assert time.perf_counter() - start < 5, (name, unit)
