"""Corpus-level analysis: same-story groups (:mod:`~workbench.corpus.stories`), outlet
comparisons with bootstrap intervals (:mod:`~workbench.corpus.outlets`) and their report."""

from __future__ import annotations

from workbench.corpus.metrics import pairwise_scores
from workbench.corpus.stories import StoryGrouper

__all__ = ["StoryGrouper", "pairwise_scores"]
