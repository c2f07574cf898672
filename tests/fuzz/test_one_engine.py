"""Counts and highlighted cues come from the same matches: for every paragraph and every cue
kind, the count column equals the number of cues shown, on hostile text."""

from __future__ import annotations

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fuzz.strategies import LEXICON_TERMS, WORDS, hostile_text, paragraph_text
from workbench.features import CUE_COLUMNS, EXTRACTORS
from workbench.features.prepare import PREPARED, prepare
from workbench.score import parse_cues, score

FITTED = {name: cls().fit([""]) for name, cls in EXTRACTORS.items()}

SHAPES = (
    "CLAIM THAT He said", "He said", "said Keller", '"We will," said Élodie Łoś', "Keller said",
    "according to the Pentagon", "Maria Keller, a spokeswoman, said", "U.S. officials said",
    "«peace through strength»", "“it might rain”", '"maybe so"', "“unclosed might",
    "İ", "İSTANBUL SAID", "MIGHT\n", "might\n", "\n", "ñmight", "might\u0301", "mi\u200dght",
    "\u200c", "\u200d", "e\u0301", "\u0301", "’", "'", "“", "”", "«", "»", '"', "Σ", "ς",
    "Москва", "中文", "قال", "détente", "DÉTENTE", "several years", "critics say",
)
"""Pieces where the old two engines disagreed (the first), and where engines differ:
joiners, combining marks, quotation marks of every kind, ``İ``, final newlines, non-Latin
letters."""

piece = st.one_of(
    st.sampled_from(SHAPES),
    st.sampled_from(WORDS),
    st.sampled_from(LEXICON_TERMS).flatmap(lambda t: st.sampled_from((t, t.upper(), t.title()))),
    hostile_text,
)
paragraph = st.lists(st.tuples(piece, st.sampled_from(["", " ", "  ", ", ", "\n", "\xa0"])),
                     max_size=14).map(lambda parts: "".join(p + s for p, s in parts))

COUNTED = {
    "hedging": {"hedge": "hedge_count", "booster": "booster_count"},
    "attribution": {"cue": "attribution_count", "anonymous_source": "anonymous_source_count",
                    "named_source": "named_source_count", "direct_quote": "direct_quote_count"},
}
"""Cue kind to count column, per extractor (framing: ``frame_cue_<frame>`` per frame)."""


def check(texts: list[str]) -> None:
    prepared = prepare(pl.Series(texts, dtype=pl.String))
    for name, kinds in COUNTED.items():
        counts = FITTED[name].transform(prepared)
        for text, cues, row in zip(texts, FITTED[name].cue_lists(prepared),
                                   counts.iter_rows(named=True), strict=True):
            for kind, column in kinds.items():
                assert sum(c["kind"] == kind for c in cues) == row[column], (text, kind, cues)
            if name == "hedging":
                quoted = sum(c.get("voice") == "quoted" for c in cues)
                assert quoted == row["hedge_quoted_count"], (text, cues)
            for cue in cues:
                assert text[cue["start"]:cue["end"]] == cue["text"], (text, cue)
    framing = FITTED["framing"]
    counts = framing.transform(prepared)
    for text, cues, row in zip(texts, framing.cue_lists(prepared),
                               counts.iter_rows(named=True), strict=True):
        for key in framing.frames:
            assert sum(c["frame"] == key for c in cues) == row[f"frame_cue_{key}"], (text, key)


@settings(max_examples=300)
@given(st.lists(paragraph, min_size=1, max_size=4))
def test_every_count_equals_the_cues_shown(texts):
    check(texts)


@settings(max_examples=100)
@given(st.lists(hostile_text, min_size=1, max_size=4))
def test_every_count_equals_the_cues_shown_on_arbitrary_unicode(texts):
    check(texts)


def test_the_cases_the_two_old_engines_disagreed_on():
    check(list(SHAPES) + [" ".join(SHAPES), "“" + " ".join(SHAPES)])
    out = FITTED["attribution"].transform(["CLAIM THAT He said", "We said it. He said so."])
    assert out["named_source_count"].to_list() == [0, 0]  # a pronoun source is none


@settings(max_examples=100)
@given(st.lists(paragraph, min_size=1, max_size=4))
def test_prepared_lower_case_keeps_every_offset(texts):
    prepared = prepare(pl.Series(texts, dtype=pl.String), PREPARED)
    for text, lower in zip(texts, prepared["lower"].to_list(), strict=True):
        assert len(lower) == len(text)


@settings(max_examples=100)
@given(st.lists(paragraph, min_size=1, max_size=4))
def test_fast_counts_equal_the_full_expression(texts):
    prepared = prepare(pl.Series(texts, dtype=pl.String), ("lower",))
    for extractor in (FITTED["hedging"], FITTED["attribution"]):
        for matcher in (v for v in vars(extractor).values() if hasattr(v, "count_expr")):
            full = prepared.select(matcher.count_expr()).to_series()
            assert matcher.counts(prepared).equals(full, check_names=False), matcher.kind


@settings(max_examples=25)
@given(st.lists(st.lists((paragraph | paragraph_text).filter(str.strip), min_size=1, max_size=3),
                min_size=1, max_size=3))
def test_score_table_counts_equal_its_cue_columns_which_point_into_the_text(docs):
    from workbench.io.articles import Article

    arts = [Article(article_id=str(i), title="t", paragraphs=tuple(p)) for i, p in enumerate(docs)]
    table = score(arts)
    for row in table.iter_rows(named=True):
        for name, kinds in COUNTED.items():
            cues = parse_cues(row[CUE_COLUMNS[name]])
            for kind, column in kinds.items():
                assert sum(c["kind"] == kind for c in cues) == row[column], (row["text"], kind)
            for cue in cues:
                assert row["text"][cue["start"]:cue["end"]] == cue["text"]
        frames = parse_cues(row["frame_cues"])
        for key in FITTED["framing"].frames:
            assert sum(c["frame"] == key for c in frames) == row[f"frame_cue_{key}"]
