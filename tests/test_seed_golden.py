"""Golden tests on the seed article: every cue below was checked by hand against the text.

Known misses and false alarms found in that hand check are pinned as such in
``KNOWN_LIMITS`` so that a change that fixes (or worsens) them is noticed.
"""

from __future__ import annotations

import pytest

from workbench.io.articles import read_file
from workbench.score import parse_cues, score


@pytest.fixture(scope="module")
def seed_table(seed_article):
    return score(read_file(seed_article))


def cues_of(table, index: int, column: str, kind: str) -> list[str]:
    cell = table.filter(table["paragraph_index"] == index)[column][0]
    return [c["text"] for c in parse_cues(cell) if c["kind"] == kind]


def test_title_and_paragraphs(seed_table):
    assert seed_table["title"][0] == (
        "Trump-Putin call signals shift in US-Russia relations on Ukraine: WP")
    assert seed_table.height == 20
    assert seed_table["text"][0].startswith("Following Trump's win")


def test_read_more_lines_are_boilerplate(seed_table):
    read_more = seed_table.filter(seed_table["text"].str.starts_with("Read more:"))
    assert read_more.height == 2
    assert read_more["is_boilerplate"].to_list() == [True, True]
    assert read_more["paragraph_kind"].to_list() == ["boilerplate", "boilerplate"]


def test_subheading_is_kept_but_flagged(seed_table):
    row = seed_table.filter(seed_table["text"] == "Direct Diplomacy")
    assert row["paragraph_kind"].to_list() == ["heading"]
    assert row["is_boilerplate"].to_list() == [True]


def test_anonymous_sources_paragraph(seed_table):
    row = seed_table.filter(seed_table["text"].str.starts_with("According to sources familiar"))
    assert row["hedge_count"][0] >= 1
    assert row["anonymous_source_count"][0] >= 1
    hedges = cues_of(seed_table, 3, "hedge_cues", "hedge")
    assert "reportedly" in hedges
    assert "sources familiar with" in cues_of(seed_table, 3, "attribution_cues",
                                              "anonymous_source")
    assert "According to" in cues_of(seed_table, 3, "attribution_cues", "cue")


# (paragraph index, cue column, kind, text): found by hand in the seed article.
EXPECTED = [
    (0, "hedge_cues", "hedge", "potential"),
    (0, "attribution_cues", "anonymous_source", "Ukrainian officials"),
    (1, "hedge_cues", "hedge", "potential"),
    (1, "attribution_cues", "named_source", "The Washington Post reported"),
    (1, "attribution_cues", "cue", "reported"),
    (4, "hedge_cues", "hedge", "reportedly"),
    (5, "hedge_cues", "hedge", "might"),
    (5, "attribution_cues", "cue", "promised"),
    (6, "hedge_cues", "hedge", "suggesting"),
    (6, "hedge_cues", "hedge", "remain unconfirmed"),
    (13, "attribution_cues", "anonymous_source", "Sources reveal"),  # noun and its verb
    (13, "attribution_cues", "anonymous_source", "one source"),
    (13, "attribution_cues", "cue", "According to"),
    (13, "attribution_cues", "direct_quote", '"just calling [Trump] directly."'),
    (16, "attribution_cues", "anonymous_source", "US officials"),
    (17, "attribution_cues", "named_source", "Dmitry Peskov responded"),
    (17, "attribution_cues", "direct_quote", '"sends positive signals"'),
]


@pytest.mark.parametrize(("index", "column", "kind", "text"), EXPECTED)
def test_hand_checked_cue_is_found(seed_table, index, column, kind, text):
    assert text in cues_of(seed_table, index, column, kind)


@pytest.mark.parametrize("index", [2, 8, 12, 14])
def test_plain_reporting_paragraphs_have_no_hedge_or_source(seed_table, index):
    row = seed_table.filter(seed_table["paragraph_index"] == index).row(0, named=True)
    assert (row["hedge_count"], row["named_source_count"], row["anonymous_source_count"]) == (
        0, 0, 0), row["text"]


def test_scare_quote_is_not_a_direct_quote(seed_table):
    row = seed_table.filter(seed_table["text"].str.contains('"manly"'))
    assert row["direct_quote_count"][0] == 0
    assert row["quoted_word_share"][0] > 0


def test_counts_equal_cue_lists(seed_table):
    for row in seed_table.iter_rows(named=True):
        hedges = [c for c in parse_cues(row["hedge_cues"]) if c["kind"] == "hedge"]
        assert row["hedge_count"] == len(hedges), row["text"]
        attribution = parse_cues(row["attribution_cues"])
        assert row["attribution_count"] == sum(c["kind"] == "cue" for c in attribution)
        assert row["anonymous_source_count"] == sum(
            c["kind"] == "anonymous_source" for c in attribution)
        assert row["named_source_count"] == sum(c["kind"] == "named_source" for c in attribution)
        assert row["direct_quote_count"] == sum(c["kind"] == "direct_quote" for c in attribution)
