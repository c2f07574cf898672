"""Compare how news outlets hedge, attribute and frame the same story, paragraph by paragraph.

Examples
--------
>>> from workbench import score, segment
>>> table = score(segment.to_frame([]))
>>> table.height
0
"""

from __future__ import annotations

from workbench import segment
from workbench.errors import InputError, ModelError, WorkbenchError
from workbench.export import read_table, write_table
from workbench.features import (
    AttributionFeatures,
    FramingCues,
    HedgingFeatures,
    TextStats,
    make_features,
)
from workbench.ingest import Article, read_articles, read_file
from workbench.score import parse_cues, score, summarise_articles

__all__ = [
    "Article", "AttributionFeatures", "FramingCues", "HedgingFeatures", "InputError",
    "ModelError", "TextStats", "WorkbenchError", "make_features", "parse_cues", "read_articles",
    "read_file", "read_table", "score", "segment", "summarise_articles", "write_table",
]
