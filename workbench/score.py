"""Score articles: the per-paragraph table with every feature, and article-level figures."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

import polars as pl

from workbench.features import CUE_COLUMNS, EXTRACTORS, make_features
from workbench.io.articles import Article
from workbench.schema import (
    FRAME_CONFIDENT,
    frame_cue_columns,
    frame_label,
    frame_probability_columns,
)
from workbench.text.segment import to_frame

SUM_COLUMNS = (
    "n_words", "n_sentences", "hedge_count", "hedge_quoted_count", "booster_count",
    "attribution_count", "named_source_count", "anonymous_source_count", "direct_quote_count",
)


def score(articles: Iterable[Article] | pl.DataFrame, *, model: object | None = None,
          cues: bool = True, extractors: Sequence[str] | None = None) -> pl.DataFrame:
    """Return the per-paragraph table: identity columns, every feature, and optionally cues.

    Parameters
    ----------
    articles : iterable of Article, or a table from :func:`workbench.text.segment.to_frame`
    model : a fitted frame model (:func:`workbench.model.load_model`), optional
        Adds ``frame_<label>`` probabilities, ``frame_primary``, ``frame_confidence`` and
        ``frame_confident`` (false: below the model's calibrated threshold, no clear frame).
    cues : bool
        Add ``hedge_cues``, ``attribution_cues`` and ``frame_cues``: JSON lists of
        ``{"text", "start", "end", "kind", ...}`` with character offsets into ``text``.
        Leave off for bulk scoring; counts do not depend on it.
    """
    table = articles if isinstance(articles, pl.DataFrame) else to_frame(articles)
    features = make_features(extractors)
    prepared = features.named_steps["prepare"].fit_transform(table["text"])
    values = features.named_steps["extract"].fit_transform(prepared)
    table = table.hstack(values)
    if model is not None:
        from workbench.model import frame_scores

        table = table.hstack(frame_scores(model, table))
    if cues:
        table = table.with_columns(cue_columns(prepared, features))
    return table


def cue_columns(prepared: pl.DataFrame, features: object) -> list[pl.Series]:
    """Return one JSON cue column per extractor that has one, for the rows of the prepared
    table ``prepared`` (from the ``prepare`` step of :func:`workbench.features.make_features`,
    fitted as ``features``)."""
    fitted = dict(features.named_steps["extract"].named_transformers_)
    out = []
    for name, column in CUE_COLUMNS.items():
        if name in fitted:
            found = fitted[name].cue_lists(prepared)
            values = [json.dumps(cues, ensure_ascii=False) for cues in found]
            out.append(pl.Series(column, values, dtype=pl.String))
    return out


def parse_cues(cell: str | None) -> list[dict]:
    """Return the cue list held in one cue cell (the inverse of the JSON export).

    Examples
    --------
    >>> parse_cues('[{"text": "said", "start": 4, "end": 8, "kind": "cue"}]')[0]["end"]
    8
    """
    return json.loads(cell) if cell else []


ARTICLE_KEYS = ("article_id", "outlet", "title", "date", "url")
"""Columns that identify an article: rows that agree on all of them are one article."""


def summarise_articles(table: pl.DataFrame) -> pl.DataFrame:
    """Return one row per article from a scored table, boilerplate and headings excluded.

    Rates are recomputed from summed counts (hedges per 100 words of the article, not the
    mean of paragraph rates); frame probabilities are averaged weighted by words, and
    ``n_confident_paragraphs`` counts the paragraphs with a clear frame (``frame_confident``).
    Paragraphs of one article (same :data:`ARTICLE_KEYS`) are merged wherever they stand.
    """
    return finish_summary(article_sums(table))


def article_sums(table: pl.DataFrame) -> pl.DataFrame:
    """Return the sums behind :func:`summarise_articles`, one row per article; sums of parts
    of a table, stacked, add up with :func:`merge_sums` to the sums of the whole."""
    body = table.filter(~pl.col("is_boilerplate"))
    sums = [pl.col(c).sum() for c in SUM_COLUMNS if c in body.columns]
    frame_cues = [pl.col(c).sum() for c in frame_cue_columns(body.columns)]
    probs = frame_probability_columns(body.schema)
    confident = [pl.col(FRAME_CONFIDENT).sum().cast(pl.UInt32).alias("n_confident_paragraphs")
                 ] if FRAME_CONFIDENT in body.columns else []
    weighted = [(pl.col(c) * pl.col("n_words")).sum().alias(c) for c in probs]
    return (
        body.group_by(ARTICLE_KEYS, maintain_order=True)
        .agg(
            pl.len().alias("n_paragraphs"),
            *sums,
            (pl.col("hedged_sentence_share") * pl.col("n_sentences")).sum().alias("_hedged"),
            (pl.col("quoted_word_share") * pl.col("n_words")).sum().alias("_quoted"),
            *frame_cues,
            *confident,
            *weighted,
        )
    )


def merge_sums(parts: Sequence[pl.DataFrame]) -> pl.DataFrame:
    """Add up :func:`article_sums` of parts of one table, article by article, in order."""
    stacked = pl.concat(parts, how="vertical")
    return stacked.group_by(ARTICLE_KEYS, maintain_order=True).agg(
        pl.exclude(ARTICLE_KEYS).sum())


def finish_summary(sums: pl.DataFrame) -> pl.DataFrame:
    """Turn :func:`article_sums` into the figures of :func:`summarise_articles`."""
    probs = frame_probability_columns(sums.schema)
    words = pl.max_horizontal(pl.col("n_words"), 1)
    sentences = pl.max_horizontal(pl.col("n_sentences"), 1)
    sources = pl.col("named_source_count") + pl.col("anonymous_source_count")
    summary = sums.with_columns(
        [pl.col(c) / words for c in probs]
    ).with_columns(
        hedge_per_100w=pl.col("hedge_count") * 100 / words,
        booster_per_100w=pl.col("booster_count") * 100 / words,
        hedged_sentence_share=pl.col("_hedged") / sentences,
        attribution_per_sentence=pl.col("attribution_count") / sentences,
        anonymous_source_share=pl.when(sources > 0)
        .then(pl.col("anonymous_source_count") / sources).otherwise(0.0),
        direct_quote_share=pl.when(pl.col("attribution_count") > 0)
        .then(pl.min_horizontal(pl.col("direct_quote_count") / pl.col("attribution_count"), 1.0))
        .otherwise(0.0),
        quoted_word_share=pl.col("_quoted") / words,
    ).drop("_hedged", "_quoted")
    if probs:
        labels = {i: frame_label(c) for i, c in enumerate(probs)}
        summary = summary.with_columns(
            frame_primary=pl.concat_list(probs).list.arg_max()
            .replace_strict(labels, return_dtype=pl.String),
        )
    return summary


def feature_columns() -> list[str]:
    """Return the names of every feature column, in table order."""
    return [n for cls in EXTRACTORS.values() for n in cls().fit([""]).get_feature_names_out()]
