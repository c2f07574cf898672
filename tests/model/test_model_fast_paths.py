"""The model's fast paths give what the plain computations give: the same n-gram counts,
stored in the same order, and the pipeline's probabilities."""

from __future__ import annotations

import pickle

import numpy as np
import polars as pl
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.preprocessing import MultiLabelBinarizer

from tests.fuzz.strategies import hostile_text
from workbench.model import ngrams
from workbench.model.classifier import FrameModel, blockwise_proba, make_pipeline, model_table
from workbench.model.ngrams import Ngrams

DOCS = [
    "Tax cuts for families and tax cuts for firms",
    "The court ruled the tax unconstitutional",
    "Families said the court’s ruling hurt families",
    "Officials don't expect the ruling to be appealed in court",
    "Señor Müller said ÉTÉ, été, Москва налог",
    "ox ox ox",
]
PROBES = [
    *DOCS, "", "tax", "cuts cuts cuts cuts", "tax cuts tax cuts tax", "unknown words only",
    "court’s court's courts", "a I", "налог налог Москва", "The the THE the",
]


def old_char_counts(texts: pl.Series, ngram_range: tuple[int, int],
                    vocab: pl.DataFrame) -> sp.csr_matrix:
    """Character n-gram counts as computed before the grouped path: sorted distinct tokens,
    a COO texts x tokens matrix, its product with the tokens x n-grams matrix."""
    toks = ngrams._tokens(texts)
    words = ngrams._index(toks["tok"], "tok", "id")
    ids = toks.join(words, on="tok", how="left", maintain_order="left")
    grams = words.join(ngrams.token_char_grams(words["tok"], ngram_range), on="tok")
    found = grams.select("id", "term").join(vocab, on="term", how="inner")
    per_text = ngrams._matrix(ids["row"], ids["id"], (len(texts), words.height))
    per_word = ngrams._matrix(found["id"], found["col"], (words.height, vocab.height))
    return (per_text @ per_word).tocsr()


def assert_same_storage(a: sp.csr_matrix, b: sp.csr_matrix) -> None:
    """Equal shape, and the same entries in the same stored order."""
    assert a.shape == b.shape
    np.testing.assert_array_equal(a.indptr, b.indptr)
    np.testing.assert_array_equal(a.indices, b.indices)
    np.testing.assert_array_equal(a.data, b.data)


@pytest.mark.parametrize("ngram_range", [(3, 5), (4, 4), (1, 2)])
def test_char_counts_are_the_old_products_entry_for_entry(ngram_range):
    vec = Ngrams(analyzer="char", ngram_range=ngram_range, min_df=1, max_features=10**6)
    vec.fit(DOCS[:4])
    texts = pl.Series(PROBES)
    new, terms = ngrams.char_ngrams(texts, ngram_range, vec._vocabulary())
    assert terms == list(vec.terms_)
    assert_same_storage(new, old_char_counts(texts, ngram_range, vec._vocabulary()))
    # From a table's tokens, as frame_scores passes them, the same.
    table = model_table(pl.DataFrame({"text": texts}))
    assert_same_storage(ngrams.char_ngrams(texts, ngram_range, vec._vocabulary(), table)[0], new)


@settings(max_examples=60, deadline=None)
@given(st.lists(hostile_text, min_size=1, max_size=6))
def test_char_counts_equal_the_old_products_on_hostile_text(texts):
    vec = Ngrams(analyzer="char", ngram_range=(3, 4), min_df=1, max_features=10**6)
    vec.fit([*DOCS, *texts[:2]])
    series = pl.Series([*texts, "ox ox", ""])
    new, _ = ngrams.char_ngrams(series, (3, 4), vec._vocabulary())
    assert_same_storage(new, old_char_counts(series, (3, 4), vec._vocabulary()))


@pytest.mark.parametrize("ngram_range", [(1, 1), (1, 2), (2, 3), (1, 3)])
def test_word_counts_by_vocabulary_keys_equal_joined_strings(ngram_range):
    vec = Ngrams(ngram_range=ngram_range, min_df=1, max_features=10**6).fit(DOCS[:4])
    texts = pl.Series(PROBES)
    keys = vec._vocabulary_keys()
    assert keys is vec._vocabulary_keys()  # made once
    fast, terms = ngrams.word_ngrams(texts, ngram_range, vec._vocabulary(), keys=keys)
    slow, _ = ngrams.word_ngrams(texts, ngram_range, vec._vocabulary(), by_ids=False)
    assert terms == list(vec.terms_)
    assert_same_storage(fast, slow)
    assert fast.nnz > 0


