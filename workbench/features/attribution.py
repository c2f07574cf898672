"""Attribution: reporting cues, named and anonymous sources, direct quotations."""

from __future__ import annotations

import functools
import re

import polars as pl

from workbench import lexicons
from workbench.features._base import (
    QUOTE,
    WORD,
    TextFeatures,
    ascii_safe,
    cased_capital,
    fold_case,
    inside,
    quote_regions,
    rate,
    recounted,
    resolve_terms,
    spans,
)
from workbench.features._shared import shared_text

_CAP = r"[A-ZÀ-ÖØ-Þ][\w'’.-]*"
_JOIN = r"\s+(?:(?:of|for|de|del|da|van|von|bin|al)\s+(?:the\s+)?)?"
NAME = _CAP + r"(?:" + _JOIN + _CAP + r")*"
"""A capitalised name: "Maria Keller", "The Washington Post", "Ministry of Defence"."""

_CAP_BOUNDED = r"[A-ZÀ-ÖØ-Þ][\w'’.-]{0,60}"
NAME_BOUNDED = _CAP_BOUNDED + r"(?:" + _JOIN + _CAP_BOUNDED + r"){0,7}"
""":data:`NAME` for Python's backtracking ``re`` (the cues): unbounded, it took quadratic
time on long runs of capitalised words or initials ("A.B.C.D..."). Polars' engine is linear
but cannot compile these bounds (regex size limit), so the counts keep :data:`NAME`; both
find the same names, the bounded one a shorter span of a name over eight words."""


INVERTED_AFTER = "(?:^|[,\"“”'’?!])"
"""What must come before a speech verb that precedes a name (see
:func:`named_source_patterns`). The marks are written as :func:`~workbench.features._base.
cased_capital` expects them (``"“”`` and ``'’`` together), so that the counts still run on
the ASCII stand-ins."""

_LEADING = re.compile(r"[,\"“”'’?!\s]*")
"""What a named-source cue drops from its start: the characters :data:`INVERTED_AFTER`
requires, which are not part of the source."""


@functools.cache
def named_source_patterns(name: str = NAME) -> tuple[str, str]:
    """Return (source pattern, exclusion pattern), both case-sensitive.

    The source pattern finds a name beside a speech verb ("Keller said", "said Keller",
    "Keller, a spokeswoman, said", "according to the Pentagon"); the exclusion pattern
    finds the same shapes with a pronoun or date in the name's place ("He said").

    A verb before the name counts only after a quotation mark, a comma, ``?``, ``!`` or
    at the start (``"...," said Keller``): after a word it is nearly always something else
    ("he said Trump would", "asked Sanders how"). On PolNeAR's training split those spans
    overlapped a gold source 5% of the time (117 spans), against 97% after punctuation.
    """
    verbs = lexicons.alternation(lexicons.load("speech_verbs"))
    inverted = lexicons.alternation(lexicons.load("inverted_speech_verbs"))
    stop = "|".join(w[:1].upper() + w[1:] for w in lexicons.load("non_names"))
    shapes = (
        r"\b{N}\s+{V}",                       # Keller said
        r"\b{N},\s[^,;.\"“”]{{1,80}},\s+{V}",  # Keller, a spokeswoman for X, said
        INVERTED_AFTER + r"\s*{I}\s+{N}\b",   # "...," said Keller
        r"\b[Aa]ccording\s+to\s+(?:the\s+)?{N}\b",  # according to the Pentagon
    )
    source = "|".join(s.format(N=name, V=verbs, I=inverted) for s in shapes)
    bad = rf"(?:{stop})\b"
    exclusion = "|".join(s.format(N=bad, V=verbs, I=inverted) for s in shapes)
    return source, exclusion


