"""The alignment on the team's counterpart gold set (``benchmarks/gold``), with the real
PolNeAR articles: the figures ``benchmarks/counterparts.py`` reports for the test half must
not slip. Skips when ``../shared/datasets`` (or ``$WORKBENCH_DATASETS``) is absent."""

from __future__ import annotations

import pytest

from benchmarks._counterpart_gold import load_gold
from benchmarks.counterparts import BEFORE, STEMMED, best_threshold, evaluate

pytestmark = pytest.mark.datasets


@pytest.fixture(scope="module")
def test_half(datasets_dir):
    return load_gold(datasets_dir, split="test")


@pytest.fixture(scope="module")
def figures(test_half):
    return {"new": evaluate(test_half), "before": evaluate(test_half, **BEFORE),
            "stemmed": evaluate(test_half, **STEMMED)}


def test_gold_set_reads_every_pair_with_its_labelled_paragraphs(datasets_dir):
    gold = load_gold(datasets_dir)
    assert len(gold) == 22
    assert sum(len(p.links) for p in gold) == 156
    assert {p.split for p in gold} == {"dev", "test"}
    for pair in gold:
        assert all(i < len(pair.a) and j < len(pair.b) for i, j in pair.links)
        assert pair.same_event == bool(pair.links)


def test_counterparts_on_the_held_out_half(figures):
    new = figures["new"]
    # Achieved with the defaults fixed on dev: P 0.656, R 0.597, F1 0.625 on the 11 test
    # pairs (0.561 / 0.552 / 0.556 before neighbours and co-occurring words were mixed in;
    # 0.639 / 0.591 / 0.614 and 0.545 / 0.545 / 0.545 before the P10 link was added to the
    # gold set, benchmarks/gold/README.md).
    assert new["P"] >= 0.62 and new["R"] >= 0.57 and new["F1"] >= 0.60


def test_neighbours_and_co_occurring_words_beat_the_plain_stemmed_cosine(figures):
    new, stemmed = figures["new"], figures["stemmed"]
    # Achieved: F1 0.625 against 0.556, P 0.656 against 0.561 (dev: 0.538 against 0.508).
    assert new["F1"] >= stemmed["F1"] + 0.04
    assert new["P"] > stemmed["P"] and new["R"] > stemmed["R"]


def test_counterparts_beat_tf_idf_at_its_best_dev_threshold(datasets_dir, figures, test_half):
    dev = load_gold(datasets_dir, split="dev")
    cut = best_threshold(dev, scorer="tfidf")
    tfidf = evaluate(test_half, scorer="tfidf", threshold=cut, floor=cut, min_shared=0.0)
    # Achieved: F1 0.625 against 0.550 (TF-IDF at 0.15), R 0.597 against 0.537.
    assert figures["new"]["F1"] > tfidf["F1"]
    assert figures["new"]["R"] > tfidf["R"]


def test_more_counterparts_found_than_before_at_no_loss_of_f1(figures):
    new, before = figures["new"], figures["before"]
    # Before: P 0.821, R 0.343, F1 0.484 (one cut at TF-IDF 0.20).
    assert new["R"] >= before["R"] + 0.15
    assert new["F1"] >= before["F1"] + 0.03


def test_only_in_flags_are_right_more_often_than_before(figures):
    new, before = figures["new"], figures["before"]
    # Achieved: 0.964 of flagged paragraphs have no counterpart (TF-IDF 0.20: 0.844).
    assert new["only_P"] >= 0.95 > before["only_P"]


def test_only_in_flags_most_paragraphs_that_have_no_counterpart(figures):
    new = figures["new"]
    # Achieved with the floor chosen on dev (0.20): 0.827 of the test paragraphs without a
    # labelled counterpart are flagged (0.796 with the plain stemmed cosine and its floor
    # 0.12); 63.5% of the paragraphs are flagged where 74.0% have no counterpart, so the
    # flag is neither rare nor on almost everything (TF-IDF at 0.20 flagged 86.2%).
    assert new["only_R"] >= 0.8
    assert 0.5 <= new["only_share"] <= new["gold_share"] < figures["before"]["only_share"]


def test_the_two_event_control_is_weak_and_no_same_event_pair_is(figures):
    assert figures["new"]["weak_controls"] == 1
    assert figures["new"]["weak_same"] == 0
