"""Plain-language lines and the Markdown report of an outlet comparison.

Examples
--------
>>> row = {"outlet_a": "X", "outlet_b": "Y", "measure": "anonymous_source_share",
...        "mean_a": 0.31, "mean_b": 0.12, "difference": 0.19, "low": 0.11, "high": 0.27,
...        "n_stories": 84}
>>> line = difference_sentence(row)
>>> line[:37]
'X: Anonymous-source share 31%, Y 12%;'
>>> line[37:]
' difference 19 points, 95% CI 11 to 27, over 84 shared stories.'
"""

from __future__ import annotations

import math
from pathlib import Path

import polars as pl

from workbench.corpus.outlets import SHARE_MEASURES
from workbench.schema import FRAME_PREFIX, column_label


def is_share(measure: str) -> bool:
    """Return whether a measure is a share (shown in percent)."""
    return measure in SHARE_MEASURES or measure.startswith(FRAME_PREFIX)


def _value(measure: str, x: float) -> str:
    if x is None or math.isnan(x):
        return "n/a"
    return f"{100 * x:.0f}%" if is_share(measure) else f"{x:.2f}"


def _delta(measure: str, x: float) -> str:
    if x is None or math.isnan(x):
        return "n/a"
    return f"{100 * x:.0f}" if is_share(measure) else f"{x:.2f}"


def difference_sentence(row: dict, level: float = 0.95) -> str:
    """Return the one-line reading of a paired difference row."""
    m = row["measure"]
    unit = " points" if is_share(m) else ""
    verdict = ""
    if not (math.isnan(row["low"]) or math.isnan(row["high"])) and row["low"] <= 0 <= row["high"]:
        verdict = " (no clear difference)"
    return (f"{row['outlet_a']}: {column_label(m)} {_value(m, row['mean_a'])}, "
            f"{row['outlet_b']} {_value(m, row['mean_b'])}; difference "
            f"{_delta(m, row['difference'])}{unit}, {100 * level:.0f}% CI "
            f"{_delta(m, row['low'])} to {_delta(m, row['high'])}, over {row['n_stories']} "
            f"shared stories{verdict}.")


def interval_chart(intervals: pl.DataFrame, *, by: str = "outlet"):
    """Return an Altair chart: per measure, each outlet's mean with its interval."""
    import altair as alt

    data = intervals.with_columns(
        pl.col("measure").map_elements(column_label, return_dtype=pl.String).alias("name"))
    base = alt.Chart(data.to_pandas()).encode(y=alt.Y(f"{by}:N", title=None))
    rule = base.mark_rule().encode(x=alt.X("low:Q", title=None), x2="high:Q")
    point = base.mark_point(filled=True).encode(
        x="mean:Q", tooltip=[by, "name", "mean", "low", "high", "n_units"])
    return (rule + point).properties(width=220, height=20 * max(1, data[by].n_unique())).facet(
        facet=alt.Facet("name:N", title=None), columns=3).resolve_scale(x="independent")


def markdown_report(intervals: pl.DataFrame, differences: pl.DataFrame | None = None, *,
                    by: str = "outlet", chart_path: str | Path | None = None,
                    level: float = 0.95) -> str:
    """Return the Markdown report: the outlets table with intervals, an optional chart
    image, and one plain-language line per paired difference."""
    lines = ["# Outlet comparison", "",
             f"Means with {100 * level:.0f}% bootstrap intervals "
             f"(resampling {'stories' if 'n_units' in intervals.columns else 'articles'}).", ""]
    if chart_path is not None:
        lines += [f"![outlets]({Path(chart_path).name})", ""]
    lines += [f"| {by} | measure | mean | {100 * level:.0f}% CI | articles |",
              "|---|---|---|---|---|"]
    for r in intervals.iter_rows(named=True):
        m = r["measure"]
        lines.append(f"| {r[by]} | {column_label(m)} | {_value(m, r['mean'])} | "
                     f"{_value(m, r['low'])} to {_value(m, r['high'])} | {r['n_articles']} |")
    if differences is not None and differences.height:
        lines += ["", "## Paired differences over shared stories", ""]
        lines += [f"- {difference_sentence(r, level)}" for r in differences.iter_rows(named=True)]
    return "\n".join(lines) + "\n"
