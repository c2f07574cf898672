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
