"""Hedging counts, data in and values out (each expectation checked by hand)."""

from __future__ import annotations

import pytest

from workbench.features import HedgingFeatures


def row(text: str) -> dict:
    return HedgingFeatures().fit([text]).transform([text]).row(0, named=True)


@pytest.mark.parametrize(("text", "hedges", "quoted", "boosters"), [
    ("Trump reportedly urged Putin to avoid escalation.", 1, 0, 0),
    ("The deal might collapse, and specifics remain unconfirmed.", 2, 0, 0),
    ("It is unclear whether talks will resume.", 1, 0, 0),
    ('"We might walk away," the envoy said.', 1, 1, 0),
    ("“Perhaps,” she said, but the plan is clearly dead.", 1, 1, 1),
    ("The army undoubtedly holds the city.", 0, 0, 1),
    ("The ministry published its budget on Tuesday.", 0, 0, 0),
    ("MIGHT, Reportedly, and POSSIBLY", 3, 0, 0),
])
def test_counts(text, hedges, quoted, boosters):
    got = row(text)
    assert (got["hedge_count"], got["hedge_quoted_count"], got["booster_count"]) == (
        hedges, quoted, boosters)


def test_rates_use_words_and_sentences():
    got = row("Talks might resume. The date is set. Nobody objected.")
    assert got["hedge_per_100w"] == pytest.approx(100 / 9)
    assert got["hedged_sentence_share"] == pytest.approx(1 / 3)


def test_whole_words_only():
    assert row("The mayor's dismay was mighty.")["hedge_count"] == 0


def test_custom_terms_tuple():
    ext = HedgingFeatures(hedges=("rumour has it",), boosters=()).fit([""])
    assert ext.transform(["Rumour has it the talks failed."])["hedge_count"][0] == 1


def test_cues_name_their_voice():
    text = 'Officials might agree. "It may fail," he said.'
    cues = HedgingFeatures().fit([text]).cues(text)
    assert [(c["text"], c["voice"]) for c in cues if c["kind"] == "hedge"] == [
        ("might", "reporter"), ("may", "quoted")]
