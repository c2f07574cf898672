"""The matcher: one regex, counts and spans from the same matches, offsets of the text."""

from __future__ import annotations

import polars as pl
import pytest

from workbench.features.matcher import NEVER, Matcher
from workbench.features.prepare import prepare


def test_a_pattern_that_matches_the_empty_string_is_refused():
    with pytest.raises(ValueError, match="matches the empty string"):
        Matcher("x", r"\b(?:might)?\b")


def test_spans_found_in_the_lower_cased_text_are_spans_of_the_text():
    texts = ["İSTANBUL: it MIGHT rain", "ΣΟΦΟΣ might; ﬁne might"]
    prepared = prepare(pl.Series(texts), ("lower",))
    found = Matcher("hedge", r"\b(?:might)\b").spans(prepared)
    assert [[t[a:b] for a, b, _ in row] for t, row in zip(texts, found, strict=True)] == [
        ["MIGHT"], ["might", "might"]]


def test_marker_characters_in_the_text_do_not_shift_offsets():
    texts = ["\ue000\ue001 might \U000f0000 might"]
    found = Matcher("hedge", r"\b(?:might)\b").spans(prepare(pl.Series(texts), ("lower",)))
    assert [(a, b) for a, b, _ in found[0]] == [(3, 8), (11, 16)]


def test_skipped_regions_and_dropped_matches_are_neither_counted_nor_shown():
    texts = ['said "he said" and said', "several years, maybe", ""]
    prepared = prepare(pl.Series(texts), ("lower",))
    cue = Matcher("cue", r"\b(?:said)\b", skip=r'"[^"]*(?:"|$)')
    hedge = Matcher("hedge", r"\b(?:several\s+years|several|maybe)\b",
                    drop=r"^(?:several\s+years)$")
    for matcher, expected in ((cue, [2, 0, 0]), (hedge, [0, 1, 0])):
        assert matcher.counts(prepared).to_list() == expected
        assert [len(row) for row in matcher.spans(prepared)] == expected


def test_a_matcher_of_nothing_counts_zero():
    prepared = prepare(pl.Series(["anything at all"]), ("lower",))
    assert Matcher("booster", NEVER).counts(prepared).to_list() == [0]
    assert Matcher("booster", NEVER).spans(prepared) == [[]]
