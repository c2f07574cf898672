"""Attribution counts, data in and values out (each expectation checked by hand)."""

from __future__ import annotations

import pytest

from workbench.features import AttributionFeatures


def row(text: str) -> dict:
    return AttributionFeatures().fit([text]).transform([text]).row(0, named=True)


@pytest.mark.parametrize(("text", "named", "anonymous"), [
    ("Maria Keller said the call lasted an hour.", 1, 0),
    ("The call lasted an hour, said Maria Keller.", 1, 0),
    ("Maria Keller, a spokeswoman for the team, said the call went well.", 1, 0),
    ("According to the Pentagon, no troops will move.", 1, 0),
    ("He said the call went well.", 0, 0),
    ("Sources familiar with the call said it went well.", 0, 1),
    ("According to one source, the leaders agreed.", 0, 1),
    ("Some US officials are concerned.", 0, 1),
    ("The weather was mild on Sunday.", 0, 0),
    # a speech verb before a name counts only after punctuation or a quotation mark
    ('"Why now?" asked Sen. Maria Cantwell of Washington.', 1, 0),
    ("A reporter asked Sanders how he was feeling.", 0, 0),
    ("The report said Trump would win the state.", 0, 0),
    ("Sanders maintained his lead in the polls.", 0, 0),  # "maintained" is not a speech verb
])
def test_sources(text, named, anonymous):
    got = row(text)
    assert (got["named_source_count"], got["anonymous_source_count"]) == (named, anonymous)


def test_direct_quotes_and_quoted_share():
    got = row('"We will not give up land," Sokolenko said, calling it a "manly" stance.')
    assert got["direct_quote_count"] == 1  # the one-word scare quote does not count
    assert got["quoted_word_share"] == pytest.approx(7 / 13)


def test_unpaired_quote_runs_to_the_end():
    got = row('“We will keep talking to everyone about peace')
    assert got["direct_quote_count"] == 1
    assert got["quoted_word_share"] == pytest.approx(1.0)


def test_attributions_per_sentence():
    got = row("Keller said it. Officials told reporters. Nothing else happened.")
    assert got["attribution_count"] == 2
    assert got["attribution_per_sentence"] == pytest.approx(2 / 3)


def test_named_source_cue_starts_at_its_verb():
    text = '"We will win," said Maria Keller.'
    cues = [c for c in AttributionFeatures().fit([text]).cues(text) if c["kind"] == "named_source"]
    assert [(c["text"], text[c["start"]:c["end"]]) for c in cues] == [
        ("said Maria Keller", "said Maria Keller")]


def test_cues_classify_sources():
    text = 'Sources said it failed, but "we are fine," Keller said.'
    kinds = {(c["kind"], c["text"]) for c in AttributionFeatures().fit([text]).cues(text)}
    assert ("anonymous_source", "Sources said") in kinds  # the noun with its verb, as "Keller said"
    assert ("named_source", "Keller said") in kinds
    assert ("direct_quote", '"we are fine,"') in kinds
