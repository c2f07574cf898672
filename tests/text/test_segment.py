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
