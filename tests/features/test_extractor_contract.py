"""The scikit-learn contract every extractor keeps (what check_estimator skips for text)."""

from __future__ import annotations

import pickle

import numpy as np
import polars as pl
import pytest
from sklearn.base import clone

from workbench.features import EXTRACTORS, make_features

PARAGRAPHS = [
    'Sources said the deal might collapse, "which would clearly hurt," Keller said.',
    "Taxpayers could face higher costs, according to the Treasury.",
]


@pytest.fixture(params=sorted(EXTRACTORS), ids=sorted(EXTRACTORS))
def extractor(request):
    return EXTRACTORS[request.param]()


def test_clone_keeps_params(extractor):
    twin = clone(extractor)
    assert twin is not extractor
    assert twin.get_params() == extractor.get_params()


def test_get_params_round_trip(extractor):
    params = extractor.get_params()
    assert type(extractor)(**params).get_params() == params


def test_fit_returns_self(extractor):
    assert extractor.fit(PARAGRAPHS) is extractor


def test_bare_str_is_refused(extractor):
    with pytest.raises(TypeError, match="got a single str"):
        extractor.fit("one paragraph")
    extractor.fit(PARAGRAPHS)
    with pytest.raises(TypeError, match="got a single str"):
        extractor.transform("one paragraph")


def test_empty_paragraph_gives_zeros(extractor):
    out = extractor.fit(PARAGRAPHS).transform(["", None])
    assert out.height == 2
    assert all(v == 0 for col in out.columns for v in out[col].to_list()), out


def test_columns_equal_feature_names(extractor):
    out = extractor.fit(PARAGRAPHS).transform(PARAGRAPHS)
    assert isinstance(out, pl.DataFrame)
    assert out.columns == list(extractor.get_feature_names_out())
    assert out.height == len(PARAGRAPHS)


def test_polars_series_and_list_agree(extractor):
    extractor.fit(PARAGRAPHS)
    assert extractor.transform(pl.Series(PARAGRAPHS)).equals(extractor.transform(PARAGRAPHS))


def test_set_output_polars(extractor):
    out = clone(extractor).set_output(transform="polars").fit_transform(PARAGRAPHS)
    assert isinstance(out, pl.DataFrame)


def test_pickle_round_trip(extractor):
    extractor.fit(PARAGRAPHS)
    again = pickle.loads(pickle.dumps(extractor))
    assert again.transform(PARAGRAPHS).equals(extractor.transform(PARAGRAPHS))


def test_transform_before_fit_is_refused(extractor):
    from sklearn.exceptions import NotFittedError

    with pytest.raises(NotFittedError):
        clone(extractor).transform(PARAGRAPHS)


def test_cue_offsets_match_text(extractor):
    extractor.fit(PARAGRAPHS)
    for text in PARAGRAPHS:
        for cue in extractor.cues(text):
            assert text[cue["start"]:cue["end"]] == cue["text"]


def test_make_features_keeps_export_names():
    out = make_features().fit_transform(pl.DataFrame({"text": PARAGRAPHS}))
    names = [n for cls in EXTRACTORS.values()
             for n in cls().fit(PARAGRAPHS).get_feature_names_out()]
    assert out.columns == names
    assert np.all(out["n_words"].to_numpy() > 0)


def test_unknown_lexicon_is_refused():
    from workbench.features import HedgingFeatures

    with pytest.raises(ValueError, match="hedges='nope' is not valid"):
        HedgingFeatures(hedges="nope").fit(PARAGRAPHS)
