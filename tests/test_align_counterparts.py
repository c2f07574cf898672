"""Counterparts on paragraphs written for these tests: shared figures, quotations and rare
names pair paragraphs worded differently; unrelated articles are called weak instead of being
flagged "only in" throughout; a paragraph with nothing in common is still "only in"."""

from __future__ import annotations

import pytest

from workbench.align import align, aligned_rows, alignment_caption
from workbench.align.similarity import counterpart_similarity, numbers, stemmed_words
from workbench.dashboard.highlight import alignment_html

TURNOUT = [
    "Turnout in the referendum was 61.4 percent, the electoral commission said on Monday.",
    "Turnout in the last referendum, in 2014, was far lower, the commission said.",
    "The prime minister thanked voters and called the result a clear mandate.",
]


def electorate(figure: str) -> list[str]:
    return [f"Nearly two thirds of the electorate, {figure}, took part.",
            "The prime minister called the result a clear mandate for reform.",
            "Opposition leaders said they would respect the outcome."]


def pairs(result) -> set[tuple[int, int]]:
    return {(i, j) for i, found in enumerate(result.matches_a) for j, _ in found}


def test_the_same_figure_pairs_paragraphs_worded_differently():
    assert (0, 0) in pairs(align(TURNOUT, electorate("61.4%")))
    # The same sentence with another figure shares nothing with the turnout paragraph.
    assert (0, 0) not in pairs(align(TURNOUT, electorate("58.2%")))


def test_a_shared_figure_counts_beyond_its_words():
    a, b = TURNOUT, electorate("61.4%")
    with_anchor = counterpart_similarity(a, b)[0, 0]
    words_only = counterpart_similarity(a, b, anchor_weight=0.0)[0, 0]
    assert with_anchor == pytest.approx(words_only + 0.1)


def test_a_shared_quotation_counts_beyond_its_words():
    a = ['The mayor called the budget "a betrayal of every family in this town" at a rally.',
         "Schools will open late on Tuesday because of the snow."]
    b = ['"A betrayal of every family in this town": that was her verdict on the spending plan.',
         "Bus fares rise by ten cents in March."]
    quoted = counterpart_similarity(a, b)[0, 0]
    unquoted = counterpart_similarity([p.replace('"', "") for p in a],
                                      [p.replace('"', "") for p in b])[0, 0]
    assert quoted > unquoted
    assert pairs(align(a, b)) == {(0, 0)}


def test_a_name_only_two_paragraphs_share_counts_more_than_the_story_s_name():
    # "Lazar" is in every paragraph, "Blumenthal" in one of each article.
    a = ["Lazar pleaded guilty on Wednesday in Alexandria.",
         "Lazar broke into the email account of Sidney Blumenthal.",
         "Lazar faces at least two years in prison."]
    b = ["Lazar, a Romanian hacker, admitted the intrusions.",
         "Blumenthal, a former aide, was among his victims, Lazar admitted.",
         "Lazar was extradited in March."]
    assert pairs(align(a, b)) == {(1, 1)}


def test_inflected_words_meet_at_their_stem():
    assert stemmed_words("resigned") == stemmed_words("resigning") == stemmed_words("resign")
    assert pairs(align(["The senator resigned amid the inquiry.", "Rain fell."],
                       ["Inquiry prompts senator's resignation.", "Markets rose."])) == {(0, 0)}


def test_years_are_not_anchors():
    assert numbers("In 2016 it rose to 4,500 from 3.5") == {"4500", "3.5"}


def test_a_paragraph_sharing_nothing_is_still_only_in():
    result = align(TURNOUT, electorate("61.4%"))
    assert not result.weak
    assert 2 in result.only_b  # "Opposition leaders said they would respect the outcome."
    assert 2 not in {j for _, found in enumerate(result.matches_a) for j, _ in found}


def test_a_paragraph_between_floor_and_threshold_is_unsure_not_only_in():
    a = ["The central bank raised interest rates by half a point on Thursday.",
         "Mortgage lenders said repayments would rise within weeks.",
         "The governor said inflation was still too high."]
    b = ["Interest rates went up on Thursday, the central bank said.",
         "The governor's term ends in 2027 and he has not said whether he will stay.",
         "Savers welcomed the move."]
    best = align(a, b).similarity[2].max()  # the governor paragraphs: a name, not a fact
    assert 0 < best < 0.9
    above_floor = align(a, b, threshold=0.9, floor=best / 2)
    under_floor = align(a, b, threshold=0.9, floor=(best + 0.9) / 2)
    assert not above_floor.matches_a[2] and not under_floor.matches_a[2]
    assert 2 in above_floor.unsure_a and 2 not in above_floor.only_a
    assert 2 in under_floor.only_a and 2 not in under_floor.unsure_a


def test_articles_about_different_events_are_weak_and_flag_nothing():
    storm = ["A storm flooded coastal towns on Sunday and cut power to 40,000 homes.",
             "Emergency crews worked through the night to clear fallen trees.",
             "Forecasters expect more rain on Tuesday."]
    budget = ["Parliament passed the budget by 210 votes to 190 on Wednesday.",
              "The finance minister said the deficit would halve within three years.",
              "Opposition members walked out before the final vote."]
    result = align(storm, budget)
    assert result.weak and result.shared < 0.2
    assert result.only_a == () and result.only_b == ()
    assert set(result.unsure_a) == {0, 1, 2} and set(result.unsure_b) == {0, 1, 2}
    assert "Red: reported by one article only (0 in x, 0 in y)" in alignment_caption(
        result, "x", "y", 3, 3)


