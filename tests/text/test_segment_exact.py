"""The fast paragraph splitting and kind rules give exactly what the plain rules give.

Paragraphs: the polars path of :func:`segment.paragraph_lists` gives :func:`segment.paragraphs`;
and that, where a text has no line break inside a blank-line block, gives the first rule
(:func:`benchmarks.segmentation.blank_line_rule`, whitespace collapsed), and elsewhere only
splits its blank-line blocks further. Before the layout was read, paragraphs were that rule
exactly, which put a headline, a blank line and one paragraph per line into one paragraph.
"""

from __future__ import annotations

import re
import sys

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.segmentation import blank_line_rule
from tests.fuzz.strategies import hostile_text
from workbench.text import layout, segment

SPACES = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


def plain_paragraphs(text: str) -> list[str]:
    """The first rule, with whitespace collapsed inside every paragraph as now."""
    return [" ".join(p.split()) for p in blank_line_rule(text)]


def blank_line_blocks(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [" ".join(b.split()) for b in BLANK_LINE.split(text) if b.strip()]


def kinds(texts: list[str]) -> list[str]:
    frame = pl.DataFrame({"text": texts}, schema={"text": pl.String})
    return frame.select(segment.paragraph_kind_expr("text")).to_series().to_list()


def plain_kinds(texts: list[str]) -> list[str]:
    """Paragraph kinds with one boilerplate alternation and a word count, as first written."""
    stripped = pl.col("text").fill_null("").str.strip_chars()
    n_words = stripped.str.count_matches(r"\S+")
    heading = (n_words > 0) & (n_words <= 8) & ~stripped.str.contains(r"[.!?:;,\"”’)]$")
    boiler = stripped.str.to_lowercase().str.contains(segment._boilerplate_regex())
    kind = (pl.when(boiler).then(pl.lit("boilerplate")).when(heading).then(pl.lit("heading"))
            .otherwise(pl.lit("body")))
    frame = pl.DataFrame({"text": texts}, schema={"text": pl.String})
    return frame.select(kind).to_series().to_list()


FURNITURE = ["Advertisement", "Read more: Kremlin says", "Related: Five things", "By Jane Doe",
             "By José Müller, Staff Reporter", "Photo: Reuters / Wire", "(c) 2024 Wire",
             "(c) ٢٠٢٤ Wire", "Updated: Nov 5, 2024", "Updated: Nov ٥, ٢٠٢٤",
             "A man. Getty Images", "x getty images/afp — y", "Copyright ©", "© Wire",
             "Direct Diplomacy", "The View From Kyiv", "Один два три", "a b c d e f g h",
             "a b c d e f g h i", "Said.”", "By O’Neil and Zoë Ng"]
piece = st.one_of(st.sampled_from(FURNITURE), st.sampled_from(SPACES), hostile_text,
                  st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\n \t\n", "  ", " ", "."]))
text = st.lists(piece, max_size=12).map("".join)


def test_collapse_is_split_and_join_for_every_character():
    for c in map(chr, range(sys.maxunicode + 1)):
        if 0xD800 <= ord(c) <= 0xDFFF:
            continue
        for block in (f"a{c}b", c, f"{c}a", f"a{c}"):
            assert layout.collapse(block) == " ".join(block.split()), repr(block)
    for block in ("", " ", "a  b", " a b", "a b ", "a \u3000b", "a\u200bb", "a\x1cb"):
        assert layout.collapse(block) == " ".join(block.split()), repr(block)


def test_python_whitespace_is_the_clean_rules_space():
    chars = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]
    series = pl.Series(chars)
    found = series.filter(~series.str.contains(f"^{segment._NOT_SPACE}$")).to_list()
    assert found == SPACES


SEPARATORS = [" "] * 6 + ["\n\n"] * 3 + [
    "  ", "\n", "\n\n\n", " \n\n", "\n\n ", "\x1c", "\xa0", "\r\n\r\n", "\n \n", "\t", "\r"]
clean_like = st.lists(st.tuples(st.sampled_from(["a", "Bé", "“x”.", "x\u200by"]),
                                st.sampled_from(SEPARATORS)), max_size=8).map(
    lambda parts: "".join(w + sep for w, sep in parts))
"""Mostly text the polars path takes, with one space or blank line too many here and there."""


@settings(max_examples=600, deadline=None)
@given(st.lists(st.one_of(st.none(), clean_like, text), max_size=8))
def test_paragraph_lists_are_paragraphs(texts):
    series = pl.Series("text", texts, dtype=pl.String)
    assert segment.paragraph_lists(series).to_list() == [
        segment.paragraphs(t) if t else [] for t in texts]


def test_paragraph_lists_of_near_clean_texts():
    texts = ["a b", "a  b", "a\n\nb", "a\n\n\nb", "a \n\nb", "a\n\n b", " a", "a ", "a\nb",
             "a\n\nb\n", "\n\na", "a\x1cb", "a\r\n\r\nb", "a\n \nb", "", "\n\n", "a\n\n\n\nb"]
    series = pl.Series("text", texts)
    assert segment.paragraph_lists(series).to_list() == list(map(segment.paragraphs, texts))


def test_headings_have_one_to_eight_words():
    words = [" ".join(["Word"] * n) for n in range(11)]
    texts = words + [w.replace(" ", sep) for w in words for sep in ("\t", " \u3000", "\x1c")]
    texts += [f"{w}." for w in words] + [f"\xa0{w}\u2028" for w in words]
    assert kinds(texts) == plain_kinds(texts)
    assert kinds(words) == ["body"] + ["heading"] * 8 + ["body"] * 2


@settings(max_examples=600, deadline=None)
@given(text)
def test_paragraphs_split_blank_line_blocks_only(raw):
    found = segment.paragraphs(raw)
    normalised = raw.replace("\r\n", "\n").replace("\r", "\n")
    if not any("\n" in b.strip("\n") for b in BLANK_LINE.split(normalised)):
        assert found == plain_paragraphs(raw)
    blocks, pars = blank_line_blocks(raw), iter(found)
    for block in blocks:  # each block is one or more whole paragraphs, in order
        joined = next(pars)
        while joined != block:
            assert block.startswith(joined + " "), (block, joined)
            joined += " " + next(pars)
    assert next(pars, None) is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(text, st.sampled_from(FURNITURE)), min_size=1, max_size=30))
def test_kinds_are_the_plain_rules(texts):
    assert kinds(texts) == plain_kinds(texts)


def test_kinds_of_corpus_paragraphs_are_the_plain_rules():
    from benchmarks.corpus import Generator

    generator = Generator(seed=3)
    texts = [p for _ in range(150) for p in generator.article(20)] + FURNITURE
    texts += [t.upper() for t in FURNITURE] + [" " * 3 + t + "\t" for t in FURNITURE]
    found = kinds(texts)
    assert found == plain_kinds(texts)
    assert {"body", "heading", "boilerplate"} <= set(found)


def test_sentence_spans_are_nltks_with_the_project_abbreviations():
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    from benchmarks.corpus import Generator
    from workbench import lexicons

    params = PunktParameters()
    params.abbrev_types = set(lexicons.load("abbreviations"))
    nltk = PunktSentenceTokenizer(params)
    generator = Generator(seed=9)
    texts = [generator.paragraph() for _ in range(500)] + ["Mr. Lee met Gen. Lee. Then", " "]
    for text in texts:
        expected = list(nltk.span_tokenize(text)) if text.strip() else []
        assert segment.sentence_spans(text) == expected