def test_word_keys_follow_a_refit_and_are_not_saved():
    vec = Ngrams(min_df=1).fit(["tax cuts", "court rules"])
    state = vec.__getstate__()
    before = vec.transform(["tax cuts now"])
    assert "_keys" in vec.__dict__ and vec.__getstate__() == state
    again = pickle.loads(pickle.dumps(vec))  # noqa: S301 - our own object, in memory
    assert "_keys" not in again.__dict__
    assert_same_storage(again.transform(["tax cuts now"]), before)
    vec.fit(["new words", "other texts"])  # as many terms as before, other ones
    assert vec.transform(["new words"]).nnz == 3
    assert vec.transform(["tax cuts"]).nnz == 0


def test_word_keys_too_wide_for_int64_fall_back_to_strings():
    vocab = pl.DataFrame({"term": ["aa bb"]}).with_row_index("col")
    assert ngrams.vocab_keys(vocab, (1, 62)) is None
    counts, _ = ngrams.word_ngrams(pl.Series(["xx aa bb aa"]), (1, 62), vocab)
    assert counts.toarray().tolist() == [[1.0]]


LABELS = ["economic", "legality", "health"]
TRAIN = [
    "Taxes and wages rose as firms cut jobs", "Jobs, wages and taxes fell",
    "The court ruled on the law", "Judges struck down the law in court",
    "Hospitals and doctors warned of the virus", "Patients said the health service failed",
] * 2


LINEAR_CHARS = {"char_sublinear": False, "char_norm": "l1", "char_weight": 10.0}
"""Settings of a character block that is linear per token (scored by ``add_scores``)."""
L2_CHARS = {"char_sublinear": True, "char_norm": "l2", "char_weight": 1.0}
"""Settings of a character block that is not (the defaults before 2026-12-03)."""