def test_same_event_articles_are_not_weak():
    result = align(TURNOUT, electorate("61.4%"))
    assert result.shared >= 2 / 3


def test_unsure_paragraphs_are_shown_dashed_not_red():
    storm = ["A storm flooded coastal towns on Sunday.", "Crews cleared trees overnight."]
    budget = ["Parliament passed the budget on Wednesday.", "The minister praised the vote."]
    result = align(storm, budget)
    a_rows = [{"text": t, "is_boilerplate": False} for t in storm]
    b_rows = [{"text": t, "is_boilerplate": False} for t in budget]
    html = alignment_html(aligned_rows(result), a_rows, b_rows, a_name="x", b_name="y")
    assert "only in" not in html and "not in" not in html
    assert html.count("wb-cell wb-unsure") == 4


@pytest.mark.parametrize("name", ["floor", "min_shared"])
def test_floor_and_share_outside_zero_one_are_refused(name):
    with pytest.raises(ValueError, match=name):
        align(TURNOUT, TURNOUT, **{name: 1.5})


def test_unknown_scorer_is_refused():
    with pytest.raises(ValueError, match="scorer"):
        align(TURNOUT, TURNOUT, scorer="bm25")


def test_one_shared_word_is_not_a_shared_fact_however_short_the_paragraphs():
    a = ["The council meets on the first Monday of each month.",
         "Repairs to Elm Street will finish in June, the council said."]
    b = ["Nobody knows what the council will decide.",
         "Elm Street reopens after repairs in June."]
    scores = counterpart_similarity(a, b)
    assert scores[0, 0] == 0.0  # "council" only
    assert counterpart_similarity(a, b, min_words=1)[0, 0] > 0.0
    assert scores[1, 1] > 0.3
    assert pairs(align(a, b)) == {(1, 1)}
    assert 0 in align(a, b).only_a and 0 in align(a, b).only_b


def test_a_shared_quotation_counts_even_with_no_other_word_in_common():
    # The quoted words are all stop words, so only the quotation links the two paragraphs.
    a = ['After the defeat the coach told reporters: "we will not back down from this".']
    b = ['"We will not back down from this," was all the captain would add.']
    assert counterpart_similarity(a, b, anchor_weight=0.0)[0, 0] == 0.0
    assert counterpart_similarity(a, b)[0, 0] == pytest.approx(0.1)


# A paragraph that says "she" reports what its neighbour's named person said.
RUIZ = ["Senator Alma Ruiz spoke to reporters outside the capitol on Monday.",
        "She said the budget cuts would close two rural clinics."]
RUIZ_AND_PIKE = ["Ruiz said the budget cuts would close two rural clinics.",
                 "Snow is expected across the north of the state this week.",
                 "Pike said the budget cuts would close two rural clinics."]


def test_a_paragraph_borrows_the_name_its_neighbour_gives():
    lent = counterpart_similarity(RUIZ, RUIZ_AND_PIKE, expand=0.0)
    plain = counterpart_similarity(RUIZ, RUIZ_AND_PIKE, context=0.0, expand=0.0)
    # "She" is Ruiz: with the neighbour's words (its name among them) Ruiz's paragraph is
    # further ahead of Pike's, worded the same, than on the paragraph's own words.
    assert lent[1, 0] - lent[1, 2] > plain[1, 0] - plain[1, 2] > 0


def test_neighbours_are_taken_within_an_article_only():
    # One paragraph per article: no neighbour to lend anything.
    a, b = RUIZ[1:], RUIZ_AND_PIKE[:1]
    assert counterpart_similarity(a, b, context=0.5, expand=0.0) == pytest.approx(
        counterpart_similarity(a, b, context=0.0, expand=0.0))


AUCTION = ["The gun went up for auction on a website on Thursday.",
           "Bidding reached 65,000 dollars."]
LISTING = ["The listing on the website was taken down on Thursday.",
           "The auction listing drew many bidders."]


def test_words_used_together_in_the_articles_bring_paragraphs_closer():
    # "auction" and "listing" go together in LISTING's second paragraph.
    expanded = counterpart_similarity(AUCTION, LISTING, context=0.0)
    plain = counterpart_similarity(AUCTION, LISTING, context=0.0, expand=0.0)
    assert expanded[0, 0] > plain[0, 0]
    # Borrowed words never make up for the two shared words of a paragraph's own.
    assert counterpart_similarity(AUCTION, LISTING)[1, 1] == 0.0


def test_without_neighbours_or_co_occurring_words_the_score_is_the_plain_cosine():
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectors = TfidfVectorizer(analyzer=stemmed_words, binary=True).fit_transform(
        [*AUCTION, *LISTING]).toarray()
    cosine = vectors[:2] @ vectors[2:].T
    got = counterpart_similarity(AUCTION, LISTING, context=0.0, expand=0.0, anchor_weight=0.0)
    assert got[0, 0] == pytest.approx(cosine[0, 0])
    assert align(AUCTION, LISTING, scorer="stemmed").similarity == pytest.approx(
        counterpart_similarity(AUCTION, LISTING, context=0.0, expand=0.0))


@pytest.mark.parametrize("name", ["context", "expand"])
def test_neighbour_and_co_occurrence_weights_outside_zero_one_are_refused(name):
    with pytest.raises(ValueError, match=name):
        counterpart_similarity(AUCTION, LISTING, **{name: 1.5})
