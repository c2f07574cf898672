"""Support for the dashboard (``app.py``): articles in, scored tables and downloads out.

Nothing here imports Streamlit, so every function is testable on its own; ``app.py``
adds the widgets and the caching.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import polars as pl

from workbench.errors import InputError
from workbench.io.articles import Article, article_from_text, read_articles, read_file_bytes
from workbench.io.tables import neutralise_formulas
from workbench.schema import column_label, frame_probability_columns
from workbench.score import score, summarise_articles

MAX_UPLOAD_MB = 20
"""Largest upload the dashboard reads (also ``server.maxUploadSize`` in .streamlit/config.toml)."""

MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 2**20

MAX_ARTICLES_PER_UPLOAD = 500
"""Corpus rows beyond this are not offered for selection (the command line has no limit)."""

UPLOAD_TYPES = ("txt", "md", "markdown", "html", "htm", "jsonl", "ndjson", "csv")
"""File types accepted by the article uploader."""

DEFAULT_SEEDS = ("101_wire_named_sources", "102_anonymous_hedged")
"""Seed articles selected on first load, so that a comparison shows at once."""

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_filename(name: str, *, default: str = "upload") -> str:
    """Return ``name`` reduced to a bare, harmless file name (suffix kept).

    Directory parts (``/`` or ``\\``) are dropped, characters outside ``[A-Za-z0-9._-]``
    become ``_``, leading dots are removed and the stem is shortened to 80 characters.

    Examples
    --------
    >>> safe_filename("../../etc/passwd")
    'passwd'
    >>> safe_filename("C:\\\\Users\\\\me\\\\Trump <call>.TXT")
    'Trump_call.txt'
    >>> safe_filename("...")
    'upload'
    """
    base = re.split(r"[\\/]", name)[-1]
    base = _UNSAFE.sub("_", base).lstrip(".")
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = stem.strip("_")[:80] or default
    return f"{stem}.{suffix.lower()}" if suffix else stem


def read_upload(name: str, data: bytes, *, max_bytes: int = MAX_UPLOAD_BYTES
                ) -> tuple[list[Article], list[InputError]]:
    """Read the articles in one uploaded file; return them and any per-row problems.

    The bytes are read in memory (:func:`workbench.io.articles.read_file_bytes`) under a
    sanitised name; nothing is written anywhere.

    Raises
    ------
    InputError
        The file is too large, of an unsupported type, or unreadable.
    """
    safe = safe_filename(name)
    if len(data) > max_bytes:
        raise InputError(safe, f"the file is {len(data) / 2**20:.1f} MB; the dashboard reads up "
                         f"to {max_bytes / 2**20:.0f} MB (use `workbench score` for larger files)")
    suffix = safe.rpartition(".")[2].lower()
    if suffix not in UPLOAD_TYPES:
        raise InputError(safe, f"unsupported file type; expected one of {', '.join(UPLOAD_TYPES)}")
    errors: list[InputError] = []
    articles = read_file_bytes(safe, data, errors=errors)
    if len(articles) > MAX_ARTICLES_PER_UPLOAD:
        errors.append(InputError(safe, f"holds {len(articles)} articles; only the first "
                                 f"{MAX_ARTICLES_PER_UPLOAD} are offered here"))
        articles = articles[:MAX_ARTICLES_PER_UPLOAD]
    return articles, errors


def pasted_article(text: str, *, title: str = "", outlet: str = "") -> Article:
    """Return an article from pasted text, with the given title and outlet.

    Examples
    --------
    >>> a = pasted_article("First para.\\n\\nSecond.", title="My story", outlet="Daily")
    >>> a.article_id, a.title, a.outlet, a.paragraphs
    ('My_story', 'My story', 'Daily', ('First para.', 'Second.'))
    """
    if not text.strip():
        raise InputError("pasted text", "is empty; paste the article's paragraphs")
    meta = {k: v.strip() for k, v in (("title", title), ("outlet", outlet)) if v.strip()}
    article = article_from_text(text, source="pasted", meta=meta)
    slug = safe_filename(article.title, default="pasted").replace(".", "_")
    return dataclasses.replace(article, article_id=slug, source="pasted")


def seed_articles(folder: str | Path) -> tuple[dict[str, Article], list[InputError]]:
    """Return the articles of a seeds folder keyed ``seed:<article_id>``, and read errors."""
    result = read_articles([folder])
    return {f"seed:{a.article_id}": a for a in result.articles}, result.errors


def default_selection(keys: Sequence[str]) -> list[str]:
    """Return the keys selected on first load: the two default seeds, else the first two.

    Examples
    --------
    >>> default_selection(["seed:000", "seed:101_wire_named_sources",
    ...                    "seed:102_anonymous_hedged"])
    ['seed:101_wire_named_sources', 'seed:102_anonymous_hedged']
    >>> default_selection(["seed:a", "seed:b", "seed:c"])
    ['seed:a', 'seed:b']
    """
    wanted = [f"seed:{name}" for name in DEFAULT_SEEDS]
    if all(k in keys for k in wanted):
        return wanted
    return list(keys[:2])


def article_label(article: Article) -> str:
    """Return the one-line label of an article in the chooser.

    Examples
    --------
    >>> article_label(Article("a1", "Talks resume", ("x",), outlet="Wire"))
    'Talks resume — Wire (a1)'
    """
    outlet = f" — {article.outlet}" if article.outlet else ""
    return f"{article.title}{outlet} ({article.article_id})"


def article_hash(article: Article) -> str:
    """Return a hash of everything that decides an article's scores (cache key).

    The cache is shared by every session, so the encoding must be unambiguous: JSON keeps
    paragraph boundaries (a text holding NUL cannot pose as two paragraphs) and None apart
    from "".
    """
    parts = [article.article_id, article.title, article.outlet, article.date, article.url,
             list(article.paragraphs)]
    return hashlib.sha256(json.dumps(parts).encode("ascii")).hexdigest()


def unique_ids(articles: Iterable[Article]) -> list[Article]:
    """Return ``articles`` with repeated ``article_id``s made distinct (``id (2)``).

    Article-level figures group by the id, so two selected articles must never share one.
    """
    seen: dict[str, int] = {}
    out = []
    for article in articles:
        n = seen.get(article.article_id, 0) + 1
        seen[article.article_id] = n
        out.append(article if n == 1 else
                   dataclasses.replace(article, article_id=f"{article.article_id} ({n})"))
    return out


def score_article(article: Article, model: object | None = None) -> pl.DataFrame:
    """Return the per-paragraph table of one article, with cue columns (and model scores)."""
    return score([article], model=model, cues=True)


def combine(tables: Sequence[pl.DataFrame]) -> pl.DataFrame:
    """Stack per-article tables into the table ``workbench score`` writes for them all."""
    return pl.concat(list(tables), how="vertical")


def paragraph_csv(table: pl.DataFrame) -> bytes:
    """Return the per-paragraph CSV: the same bytes as ``workbench score ... --out x.csv``."""
    return neutralise_formulas(table).write_csv().encode("utf-8")


def summary_csv(table: pl.DataFrame) -> bytes:
    """Return the article CSV: the same bytes as ``workbench score ... --by article``."""
    return neutralise_formulas(summarise_articles(table)).write_csv().encode("utf-8")


def rows_of(table: pl.DataFrame, article_id: str) -> list[dict]:
    """Return the rows of one article of the score table, in paragraph order."""
    return table.filter(pl.col("article_id") == article_id).sort("paragraph_index").to_dicts()


def model_columns(table: pl.DataFrame) -> list[str]:
    """Return the frame-probability columns a model added (``frame_<label>``)."""
    return frame_probability_columns(table.schema)


def paragraph_scores(row: Mapping[str, object]) -> pl.DataFrame:
    """Return every numeric score of one paragraph as a two-column table of text: the
    measure's name (:func:`workbench.schema.column_label`) and its value (counts as
    integers, other figures to 3 significant digits).

    Examples
    --------
    >>> paragraph_scores({"text": "x", "n_words": 12, "hedge_per_100w": 8.333333}).rows()
    [('Words', '12'), ('Hedges per 100 words', '8.33')]
    """
    from workbench.dashboard.summary import figure_text

    items = [(column_label(k), figure_text(v)) for k, v in row.items()
             if isinstance(v, int | float) and not isinstance(v, bool) and k != "paragraph_index"]
    return pl.DataFrame(items, schema={"measure": pl.String, "value": pl.String}, orient="row")


def cue_terms(cues: Iterable[Mapping[str, object]]) -> pl.DataFrame:
    """Return a paragraph's frame cues counted by frame and term.

    Examples
    --------
    >>> cue_terms([{"text": "Taxes", "frame": "economic"},
    ...            {"text": "taxes", "frame": "economic"}]).rows()
    [('economic', 'taxes', 2)]
    """
    rows = [(str(c.get("frame", "")), str(c.get("text", "")).lower()) for c in cues]
    frame = pl.DataFrame(rows, schema={"frame": pl.String, "term": pl.String}, orient="row")
    return (frame.group_by("frame", "term").agg(pl.len().cast(pl.Int64).alias("count"))
            .sort(["count", "frame", "term"], descending=[True, False, False]))
