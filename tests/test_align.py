"""Paragraph alignment on constructed pairs: counterparts found, omissions flagged."""

from __future__ import annotations

import numpy as np
import pytest

from workbench.align import DEFAULT_THRESHOLD, align, aligned_rows, alignment_frame
from workbench.io.articles import read_file
from workbench.text.segment import is_boilerplate

RESIGN_A = "The finance minister resigned on Friday after an audit found missing funds."
RESIGN_B = "After auditors found funds missing, the finance minister resigned Friday."
STORM = "A storm flooded coastal towns and cut power to thousands of homes."
MARKETS = "Shares in Tokyo rose three percent as investors welcomed the central bank move."
VOTE = "Parliament will vote on the budget next Tuesday, the speaker announced."


def matched(result, side="a"):
    matches = result.matches_a if side == "a" else result.matches_b
    return [[j for j, _ in found] for found in matches]


def test_same_facts_in_other_words_are_counterparts():
    result = align([RESIGN_A, STORM], [MARKETS, RESIGN_B])
    assert matched(result) == [[1], []]
    assert matched(result, "b") == [[], [0]]
    assert result.only_a == (1,) and result.only_b == (0,)
    assert result.matches_a[0][0][1] == pytest.approx(result.similarity[0, 1])


def test_identical_paragraphs_have_similarity_one():
    result = align([STORM, VOTE], [VOTE, STORM])
    assert result.similarity[0, 1] == pytest.approx(1.0)
    assert result.similarity[1, 0] == pytest.approx(1.0)
    assert result.only_a == () and result.only_b == ()


def test_threshold_decides_what_counts_as_the_same_facts():
    a = ["The minister resigned on Friday."]
    b = ["The minister spoke on Friday about schools and the weather."]
    sim = align(a, b).similarity[0, 0]
    assert 0 < sim < 1
    assert matched(align(a, b, threshold=sim - 0.01)) == [[0]]
    assert matched(align(a, b, threshold=sim + 0.01)) == [[]]


def test_one_paragraph_can_report_what_the_other_splits_in_two():
    merged = RESIGN_A + " " + STORM
    result = align([merged], [STORM, VOTE, RESIGN_B])
    assert sorted(matched(result)[0]) == [0, 2]
    assert result.only_b == (1,)
    # most similar first
    sims = [s for _, s in result.matches_a[0]]
    assert sims == sorted(sims, reverse=True)


def test_skipped_paragraphs_are_neither_matched_nor_flagged():
    result = align(["Read more: " + STORM, STORM], [STORM, "Advertisement"],
                   skip_a=[True, False], skip_b=[False, True])
    assert matched(result) == [[], [0]]
    assert result.only_a == () and result.only_b == ()
    assert result.similarity[0].tolist() == [0.0, 0.0]


@pytest.mark.parametrize(("a", "b"), [([], [STORM]), ([STORM], []), ([], []),
                                      (["the and of"], ["a the it"]), ([""], [STORM])])
def test_empty_or_stop_word_only_articles_do_not_fail(a, b):
    result = align(a, b)
    assert result.similarity.shape == (len(a), len(b))
    assert not np.any(result.similarity)
    assert result.only_a == tuple(range(len(a))) and result.only_b == tuple(range(len(b)))


def test_a_threshold_of_zero_does_not_pair_unrelated_paragraphs():
    result = align([STORM], [MARKETS], threshold=0.0)
    assert matched(result) == [[]]


@pytest.mark.parametrize("threshold", [-0.1, 1.5])
def test_threshold_outside_zero_one_is_refused(threshold):
    with pytest.raises(ValueError, match="threshold"):
        align([STORM], [STORM], threshold=threshold)


def test_rows_keep_both_articles_in_order():
    result = align([RESIGN_A, STORM], [VOTE, RESIGN_B, MARKETS, STORM])
    rows = [(r.left, [j for j, _ in r.right]) for r in aligned_rows(result)]
    # B's paragraph 0 comes before anything shown; 2 after its predecessor 1.
    assert rows == [(None, [0]), (0, [1]), (None, [2]), (1, [3])]


def test_rows_show_skipped_paragraphs_of_a_without_counterparts():
    result = align(["Read more: storm", STORM], [STORM], skip_a=[True, False])
    rows = aligned_rows(result, skip_a=[True, False])
    assert [(r.left, r.right) for r in rows][0] == (0, ())
    assert rows[1].left == 1 and rows[1].right[0][0] == 0


def test_alignment_frame_lists_pairs_and_omissions():
    frame = alignment_frame(align([RESIGN_A, STORM], [RESIGN_B]), a_name="x", b_name="y")
    assert frame.columns == ["article", "paragraph_index", "counterpart_index", "similarity"]
    rows = {(a, i): (j, s) for a, i, j, s in frame.rows()}
    assert rows[("x", 0)][0] == 0 and rows[("y", 0)][0] == 0
    assert rows[("x", 1)] == (None, 0.0)


def test_seed_reports_of_the_same_call_align_on_shared_facts(seeds_dir):
    (wire,) = read_file(seeds_dir / "101_wire_named_sources.txt")
    (hedged,) = read_file(seeds_dir / "102_anonymous_hedged.txt")
    a, b = list(wire.paragraphs), list(hedged.paragraphs)
    result = align(a, b, threshold=DEFAULT_THRESHOLD, skip_a=[is_boilerplate(p) for p in a],
                   skip_b=[is_boilerplate(p) for p in b])
    pairs = {(i, j) for i, found in enumerate(result.matches_a) for j, _ in found}

    def index(paragraphs, words):
        return next(i for i, p in enumerate(paragraphs) if words in p)

    # "Trump told Putin not to escalate" is in both; so is the Kyiv reaction.
    assert (index(a, "did not want to see the conflict escalate"),
            index(b, "urged Putin not to escalate")) in pairs
    assert (index(a, "Iryna Sokolenko"), index(b, "In Kyiv, the reaction")) in pairs
    # The wire's think-tank analyst (named) has no counterpart in the hedged piece.
    assert index(a, "Thomas Brandt") in result.only_a
