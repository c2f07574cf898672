"""Outlet comparison: every article measure per outlet with a bootstrap confidence interval,
and paired differences between two outlets over the stories both covered.

The interval is a percentile bootstrap of the mean, widened about the mean by the
small-sample factor ``sqrt(k/(k-1)) * t(k-1)/z`` (k resampled units), without which it falls
short of its stated coverage when an outlet pair shares only a few dozen stories.
Without story groups the resampled unit is the article; with them it is the story (all of
an outlet's articles on a story are drawn together), because articles on one story are not
independent. A paired difference uses only the stories both outlets covered: per story,
outlet A's mean minus outlet B's, and the stories are resampled.

Examples
--------
>>> import polars as pl
>>> arts = pl.DataFrame({"article_id": list("abcdef"), "outlet": ["X"] * 3 + ["Y"] * 3,
...                      "hedge_per_100w": [1.0, 1.2, 0.8, 3.0, 3.1, 2.9]})
>>> out = outlet_intervals(arts, measures=["hedge_per_100w"], n_boot=200)
>>> out.select("outlet", "mean").to_dicts()
[{'outlet': 'X', 'mean': 1.0}, {'outlet': 'Y', 'mean': 3.0}]
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import polars as pl
from scipy.stats import norm
from scipy.stats import t as t_dist

from workbench.schema import frame_probability_columns

RATE_MEASURES: tuple[str, ...] = (
    "hedge_per_100w", "booster_per_100w", "hedged_sentence_share", "attribution_per_sentence",
    "anonymous_source_share", "direct_quote_share", "quoted_word_share",
)
"""The article table's rate measures, in report order; people read them by
:func:`workbench.schema.column_label`. Frame probabilities (``frame_<label>``) are measures
too, read from the table's schema."""

SHARE_MEASURES = {"hedged_sentence_share", "anonymous_source_share", "direct_quote_share",
                  "quoted_word_share"}
"""Measures that are shares (reported in percent and percentage points)."""

CELLS = 4_000_000
"""Resampled draws held at once (bounds memory whatever the corpus size)."""


def measure_columns(articles: pl.DataFrame) -> list[str]:
    """Return the measures present in an article table: the rates, then frame shares."""
    return [c for c in RATE_MEASURES if c in articles.columns] + frame_probability_columns(
        articles.schema)


def _clusters(frame: pl.DataFrame, measure: str, unit: str) -> tuple[np.ndarray, np.ndarray]:
    agg = (frame.filter(pl.col(measure).is_not_null())
           .group_by(unit, maintain_order=True)
           .agg(pl.col(measure).sum().alias("s"), pl.len().alias("n")))
    return agg["s"].to_numpy().astype(float), agg["n"].to_numpy().astype(float)


