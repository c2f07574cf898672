"""Article-level comparison for the dashboard: the measures side by side, and charts.

Everything starts from :func:`workbench.score.summarise_articles` (one row per article)
or from the per-paragraph score table. Charts are altair specifications; Streamlit
only draws them.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import altair as alt
import polars as pl

from workbench.schema import (
    FRAMES_FOUND,
    MFC_FRAMES,
    column_label,
    frame_cue_columns,
    frame_label,
    frame_probability_columns,
)

MEASURES: dict[str, str] = {c: column_label(c) for c in (
    "hedge_per_100w", "hedged_sentence_share", "booster_per_100w", "attribution_per_sentence",
    "named_source_count", "anonymous_source_count", "anonymous_source_share",
    "direct_quote_share", "quoted_word_share", "n_paragraphs", "n_confident_paragraphs",
)}
"""Summary column to its label (from :data:`workbench.schema.COLUMN_LABELS`), in display
order."""

ALONG: dict[str, str] = {c: column_label(c) for c in (
    "hedge_per_100w", "attribution_per_sentence")}
"""Paragraph measures plotted along the article."""


LEGEND = alt.Legend(orient="bottom", columns=1, labelLimit=220)
"""The charts' article legend: one article a row, ids cut at 220 px, so that three or four
articles fit a half-width chart instead of running off its edge."""


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


def figure_text(value: object, *, integer: bool = False) -> str:
    """Return a figure as people read it: counts as integers, other numbers to 3
    significant digits (no exponent above 1), text unchanged, a missing value empty.

    Examples
    --------
    >>> [figure_text(v) for v in (0.5163511, 7.4007220, 0.0588235, 1.0, 0.0, 1234.56)]
    ['0.516', '7.40', '0.0588', '1.00', '0', '1235']
    >>> figure_text(16.0, integer=True), figure_text(-3, integer=True), figure_text("crime")
    ('16', '-3', 'crime')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if not isinstance(value, int | float):
        return str(value)
    if integer or isinstance(value, int):
        return f"{round(value):d}"
    if value == 0:
        return "0"
    if abs(value) >= 1000:
        return f"{value:.0f}"
    return f"{value:#.3g}".rstrip(".")


def count_columns(summary: pl.DataFrame) -> set[str]:
    """Return the columns of ``summary`` that hold counts (integer dtypes)."""
    return {c for c, dtype in summary.schema.items() if dtype.is_integer()}


def comparison_text(summary: pl.DataFrame, labels: Mapping[str, str] | None = None
                    ) -> pl.DataFrame:
    """Return :func:`comparison_table` as text for display: count rows (and their
    difference or range) as integers, other figures by :func:`figure_text`.

    Examples
    --------
    >>> s = pl.DataFrame({"article_id": ["a", "b"], "hedge_per_100w": [0.51635, 4.0],
    ...                   "named_source_count": [16, 2]})
    >>> comparison_text(s).rows()
    [('Hedges per 100 words', '0.516', '4.00', '3.48'), ('Named sources', '16', '2', '-14')]
    """
    numbers = comparison_table(summary, labels)
    counts = {MEASURES[c] for c in count_columns(summary) if c in MEASURES}
    rows = [(measure, *(figure_text(v, integer=measure in counts) for v in values))
            for measure, *values in numbers.rows()]
    return pl.DataFrame(rows, schema=dict.fromkeys(numbers.columns, pl.String), orient="row")


