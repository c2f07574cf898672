"""Same-story grouping on sentences written for the test and on the synthetic corpus."""

from __future__ import annotations

import polars as pl
import pytest

from workbench.corpus import StoryGrouper, pairwise_scores
from workbench.corpus.synthetic import synthetic_articles


@pytest.mark.parametrize("linkage", ["average", "single"])
def test_synthetic_events_are_recovered(linkage):
    # at threshold 0.2 and at the defaults: distinct events of one topic share their topic
    # words but no names, so the rare-name check keeps them apart (without it the default
    # 0.06 over-merged this denser corpus, F1 0.68 at 600 articles)
    arts = synthetic_articles(600, seed=4)
    for grouper in (StoryGrouper(threshold=0.2, linkage=linkage), StoryGrouper(linkage=linkage)):
        out = grouper.fit_predict(arts)
        s = pairwise_scores(arts["event"].to_list(), out["story_id"].to_list())
        assert s["f1"] > 0.9, (grouper, s)


def test_block_size_does_not_change_the_groups():
    arts = synthetic_articles(300, seed=5)
    a = StoryGrouper(block_rows=1000).fit_predict(arts)["story_id"]
    b = StoryGrouper(block_rows=37).fit_predict(arts)["story_id"]
    assert a.to_list() == b.to_list()


def test_date_window_separates_the_same_words_months_apart():
    text = ("Mayor Tamsin Velloway resigned on Friday after the Harbour Bridge audit "
            "found $40m missing.")
    arts = pl.DataFrame({"article_id": ["a", "b", "c"], "text": [text] * 3,
                         "date": ["2020-01-10", "2020-01-11", "2020-06-01"]})
    assert StoryGrouper().fit_predict(arts)["story_id"].to_list() == [0, 0, 1]


def test_undated_articles_are_grouped_by_text():
    a = ("Mayor Tamsin Velloway resigned on Friday after the Harbour Bridge audit "
            "found $40m missing.")
    b = "Velloway quits as mayor: the Harbour Bridge audit says $40m is missing."
    c = "Heavy rain closed schools across the northern valley for a second day."
    arts = pl.DataFrame({"article_id": ["a", "b", "c"], "text": [a, b, c],
                         "date": ["2020-01-10", None, "2020-01-10"]})
    assert StoryGrouper().fit_predict(arts)["story_id"].to_list() == [0, 0, 1]


def test_pairwise_scores_known_case():
    s = pairwise_scores(["x", "x", "y", "y"], [1, 1, 1, 2])
    # predicted pairs: (0,1),(0,2),(1,2); gold pairs: (0,1),(2,3); shared: (0,1)
    assert (s["precision"], s["recall"]) == (1 / 3, 1 / 2)


RESIGN_A = ("Mayor Tamsin Velloway resigned on Friday after the Harbour Bridge audit found $40m "
            "missing from the repair fund.")
RESIGN_B = ("Velloway quits as mayor: the Harbour Bridge audit says $40m is missing from the "
            "repair fund.")
STRIKE_A = ("Striking dockers at Port Kessle walked out on Friday over the new Orrin Shipping "
            "roster and pay freeze.")
STRIKE_B = "Port Kessle dockers strike against the Orrin Shipping roster and the pay freeze."
BRIDGE = ("After Velloway resigned over the Harbour Bridge audit, Port Kessle dockers began their "
          "strike against Orrin Shipping.")


def _two_events_and_a_bridge() -> pl.DataFrame:
    return pl.DataFrame({"article_id": list("abcde"),
                         "text": [RESIGN_A, RESIGN_B, BRIDGE, STRIKE_A, STRIKE_B],
                         "date": ["2020-01-10"] * 5, "outlet": list("pqrst")})


def test_average_link_does_not_chain_two_events_through_a_bridging_article():
    arts = _two_events_and_a_bridge()
    single = StoryGrouper(linkage="single", threshold=0.2).fit_predict(arts)
    average = StoryGrouper(linkage="average", threshold=0.2).fit_predict(arts)
    assert single["story_id"].to_list() == [0, 0, 0, 0, 0]   # chained through "c"
    assert average["story_id"].to_list() == [0, 0, 1, 1, 1]  # "c" joins its closer story


