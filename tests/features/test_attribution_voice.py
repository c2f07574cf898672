"""Attribution cues in the article's voice: cues inside quotations are the speaker's."""

from __future__ import annotations

import pytest

from workbench.features import AttributionFeatures


def cue_texts(text: str) -> list[str]:
    ext = AttributionFeatures().fit([text])
    found = [c["text"] for c in ext.cues(text) if c["kind"] == "cue"]
    assert ext.transform([text])["attribution_count"][0] == len(found)
    return found


@pytest.mark.parametrize(("text", "expected"), [
    ('"They told me it was over," Keller said.', ["said"]),
    ("“I think we said enough,” the senator added.", ["added"]),
    ("Trump believes the deal is fair, aides say.", ["believes", "say"]),
    ("Voters want change, a poll shows.", ["want", "shows"]),
    # PolNeAR takes "to comment" into the cue (28 of 28 on train): one cue, a longer span
    ("The minister declined to comment and urged calm.", ["declined to comment", "urged"]),
    ("The ministry published its budget on Tuesday.", []),
])
def test_cues_outside_quotes(text, expected):
    assert cue_texts(text) == expected


def test_unclosed_quotation_runs_to_the_end():
    assert cue_texts("He said: “We know what they want and we told them so") == ["said"]
