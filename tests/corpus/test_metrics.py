"""Choosing a parameter off a score curve: the widest plateau near the best score."""

from __future__ import annotations

import pytest

from workbench.corpus.metrics import widest_plateau


def test_widest_run_near_the_best_wins_over_the_narrow_peak():
    # the peak 0.9 stands alone; 0.88, 0.89, 0.885 are all within 0.02 of it
    assert widest_plateau([0.5, 0.9, 0.5, 0.88, 0.89, 0.885, 0.5]) == (3, 6)


def test_tie_in_width_goes_to_the_higher_run():
    assert widest_plateau([0.89, 0.5, 0.9, 0.5]) == (2, 3)


def test_run_at_the_end_of_the_curve_is_found():
    assert widest_plateau([0.5, 0.9, 0.89, 0.895]) == (1, 4)


def test_empty_or_unreachable_best_is_refused():
    with pytest.raises(ValueError):
        widest_plateau([])
    with pytest.raises(ValueError):
        widest_plateau([0.5, 0.6], best=0.9)
