"""Paragraph length: words and sentences, the denominators of every rate."""

from __future__ import annotations

import polars as pl

from workbench.features._base import TextFeatures


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
    reads = ("text", "n_words", "n_sentences", "sentence_starts", "sentence_ends")

    def __init__(self) -> None:
        pass

    def _compile(self) -> None:
        self.compiled_ = True

    def _summarise(self, prepared: pl.DataFrame) -> pl.DataFrame:
        return prepared.select("n_words", "n_sentences")

    def cue_lists(self, prepared: pl.DataFrame) -> list[list[dict]]:
        """Return the sentences as cues of kind ``sentence``, row by row."""
        rows = prepared.select("text", "sentence_starts", "sentence_ends").iter_rows()
        return [[{"text": text[a:b], "start": a, "end": b, "kind": "sentence"}
                 for a, b in zip(starts, ends, strict=True)] for text, starts, ends in rows]
