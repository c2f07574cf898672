"""Every PolNeAR text is split into the paragraphs its layout shows (benchmarks/segmentation.py).

The true paragraphing: blank lines and line breaks end paragraphs, except the line breaks
labelled in ``benchmarks/data/polnear_paragraph_joins.tsv`` (offsets only, no text). Skips
when ``../shared/datasets`` (or ``$WORKBENCH_DATASETS``) is absent.
"""

from __future__ import annotations

import pytest

from benchmarks.segmentation import evaluate

pytestmark = pytest.mark.datasets


@pytest.fixture(scope="module")
def results(datasets_dir):
    if not (datasets_dir / "polnear" / "original" / "data").is_dir():
        pytest.skip(f"PolNeAR texts not found under {datasets_dir / 'polnear'}")
    return evaluate(datasets_dir)


def test_paragraph_counts_are_right_on_99_percent_of_files(results):
    assert len(results) >= 900, "expected the train, dev and annotator-training texts"
    right = sum(r.new == r.gold for r in results)
    wrong = [r.article for r in results if r.new != r.gold]
    assert right / len(results) >= 0.99, f"{right} of {len(results)} right; wrong: {wrong}"


def test_the_old_rule_was_wrong_on_the_one_paragraph_per_line_files(results):
    huffpost = [r for r in results if r.publisher == "huff-post"]
    assert sum(r.old != r.gold for r in huffpost) >= 30
    assert all(r.new == r.gold for r in huffpost if r.old != r.gold and r.old <= 3)


def test_warnings_are_rare_on_right_splits_and_fire_on_merged_ones(results):
    assert sum(bool(r.warnings) for r in results) <= 0.02 * len(results)
    merged = [r for r in results if r.old < r.gold / 3]  # the old rule's worst merges
    assert merged and sum(bool(r.old_warnings) for r in merged) >= 0.8 * len(merged)
