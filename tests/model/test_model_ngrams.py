"""The classifier's polars n-gram TF-IDF equals scikit-learn's; cue rates follow the lexicons."""

from __future__ import annotations

import pickle

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.base import clone
from sklearn.feature_extraction.text import TfidfVectorizer

from tests.fuzz.strategies import hostile_text
from workbench.features import FramingCues
from workbench.model import ngrams
from workbench.model.ngrams import TOKEN, CueRates, Ngrams

DOCS = [
    "Tax cuts for families and tax cuts for firms",
    "The court ruled the tax unconstitutional",
    "Families said the court ruling hurt families",
    "Officials expect the ruling to be appealed in court",
    "ox ox ox",
]


@pytest.mark.parametrize("kw", [
    {"ngram_range": (1, 1)}, {"ngram_range": (1, 2)}, {"ngram_range": (2, 3)},
    {"ngram_range": (1, 2), "sublinear_tf": False}, {"ngram_range": (1, 2), "min_df": 1},
])
def test_word_ngrams_equal_sklearn_tfidf(kw):
    ours = Ngrams(analyzer="word", max_features=10**6, **kw).fit(DOCS)
    theirs = TfidfVectorizer(token_pattern=TOKEN, max_features=None,
                             **{"min_df": 2, "sublinear_tf": True, **kw}).fit(DOCS)
    assert list(ours.terms_) == sorted(theirs.vocabulary_)
    probe = [*DOCS, "New tax, new court!", ""]
    np.testing.assert_allclose(ours.transform(probe).toarray(),
                               theirs.transform(probe).toarray(), atol=1e-12)


def test_char_ngrams_equal_sklearn_char_wb_on_plain_words():
    ours = Ngrams(analyzer="char", ngram_range=(3, 5), min_df=1, max_features=10**6).fit(DOCS)
    theirs = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True).fit(DOCS)
    assert list(ours.terms_) == sorted(theirs.vocabulary_)
    probe = [*DOCS, "tax families ox", ""]
    np.testing.assert_allclose(ours.transform(probe).toarray(),
                               theirs.transform(probe).toarray(), atol=1e-12)


def test_max_features_keeps_the_most_frequent_terms_deterministically():
    vec = Ngrams(ngram_range=(1, 1), min_df=1, max_features=3).fit(DOCS)
    assert vec.terms_ == ("court", "families", "the")  # df 3, 2 (tie broken by name), 4
    assert vec.get_feature_names_out().tolist() == ["word: court", "word: families",
                                                    "word: the"]


def test_ngrams_follow_the_transformer_contract():
    vec = Ngrams(min_df=1)
    assert clone(vec).get_params() == vec.get_params()
    assert vec.fit(DOCS) is vec
    with pytest.raises(TypeError, match="got a single str"):
        vec.transform("one paragraph")
    assert vec.transform(["", None]).nnz == 0
    assert vec.transform(pl.Series(DOCS)).shape == (5, len(vec.terms_))
    again = pickle.loads(pickle.dumps(vec))  # noqa: S301 - our own object, in memory
    assert again.terms_ == vec.terms_
    np.testing.assert_array_equal(again.transform(DOCS).toarray(), vec.transform(DOCS).toarray())
    with pytest.raises(ValueError, match="analyzer='chars' is not valid"):
        Ngrams(analyzer="chars").fit(DOCS)
    with pytest.raises(ValueError, match="ngram_range"):
        Ngrams(ngram_range=(2, 1)).fit(DOCS)


def test_a_vocabulary_too_small_for_min_df_gives_no_columns():
    vec = Ngrams(min_df=5).fit(["one text", "another"])
    assert vec.terms_ == () and vec.transform(["one text"]).shape == (1, 0)


def test_cue_rates_are_scaled_framing_cue_counts():
    texts = ["Taxpayers face higher costs and taxes.", "", "The court ruled."]
    counts = FramingCues().fit_transform(texts)
    cues = CueRates(weight=1.0).fit([""])
    words = np.array([6, 1, 3])
    expected = np.log1p(counts.to_numpy() * 100 / words[:, None])
    np.testing.assert_allclose(cues.transform(texts).toarray(), expected)
    assert cues.get_feature_names_out()[0] == f"cue: {cues.frames_[0]}"
    np.testing.assert_allclose(CueRates(weight=0.5).fit([""]).transform(texts).toarray(),
                               expected * 0.5)


@settings(max_examples=60, deadline=None)
@given(st.lists(hostile_text, min_size=1, max_size=6), st.sampled_from([(1, 1), (1, 2), (2, 3)]))
def test_word_ngrams_by_token_ids_equal_joined_strings(texts, ngram_range):
    """The integer-key path of a fitted vocabulary counts what joining token strings counts."""
    fitted = Ngrams(ngram_range=ngram_range, min_df=1, max_features=10**6).fit(
        [*DOCS, *texts[:2]])
    series = pl.Series([*texts, "tax cuts tax", ""])
    vocab = fitted._vocabulary()
    fast, terms = ngrams.word_ngrams(series, ngram_range, vocab)
    slow, _ = ngrams.word_ngrams(series, ngram_range, vocab, by_ids=False)
    assert terms == list(fitted.terms_)
    assert (fast != slow).nnz == 0


@pytest.mark.parametrize("analyzer", ["word", "char"])
def test_no_texts_give_no_rows(analyzer):
    vec = Ngrams(analyzer=analyzer, min_df=1).fit(["tax cuts", "tax rises"])
    assert vec.transform([]).shape == (0, len(vec.terms_)) and len(vec.terms_) > 0
