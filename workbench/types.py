"""Type aliases and ``Literal`` option types shared across the package."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import polars as pl

Texts = Iterable[str] | pl.Series
"""Paragraph texts: any iterable of ``str``, or a polars string Series."""

Granularity = Literal["paragraph", "article"]
"""Rows of an export: one per paragraph, or one per article."""

ParagraphKind = Literal["body", "heading", "boilerplate"]
"""What a paragraph is: the article's own prose, a sub-heading, or page furniture."""

OutputFormat = Literal["csv", "parquet"]
