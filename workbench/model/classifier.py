"""The frame classifier: a scikit-learn Pipeline of text features into logistic regression.

Why logistic regression: frame shares of an article are averages of paragraph
probabilities, so the classifier must give probabilities, not just labels; logistic
regression gives them directly, where a LinearSVC needs a calibration wrapper (three to
five extra models per label, a larger file, a blurred coefficient per term) and SGD gives
noisier probabilities that depend on the shuffling seed. One coefficient per term and
label also makes a prediction explainable by its terms (:func:`explain`). ``class_weight=
"balanced"`` keeps rare frames from being swamped by frequent ones.

Single-label models use multinomial logistic regression (probabilities sum to one, the
top one is the frame); multi-label models use one binary regression per label (liblinear,
deterministic) with a decision threshold per label tuned by cross-validation.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import polars as pl
import scipy.sparse as sp
from scipy.special import expit
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.utils.extmath import softmax

from workbench.model.confidence import min_confidence
from workbench.model.ngrams import (
    TOKEN,
    CueRates,
    Ngrams,
    model_inputs,
    token_char_grams,
    token_lists,
)
from workbench.schema import FRAME_CONFIDENCE, FRAME_CONFIDENT, FRAME_PRIMARY

try:  # scipy's own kernel for CSR @ dense, private: without it the pipeline predicts
    from scipy.sparse import _sparsetools
except ImportError:  # pragma: no cover - a scipy that moved it
    _sparsetools = None

DEFAULTS: dict[str, object] = {
    "word_ngrams": (1, 2),
    "word_max_features": 30000,
    "char_ngrams": (4, 4),
    "char_max_features": 10000,
    "char_sublinear": False,
    "char_norm": "l1",
    "char_weight": 10.0,
    "min_df": 2,
    "cue_weight": 0.1,
    "C": 10.0,
}
"""Feature and regularisation settings of :func:`make_pipeline`, recorded in model cards."""


def make_pipeline(*, multi_label: bool = False, seed: int = 0, **settings: object) -> Pipeline:
    """Return the unfitted pipeline: word and character TF-IDF n-grams and framing-cue rates
    into (one-vs-rest, if ``multi_label``) class-weighted logistic regression.

    ``settings`` override :data:`DEFAULTS`.

    Examples
    --------
    >>> [name for name, _ in make_pipeline().named_steps["features"].transformer_list]
    ['words', 'chars', 'cues']
    """
    unknown = sorted(set(settings) - set(DEFAULTS))
    if unknown:
        raise ValueError(f"unknown setting(s) {unknown}; expected some of {sorted(DEFAULTS)}")
    s = {**DEFAULTS, **settings}
    features = FeatureUnion([
        ("words", Ngrams(analyzer="word", ngram_range=tuple(s["word_ngrams"]),
                         min_df=s["min_df"], max_features=s["word_max_features"])),
        ("chars", Ngrams(analyzer="char", ngram_range=tuple(s["char_ngrams"]),
                         min_df=s["min_df"], max_features=s["char_max_features"],
                         sublinear_tf=s["char_sublinear"], norm=s["char_norm"],
                         weight=s["char_weight"])),
        ("cues", CueRates(weight=s["cue_weight"])),
    ])
    if multi_label:
        clf = OneVsRestClassifier(LogisticRegression(
            C=s["C"], solver="liblinear", class_weight="balanced", random_state=seed))
    else:
        clf = LogisticRegression(C=s["C"], class_weight="balanced", max_iter=2000,
                                 random_state=seed)
    return Pipeline([("features", features), ("clf", clf)])


class FrameModel:
    """A fitted frame classifier: the pipeline, its labels and decision thresholds.

    Parameters
    ----------
    pipeline : sklearn.pipeline.Pipeline
        Fitted; ``predict_proba`` columns follow ``labels``.
    labels : tuple of str
        The frames, in column order.
    multi_label : bool
        Whether a paragraph may carry several frames (one probability per label, each
        against its threshold) or exactly one (probabilities sum to one).
    thresholds : tuple of float
        Per label: the probability from which a multi-label model predicts it. A
        single-label model predicts the most probable label; its thresholds are 0.
    settings : dict
        The :func:`make_pipeline` settings it was built with.
    info : dict
        What training recorded (``training_data``, ``metrics``, ``seed``, ``cv``): plain
        JSON values, saved inside the model file and copied into its model card.
    """

    def __init__(self, pipeline: Pipeline, labels: Sequence[str], *, multi_label: bool,
                 thresholds: Sequence[float], settings: dict | None = None,
                 info: dict | None = None) -> None:
        self.pipeline = pipeline
        self.labels = tuple(str(x) for x in labels)
        self.multi_label = bool(multi_label)
        self.thresholds = tuple(float(t) for t in thresholds)
        self.settings = dict(settings or {})
        self.info = dict(info or {})

    def __repr__(self) -> str:
        kind = "multi-label" if self.multi_label else "single-label"
        return f"FrameModel({kind}, labels={list(self.labels)})"

    def predict_proba(self, texts: object) -> np.ndarray:
        """Return probabilities, one row per text and one column per label.

        ``texts`` is paragraphs, or a table from :func:`model_table`.
        """
        series, table = model_inputs(texts, "FrameModel.predict_proba")
        if len(series) == 0:
            return np.zeros((0, len(self.labels)))
        X = series if table is None else table
        proba = blockwise_proba(self.pipeline, X)
        if proba is None:
            proba = self.pipeline.predict_proba(X)
        return np.asarray(proba, dtype=np.float64)

    def decide(self, proba: np.ndarray) -> np.ndarray:
        """Return 0/1 decisions (texts x labels) from probabilities."""
        if self.multi_label:
            return (proba >= np.asarray(self.thresholds)[None, :]).astype(np.int8)
        out = np.zeros(proba.shape, dtype=np.int8)
        if len(proba):
            out[np.arange(len(proba)), proba.argmax(axis=1)] = 1
        return out

    def predict(self, texts: object) -> list[tuple[str, ...]]:
        """Return the labels predicted for each text (exactly one if single-label)."""
        decided = self.decide(self.predict_proba(texts))
        return [tuple(self.labels[j] for j in np.flatnonzero(row)) for row in decided]


def blockwise_proba(pipeline: Pipeline, X: object) -> np.ndarray | None:
    """Return ``pipeline.predict_proba(X)``, the same numbers, without stacking the feature
    blocks into one matrix: each block's products with its rows of the coefficients are
    added into the scores in turn, the order the stacked product adds them in. Return None
    for a pipeline other than features (CSR blocks) into multinomial logistic regression or
    one-vs-rest multi-label binary logistic regressions."""
    weights = _linear_weights(pipeline)
    matvecs = getattr(_sparsetools, "csr_matvecs", None)
    if weights is None or matvecs is None:
        return None
    coef, intercept, multinomial = weights
    scores = np.zeros((len(X), coef.shape[1]))
    start = 0
    for _, step in pipeline.named_steps["features"].transformer_list:
        if isinstance(step, Ngrams) and step.linear_per_token and hasattr(step, "terms_"):
            stop = start + len(step.terms_)
            if stop > coef.shape[0]:
                return None
            step.add_scores(X, coef[start:stop], scores)
            start = stop
            continue
        block = step.transform(X)
        if (not sp.issparse(block) or block.format != "csr" or block.dtype != np.float64
                or block.indptr.dtype != block.indices.dtype or block.shape[0] != len(scores)):
            return None
        stop = start + block.shape[1]
        matvecs(*block.shape, coef.shape[1], block.indptr, block.indices, block.data,
                coef[start:stop].ravel(), scores.ravel())
        start = stop
    if start != coef.shape[0] or not np.isfinite(scores).all():  # the pipeline says why
        return None
    scores = scores + intercept
    return softmax(scores, copy=False) if multinomial else expit(scores, out=scores)


def _linear_weights(pipeline: Pipeline) -> tuple[np.ndarray, np.ndarray, bool] | None:
    """Return the coefficients (features x outputs, C order), intercepts and whether they are
    multinomial, for :func:`blockwise_proba`; None for another pipeline."""
    steps = list(pipeline.named_steps.items())
    if len(steps) != 2 or steps[0][0] != "features" or steps[1][0] != "clf":
        return None
    union, clf = steps[0][1], steps[1][1]
    if (type(union) is not FeatureUnion or union.transformer_weights
            or any(isinstance(step, str) for _, step in union.transformer_list)):
        return None
    if type(clf) is LogisticRegression and len(clf.classes_) > 2:
        return np.ascontiguousarray(clf.coef_.T, dtype=np.float64), clf.intercept_, True
    if (type(clf) is OneVsRestClassifier and clf.multilabel_ and len(clf.estimators_) > 1
            and all(type(e) is LogisticRegression and e.coef_.shape[0] == 1
                    for e in clf.estimators_)):
        coef = np.ascontiguousarray(np.vstack([e.coef_ for e in clf.estimators_]).T,
                                    dtype=np.float64)
        return coef, np.hstack([np.ravel(e.intercept_) for e in clf.estimators_]), False
    return None


def model_table(table: pl.DataFrame, reads: Sequence[str] = ()) -> pl.DataFrame:
    """Return what the model reads of a score table: ``text``, its ``tokens``, and the columns
    ``reads`` (see :func:`declared_columns`) that ``table`` holds, so the word and character
    n-gram steps tokenise once and the cue step reads the extractors' counts."""
    kept = [c for c in reads if c in table.columns and c not in ("text", "tokens")]
    text = table["text"].cast(pl.String).fill_null("")
    return pl.DataFrame([text, token_lists(text)]).hstack(table.select(kept).get_columns())


