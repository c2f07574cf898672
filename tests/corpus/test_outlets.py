"""Bootstrap intervals against cases with a known answer."""

from __future__ import annotations

import numpy as np
import polars as pl

from workbench.corpus.outlets import bootstrap_mean, outlet_intervals, paired_differences
from workbench.corpus.report import difference_sentence, markdown_report
from workbench.corpus.synthetic import synthetic_measures

MEASURE = ["anonymous_source_share"]


def test_planted_difference_is_told_apart():
    arts, stories = synthetic_measures(150, effect=0.08, seed=3)
    diff = paired_differences(arts, stories, "B", "A", measures=MEASURE, n_boot=500).row(
        0, named=True)
    assert diff["low"] > 0, diff
    assert diff["low"] <= 0.08 <= diff["high"], diff   # and the interval holds the truth


def test_identical_outlets_are_not_told_apart_at_the_stated_rate():
    """With no planted difference a 95% interval should exclude 0 about 5% of the time."""
    misses = 0
    reps = 200
    for seed in range(reps):
        arts, stories = synthetic_measures(30, effect=0.0, seed=seed)
        d = paired_differences(arts, stories, "B", "A", measures=MEASURE, n_boot=400,
                               seed=seed).row(0, named=True)
        misses += not (d["low"] <= 0 <= d["high"])
    # binomial(200, 0.05): mean 10, sd 3.1; the plain percentile interval gave 17 at 60
    # stories before the small-sample widening
    assert 3 <= misses <= 17, misses


def test_story_resampling_is_wider_than_article_resampling_when_stories_cluster():
    arts, stories = synthetic_measures(40, outlets=("A",), story_sd=0.2, noise_sd=0.01,
                                       coverage=1.0, seed=0)
    # five articles per story: duplicate rows under new ids
    many = pl.concat([arts.with_columns(pl.col("article_id") + f"-{k}") for k in range(5)])
    groups = pl.concat([stories.with_columns(pl.col("article_id") + f"-{k}") for k in range(5)])
    by_article = outlet_intervals(many, measures=MEASURE, n_boot=500).row(0, named=True)
    by_story = outlet_intervals(many, measures=MEASURE, stories=groups, n_boot=500).row(
        0, named=True)
    assert by_story["n_units"] == 40 and by_article["n_units"] == 200
    width = by_story["high"] - by_story["low"]
    assert width > 1.8 * (by_article["high"] - by_article["low"])


def test_bootstrap_mean_pools_cluster_sums():
    rng = np.random.default_rng(0)
    sums, counts = np.array([2.0, 9.0, 4.0, 4.0]), np.array([2.0, 3.0, 2.0, 1.0])
    mean, low, high = bootstrap_mean(sums, counts, rng=rng)
    assert mean == 19 / 8 and low < mean < high


def test_only_shared_stories_count_in_a_paired_difference():
    arts = pl.DataFrame({"article_id": ["a1", "b1", "a2", "b3"], "outlet": ["A", "B", "A", "B"],
                         "anonymous_source_share": [0.5, 0.2, 0.9, 0.0]})
    stories = pl.DataFrame({"article_id": ["a1", "b1", "a2", "b3"], "story_id": [1, 1, 2, 3]})
    d = paired_differences(arts, stories, "A", "B", measures=MEASURE, n_boot=50).row(0, named=True)
    assert d["n_stories"] == 1 and abs(d["difference"] - 0.3) < 1e-12


def test_report_reads_a_difference_in_plain_words():
    arts, stories = synthetic_measures(80, effect=0.15, seed=1)
    diffs = paired_differences(arts, stories, "B", "A", measures=MEASURE, n_boot=300)
    line = difference_sentence(diffs.row(0, named=True))
    assert line.startswith("B: Anonymous-source share") and "over " in line and "CI" in line
    assert "no clear difference" not in line
    report = markdown_report(outlet_intervals(arts, measures=MEASURE, n_boot=100), diffs)
    assert "| A |" in report and line in report


def test_same_seed_same_intervals():
    arts, stories = synthetic_measures(60, outlets=("A", "B", "C"), effect=0.05, seed=4)
    runs = [outlet_intervals(arts, stories=stories, n_boot=200, seed=1) for _ in range(3)]
    diffs = [paired_differences(arts, stories, "A", "C", n_boot=200, seed=1) for _ in range(3)]
    assert all(r.equals(runs[0]) for r in runs) and all(d.equals(diffs[0]) for d in diffs)
