"""The hedged-sentence share equals scoring each sentence on its own, shortcuts included."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.strategies import hostile_text
from workbench.features import HedgingFeatures
from workbench.text.segment import sentences

HEDGES = (HedgingFeatures().fit([""]),
          HedgingFeatures(hedges=("u.s. officials say", "might"), weasels=()).fit([""]),
          HedgingFeatures(hedges=("peut-être", "might", "σίγουρα"), weasels=()).fit([""]))
SENTENCE = st.sampled_from([
    "It might rain.", "Officials said so.", "Mr. Lee may be late!", "Several years ago?",
    "The U.S. officials say nothing.", "Some critics argue it.", "“Maybe,” he said.", "No.",
    "İt might rain.", "ΣΊΓΟΥΡΑ might.", "Il viendra peut-être.", "İİİ. It may be.",
])


def reference(hedging: HedgingFeatures, text: str) -> float:
    found = sentences(text)
    if not found:
        return 0.0
    return sum(hedging.transform([s])["hedge_count"][0] > 0 for s in found) / len(found)


@given(st.lists(st.one_of(SENTENCE, hostile_text), min_size=1, max_size=6).map(" ".join))
def test_share_of_hedged_sentences_is_per_sentence_scoring(text):
    for hedging in HEDGES:
        assert hedging.transform([text])["hedged_sentence_share"][0] == reference(hedging, text)


def test_a_term_with_a_full_stop_turns_the_shortcut_off():
    assert HEDGES[0].sentence_safe_ and not HEDGES[1].sentence_safe_
    text = "They met the U.S. Officials say it went well."
    assert HEDGES[1].transform([text])["hedged_sentence_share"][0] == reference(HEDGES[1], text)


def test_sentences_after_characters_that_lower_case_longer_are_found():
    text = "İİİİİİİİİİİİ said nothing. It might rain. İstanbul may be next."
    for hedging in HEDGES:
        share = hedging.transform([text])["hedged_sentence_share"][0]
        assert share == reference(hedging, text)
    assert HEDGES[0].transform([text])["hedged_sentence_share"][0] == 2 / 3
