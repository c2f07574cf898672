"""Paragraph and sentence segmentation, boilerplate detection."""

from __future__ import annotations

import pytest

from workbench.text import segment


def test_one_paragraph_per_line():
    assert segment.paragraphs("Headline\nFirst.\n\n") == ["Headline", "First."]


def test_blank_line_form_joins_wrapped_lines():
    assert segment.paragraphs("A\nwrapped line.\r\n\r\nNext one.") == ["A wrapped line.",
                                                                       "Next one."]


@pytest.mark.parametrize("text", [
    "Mr. Smith met Gen. Lee in the U.S. on Jan. 5. They talked.",
    "Sen. Warren and Dr. Ng spoke at 9 a.m. on Tuesday. Then they left.",
])
def test_abbreviations_do_not_end_sentences(text):
    assert len(segment.sentences(text)) == 2


def test_sentence_spans_point_into_text():
    text = 'He said "yes." She said no! Really?'
    for a, b in segment.sentence_spans(text):
        assert text[a:b].strip() == text[a:b]
    assert len(segment.sentence_spans(text)) == 3


@pytest.mark.parametrize("text", [
    "Read more: Zelensky rejects territorial concessions",
    "READ MORE: something else",
    "Advertisement",
    "By Jane Doe, Staff Reporter",
    "Photo: The Kremlin at dusk / Meridian Wire Photo Service",
    "Related: Five things to know",
    "Additional reporting by Sam Reyes; editing by Ana Ortiz",
    "(Reporting by Jane Doe in Washington; editing by Sam Reed)",
])
def test_boilerplate(text):
    assert segment.is_boilerplate(text)


@pytest.mark.parametrize("text", [
    "By the end of the week, the talks had stalled.",
    "Read the statement, officials urged reporters, before writing anything.",
    "Related talks are set for Monday.",
    "(Reporters were kept outside by security.)",
])
def test_prose_is_not_boilerplate(text):
    assert not segment.is_boilerplate(text)


GLUED = ("The council voted on Wednesday to keep the night buses, a spokeswoman said. "
         "(Reporting by Mara Vell in Leeds; Editing by Tobias Crane)")


def test_a_credit_glued_to_a_paragraph_is_a_boilerplate_paragraph_of_its_own():
    from workbench.io.articles import Article
    from workbench.score import score, summarise_articles

    art = Article(article_id="a", title="Buses", paragraphs=("Fares stay the same.", GLUED,
                                                             "Buses run hourly."))
    table = segment.to_frame([art])
    body, credit = GLUED.split(" (", 1)
    assert table["text"].to_list() == ["Fares stay the same.", body, f"({credit}",
                                       "Buses run hourly."]
    assert table["paragraph_kind"].to_list() == ["body", "body", "boilerplate", "body"]
    assert table["paragraph_index"].to_list() == [0, 1, 2, 3]
    # the credit's names are not body words
    words = len(" ".join(["Fares stay the same.", body, "Buses run hourly."]).split())
    assert summarise_articles(score([art], model=None))["n_words"].item() == words


def test_a_corpus_row_splits_a_glued_credit_too(tmp_path):
    import polars as pl

    from workbench.io.corpus import corpus_table

    rows = pl.DataFrame({"_row": [1, 2], "id": ["a", "b"],
                         "text": [f"Fares stay the same.\n\n{GLUED}", "Nothing glued here."]})
    table, bad, _ = corpus_table(rows, "c")
    assert bad == [] and table["_row"].to_list() == [1, 1, 1, 2]
    assert table["paragraph_kind"].to_list() == ["body", "body", "boilerplate", "body"]
    assert table["paragraph_index"].to_list() == [0, 1, 2, 0]


@pytest.mark.parametrize("paragraph", [
    "A story (reporting by local papers) ran for a week.",
    "She praised the paper's work (reporting by its Kyiv bureau)",
    "(Reporting by Mara Vell; Editing by Tobias Crane)",
])
def test_no_glued_credit_is_found_where_there_is_none(paragraph):
    assert segment.split_trailing_credit(paragraph) == [paragraph]