def fitted(multi_label: bool, **settings: object) -> FrameModel:
    """A small fitted model: multinomial, or one-vs-rest multi-label."""
    pipeline = make_pipeline(multi_label=multi_label, min_df=1, **settings)
    if multi_label:
        sets = [[LABELS[i // 2 % 3], *([LABELS[(i // 2 + 1) % 3]] if i % 3 == 0 else [])]
                for i in range(len(TRAIN))]
        binarizer = MultiLabelBinarizer(classes=LABELS)
        pipeline.fit(TRAIN, binarizer.fit_transform(sets))
    else:
        pipeline.fit(TRAIN, [LABELS[i // 2 % 3] for i in range(len(TRAIN))])
    return FrameModel(pipeline, LABELS, multi_label=multi_label, thresholds=[0.5] * 3)


@pytest.mark.parametrize("chars", ["linear", "l2"])
@pytest.mark.parametrize("multi_label", [False, True])
def test_blockwise_probabilities_equal_the_pipelines(multi_label, chars):
    model = fitted(multi_label, **(LINEAR_CHARS if chars == "linear" else L2_CHARS))
    table = model_table(pl.DataFrame({"text": PROBES}))
    for X in (PROBES, table):
        fast = blockwise_proba(model.pipeline, X)
        assert fast is not None and fast.shape == (len(PROBES), 3)
        np.testing.assert_allclose(fast, model.pipeline.predict_proba(X), rtol=0, atol=1e-12)
    np.testing.assert_allclose(model.predict_proba(table), model.pipeline.predict_proba(table),
                               rtol=0, atol=1e-12)


def test_other_pipelines_take_the_pipeline_path():
    model = fitted(False)
    union = model.pipeline.named_steps["features"]
    union.transformer_weights = {"cues": 2.0}
    assert blockwise_proba(model.pipeline, DOCS) is None
    union.transformer_weights = None
    binary = make_pipeline(min_df=1).fit(TRAIN, ["a", "b"] * (len(TRAIN) // 2))
    assert blockwise_proba(binary, DOCS) is None
    assert blockwise_proba(model.pipeline, DOCS) is not None


def test_frame_scores_in_small_batches_equal_one_batch(monkeypatch, seeds_dir):
    from workbench.io.articles import read_articles
    from workbench.model import classifier, load_model
    from workbench.score import score

    model = load_model("models/framing-mfc.skops")
    table = score(read_articles([seeds_dir]).articles, cues=False)
    whole = classifier.frame_scores(model, table)
    monkeypatch.setattr(classifier, "MODEL_BATCH", 7)  # the last batch is a partial one
    assert table.height % 7 and table.height > 7
    assert classifier.frame_scores(model, table).equals(whole)
    assert classifier.frame_scores(model, table.head(0)).equals(whole.head(0))


def chars_step(model: FrameModel) -> Ngrams:
    return model.pipeline.named_steps["features"].named_transformers["chars"]


@pytest.mark.parametrize("multi_label", [False, True])
def test_per_token_character_scores_equal_the_pipelines(multi_label):
    model = fitted(multi_label, **LINEAR_CHARS)
    assert chars_step(model).linear_per_token
    table = model_table(pl.DataFrame({"text": PROBES}))
    for X in (PROBES, table):
        fast = blockwise_proba(model.pipeline, X)
        assert fast is not None
        np.testing.assert_allclose(fast, model.pipeline.predict_proba(X), rtol=0, atol=1e-12)
    assert len(chars_step(model).__dict__["_scores"]) > 0  # the per-token path ran


def test_per_token_character_scores_do_not_depend_on_batch_or_history():
    """A text's probabilities are bit for bit the same alone, in any batch, and whatever
    tokens the model met before (so bulk scoring equals scoring one by one)."""
    model = fitted(False, **LINEAR_CHARS)
    whole = model.predict_proba(PROBES)
    again = fitted(False, **LINEAR_CHARS)
    again.predict_proba(["Unrelated words first: courtrooms, taxpayers, families"])
    alone = np.vstack([again.predict_proba([text]) for text in reversed(PROBES)])[::-1]
    np.testing.assert_array_equal(alone, whole)
    np.testing.assert_array_equal(model.predict_proba(PROBES[::-1])[::-1], whole)


def test_per_token_memory_starts_afresh_when_full(monkeypatch):
    from workbench.model import token_scores
    model = fitted(False, **LINEAR_CHARS)
    whole = model.predict_proba(PROBES)
    fresh = fitted(False, **LINEAR_CHARS)
    monkeypatch.setattr(token_scores, "MAX_TOKENS", 8)
    small = np.vstack([fresh.predict_proba([text]) for text in PROBES])
    np.testing.assert_array_equal(small, whole)
    assert len(chars_step(fresh).__dict__["_scores"]) <= 8


def test_per_token_scores_follow_new_coefficients_and_are_not_saved():
    model = fitted(False, **LINEAR_CHARS)
    step = chars_step(model)
    before = model.predict_proba(PROBES)
    assert "_scores" in step.__dict__ and "_scores" not in step.__getstate__()
    clf = model.pipeline.named_steps["clf"]
    clf.coef_ = clf.coef_ * 2  # the same vocabulary, other weights
    np.testing.assert_allclose(model.predict_proba(PROBES), model.pipeline.predict_proba(PROBES),
                               rtol=0, atol=1e-12)
    assert not np.allclose(model.predict_proba(PROBES), before)


def test_add_scores_refuses_a_block_that_is_not_linear_per_token():
    step = chars_step(fitted(False, **L2_CHARS))
    assert not step.linear_per_token
    with pytest.raises(ValueError, match="norm='l1'"):
        step.add_scores(DOCS, np.zeros((len(step.terms_), 3)), np.zeros((len(DOCS), 3)))


def test_a_step_saved_before_norm_and_weight_existed_loads_as_it_scored():
    vec = Ngrams(analyzer="char", ngram_range=(3, 4), min_df=1).fit(DOCS)
    before = vec.transform(PROBES)
    state = {k: v for k, v in vec.__getstate__().items() if k not in ("norm", "weight")}
    old = Ngrams.__new__(Ngrams)
    old.__setstate__(state)
    assert (old.norm, old.weight, old.linear_per_token) == ("l2", 1.0, False)
    assert_same_storage(old.transform(PROBES), before)
    with pytest.raises(ValueError, match="norm"):
        Ngrams(norm="max").fit(DOCS)
