"""Shared fixtures: paths to the project's seeds and to the public datasets."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_ARTICLE = SEEDS / "000_2a6dece688f04c03.txt"
DATASETS = Path(os.environ.get("WORKBENCH_DATASETS", ROOT.parent / "shared" / "datasets"))


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The sample articles shipped in ``seeds/``."""
    return SEEDS


@pytest.fixture(scope="session")
def seed_article() -> Path:
    """The article the project was created from."""
    return SEED_ARTICLE


@pytest.fixture(scope="session")
def datasets_dir() -> Path:
    """``../shared/datasets``; tests using it skip with a clear message when it is absent."""
    if not DATASETS.is_dir():
        pytest.skip(f"public datasets not found at {DATASETS}: these validity tests need the "
                    "shared folder beside the checkout (or WORKBENCH_DATASETS)")
    return DATASETS


@pytest.fixture(scope="session")
def dashboard_model_path(tmp_path_factory) -> Path:
    """A small frame model for the dashboard tests: 8 labelled seed paragraphs for each of
    the five frames the seed articles lean on, 2-fold cross-validated.

    The dashboard loads it through ``WORKBENCH_MODEL``; tests never use the big file in
    ``models/``.
    """
    model = pytest.importorskip(
        "workbench.model", reason="the frame classifier (workbench/model/) is not here yet")
    import polars as pl

    texts: list[str] = []
    labels: list[str] = []
    for frame in ("economic", "external_regulation", "morality", "political", "security"):
        rows = pl.read_csv(SEEDS / "framing_paragraphs" / f"{frame}.csv").head(8)
        texts += rows["text"].to_list()
        labels += rows["frame"].to_list()
    result = model.train(texts, labels, cv=2, seed=0)
    return Path(model.save_model(result.model,
                                 tmp_path_factory.mktemp("model") / "dashboard-tiny.skops"))


@pytest.fixture(scope="module")
def client():
    """A local Dask cluster of two one-thread worker processes (skips without dask)."""
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as dask_client:
        yield dask_client
