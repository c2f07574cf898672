"""The corpus page's logic: load or score a corpus, group stories, compare outlets, build the
charts, and hand a story's articles to the comparison page. No Streamlit here.

Examples
--------
>>> view = demo_corpus(n=24)
>>> sorted(view.articles["outlet"].unique().to_list())
['Alpha', 'Beta', 'Delta', 'Gamma']
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import polars as pl

from workbench.corpus.outlets import outlet_intervals
from workbench.corpus.stories import StoryGrouper
from workbench.corpus.synthetic import synthetic_articles
from workbench.corpus.tables import article_measures, grouping_input, is_paragraph_table
from workbench.errors import InputError
from workbench.io.articles import Article
from workbench.io.corpus import read_corpus_frame
from workbench.schema import (
    FRAME_PRIMARY,
    MFC_FRAMES,
    column_label,
    frame_cue_columns,
    frame_label,
)
from workbench.score import score

DEMO_OUTLETS = ("Alpha", "Beta", "Gamma", "Delta")
DEMO_HEDGING = (0.1, 0.45, 0.25, 0.25)
DEMO_ANONYMOUS = (0.05, 0.6, 0.3, 0.3)
"""The demo corpus's planted per-outlet hedge and unnamed-source rates."""


@dataclass
class CorpusView:
    """A scored corpus ready for the page: the paragraph table (when known), one row per
    article with its measures, and the story groups."""

    table: pl.DataFrame | None
    articles: pl.DataFrame
    stories: pl.DataFrame


def score_texts(corpus: pl.DataFrame, *, model: object | None = None, chunk: int = 25,
                progress: Callable[[float], None] | None = None) -> pl.DataFrame:
    """Score a corpus frame (``text`` and metadata) in chunks, reporting progress (0 to 1)."""
    rows = grouping_input(corpus)
    parts = []
    for start in range(0, rows.height, chunk):
        part = rows.slice(start, chunk)
        arts = [Article(article_id=r["article_id"], title=r.get("title") or r["article_id"],
                        paragraphs=tuple(p for p in r["text"].split("\n\n") if p.strip())
                        or (r["text"],), outlet=r.get("outlet"), date=r.get("date"))
                for r in part.iter_rows(named=True)]
        parts.append(score(arts, model=model))
        if progress is not None:
            progress(min(1.0, (start + chunk) / rows.height))
    return pl.concat(parts, how="diagonal_relaxed")


def build_view(table: pl.DataFrame, *, grouper: StoryGrouper | None = None) -> CorpusView:
    """Return the view of a scored table (paragraph or article rows; article rows need
    ``text`` to be grouped, else each article is its own story)."""
    articles = article_measures(table)
    if is_paragraph_table(table) or "text" in table.columns:
        groups = (grouper or StoryGrouper()).fit_predict(grouping_input(table))
    else:
        groups = pl.DataFrame({"article_id": articles["article_id"],
                               "story_id": range(articles.height)})
    return CorpusView(table if is_paragraph_table(table) else None, articles, groups)


def demo_corpus(n: int = 60, seed: int = 7, model: object | None = None) -> CorpusView:
    """Return the seeded synthetic demo corpus, scored and grouped."""
    arts = synthetic_articles(n, outlets=DEMO_OUTLETS, hedging=DEMO_HEDGING,
                              anonymous=DEMO_ANONYMOUS, seed=seed, days=70)
    return build_view(score_texts(arts.drop("event"), model=model))


def read_scored(name: str, data: bytes) -> pl.DataFrame:
    """Read an uploaded table from ``workbench score`` (.parquet or .csv)."""
    try:
        if name.lower().endswith(".parquet"):
            return pl.read_parquet(io.BytesIO(data))
        return pl.read_csv(io.BytesIO(data), infer_schema_length=10000,
                           schema_overrides={"article_id": pl.String, "date": pl.String})
    except Exception as err:  # polars raises many kinds; all mean a malformed file
        raise InputError(name, f"cannot read as a scored table ({str(err)[:120]})") from None


def read_corpus_upload(name: str, data: bytes, tmp_dir) -> pl.DataFrame:
    """Read an uploaded corpus (.jsonl .csv .parquet) to score."""
    from pathlib import Path

    path = Path(tmp_dir) / Path(name).name
    path.write_bytes(data)
    return read_corpus_frame(path)


def intervals(view: CorpusView, *, n_boot: int = 500) -> pl.DataFrame:
    """Return per outlet and measure the mean and its story-resampled interval."""
    arts = view.articles.with_columns(pl.col("outlet").cast(pl.String).fill_null("(none)"))
    return outlet_intervals(arts, stories=view.stories, n_boot=n_boot)


