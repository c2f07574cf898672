"""Reading corpora and scored tables for corpus analysis, and describing stories.

:func:`grouping_input` turns either a corpus (one article per row, ``text``) or a scored
table (one row per paragraph) into one row per article with its text; :func:`article_measures`
turns a scored table into one row per article with its measures; :func:`story_table` adds each
story's outlets, dates and top terms to the article-to-story groups.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl
from sklearn.feature_extraction.text import TfidfVectorizer

from workbench.io.corpus import read_corpus_frame
from workbench.io.tables import read_table
from workbench.score import summarise_articles

KEYS = ("article_id", "outlet", "title", "date")


def is_paragraph_table(frame: pl.DataFrame) -> bool:
    """Return whether ``frame`` is a per-paragraph scored table."""
    return "paragraph_index" in frame.columns and "article_id" in frame.columns


def grouping_input(frame: pl.DataFrame) -> pl.DataFrame:
    """Return ``article_id, text`` (and ``outlet, title, date`` when present), one row per
    article, from a corpus frame or a per-paragraph table."""
    if is_paragraph_table(frame):
        keys = [c for c in KEYS if c in frame.columns]
        body = frame.filter(~pl.col("is_boilerplate")) if "is_boilerplate" in frame else frame
        return body.group_by(keys, maintain_order=True).agg(pl.col("text").str.join("\n"))
    if "article_id" not in frame.columns:
        ids = frame["id"].cast(pl.String) if "id" in frame.columns else pl.Series(
            [str(i) for i in range(frame.height)])
        frame = frame.with_columns(ids.alias("article_id"))
    keep = ["article_id", "text", *[c for c in KEYS[1:] if c in frame.columns]]
    return frame.select(pl.col(c).cast(pl.String) for c in keep)


def read_grouping_input(path: str | Path) -> pl.DataFrame:
    """Read a corpus (``.jsonl .csv .parquet``) or a scored table for grouping."""
    path = Path(path)
    try:
        frame = read_table(path)
        if not is_paragraph_table(frame):
            frame = read_corpus_frame(path)
    except Exception:  # a JSONL corpus, or a CSV read_table cannot type
        frame = read_corpus_frame(path)
    return grouping_input(frame)


def article_measures(frame: pl.DataFrame) -> pl.DataFrame:
    """Return one row per article with its measures (a scored paragraph table is summarised;
    an article table is returned as it is)."""
    return summarise_articles(frame) if is_paragraph_table(frame) else frame


def story_table(articles: pl.DataFrame, groups: pl.DataFrame, *, top_terms: int = 6
                ) -> pl.DataFrame:
    """Return the groups with, per article, its story's ``n_articles, outlets, first_date,
    last_date, top_terms`` (the story's highest TF-IDF words over its articles' titles and
    leads)."""
    meta = [c for c in ("outlet", "date", "title") if c in articles.columns]
    joined = groups.join(articles.select("article_id", "text", *meta), on="article_id",
                         how="left")
    lead = pl.col("text").fill_null("").str.slice(0, 600)
    if "title" in joined.columns:
        lead = pl.col("title").fill_null("") + " " + lead
    docs = joined.group_by("story_id", maintain_order=True).agg(lead.str.join(" ").alias("d"))
    vec = TfidfVectorizer(stop_words="english", max_features=50_000, sublinear_tf=True,
                          token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z'-]{2,}\b")
    matrix = vec.fit_transform(docs["d"].to_list()).tocsr()
    vocab = np.asarray(vec.get_feature_names_out())
    terms = []
    for i in range(matrix.shape[0]):
        row = matrix.getrow(i)
        best = row.indices[np.argsort(-row.data, kind="stable")[:top_terms]]
        terms.append(", ".join(vocab[best]))
    aggs = [pl.len().alias("n_articles")]
    if "outlet" in joined.columns:
        aggs.append(pl.col("outlet").drop_nulls().unique().sort().str.join(", ").alias("outlets"))
    if "date" in joined.columns:
        aggs += [pl.col("date").min().alias("first_date"), pl.col("date").max().alias("last_date")]
    per_story = (joined.group_by("story_id").agg(*aggs)
                 .join(docs.select("story_id").with_columns(top_terms=pl.Series(terms)),
                       on="story_id"))
    return joined.drop("text").join(per_story, on="story_id", how="left").sort(
        "story_id", maintain_order=True)
