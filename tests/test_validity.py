"""A light run of ``benchmarks/validity.py``: our measures against baselines run alongside.

Hedging is scored on a fixed random sample of 1,500 WikiWeasel test sentences, attribution on
all of PolNeAR dev. Every comparison is with a baseline computed here, never a stored figure.
On WikiWeasel the extractor beats the shared hedge lexicon but not the weasel-word regex or
the TF-IDF model (WikiWeasel marks weasel wording only, and our epistemic hedges such as "may"
count as false alarms there); that shortfall is pinned as a strict xfail, so an improvement
is noticed. Skips when ``../shared/datasets`` (or ``$WORKBENCH_DATASETS``) is absent.
"""

from __future__ import annotations

import pytest

from benchmarks._datasets import detokenise, load_polnear, load_wikiweasel
from benchmarks.validity import attribution_rows, hedging_rows

pytestmark = pytest.mark.datasets

SAMPLE = 1500


def by_method(rows: list[dict], measure: str) -> dict[str, dict]:
    return {r["method"]: r for r in rows if r["measure"] == measure}


@pytest.fixture(scope="module")
def hedging(datasets_dir) -> dict[str, dict]:
    train = load_wikiweasel("train")
    sample = load_wikiweasel("test").sample(n=SAMPLE, seed=0)
    return by_method(hedging_rows(train, sample, "test"), "uncertain sentence")


@pytest.fixture(scope="module")
def attribution(datasets_dir) -> list[dict]:
    return attribution_rows(load_polnear("dev"), "dev")


def test_detokenise_restores_brackets_quotes_and_clitics():
    assert detokenise("It was `` widely '' used -LRB- see below -RRB- , and is n't") == (
        'It was "widely" used (see below), and isn\'t')


def test_hedging_beats_the_shared_lexicon(hedging):
    ours = hedging["ours (HedgingFeatures)"]
    assert ours["f1"] > hedging["shared hedge lexicon, any hit"]["f1"]


@pytest.mark.xfail(strict=True, reason="known shortfall: WikiWeasel counts 'may', 'could' "
                   "and other epistemic hedges as certain; see benchmarks/validity.py")
def test_hedging_beats_weasel_regex_and_tfidf(hedging):
    ours = hedging["ours (HedgingFeatures)"]["f1"]
    assert ours > hedging["weasel-word regex"]["f1"]
    assert ours > hedging["tf-idf + logreg (train split)"]["f1"]


def test_attribution_presence_beats_always_yes_and_regex(attribution):
    rows = by_method(attribution, "has attribution")
    ours = rows["ours (AttributionFeatures)"]["f1"]
    assert ours > rows["always yes"]["f1"]
    assert ours > rows["reporting-verb regex"]["f1"]


def test_attribution_count_ranks_paragraphs_better_than_regex(attribution):
    rows = by_method(attribution, "attribution count")
    assert rows["ours (AttributionFeatures)"]["spearman"] > rows["reporting-verb regex"][
        "spearman"]


def test_cue_tokens_overlap_gold_better_than_regex(attribution):
    rows = by_method(attribution, "cue tokens")
    assert rows["ours (AttributionFeatures)"]["f1"] > rows["reporting-verb regex"]["f1"]
