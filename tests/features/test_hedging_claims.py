"""Quantifiers hedge only claims (issue 14, second round): claim shapes, counted look-alikes
and the agentless and vague-source phrases chosen on WikiWeasel *train*.

Every sentence is written for the test in the shape of a case seen there or in news (none is
copied). Expectations were checked by hand; each helper also checks that the count equals
the number of highlighted spans (one engine).
"""

from __future__ import annotations

import pytest

from tests.features.test_hedging_weasels import hedges
from workbench.features import HedgingFeatures


@pytest.mark.parametrize(("text", "expected"), [
    # a vague holder with a claim verb is one hedge, its words between highlighted too
    ("Most economists here still believe the plan will fail.",
     ["Most economists here still believe"]),
    ("Several lawmakers have argued the rule is unfair.", ["Several lawmakers have argued"]),
    ("Others insist the vote was clean.", ["Others insist"]),
    ("Opponents contend the tax is too high.", ["Opponents contend"]),
    ("A number of residents felt the plant was unsafe.", ["A number of residents felt"]),
    # a vague group inside the shape is not counted a second time
    ("Most observers believe a deal is near.", ["Most observers believe"]),
    # the holder alone counts rather than hedges
    ("Most of the ballots arrived on time.", []),
    ("Several bridges were closed for repairs.", []),
    ("Opponents of the measure voted against it.", []),
    ("Various agencies sent staff to the site.", []),
    # a noun that looks like a claim verb, and a gap with a time word or pronoun
    ("Several claims were rejected by the court.", []),
    ("Several years later officials said the road was safe.", []),
    ("Several of them said the deal was off.", []),
    # the verb in another clause, denied, or after a superlative (shapes seen in news)
    ("The rivals call each other names and argue in public.", []),
    ("Many people who say they moved were never asked.", ["Many"]),
    ("Few people want to say it aloud.", []),
    ("What most donors do is say nothing.", []),
    ("One of the most striking things voters said was short.", []),
    ("Most residents here do not believe the forecast.", []),
    ("Several highly regarded firms bid for the contract.", []),
    # the counting quantifiers stay look-alikes even before a claim verb
    ("Nobody knows how many voters believe the report.", []),
    ("The firm sent 60 letters, many of which said the same.", []),
])
def test_claim_shapes(text, expected):
    assert hedges(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # an approximator before a number counts (like "as many as 40")
    ("Some 300 people marched downtown.", []),
    ("An estimated 2,000 homes lost power.", []),
    ("Roughly 40 percent of voters turned out.", []),
    ("Approximately $1.5 million was raised.", []),
    ("Some three hundred guests attended.", []),
    # the month beside a day is a date
    ("The law took effect on May 16, 2019.", []),
    ("It passed on 4 May after a long debate.", []),
    # the same words elsewhere still hedge
    ("Turnout was roughly in line with the polls.", ["roughly"]),
    ("The talks may resume, some say.", ["may", "some"]),
    ("The estimated cost has not been published.", ["estimated"]),
])
def test_counted_look_alikes(text, expected):
    assert hedges(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The findings have been questioned.", ["have been questioned"]),
    ("It is commonly believed that the bridge is older.", ["commonly believed"]),
    ("According to one source, the talks stalled.", ["According to one source"]),
    ("Legend has it that the well never runs dry.", ["Legend has it"]),
    ("In all probability the vote will be delayed.", ["In all probability"]),
    ("It is not impossible that she will run again.", ["not impossible"]),
    ("It seems the plan was dropped.", ["It seems"]),
    ("The tower was presumed lost in the fire.", ["was presumed"]),
])
def test_agentless_and_vague_source_phrases(text, expected):
    assert hedges(text) == expected


def test_claim_shapes_and_approximators_can_be_switched_off():
    text = "Most voters say some 300 ballots were lost."
    assert hedges(text) == ["Most voters say"]
    assert hedges(text, claim_holders=()) == []
    assert hedges(text, approximators=()) == ["Most voters say", "some"]


def test_claim_gap_is_a_parameter():
    text = "Most voters in the county now say the count was fair."
    assert hedges(text, claim_gap=5) == ["Most voters in the county now say"]
    assert hedges(text) == []  # five words between holder and verb: too far by default
    with pytest.raises(ValueError, match="claim_gap"):
        HedgingFeatures(claim_gap=-1).fit(["x"])


def test_claim_shape_in_a_quotation_is_the_speakers():
    text = '"Most people believe it," the mayor said.'
    ext = HedgingFeatures().fit([text])
    got = ext.transform([text]).row(0, named=True)
    assert (got["hedge_count"], got["hedge_quoted_count"]) == (1, 1)
