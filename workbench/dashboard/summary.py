"""Article-level comparison for the dashboard: the measures side by side, and charts.

Everything starts from :func:`workbench.score.summarise_articles` (one row per article)
or from the per-paragraph score table. Charts are altair specifications; Streamlit
only draws them.
"""

from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import polars as pl

from workbench.schema import (
    MFC_FRAMES,
    frame_cue_columns,
    frame_label,
    frame_probability_columns,
)

MEASURES: dict[str, str] = {
    "hedge_per_100w": "Hedges per 100 words",
    "hedged_sentence_share": "Share of sentences hedged",
    "booster_per_100w": "Boosters per 100 words",
    "attribution_per_sentence": "Attributions per sentence",
    "named_source_count": "Named sources",
    "anonymous_source_count": "Anonymous sources",
    "anonymous_source_share": "Anonymous-source share",
    "direct_quote_share": "Direct-quote share",
    "quoted_word_share": "Share of words quoted",
    "n_confident_paragraphs": "Paragraphs with a clear frame",
}
"""Summary column to its label, in display order."""

ALONG: dict[str, str] = {
    "hedge_per_100w": "Hedges per 100 words",
    "attribution_per_sentence": "Attributions per sentence",
}
"""Paragraph measures plotted along the article."""


def comparison_table(summary: pl.DataFrame, labels: Mapping[str, str] | None = None
                     ) -> pl.DataFrame:
    """Return the measures as rows and the articles as columns, with their difference.

    With two articles the last column is ``difference`` (second minus first); with more,
    ``range`` (largest minus smallest).

    Examples
    --------
    >>> s = pl.DataFrame({"article_id": ["a", "b"], "hedge_per_100w": [1.0, 4.0]})
    >>> comparison_table(s).rows()
    [('Hedges per 100 words', 1.0, 4.0, 3.0)]
    """
    labels = dict(labels or {})
    ids = summary["article_id"].to_list()
    names = [labels.get(i, i) for i in ids]
    shown = [m for m in MEASURES if m in summary.columns]
    data: dict[str, list] = {"measure": [MEASURES[m] for m in shown]}
    for i, name in zip(ids, names, strict=True):
        row = summary.filter(pl.col("article_id") == i).row(0, named=True)
        data[name] = [float(row[m]) for m in shown]
    table = pl.DataFrame(data, schema={"measure": pl.String, **dict.fromkeys(names, pl.Float64)})
    if len(names) == 2:
        return table.with_columns(difference=pl.col(names[1]) - pl.col(names[0]))
    if len(names) > 2:
        return table.with_columns(range=pl.max_horizontal(names) - pl.min_horizontal(names))
    return table


def frame_shares(summary: pl.DataFrame) -> tuple[pl.DataFrame, str]:
    """Return each article's frame distribution (long: article_id, frame, share) and its basis.

    With model probabilities (``frame_<label>`` columns) the basis is ``"model"`` and the
    shares are word-weighted mean probabilities; otherwise it is ``"cues"`` and the shares
    are each frame's part of the article's frame-cue words.

    Examples
    --------
    >>> s = pl.DataFrame({"article_id": ["a"], "frame_cue_economic": [3],
    ...                   "frame_cue_health": [1]})
    >>> shares, basis = frame_shares(s)
    >>> basis, shares["share"].to_list()
    ('cues', [0.75, 0.25])
    """
    probs = frame_probability_columns(summary.schema)
    if probs:
        basis, columns = "model", probs
        values = summary.select("article_id", *columns)
    else:
        basis, columns = "cues", frame_cue_columns(summary.columns)
        total = pl.max_horizontal(pl.sum_horizontal(columns), 1) if columns else pl.lit(1)
        values = summary.select("article_id", *[(pl.col(c) / total).alias(c) for c in columns])
    long = values.unpivot(index="article_id", variable_name="frame", value_name="share")
    long = long.with_columns(
        pl.col("frame").replace({c: frame_label(c) for c in columns}).replace(MFC_FRAMES),
        pl.col("share").cast(pl.Float64),
    )
    return long, basis


def main_frames_text(summary: pl.DataFrame) -> str:
    """Return one line naming each article's main frame and its share.

    Examples
    --------
    >>> s = pl.DataFrame({"article_id": ["a", "b"], "frame_cue_economic": [3, 0],
    ...                   "frame_cue_health": [1, 2]})
    >>> main_frames_text(s)
    'Main frame (share of frame-cue words): a: Economic 75%; b: Health and safety 100%.'
    """
    shares, basis = frame_shares(summary)
    top = shares.sort("share", descending=True, maintain_order=True).group_by(
        "article_id", maintain_order=True).first()
    order = {a: i for i, a in enumerate(summary["article_id"].to_list())}
    parts = [f"{a}: {f} {s:.0%}" if s > 0 else f"{a}: none"
             for a, f, s in sorted(top.select("article_id", "frame", "share").rows(),
                                   key=lambda r: order[r[0]])]
    what = "mean model probability" if basis == "model" else "share of frame-cue words"
    return f"Main frame ({what}): " + "; ".join(parts) + "."


def along_article(table: pl.DataFrame) -> pl.DataFrame:
    """Return hedging and attribution per body paragraph (long: article_id, paragraph, measure,
    value); ``paragraph`` is 1-based, as in the reading view's badges."""
    body = table.filter(~pl.col("is_boilerplate"))
    present = [m for m in ALONG if m in body.columns]
    return (
        body.select("article_id", (pl.col("paragraph_index") + 1).alias("paragraph"), *present)
        .unpivot(index=["article_id", "paragraph"], variable_name="measure", value_name="value")
        .with_columns(pl.col("measure").replace(ALONG))
    )


def frame_chart(shares: pl.DataFrame, basis: str) -> alt.Chart:
    """Return a grouped horizontal bar chart of frame shares, one bar per article."""
    title = "Frame probability (word-weighted mean)" if basis == "model" \
        else "Share of frame-cue words"
    order = list(MFC_FRAMES.values())
    frames = shares["frame"].unique().to_list()
    order = [f for f in order if f in frames] + sorted(f for f in frames if f not in order)
    return (
        alt.Chart(shares)
        .mark_bar()
        .encode(
            y=alt.Y("frame:N", sort=order, title=None, axis=alt.Axis(labelLimit=320)),
            yOffset="article_id:N",
            x=alt.X("share:Q", title=title, axis=alt.Axis(format="%")),
            color=alt.Color("article_id:N", title="article", legend=alt.Legend(orient="bottom")),
            tooltip=["article_id", "frame", alt.Tooltip("share:Q", format=".1%")],
        )
        .properties(height=alt.Step(9))
    )


def along_chart(long: pl.DataFrame, measure: str) -> alt.Chart:
    """Return a line chart of one measure by paragraph, one line per article."""
    data = long.filter(pl.col("measure") == measure)
    return (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=alt.X("paragraph:Q", title="paragraph", axis=alt.Axis(tickMinStep=1)),
            y=alt.Y("value:Q", title=measure),
            color=alt.Color("article_id:N", title="article", legend=alt.Legend(orient="bottom")),
            tooltip=["article_id", "paragraph", alt.Tooltip("value:Q", format=".2f")],
        )
        .properties(height=220)
    )
