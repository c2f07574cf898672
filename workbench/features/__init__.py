"""Feature extractors: scikit-learn transformers from paragraphs to polars frames."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.compose import ColumnTransformer
from sklearn.pipeline import Pipeline

from workbench.features._base import StringInput, TextFeatures, texts_series
from workbench.features.attribution import AttributionFeatures
from workbench.features.framing import FramingCues
from workbench.features.hedging import HedgingFeatures
from workbench.features.prepare import PREPARED, prepare
from workbench.features.text_stats import TextStats

EXTRACTORS: dict[str, type[TextFeatures]] = {
    "text": TextStats,
    "hedging": HedgingFeatures,
    "attribution": AttributionFeatures,
    "framing": FramingCues,
}
"""Extractor name to class; the order is the column order of the score table."""

CUE_COLUMNS: dict[str, str] = {
    "hedging": "hedge_cues",
    "attribution": "attribution_cues",
    "framing": "frame_cues",
}
"""Extractor name to the score-table column holding its cues (JSON list of spans)."""


class Preparation(StringInput, TransformerMixin, BaseEstimator):
    """The preparation step as a transformer: paragraphs (or a one-column ``text`` table) to
    the prepared table of :func:`workbench.features.prepare.prepare`.

    Parameters
    ----------
    columns : tuple of str
        The prepared columns to add (see :data:`~workbench.features.prepare.PREPARED`).
    """

    def __init__(self, *, columns: tuple[str, ...] = PREPARED) -> None:
        self.columns = columns

    def fit(self, X: object, y: object = None) -> Preparation:
        """Check ``X``; learns nothing."""
        texts_series(X, type(self).__name__)
        self.n_features_in_ = 1
        return self

    def transform(self, X: object) -> pl.DataFrame:
        """Return the prepared table of the paragraphs ``X``."""
        return prepare(texts_series(X, type(self).__name__), self.columns)


def extract_features(names: Sequence[str] | None = None) -> ColumnTransformer:
    """Return a ColumnTransformer running the named extractors on a prepared table, each on
    the columns it declares (``reads``).

    Output columns keep the extractors' own names (``hedge_count``, not
    ``hedging__hedge_count``): these are the export schema's names.
    """
    chosen = list(names) if names is not None else list(EXTRACTORS)
    unknown = [n for n in chosen if n not in EXTRACTORS]
    if unknown:
        raise ValueError(f"unknown extractor(s) {unknown}; expected some of {list(EXTRACTORS)}")
    return ColumnTransformer(
        [(name, EXTRACTORS[name](), list(EXTRACTORS[name].reads)) for name in chosen],
        verbose_feature_names_out=False,
    ).set_output(transform="polars")


def make_features(names: Sequence[str] | None = None) -> Pipeline:
    """Return the preparation step and the named extractors as one pipeline: paragraphs (a
    ``text`` column) in, feature columns out.

    Examples
    --------
    >>> make_features(["text"]).fit_transform(pl.DataFrame({"text": ["Rain. Sun."]})).row(0)
    (2, 2)
    """
    extract = extract_features(names)
    needed = {c for _, extractor, _ in extract.transformers for c in extractor.reads}
    return Pipeline([("prepare", Preparation(columns=tuple(c for c in PREPARED if c in needed))),
                     ("extract", extract)])


__all__ = [
    "EXTRACTORS", "CUE_COLUMNS", "AttributionFeatures", "FramingCues", "HedgingFeatures",
    "Preparation", "TextFeatures", "TextStats", "extract_features", "make_features",
]
