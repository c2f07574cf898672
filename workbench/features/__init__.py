"""Feature extractors: scikit-learn transformers from paragraphs to polars frames."""

from __future__ import annotations

from collections.abc import Sequence

from sklearn.compose import ColumnTransformer

from workbench.features._base import TextFeatures
from workbench.features.attribution import AttributionFeatures
from workbench.features.framing import FramingCues
from workbench.features.hedging import HedgingFeatures
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


def make_features(names: Sequence[str] | None = None) -> ColumnTransformer:
    """Return a ColumnTransformer running the named extractors on the ``text`` column.

    Output columns keep the extractors' own names (``hedge_count``, not
    ``hedging__hedge_count``): these are the export schema's names.
    """
    chosen = list(names) if names is not None else list(EXTRACTORS)
    unknown = [n for n in chosen if n not in EXTRACTORS]
    if unknown:
        raise ValueError(f"unknown extractor(s) {unknown}; expected some of {list(EXTRACTORS)}")
    return ColumnTransformer(
        [(name, EXTRACTORS[name](), "text") for name in chosen],
        verbose_feature_names_out=False,
    ).set_output(transform="polars")


__all__ = [
    "EXTRACTORS", "CUE_COLUMNS", "AttributionFeatures", "FramingCues", "HedgingFeatures",
    "TextFeatures", "TextStats", "make_features",
]
