"""Lexicons counted in shared passes give each lexicon's own count, term by term."""

from __future__ import annotations

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.strategies import hostile_text
from workbench import lexicons
from workbench.features import FramingCues
from workbench.features._lexicon_passes import LexiconPasses, can_overlap, passes
from workbench.features.matcher import ascii_boundaries
from workbench.features.prepare import prepare

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
    lowered = prepare(pl.Series(texts, dtype=pl.String), ("lower",))["lower"]
    return pl.DataFrame({"t": lowered}).select(
        pl.col("t").str.count_matches(ascii_boundaries(lexicons.alternation(terms)))
        .cast(pl.Int32).alias(name) for name, terms in named.items())


def pass_counts(texts: list[str], named: dict[str, tuple[str, ...]]) -> pl.DataFrame:
    prepared = prepare(pl.Series(texts, dtype=pl.String), ("lower",))
    found = LexiconPasses(named, "cue")
    counts = found.counts(prepared)
    for row, spans in enumerate(found.spans(prepared)):  # one span per count, every lexicon
        for name in named:
            assert sum(key == name for _, _, key in spans) == counts[name][row]
    return counts


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


def test_user_lexicons_that_clash_get_their_own_pass():
    named = {"a": ("tax cut", "cut"), "b": ("cut spending", "spending"), "c": ("tax",),
             "d": ("détente", "talks"), "e": ("talks",)}
    groups = passes(tuple(named.items()))
    assert not any({"a", "b"} <= set(g) for g in groups)
    texts = ["Tax cut spending, tax-cut talks; détente TALKS", "cut", "", "spending cut tax",
             "Détente talks, détente-talks; peace talks détente", "détentes talks"]
    counts = pass_counts(texts, named)
    assert counts.equals(own_counts(texts, named))
    assert counts["d"][4] == 6  # by hand: détente 3, talks 3


def test_overlap_is_judged_on_whole_words():
    assert can_overlap("end the war", "war crimes") and can_overlap("war", "end the war")
    assert can_overlap("de-escalation", "escalation") and can_overlap("talks", "talks")
    assert not can_overlap("war", "warfare") and not can_overlap("tax cut", "cuts")
