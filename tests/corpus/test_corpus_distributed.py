"""Grouping and outlet intervals on a Dask cluster equal the local results."""

from __future__ import annotations

import polars as pl
import pytest

from workbench.corpus import StoryGrouper
from workbench.corpus.distributed import group_on_dask, intervals_on_dask
from workbench.corpus.outlets import outlet_intervals
from workbench.corpus.synthetic import synthetic_articles, synthetic_measures

distributed = pytest.importorskip("dask.distributed")


def test_grouping_on_dask_equals_local(client):
    arts = synthetic_articles(400, seed=9)
    grouper = StoryGrouper(block_rows=64)
    local = grouper.fit_predict(arts)
    assert group_on_dask(arts, client=client, grouper=grouper).equals(local)


def test_intervals_on_dask_equal_local_per_outlet(client):
    arts, stories = synthetic_measures(50, outlets=("A", "B", "C"), effect=0.05, seed=2)
    remote = intervals_on_dask(arts, client=client, stories=stories, n_boot=200, seed=5)
    for i, o in enumerate(["A", "B", "C"]):
        local = outlet_intervals(arts.filter(pl.col("outlet") == o), stories=stories,
                                 n_boot=200, seed=5 + i)
        assert remote.filter(pl.col("outlet") == o).equals(local)