def test_outlet_penalty_separates_one_outlets_two_reports():
    arts = _two_events_and_a_bridge().with_columns(outlet=pl.Series(list("ppqrs")))
    kept = StoryGrouper(threshold=0.2).fit_predict(arts)["story_id"].to_list()
    split = StoryGrouper(threshold=0.2, outlet_penalty=0.9).fit_predict(arts)
    assert kept[0] == kept[1]
    assert split["story_id"][0] != split["story_id"][1]
    # without an outlet column the penalty has nothing to act on
    no_outlet = StoryGrouper(threshold=0.2, outlet_penalty=0.9).fit_predict(arts.drop("outlet"))
    assert no_outlet["story_id"].to_list() == kept


def test_unknown_linkage_is_refused():
    with pytest.raises(ValueError, match="linkage"):
        StoryGrouper(linkage="complete").fit_predict(_two_events_and_a_bridge())


# a candidate's name and county are in many articles of the corpus (generic to the campaign);
# the result's runner-up and share are particular to the primary night
CAMPAIGN = ["Senator Hallam Brisk spoke about Ostrava County farm prices at a town hall.",
            "Ostrava County voters told Hallam Brisk about school funding and road repairs.",
            "Hallam Brisk raised money in Ostrava County from small donors this month.",
            "A new Ostrava County poll shows Hallam Brisk level with his rivals.",
            "Hallam Brisk released an Ostrava County advert about hospital waiting lists.",
            "In Ostrava County, Hallam Brisk promised to cut taxes for small shops.",
            "Hallam Brisk visited a factory in Ostrava County and met its workers."]
PREVIEW = ("Senator Hallam Brisk hopes to win the Ostrava County primary vote tonight, polls "
           "suggest.")
RESULT_A = "Hallam Brisk wins the Ostrava County primary with 61% as Dorrit Vane concedes."
RESULT_B = "Brisk takes the Ostrava County primary with 61% of the vote; Dorrit Vane concedes."


def _campaign_and_primary() -> pl.DataFrame:
    dates = [f"2021-0{m}-10" for m in range(1, 8)] + ["2021-09-01", "2021-09-02", "2021-09-02"]
    return pl.DataFrame({"article_id": [str(i) for i in range(10)], "date": dates,
                         "text": [*CAMPAIGN, PREVIEW, RESULT_A, RESULT_B]})


def test_preview_sharing_only_generic_names_is_not_merged_with_the_result():
    arts = _campaign_and_primary()
    gated = StoryGrouper().fit_predict(arts)["story_id"].to_list()[-3:]
    assert gated[1] == gated[2] != gated[0]
    # the words and generic names alone join the preview with the result
    plain = StoryGrouper(name_max_df=0).fit_predict(arts)["story_id"].to_list()[-3:]
    assert plain[0] == plain[1] == plain[2]


def test_capitalised_common_words_are_not_names():
    a = "Officials closed the Tarrow dam road on Monday."
    b = "Officials reopened the Tarrow dam road on Tuesday."
    c = "Local officials say the river is falling."
    grouper = StoryGrouper()
    alone = grouper.rare_names([a, b])
    assert alone[0].multiply(alone[1]).nnz == 2  # "officials" and "tarrow"
    with_lower = grouper.rare_names([a, b, c])
    assert with_lower[0].multiply(with_lower[1]).nnz == 1  # "officials" is a common word


def test_names_in_much_of_a_large_corpus_are_not_rare():
    texts = [f"Quill Harbour council met on day {i} about item {i}." for i in range(40)]
    rare = StoryGrouper(name_max_df=0.1).rare_names(texts)
    # "Quill", "Harbour" are in all 40 articles; each figure is in one article (so never shared)
    assert rare.nnz == 0
    rare = StoryGrouper(name_max_df=1.0).rare_names(texts)
    assert rare.nnz == 2 * 40  # now "quill" and "harbour" count, in every article


def test_demo_corpus_events_are_grouped_by_the_defaults():
    from workbench.dashboard.corpus import DEMO_ANONYMOUS, DEMO_HEDGING, DEMO_OUTLETS
    arts = synthetic_articles(60, outlets=DEMO_OUTLETS, hedging=DEMO_HEDGING,
                              anonymous=DEMO_ANONYMOUS, seed=7, days=70)
    out = StoryGrouper().fit_predict(arts.drop("event"))
    s = pairwise_scores(arts["event"].to_list(), out["story_id"].to_list())
    assert s["f1"] == 1.0, s