class AttributionFeatures(TextFeatures):
    """Count attributions and classify their sources and quotations.

    ``attribution_count`` counts reporting cues (said, told, according to, believes, ...)
    outside quotation marks: a cue inside a quotation is the quoted speaker's, not the
    article's;
    ``named_source_count`` names beside a speech verb; ``anonymous_source_count`` unnamed
    sources ("sources familiar with", "one source", "US officials");
    ``direct_quote_count`` quotations of two or more words (a one-word quotation is a
    scare quote); ``quoted_word_share`` the share of words inside quotation marks.

    Examples
    --------
    >>> AttributionFeatures().fit_transform(
    ...     ['"We will talk," Keller said, according to one source.']).select(
    ...     "attribution_count", "named_source_count", "anonymous_source_count",
    ...     "direct_quote_count")
    shape: (1, 4)
    ┌───────────────────┬────────────────────┬────────────────────────┬────────────────────┐
    │ attribution_count ┆ named_source_count ┆ anonymous_source_count ┆ direct_quote_count │
    │ ---               ┆ ---                ┆ ---                    ┆ ---                │
    │ i32               ┆ i32                ┆ i32                    ┆ i32                │
    ╞═══════════════════╪════════════════════╪════════════════════════╪════════════════════╡
    │ 2                 ┆ 1                  ┆ 1                      ┆ 1                  │
    └───────────────────┴────────────────────┴────────────────────────┴────────────────────┘
    """

    feature_names = (
        "attribution_count", "attribution_per_sentence", "named_source_count",
        "anonymous_source_count", "direct_quote_count", "quoted_word_share",
    )

    def __init__(self, *, reporting: str | tuple[str, ...] = "reporting_cues",
                 anonymous: str | tuple[str, ...] = "anonymous_sources",
                 min_quote_words: int = 2) -> None:
        self.reporting = reporting
        self.anonymous = anonymous
        self.min_quote_words = min_quote_words

    def _compile(self) -> None:
        if not isinstance(self.min_quote_words, int) or self.min_quote_words < 1:
            raise ValueError(f"min_quote_words={self.min_quote_words!r} is not valid; "
                             "expected an int >= 1")
        self.cue_pattern_ = lexicons.alternation(resolve_terms(self.reporting, "reporting"))
        self.anonymous_pattern_ = lexicons.alternation(resolve_terms(self.anonymous, "anonymous"))
        self.named_pattern_, self.not_named_pattern_ = named_source_patterns()
        self._res = {k: re.compile(getattr(self, f"{k}_pattern_"))
                     for k in ("cue", "anonymous", "not_named")}
        self._res["named"] = re.compile(named_source_patterns(NAME_BOUNDED)[0])
        self.ascii_ = ascii_safe(self.cue_pattern_) and ascii_safe(self.anonymous_pattern_)
        self.capital_ = cased_capital((self.named_pattern_, self.not_named_pattern_))

    def _summarise(self, texts: pl.Series) -> pl.DataFrame:
        text = pl.col("text")
        shared = shared_text(texts)
        lower, unquoted, cased = pl.col("lower"), pl.col("unquoted"), pl.col("cased")
        quotes = text.str.extract_all(QUOTE)
        quote_words = quotes.list.eval(pl.element().str.count_matches(WORD))
        frame = pl.DataFrame({
            "text": texts, "cased": shared.cased(self.capital_),
            "lower": shared.lexicon(self.ascii_),
            "unquoted": shared.unquoted(self.ascii_), "n_words": shared.n_words(),
            "n_sentences": shared.n_sentences(),
        }).with_columns(
            attribution_count=unquoted.str.count_matches(self.cue_pattern_).cast(pl.Int32),
            anonymous_source_count=lower.str.count_matches(self.anonymous_pattern_).cast(pl.Int32),
            named=cased.str.count_matches(self.named_pattern_).cast(pl.Int32),
            direct_quote_count=quote_words.list.eval(pl.element() >= self.min_quote_words)
            .list.sum().fill_null(0).cast(pl.Int32),
            quoted_words=quote_words.list.sum().fill_null(0),
        )
        return frame.with_columns(
            named_source_count=self._named_sources(frame["named"], frame["cased"]),
            attribution_per_sentence=rate(pl.col("attribution_count"), pl.col("n_sentences")),
            quoted_word_share=pl.min_horizontal(
                rate(pl.col("quoted_words"), pl.col("n_words")), 1.0),
        )

    def _named_sources(self, named: pl.Series, cased: pl.Series) -> pl.Series:
        """``named`` less the pronoun and date shapes (never below 0), those looked for only
        where a name was found (15% of a news corpus's paragraphs): elsewhere it stays 0."""
        excluded = recounted(pl.zeros(len(named), pl.Int32, eager=True), named > 0, cased,
                             lambda texts: texts.str.count_matches(self.not_named_pattern_))
        return (named - excluded).clip(lower_bound=0).alias("named_source_count")

    def cues(self, text: str) -> list[dict]:
        """Return reporting cues, sources and direct quotations in one paragraph."""
        folded = fold_case(text)
        quotes = quote_regions(text)
        found = [c for c in spans(self._res["cue"], folded, "cue")
                 if not inside(c["start"], quotes)]
        found += spans(self._res["anonymous"], folded, "anonymous_source")
        found += [_without_leading(c) for c in spans(self._res["named"], text, "named_source")
                  if not self._res["not_named"].fullmatch(c["text"])]
        for start, end in quotes:
            if len(re.findall(WORD, text[start:end])) >= self.min_quote_words:
                found.append({"text": text[start:end], "start": start, "end": end,
                              "kind": "direct_quote"})
        for cue in found:
            cue["text"] = text[cue["start"]:cue["end"]]
        return sorted(found, key=lambda c: (c["start"], c["end"]))


def _without_leading(cue: dict) -> dict:
    """Return a named-source ``cue`` starting at its speech verb or name (see
    :data:`_LEADING`)."""
    cut = _LEADING.match(cue["text"]).end()
    return {**cue, "text": cue["text"][cut:], "start": cue["start"] + cut}
