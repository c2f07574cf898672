"""The preparation step: columns several extractors read, added to the table once.

``score()`` prepares the paragraphs once and hands the prepared table to every extractor;
each extractor declares the columns it reads (``reads``), and an extractor given plain
paragraphs prepares just those itself. The prepared texts keep the text's offsets, so a
match found in ``lower`` is a span of ``text``.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from workbench.segment import fresh_sentence_spans

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
    from workbench.features._base import n_words_expr

    wanted = set(columns)
    unknown = wanted - set(PREPARED)
    if unknown:
        raise ValueError(f"unknown prepared column(s) {sorted(unknown)}; expected {PREPARED}")
    text = texts.cast(pl.String).fill_null("").alias("text")
    frame = pl.DataFrame({"text": text})
    made = {"lower": lower_expr(pl.col("text")), "n_words": n_words_expr("text")}
    frame = frame.with_columns(v.alias(k) for k, v in made.items() if k in wanted)
    if wanted & {"n_sentences", "sentence_starts", "sentence_ends"}:
        spans = [fresh_sentence_spans(t) for t in text.to_list()]
        frame = frame.with_columns(
            n_sentences=pl.Series([len(s) for s in spans], dtype=pl.Int32),
            sentence_starts=pl.Series([[a for a, _ in s] for s in spans],
                                      dtype=pl.List(pl.Int32)),
            sentence_ends=pl.Series([[b for _, b in s] for s in spans], dtype=pl.List(pl.Int32)),
        )
    return frame.select(c for c in PREPARED if c == "text" or c in wanted)


def is_prepared(X: object, columns: Iterable[str]) -> bool:
    """Whether ``X`` is a prepared table holding ``columns``."""
    return isinstance(X, pl.DataFrame) and "text" in X.columns and set(columns) <= set(X.columns)
