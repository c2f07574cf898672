"""Lexicons counted in shared passes give each lexicon's own count, term by term."""

from __future__ import annotations

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.strategies import hostile_text
from workbench import lexicons
from workbench.features import FramingCues
from workbench.features._base import lexicon_text
from workbench.features._lexicon_passes import (
    can_overlap,
    lexicon_pass_counts,
    passes,
    split_accented,
)
from workbench.features._shared import SharedText

FRAMING = FramingCues().fit([""]).terms_
TERMS = sorted({t for terms in FRAMING.values() for t in terms})
CLASHES = ["end the war crimes", "taxpayer money laundering", "first aid package",
           "a just peace deal-making", "culture war fatigue", "soft power outages",
           "russian world leaders", "swing state department", "double standard of living"]
SEPARATORS = st.sampled_from([" ", "  ", "\xa0", "-", "’", "'", "é", "—", ", ", ".", "",
                              "\n", "_", "#", "“"])
piece = st.one_of(st.sampled_from(TERMS), st.sampled_from(CLASHES), hostile_text,
                  st.sampled_from(TERMS).map(str.upper),
                  st.sampled_from(CLASHES).map(lambda t: t.replace(" ", "\xa0 \n")))


def own_counts(texts: list[str], named: dict[str, tuple[str, ...]]) -> pl.DataFrame:
    """Each lexicon counted alone, by its own alternation on the lower-cased texts."""
    lowered = pl.Series(texts, dtype=pl.String).str.to_lowercase()
    return pl.DataFrame({"t": lowered}).select(
        pl.col("t").str.count_matches(lexicons.alternation(terms)).cast(pl.Int32).alias(name)
        for name, terms in named.items())


def pass_counts(texts: list[str], named: dict[str, tuple[str, ...]]) -> pl.DataFrame:
    return lexicon_pass_counts(SharedText(pl.Series(texts, dtype=pl.String)).lexicon, named)


@given(st.lists(st.tuples(piece, SEPARATORS), min_size=1, max_size=12))
def test_framing_lexicons_in_shared_passes_count_as_each_alone(parts):
    texts = ["".join(p + s for p, s in parts), *(p for p, _ in parts)]
    assert pass_counts(texts, FRAMING).equals(own_counts(texts, FRAMING))


def test_terms_that_overlap_across_lexicons_are_each_counted():
    texts = CLASHES + ["Soft power outages and the power outage; end the war, war crimes.",
                       "Détente’s détente, taxpayer money",
                       "soft\u00a0power  outages, money\nlaundering, end\tthe  war"]
    expected = own_counts(texts, FRAMING)
    assert expected.select(pl.sum_horizontal(pl.all())).to_series().min() >= 2
    assert pass_counts(texts, FRAMING).equals(expected)


def test_user_lexicons_that_clash_or_hold_accents_get_their_own_pass():
    named = {"a": ("tax cut", "cut"), "b": ("cut spending", "spending"), "c": ("tax",),
             "d": ("détente", "talks"), "e": ("talks",)}
    groups = passes(tuple(named.items()))
    assert ("d",) in groups
    assert not any({"a", "b"} <= set(g) for g in groups)
    texts = ["Tax cut spending, tax-cut talks; détente TALKS", "cut", "", "spending cut tax"]
    assert pass_counts(texts, named).equals(own_counts(texts, named))


def test_an_accented_term_is_split_off_only_when_it_cannot_overlap_the_rest():
    named = {"d": ("détente", "talks", "peace"), "f": ("détente talks", "talks", "peace")}
    parts = dict(split_accented(tuple(named.items())))
    assert parts["d"] == ("talks", "peace") and parts["d\x00accented"] == ("détente",)
    assert parts["f"] == named["f"] and "f\x00accented" not in parts
    texts = ["Détente talks, détente-talks; peace talks détente", "détentes talks", ""]
    counts = pass_counts(texts, named)
    assert counts.equals(own_counts(texts, named))
    assert counts["d"][0] == 7  # by hand: détente 3, talks 3, peace 1


def test_overlap_is_judged_on_whole_words():
    assert can_overlap("end the war", "war crimes") and can_overlap("war", "end the war")
    assert can_overlap("de-escalation", "escalation") and can_overlap("talks", "talks")
    assert not can_overlap("war", "warfare") and not can_overlap("tax cut", "cuts")


def test_matches_are_read_on_the_ascii_stand_ins_when_the_pass_allows():
    texts = ["taxes\u00a0and spending, crime’s toll"]
    seen = []

    def texts_for(stand_ins: bool) -> pl.Series:
        seen.append(stand_ins)
        return pl.select(lexicon_text(pl.lit(pl.Series(texts)), ascii_stand_ins=stand_ins)
                         ).to_series()

    out = lexicon_pass_counts(texts_for, FRAMING)
    assert out.equals(own_counts(texts, FRAMING))
    assert True in seen and False in seen  # détente's lexicon alone on the plain text