def declared_columns(pipeline: Pipeline) -> tuple[str, ...]:
    """Return the score-table columns the steps of ``pipeline``'s feature union declare they
    read (a step's ``reads()``, as :class:`workbench.model.ngrams.CueRates` has)."""
    union = pipeline.named_steps.get("features")
    steps = getattr(union, "transformer_list", [])
    return tuple(c for _, step in steps if hasattr(step, "reads") for c in step.reads())


MODEL_BATCH = 4096
"""Rows the frame model scores at a time in :func:`frame_scores`: bulk chunks several times
larger (which make the extractors' regexes cheaper) hold one batch of its sparse matrices, not
a chunk's (measured in docs/scaling.md, section "model/classifier.py")."""


def frame_scores(model: FrameModel, table: pl.DataFrame) -> pl.DataFrame:
    """Return ``frame_<label>`` probabilities, ``frame_primary``, ``frame_confidence`` and
    ``frame_confident``, one row per row of ``table`` (its ``text`` column).

    ``frame_primary`` is the most probable label and ``frame_confidence`` its probability;
    ``frame_confident`` is whether that reaches the model's calibrated abstention threshold
    (:mod:`workbench.model.confidence`); when it is false the paragraph has no clear frame.
    Rows are scored :data:`MODEL_BATCH` at a time (each row's numbers do not depend on it).
    """
    reads = declared_columns(model.pipeline)
    parts = [model.predict_proba(model_table(table.slice(start, MODEL_BATCH), reads))
             for start in range(0, table.height, MODEL_BATCH)]
    proba = np.vstack(parts) if parts else np.zeros((0, len(model.labels)))
    columns = [pl.Series(f"frame_{label}", proba[:, j], dtype=pl.Float64)
               for j, label in enumerate(model.labels)]
    if len(proba):
        best = proba.argmax(axis=1)
        primary = [model.labels[i] for i in best]
        confidence = proba[np.arange(len(proba)), best]
    else:
        primary, confidence = [], np.zeros(0)
    confident = confidence >= min_confidence(model)
    return pl.DataFrame([*columns, pl.Series(FRAME_PRIMARY, primary, dtype=pl.String),
                         pl.Series(FRAME_CONFIDENCE, confidence, dtype=pl.Float64),
                         pl.Series(FRAME_CONFIDENT, confident, dtype=pl.Boolean)])