def interval_chart(data: pl.DataFrame, measure: str):
    """Return one measure's outlets side by side: mean dots and interval bars."""
    import altair as alt

    part = data.filter(pl.col("measure") == measure).to_pandas()
    base = alt.Chart(part).encode(y=alt.Y("outlet:N", title=None))
    return ((base.mark_rule(strokeWidth=2).encode(x=alt.X("low:Q", title=column_label(measure)),
                                                  x2="high:Q")
             + base.mark_point(filled=True, size=80).encode(
                 x="mean:Q", tooltip=["outlet", "mean", "low", "high", "n_units"]))
            .properties(height=45 * max(1, len(part))))


def frame_shares(view: CorpusView) -> pl.DataFrame:
    """Return per outlet the share of its articles whose main frame is each label."""
    arts = view.articles
    if FRAME_PRIMARY not in arts.columns:  # no frame model: the frame with most cue words
        cues = frame_cue_columns(arts.columns)
        if not cues:
            return pl.DataFrame()
        labels = {i: frame_label(c) for i, c in enumerate(cues)}
        arts = arts.with_columns(pl.when(pl.sum_horizontal(cues) > 0).then(
            pl.concat_list(cues).list.arg_max().replace_strict(labels, return_dtype=pl.String))
            .otherwise(pl.lit("none")).alias(FRAME_PRIMARY))
    return (arts.group_by("outlet", FRAME_PRIMARY).len()
            .with_columns(share=pl.col("len") / pl.col("len").sum().over("outlet"))
            .sort("outlet", FRAME_PRIMARY))


def frame_chart(shares: pl.DataFrame):
    """Return stacked bars of frame shares per outlet."""
    import altair as alt

    frame = column_label(FRAME_PRIMARY)
    named = shares.with_columns(pl.col(FRAME_PRIMARY).replace(MFC_FRAMES).alias(frame))
    return alt.Chart(named.to_pandas()).mark_bar().encode(
        y=alt.Y("outlet:N", title=None), x=alt.X("share:Q", stack="normalize", title="Share"),
        color=alt.Color(f"{frame}:N", title=frame),
        tooltip=["outlet", frame, alt.Tooltip("share:Q", format=".0%")])


def weekly(view: CorpusView, measure: str) -> pl.DataFrame:
    """Return ``outlet, week, mean`` of a measure over dated articles."""
    if "date" not in view.articles.columns:
        return pl.DataFrame()
    return (view.articles.with_columns(
        week=pl.col("date").cast(pl.String).str.slice(0, 10).str.to_date(strict=False)
        .dt.truncate("1w"))
        .drop_nulls("week").group_by("outlet", "week").agg(pl.col(measure).mean().alias("mean"))
        .sort("week", "outlet"))


def weekly_chart(data: pl.DataFrame, measure: str):
    """Return a line per outlet of a measure's weekly mean."""
    import altair as alt

    return alt.Chart(data.to_pandas()).mark_line(point=True).encode(
        x=alt.X("week:T", title="week"), y=alt.Y("mean:Q", title=column_label(measure)),
        color="outlet:N", tooltip=["outlet", "week", "mean"])


def story_list(view: CorpusView) -> pl.DataFrame:
    """Return one row per story of two or more articles: ``story_id, n_articles, outlets,
    first_date, title`` (the first article's title), most outlets first."""
    cols = [c for c in ("outlet", "date", "title") if c in view.articles.columns]
    joined = view.stories.join(view.articles.select("article_id", *cols), on="article_id")
    aggs = [pl.len().alias("n_articles")]
    if "outlet" in cols:
        aggs.append(pl.col("outlet").drop_nulls().unique().sort().str.join(", ")
                    .alias("outlets"))
    if "date" in cols:
        aggs.append(pl.col("date").min().alias("first_date"))
    if "title" in cols:
        aggs.append(pl.col("title").first())
    return (joined.group_by("story_id").agg(*aggs).filter(pl.col("n_articles") > 1)
            .sort(["n_articles", "story_id"], descending=[True, False]))


def story_label(row: dict) -> str:
    """Return a story's label in the chooser: id, size, outlets and first title."""
    parts = [f"story {row['story_id']}", f"{row['n_articles']} articles"]
    parts += [str(row[c]) for c in ("outlets", "first_date", "title") if row.get(c)]
    return " · ".join(parts)


def story_articles(view: CorpusView, story_id: int) -> list[Article]:
    """Return a story's articles, rebuilt from the paragraph table, for the compare page."""
    if view.table is None:
        return []
    ids = view.stories.filter(pl.col("story_id") == story_id)["article_id"].to_list()
    out = []
    for aid in ids:
        rows = view.table.filter(pl.col("article_id") == aid).sort("paragraph_index")
        first = rows.row(0, named=True)
        out.append(Article(article_id=aid, title=first.get("title") or aid,
                           paragraphs=tuple(rows["text"].to_list()),
                           outlet=first.get("outlet"), date=first.get("date")))
    return out


def handoff_keys(story_id: int, articles: Iterable[Article]) -> dict[str, Article]:
    """Return the compare page's keys for a story's articles."""
    return {f"story:{story_id}:{a.article_id}": a for a in articles}