def bootstrap_mean(sums: np.ndarray, counts: np.ndarray, *, n_boot: int = 1000,
                   level: float = 0.95, rng: np.random.Generator) -> tuple[float, float, float]:
    """Return ``(mean, low, high)``: the mean of the pooled values and its percentile interval,
    resampling clusters (given as per-cluster sums and counts) with replacement."""
    k = len(sums)
    if k == 0:
        return float("nan"), float("nan"), float("nan")
    mean = float(sums.sum() / counts.sum())
    if k == 1:
        return mean, float("nan"), float("nan")
    stats = np.empty(n_boot)
    step = max(1, CELLS // k)
    for start in range(0, n_boot, step):
        idx = rng.integers(0, k, size=(min(step, n_boot - start), k))
        stats[start:start + len(idx)] = sums[idx].sum(1) / counts[idx].sum(1)
    alpha = (1 - level) / 2
    low, high = np.quantile(stats, [alpha, 1 - alpha])
    # the percentile interval is too narrow for few clusters (it uses the plug-in variance
    # and normal tails); widen it about the mean by sqrt(k/(k-1)) * t/z
    widen = math.sqrt(k / (k - 1)) * t_dist.ppf(1 - alpha, k - 1) / norm.ppf(1 - alpha)
    return mean, float(mean - widen * (mean - low)), float(mean + widen * (high - mean))


def outlet_intervals(articles: pl.DataFrame, *, by: str = "outlet",
                     measures: Sequence[str] | None = None, stories: pl.DataFrame | None = None,
                     n_boot: int = 1000, level: float = 0.95, seed: int = 0) -> pl.DataFrame:
    """Return one row per outlet and measure: ``mean, low, high, n_articles, n_stories``.

    ``stories`` (``article_id, story_id``) switches the resampled unit from articles to
    stories. ``seed`` makes the intervals reproducible.
    """
    frame = _with_units(articles, stories)
    measures = list(measures) if measures is not None else measure_columns(articles)
    rng = np.random.default_rng(seed)
    rows = []
    for (outlet,), part in frame.group_by([by], maintain_order=True):
        for m in measures:
            sums, counts = _clusters(part, m, "_unit")
            mean, low, high = bootstrap_mean(sums, counts, n_boot=n_boot, level=level, rng=rng)
            rows.append({by: outlet, "measure": m, "mean": mean, "low": low, "high": high,
                         "n_articles": int(counts.sum()), "n_units": len(sums)})
    return pl.DataFrame(rows, schema={by: pl.String, "measure": pl.String, "mean": pl.Float64,
                                      "low": pl.Float64, "high": pl.Float64,
                                      "n_articles": pl.Int64, "n_units": pl.Int64})


def _with_units(articles: pl.DataFrame, stories: pl.DataFrame | None) -> pl.DataFrame:
    if stories is None:
        return articles.with_columns(pl.col("article_id").cast(pl.String).alias("_unit"))
    joined = articles.join(stories.select("article_id", pl.col("story_id").alias("_unit")),
                           on="article_id", how="left")
    # an article missing from the groups is a story of its own
    return joined.with_columns(pl.col("_unit").cast(pl.String)
                               .fill_null(pl.lit("article:") + pl.col("article_id")))


def paired_differences(articles: pl.DataFrame, stories: pl.DataFrame, a: str, b: str, *,
                       by: str = "outlet", measures: Sequence[str] | None = None,
                       n_boot: int = 1000, level: float = 0.95, seed: int = 0) -> pl.DataFrame:
    """Return, per measure, outlet ``a`` minus outlet ``b`` over the stories both covered:
    ``mean_a, mean_b, difference, low, high, n_stories``."""
    frame = _with_units(articles, stories)
    measures = list(measures) if measures is not None else measure_columns(articles)
    rng = np.random.default_rng(seed)
    rows = []
    for m in measures:
        per = (frame.filter(pl.col(by).is_in([a, b]) & pl.col(m).is_not_null())
               .group_by("_unit", by, maintain_order=True).agg(pl.col(m).mean())
               .pivot(on=by, index="_unit", values=m))
        if a in per.columns and b in per.columns:
            per = per.drop_nulls([a, b])
            va, vb = per[a].to_numpy(), per[b].to_numpy()
        else:
            va = vb = np.empty(0)
        diff = va - vb
        mean, low, high = bootstrap_mean(diff, np.ones_like(diff), n_boot=n_boot, level=level,
                                         rng=rng)
        rows.append({"outlet_a": a, "outlet_b": b, "measure": m,
                     "mean_a": float(va.mean()) if len(va) else float("nan"),
                     "mean_b": float(vb.mean()) if len(vb) else float("nan"),
                     "difference": mean, "low": low, "high": high, "n_stories": len(diff)})
    return pl.DataFrame(rows, schema={"outlet_a": pl.String, "outlet_b": pl.String,
                                      "measure": pl.String, "mean_a": pl.Float64,
                                      "mean_b": pl.Float64, "difference": pl.Float64,
                                      "low": pl.Float64, "high": pl.Float64,
                                      "n_stories": pl.Int64})