def comparison_html(text: pl.DataFrame, titles: Mapping[str, str] | None = None) -> str:
    """Return :func:`comparison_text` as an HTML table that fits its column at any width.

    The table takes the column's width with fixed column widths (the measure a third, the
    articles and their difference sharing the rest), and measure names and article headers
    wrap, so that four articles on a narrow screen never make it scroll sideways (a data grid
    cannot wrap a header). ``titles`` (column to article title) show on hovering a header.
    Style: ``.wb-summary`` in :data:`workbench.dashboard.highlight.STYLE`.

    Examples
    --------
    >>> t = pl.DataFrame({"measure": ["Hedges"], "a_<1>": ["0.5"], "difference": ["1"]})
    >>> for line in comparison_html(t, {"a_<1>": 'Title "one"'}).splitlines():
    ...     print(line.replace("</th><th", "</th>\\n<th"))
    <table class="wb-summary"><colgroup><col class="wb-measure"><col><col></colgroup>
    <thead><tr><th>measure</th>
    <th class="wb-num" title="Title &quot;one&quot;">a&#95;<wbr>&lt;1&gt;</th>
    <th class="wb-num">difference</th></tr></thead>
    <tbody><tr><th>Hedges</th><td class="wb-num">0.5</td><td class="wb-num">1</td></tr></tbody>
    </table>
    """
    from workbench.dashboard.highlight import escape_text

    titles = dict(titles or {})
    names = text.columns[1:]
    cols = '<col class="wb-measure">' + "<col>" * len(names)
    head = "".join(
        f'<th class="wb-num"{_title_attribute(titles.get(c))}>'
        f'{escape_text(c).replace("&#95;", "&#95;<wbr>")}</th>'  # ids break after "_"
        for c in names)
    body = "".join(
        f"<tr><th>{escape_text(measure)}</th>"
        + "".join(f'<td class="wb-num">{escape_text(v or "")}</td>' for v in values) + "</tr>"
        for measure, *values in text.rows())
    return (f'<table class="wb-summary"><colgroup>{cols}</colgroup>\n'
            f"<thead><tr><th>{escape_text(text.columns[0])}</th>{head}</tr></thead>\n"
            f"<tbody>{body}</tbody>\n</table>")


def _title_attribute(title: str | None) -> str:
    return f' title="{html.escape(title, quote=True)}"' if title else ""


def figures_by_article(summary: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
    """Return ``columns`` of the article summary as text, one row per column (``measure``,
    the raw column name) and one column per article (``workbench compare`` prints it).

    Examples
    --------
    >>> s = pl.DataFrame({"article_id": ["a", "b"], "hedge_per_100w": [0.516351, 7.4],
    ...                   "n_paragraphs": [12, 13], "frame_primary": ["crime", None]})
    >>> for row in figures_by_article(s, ["hedge_per_100w", "n_paragraphs", "frame_primary"]
    ...                               ).rows():
    ...     print(row)
    ('hedge_per_100w', '0.516', '7.40')
    ('n_paragraphs', '12', '13')
    ('frame_primary', 'crime', '')
    """
    counts = count_columns(summary)
    data: dict[str, list[str]] = {"measure": list(columns)}
    for n, article in enumerate(summary["article_id"].cast(pl.String).to_list()):
        name, k = article, 1
        while name in data:  # one id from two sources (different outlet or title)
            k += 1
            name = f"{article} ({k})"
        data[name] = [figure_text(summary[c][n], integer=c in counts) for c in columns]
    return pl.DataFrame(data, schema=dict.fromkeys(data, pl.String))


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
    >>> print(main_frames_text(s.with_columns(frames_found=pl.Series(["economic; health", ""]))))
    ... # doctest: +NORMALIZE_WHITESPACE
    Main frame (share of frame-cue words): a: Economic 75%; b: Health and safety 100%.
    Frames found (share at or above the frame's threshold): a: Economic, Health and safety;
    b: none.
    """
    shares, basis = frame_shares(summary)
    top = shares.sort("share", descending=True, maintain_order=True).group_by(
        "article_id", maintain_order=True).first()
    order = {a: i for i, a in enumerate(summary["article_id"].to_list())}
    parts = [f"{a}: {f} {s:.0%}" if s > 0 else f"{a}: none"
             for a, f, s in sorted(top.select("article_id", "frame", "share").rows(),
                                   key=lambda r: order[r[0]])]
    what = "mean model probability" if basis == "model" else "share of frame-cue words"
    line = f"Main frame ({what}): " + "; ".join(parts) + "."
    if FRAMES_FOUND in summary.columns:
        found = [f"{a}: " + (", ".join(MFC_FRAMES.get(f, f) for f in str(v).split("; "))
                             if v else "none")
                 for a, v in summary.select("article_id", FRAMES_FOUND).rows()]
        line += (" Frames found (share at or above the frame's threshold): "
                 + "; ".join(found) + ".")
    return line


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
            color=alt.Color("article_id:N", title="article", legend=LEGEND),
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
            y=alt.Y("value:Q", title=None),
            color=alt.Color("article_id:N", title="article", legend=LEGEND),
            tooltip=["article_id", "paragraph", alt.Tooltip("value:Q", format=".2f")],
        )
        .properties(height=220, title=measure)  # a y-axis title would be cut at 220 px
    )
