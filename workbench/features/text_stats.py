"""Paragraph length: words and sentences, the denominators of every rate."""

from __future__ import annotations

import polars as pl

from workbench.features._base import TextFeatures
from workbench.features._shared import shared_text
from workbench.text.segment import sentence_spans


class TextStats(TextFeatures):
    """Count words and sentences (NLTK Punkt with the project's abbreviations).

    Examples
    --------
    >>> TextStats().fit_transform(["Mr. Lee spoke. He left.", ""])
    shape: (2, 2)
    ┌─────────┬─────────────┐
    │ n_words ┆ n_sentences │
    │ ---     ┆ ---         │
    │ i32     ┆ i32         │
    ╞═════════╪═════════════╡
    │ 5       ┆ 2           │
    │ 0       ┆ 0           │
    └─────────┴─────────────┘
    """

    feature_names = ("n_words", "n_sentences")

    def __init__(self) -> None:
        pass

    def _compile(self) -> None:
        self.compiled_ = True

    def _summarise(self, texts: pl.Series) -> pl.DataFrame:
        shared = shared_text(texts)
        return pl.DataFrame({"n_words": shared.n_words(), "n_sentences": shared.n_sentences()})

    def cues(self, text: str) -> list[dict]:
        """Return the sentences as cues of kind ``sentence``."""
        return [{"text": text[a:b], "start": a, "end": b, "kind": "sentence"}
                for a, b in sentence_spans(text)]
