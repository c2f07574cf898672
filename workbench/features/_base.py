"""The shared scikit-learn contract of every extractor, and polars helpers they use."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import polars as pl
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from workbench import lexicons
from workbench.errors import bad_option_message, single_str_message
from workbench.features.matcher import Matcher
from workbench.features.prepare import is_prepared, prepare


def texts_series(X: object, owner: str) -> pl.Series:
    """Return ``X`` (paragraph strings) as a polars String Series, nulls as ``""``."""
    if isinstance(X, str):
        raise TypeError(single_str_message(owner))
    if isinstance(X, pl.DataFrame):
        if X.width > 1 and "text" in X.columns:  # a prepared table
            X = X.select("text")
        if X.width != 1:
            raise ValueError(f"{owner} expected one text column, got {X.width}: {X.columns}")
        X = X.to_series()
    if isinstance(X, pl.Series):
        series = X.cast(pl.String)
    else:
        if hasattr(X, "to_numpy") and getattr(X, "ndim", 1) == 2:
            X = np.asarray(X).ravel()
        items = list(X) if isinstance(X, Iterable) else None
        if items is None:
            raise TypeError(f"{owner} expected an iterable of paragraphs, got {type(X).__name__}")
        series = pl.Series("text", [None if v is None else str(v) for v in items], pl.String)
    return series.fill_null("").alias("text")


def resolve_terms(value: str | tuple[str, ...], param: str) -> tuple[str, ...]:
    """Return the terms of a lexicon parameter: a shipped lexicon's name, or a tuple."""
    if isinstance(value, str):
        if value not in lexicons.names():
            raise ValueError(bad_option_message(param, value, lexicons.names()))
        return lexicons.load(value)
    if isinstance(value, tuple | list) and all(isinstance(t, str) for t in value):
        return tuple(t.strip().lower() for t in value if t.strip())
    raise ValueError(bad_option_message(param, value, "a lexicon name or a tuple of terms"))


class StringInput:
    """Mixin: scikit-learn tags of an estimator that takes a 1-D sequence of strings."""

    def __sklearn_tags__(self):  # noqa: D105
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        return tags


class TextFeatures(StringInput, TransformerMixin, BaseEstimator):
    """Base of every extractor: paragraphs in, a polars frame of named features out.

    Subclasses set ``feature_names`` and ``reads`` (the prepared columns they read, see
    :mod:`workbench.features.prepare`) and implement ``_compile`` (derive fitted state from
    parameters), ``_summarise(prepared) -> pl.DataFrame`` and ``cue_lists(prepared)``.
    ``transform`` takes paragraphs (prepared here) or a prepared table holding ``reads``.
    """

    feature_names: tuple[str, ...] = ()
    reads: tuple[str, ...] = ("text",)

    def fit(self, X: object, y: object = None) -> TextFeatures:
        """Validate parameters and compile the patterns; learns nothing from ``X``."""
        texts_series(X, type(self).__name__)
        self._compile()
        self.n_features_out_ = len(self.feature_names)
        return self

    def transform(self, X: object) -> pl.DataFrame:
        """Return one row of features per paragraph, columns as ``get_feature_names_out``."""
        check_is_fitted(self)
        out = self._summarise(self.prepared(X))
        return out.select(self.feature_names)

    def prepared(self, X: object) -> pl.DataFrame:
        """Return ``X`` if it is a prepared table holding :attr:`reads`, else the prepared
        table of the paragraphs ``X``."""
        if is_prepared(X, self.reads):
            return X
        return prepare(texts_series(X, type(self).__name__), self.reads)

    def get_feature_names_out(self, input_features: object = None) -> np.ndarray:
        """Return the output column names."""
        return np.asarray(self.feature_names, dtype=object)

    def cues(self, text: str) -> list[dict]:
        """Return the cues found in one paragraph, each with ``start``/``end`` offsets."""
        check_is_fitted(self)
        return self.cue_lists(prepare(pl.Series([text], dtype=pl.String), self.reads))[0]

    def _compile(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _summarise(self, prepared: pl.DataFrame) -> pl.DataFrame:  # pragma: no cover
        raise NotImplementedError

    def cue_lists(self, prepared: pl.DataFrame) -> list[list[dict]]:  # pragma: no cover
        """Return the cues of every row of a prepared table, sorted by offset."""
        raise NotImplementedError


def cue_dicts(matcher: Matcher, prepared: pl.DataFrame, **extra: object
              ) -> list[list[dict]]:
    """Return ``matcher``'s spans in every row of ``prepared`` as cue dicts: ``text`` (the
    paragraph's own characters), ``start``, ``end``, ``kind`` and ``extra``."""
    texts = prepared["text"].to_list()
    return [[{"text": texts[row][a:b], "start": a, "end": b, "kind": matcher.kind, **extra}
             for a, b, _ in found] for row, found in enumerate(matcher.spans(prepared))]


def merged(*lists: list[list[dict]]) -> list[list[dict]]:
    """Return the cue lists of several matchers row by row, sorted by ``(start, end)``."""
    return [sorted((c for part in row for c in part), key=lambda c: (c["start"], c["end"]))
            for row in zip(*lists, strict=True)]