def label_weights(model: FrameModel, label: str) -> np.ndarray:
    """Return the coefficient of every feature towards ``label`` (log-odds per unit)."""
    clf = model.pipeline.named_steps["clf"]
    j = model.labels.index(label)
    if isinstance(clf, OneVsRestClassifier):
        return np.ravel(clf.estimators_[j].coef_)
    if clf.coef_.shape[0] == 1:  # binary: one row, for the second class
        return np.ravel(clf.coef_) * (1 if j == 1 else -1)
    return clf.coef_[j]


def explain(model: FrameModel, text: str, k: int = 8) -> list[tuple[str, float]]:
    """Return the ``k`` terms of ``text`` that push most towards its primary frame.

    A contribution is feature value times coefficient. Word n-grams are reported as they
    are; each character n-gram's contribution is shared among the words of ``text`` that
    contain it, and added to those words; framing-cue rates appear as ``<frame> cues``.

    Examples
    --------
    >>> from workbench.model.train import train
    >>> texts = ["Taxes and wages rose.", "Jobs, wages and taxes.", "The court ruled on the law.",
    ...          "Judges struck down the law."] * 2
    >>> model = train(texts, ["economic", "economic", "legality", "legality"] * 2, cv=2).model
    >>> [term for term, _ in explain(model, "Wages fell as taxes rose.", k=3)]
    ['taxes', 'wages', 'rose']
    """
    if not isinstance(text, str):
        raise TypeError(f"explain expected one paragraph (str), got {type(text).__name__}")
    proba = model.predict_proba([text])[0]
    label = model.labels[int(proba.argmax())]
    weights = label_weights(model, label)
    union = model.pipeline.named_steps["features"]
    row = union.transform([text]).tocsr()
    contributions: dict[str, float] = {}
    offset = 0
    tokens = pl.Series([text.lower()]).str.extract_all(TOKEN)[0].to_list()
    for name, step in union.transformer_list:
        width = len(step.get_feature_names_out())
        part = row[:, offset:offset + width]
        values = dict(zip(part.indices.tolist(), (part.data * weights[offset + part.indices])
                          .tolist(), strict=True))
        offset += width
        if name == "cues":
            for j, value in values.items():
                _add(contributions, f"{step.frames_[j]} cues", value)
        elif step.analyzer == "word":
            for j, value in values.items():
                _add(contributions, step.terms_[j], value)
        else:
            _share_char_grams(contributions, step, tokens, values)
    ranked = sorted(contributions.items(), key=lambda kv: (-kv[1], kv[0]))
    return [(term, round(value, 6)) for term, value in ranked[:k] if value > 0]


def _add(totals: dict[str, float], key: str, value: float) -> None:
    totals[key] = totals.get(key, 0.0) + value


def _share_char_grams(totals: dict[str, float], step: Ngrams, tokens: list[str],
                      values: dict[int, float]) -> None:
    """Share each character n-gram's contribution among the tokens holding it."""
    if not tokens or not values:
        return
    column = {step.terms_[j]: j for j in values}
    grams = token_char_grams(pl.Series(sorted(set(tokens)), dtype=pl.String),
                             tuple(step.ngram_range))
    counts = {t: tokens.count(t) for t in set(tokens)}
    held: dict[str, dict[str, int]] = {}  # n-gram -> token -> occurrences via that token
    for tok, term in grams.filter(pl.col("term").is_in(list(column))).iter_rows():
        per_token = held.setdefault(term, {})
        per_token[tok] = per_token.get(tok, 0) + counts[tok]
    for term, per_token in held.items():
        total = sum(per_token.values())
        for tok, n in per_token.items():
            _add(totals, tok, values[column[term]] * n / total)
