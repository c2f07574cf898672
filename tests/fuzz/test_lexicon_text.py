"""ASCII stand-ins (the fast path of lexicon counts) never change a count."""

from __future__ import annotations

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.strategies import hostile_text
from workbench import lexicons
from workbench.features import AttributionFeatures, HedgingFeatures
from workbench.features._base import QUOTE, ascii_safe, cased_capital, cased_text, lexicon_text

HEDGING, ATTRIBUTION = HedgingFeatures().fit([""]), AttributionFeatures().fit([""])
PATTERNS = {
    "hedge": HEDGING.hedge_pattern_, "booster": HEDGING.booster_pattern_,
    "reporting": ATTRIBUTION.cue_pattern_, "anonymous": ATTRIBUTION.anonymous_pattern_,
    "user terms": lexicons.alternation(("don't know", "sources familiar with", "may be", "ne")),
    **{name: lexicons.alternation(lexicons.load(name)) for name in lexicons.names()
       if name.startswith("framing/") and ascii_safe(lexicons.alternation(lexicons.load(name)))},
}
SEPARATORS = st.sampled_from(["", " ", "\xa0", "’", "é", "—", "“", "\u2009", "ß", "_", "#"])


def counts(texts: list[str], stand_ins: bool) -> pl.DataFrame:
    frame = pl.DataFrame({"text": pl.Series(texts, dtype=pl.String)})
    for source in ("text", "unquoted"):
        col = pl.col("text") if source == "text" else pl.col("text").str.replace_all(QUOTE, " | ")
        made = lexicon_text(col, ascii_stand_ins=stand_ins)
        frame = frame.with_columns(made.str.count_matches(p).alias(f"{source}:{k}")
                                   for k, p in PATTERNS.items())
    return frame.drop("text")


@given(st.lists(st.tuples(hostile_text, SEPARATORS), min_size=1, max_size=8))
def test_stand_ins_count_what_lower_case_text_counts(parts):
    texts = ["".join(t + s for t, s in parts), *(t for t, _ in parts)]
    assert counts(texts, True).equals(counts(texts, False))


def test_stand_ins_keep_accented_and_curly_words_apart():
    texts = ["Reportedly’s señor — “might” go", "I don’t know", "mightñ", "ñmight", "might_",
             "sources\u00a0familiar\u2009with", "it—might—be", "may\u3000be", "may—be",
             "né", "ñe", "ne—"]
    assert counts(texts, True).equals(counts(texts, False))


def test_the_shipped_hedging_and_attribution_lexicons_take_the_fast_path():
    assert HEDGING.ascii_ and ATTRIBUTION.ascii_


def test_a_lexicon_with_an_accented_term_is_counted_on_plain_text():
    hedging = HedgingFeatures(hedges=("peut-être",), weasels=()).fit([""])
    assert not hedging.ascii_
    assert hedging.transform(["Il viendra peut-être, peut-ètre."])["hedge_count"][0] == 1


NAMED = (ATTRIBUTION.named_pattern_, ATTRIBUTION.not_named_pattern_)
NAME_PIECES = st.sampled_from([
    "Élodie Dupont said", "said Ñico Ruiz", "Øyvind, a spokesman for Ørsted, said",
    "according to the Þing", "Àccording to Keller", "He said", "Ł. Wałęsa told",
    "“We will,” Ökan said", "Keller, “a friend,” said", "Q said", "Quentin said", "İlker said",
    "de Ávila said", "Ministry of Défense said", "she said", "Mr. Ôh said", "\u00a0said\u2009",
])


def named_counts(texts: list[str], capital: str | None) -> pl.DataFrame:
    frame = pl.DataFrame({"text": pl.Series(texts, dtype=pl.String)})
    if capital is not None:
        frame = frame.select(cased_text(pl.col("text"), capital).alias("text"))
    return frame.select(pl.col("text").str.count_matches(p).alias(str(i))
                        for i, p in enumerate(NAMED))


@given(st.lists(st.one_of(NAME_PIECES, hostile_text), min_size=1, max_size=8),
       st.lists(SEPARATORS, min_size=8, max_size=8))
def test_cased_stand_ins_count_the_names_the_text_holds(parts, seps):
    text = "".join(p + s for p, s in zip(parts, seps, strict=False))
    texts = [text, *parts]
    assert ATTRIBUTION.capital_ is not None
    assert named_counts(texts, ATTRIBUTION.capital_).equals(named_counts(texts, None))


def test_cased_stand_ins_on_accented_names():
    texts = ["Élodie Dupont said", "said Ñico", "Øyvind, a spokesman for Ørsted, said",
             "according to the Þing", "Àccording to Keller", "Keller, “a friend,” said",
             "Keller, “a friend” and more, said", "İlker said", "Łukasz said", "Mr. Ôh said"]
    ours, plain = named_counts(texts, ATTRIBUTION.capital_), named_counts(texts, None)
    assert ours.equals(plain) and plain["0"].sum() >= 5


def test_no_capital_when_a_pattern_names_every_candidate():
    assert cased_capital(("QXZJVK",)) is None and cased_capital(("é",)) is None
    assert cased_capital((r"[A-ZÀ-ÖØ-Þ][\w'’.-]*\s+said",)) == "Q"


QUOTED = st.sampled_from(['“We might,” he said', '«peut-être» said', '"may be" “', "” «", '"'])


@given(st.lists(st.one_of(hostile_text, NAME_PIECES, QUOTED), min_size=1, max_size=6))
def test_shared_stand_ins_made_char_by_char_equal_the_expressions(texts):
    from workbench.features._shared import QUOTE_MARKERS, SharedText

    series = pl.Series(texts, dtype=pl.String)
    shared, frame = SharedText(series), pl.DataFrame({"text": series})
    unquoted = pl.col("text").str.replace_all(QUOTE, " | ")
    for stand_ins in (True, False):
        made = [shared.lexicon(stand_ins), shared.unquoted(stand_ins)]
        if stand_ins and not any(m in "".join(texts) for m in QUOTE_MARKERS.values()):
            # the quotation marks' stand-ins are control characters, else "#"
            made = [m.str.replace_many(list(QUOTE_MARKERS.values()), ["#"] * 4) for m in made]
        assert made[0].equals(frame.select(
            lexicon_text(pl.col("text"), ascii_stand_ins=stand_ins)).to_series())
        assert made[1].equals(frame.select(
            lexicon_text(unquoted, ascii_stand_ins=stand_ins)).to_series())
    assert shared.cased("Q").equals(frame.select(cased_text(pl.col("text"), "Q")).to_series())
