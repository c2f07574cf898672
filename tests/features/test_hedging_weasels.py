"""Weasel wording counts as hedging; look-alike phrases do not (expectations checked by hand)."""

from __future__ import annotations

import pytest

from workbench.features import HedgingFeatures


def hedges(text: str, **params) -> list[str]:
    ext = HedgingFeatures(**params).fit([text])
    found = [c["text"] for c in ext.cues(text) if c["kind"] == "hedge"]
    assert ext.transform([text])["hedge_count"][0] == len(found)
    return found


@pytest.mark.parametrize(("text", "expected"), [
    ("Some US officials are concerned.", ["Some"]),
    ("Critics say the plan is widely seen as a retreat.", ["Critics", "widely"]),
    ("The so-called peace plan is considered by many a non-starter.",
     ["so-called", "is considered", "many"]),
    ("It has been suggested that the talks failed.", ["It has been suggested"]),
    ("He considered resigning and believed the report.", []),
    ("The talks began in May and lasted many years.", []),
    ("Theresa May said the deal may collapse.", ["may"]),
    ("Officials moved as fast as possible but could not stop it.", []),
    ("The claim could not be verified.", ["could not be verified"]),
])
def test_weasels_and_look_alikes(text, expected):
    assert hedges(text) == expected


def test_weasels_can_be_switched_off():
    assert hedges("Critics say it may fail.", weasels=()) == ["may"]


def test_look_alikes_can_be_switched_off():
    assert hedges("It began in May.", not_hedges=()) == ["May"]


def test_weasel_inside_quotes_is_the_speakers():
    text = '"Many people doubt it," the minister said.'
    ext = HedgingFeatures().fit([text])
    got = ext.transform([text]).row(0, named=True)
    assert (got["hedge_count"], got["hedge_quoted_count"]) == (1, 1)
    assert [c["voice"] for c in ext.cues(text) if c["kind"] == "hedge"] == ["quoted"]


def test_hedged_sentence_share_skips_look_alikes():
    text = "It started in May. Critics doubt it will last."
    assert HedgingFeatures().fit([text]).transform([text])["hedged_sentence_share"][0] == 0.5
