"""The preparation step: columns several extractors read, added to the table once.

``score()`` prepares the paragraphs once and hands the prepared table to every extractor;
each extractor declares the columns it reads (``reads``), and an extractor given plain
paragraphs prepares just those itself. The prepared texts keep the text's offsets, so a
match found in ``lower`` is a span of ``text``.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import polars as pl
import pyarrow as pa

from workbench.features._expressions import n_words_expr
from workbench.text.segment import fresh_sentence_spans

PREPARED = ("text", "lower", "n_words", "n_sentences", "sentence_starts", "sentence_ends")
"""Every column :func:`prepare` can add, in order."""


def lower_expr(text: pl.Expr) -> pl.Expr:
    """Lower-cased ``text`` with every character at its offset: ``İ`` (whose lower case is
    two characters) becomes ``i`` first; every other lower case is one character.

    Examples
    --------
    >>> pl.select(lower_expr(pl.lit("İSTANBUL Said"))).item()
    'istanbul said'
    """
    return text.str.replace_all("İ", "i", literal=True).str.to_lowercase()


def prepare(texts: pl.Series, columns: Iterable[str] = PREPARED) -> pl.DataFrame:
    """Return the prepared table of ``texts`` (paragraph strings, nulls as ``""``): ``text``
    and those of ``columns`` asked for (see :data:`PREPARED`).

    Examples
    --------
    >>> prepare(pl.Series(["It MIGHT rain. Or not."]), ["lower", "n_sentences"]).row(0)
    ('It MIGHT rain. Or not.', 'it might rain. or not.', 2)
    """

    wanted = set(columns)
    unknown = wanted - set(PREPARED)
    if unknown:
        raise ValueError(f"unknown prepared column(s) {sorted(unknown)}; expected {PREPARED}")
    text = texts.cast(pl.String).fill_null("").alias("text")
    frame = pl.DataFrame({"text": text})
    made = {"lower": lower_expr(pl.col("text")), "n_words": n_words_expr("text")}
    frame = frame.with_columns(v.alias(k) for k, v in made.items() if k in wanted)
    if wanted & {"n_sentences", "sentence_starts", "sentence_ends"}:
        frame = frame.with_columns(sentence_columns(
            [fresh_sentence_spans(t) for t in text.to_list()]))
    return frame.select(c for c in PREPARED if c == "text" or c in wanted)


def sentence_columns(spans: list[list[tuple[int, int]]]) -> list[pl.Series]:
    """Return ``n_sentences``, ``sentence_starts`` and ``sentence_ends`` of per-paragraph
    sentence spans (list columns built from flat arrays: from Python lists they cost as
    much as Punkt itself).

    Examples
    --------
    >>> [s.to_list() for s in sentence_columns([[(0, 5), (6, 9)], []])]
    [[2, 0], [[0, 6], []], [[5, 9], []]]
    """
    counts = np.fromiter((len(s) for s in spans), dtype=np.int32, count=len(spans))
    offsets = pa.array(np.concatenate([[0], np.cumsum(counts)]).astype(np.int32))
    flat = np.fromiter((x for s in spans for pair in s for x in pair), dtype=np.int32,
                       count=2 * int(counts.sum())).reshape(-1, 2)
    return [pl.Series("n_sentences", counts, dtype=pl.Int32), *(
        pl.Series(name, pa.ListArray.from_arrays(offsets, pa.array(flat[:, j])))
        for j, name in enumerate(("sentence_starts", "sentence_ends")))]


def is_prepared(X: object, columns: Iterable[str]) -> bool:
    """Whether ``X`` is a prepared table holding ``columns``."""
    return isinstance(X, pl.DataFrame) and "text" in X.columns and set(columns) <= set(X.columns)
