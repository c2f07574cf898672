"""Segmentation never loses a word and never gives an offset outside the paragraph."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.strategies import hostile_text, paragraph_text
from workbench.io.articles import Article
from workbench.text.segment import (
    fresh_sentence_spans,
    is_boilerplate,
    paragraph_kind,
    paragraphs,
    sentence_spans,
    to_frame,
)


@given(hostile_text)
def test_paragraphs_keep_every_word_and_no_line_break(text):
    pars = paragraphs(text)
    assert " ".join(pars).split() == text.split()
    for par in pars:
        assert par and par == par.strip()
        assert "\n" not in par and "\r" not in par


@given(paragraph_text)
def test_sentence_spans_are_ordered_and_inside(text):
    last = 0
    for start, end in sentence_spans(text):
        assert last <= start < end <= len(text)
        last = end
    if text.strip():
        assert sentence_spans(text), "a paragraph with text has at least one sentence"


@given(paragraph_text)
def test_paragraph_kind_helpers_accept_anything(text):
    assert isinstance(is_boilerplate(text), bool)
    assert paragraph_kind(text) in {"body", "heading", "boilerplate"}


@given(st.lists(st.lists(hostile_text.filter(str.strip), min_size=1, max_size=4), max_size=4))
def test_to_frame_has_one_row_per_paragraph(docs):
    arts = [Article(article_id=f"a{i}", title="t", paragraphs=tuple(p)) for i, p in enumerate(docs)]
    frame = to_frame(arts)
    assert frame["text"].to_list() == [p for doc in docs for p in doc]
    assert frame["paragraph_kind"].is_in(["body", "heading", "boilerplate"]).all()


@given(st.one_of(paragraph_text, hostile_text,
                 st.sampled_from(["Mr. Lee met Gen. Smith in the U.S. on Jan. 5. He left.", " "])))
def test_spans_split_afresh_equal_the_remembered_ones(text):
    assert fresh_sentence_spans(text) == sentence_spans(text)
