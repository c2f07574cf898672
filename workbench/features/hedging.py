"""Hedging: epistemic hedges, weasel wording and boosters, and whose voice each hedge is in."""

from __future__ import annotations

import re

import numpy as np
import polars as pl

from workbench import lexicons
from workbench.errors import bad_option_message
from workbench.features._base import TextFeatures, cue_dicts, merged, resolve_terms
from workbench.features._expressions import QUOTE, rate, recounted
from workbench.features._hedge_shapes import claim_gap_drop, claim_shape, counted_shape
from workbench.features.matcher import Matcher


class HedgingFeatures(TextFeatures):
    """Count hedges ("reportedly", "might", "critics say") and boosters ("clearly").

    A hedge is an epistemic hedge (``hedges``) or weasel wording (``weasels``: vague
    quantifiers and unnamed or agentless attribution, "some officials", "is widely seen as").
    A match of ``not_hedges`` ("several years", "as possible", "in May") is a phrase that
    holds a hedge word but is not one, and is not counted. A hedge inside quotation marks is
    the quoted speaker's (``hedge_quoted_count``); the rest are in the reporter's own voice.

    A vague holder followed within ``claim_gap`` words by a claim verb is one hedge ("most
    historians believe", "others have argued"); the holders (``claim_holders``: "most",
    "several", "opponents") are not hedges alone, since a quantifier that counts does not
    hedge a claim. An approximator before a number ("some 300", "an estimated 2,000") is a
    count, not a hedge, and so is the month in "May 16".

    Parameters
    ----------
    hedges, weasels, not_hedges, boosters, claim_holders, claim_verbs, approximators : \
str or tuple of str
        A shipped lexicon's name, or the terms themselves (``()`` switches one off).
    claim_gap : int
        At most this many words between a claim holder and its verb (0 to 8).

    Examples
    --------
    >>> HedgingFeatures().fit_transform(['It might rain. "Maybe," he said.']).select(
    ...     "hedge_count", "hedge_quoted_count", "hedged_sentence_share")
    shape: (1, 3)
    ┌─────────────┬────────────────────┬───────────────────────┐
    │ hedge_count ┆ hedge_quoted_count ┆ hedged_sentence_share │
    │ ---         ┆ ---                ┆ ---                   │
    │ i32         ┆ i32                ┆ f64                   │
    ╞═════════════╪════════════════════╪═══════════════════════╡
    │ 2           ┆ 1                  ┆ 1.0                   │
    └─────────────┴────────────────────┴───────────────────────┘
    """

    feature_names = (
        "hedge_count", "hedge_quoted_count", "hedge_per_100w", "hedged_sentence_share",
        "booster_count", "booster_per_100w",
    )

    def __init__(self, *, hedges: str | tuple[str, ...] = "hedges",
                 weasels: str | tuple[str, ...] = "weasels",
                 not_hedges: str | tuple[str, ...] = "not_hedges",
                 boosters: str | tuple[str, ...] = "boosters",
                 claim_holders: str | tuple[str, ...] = "claim_holders",
                 claim_verbs: str | tuple[str, ...] = "claim_verbs",
                 claim_gap: int = 3,
                 approximators: str | tuple[str, ...] = "approximators") -> None:
        self.hedges = hedges
        self.weasels = weasels
        self.not_hedges = not_hedges
        self.boosters = boosters
        self.claim_holders = claim_holders
        self.claim_verbs = claim_verbs
        self.claim_gap = claim_gap
        self.approximators = approximators

    reads = ("text", "lower", "n_words", "n_sentences", "sentence_starts", "sentence_ends")

    def _compile(self) -> None:
        if not isinstance(self.claim_gap, int) or isinstance(self.claim_gap, bool) \
                or not 0 <= self.claim_gap <= 8:
            raise ValueError(bad_option_message("claim_gap", self.claim_gap,
                                                "an integer from 0 to 8"))
        terms = resolve_terms(self.hedges, "hedges") + resolve_terms(self.weasels, "weasels")
        excluded = resolve_terms(self.not_hedges, "not_hedges")
        holders = resolve_terms(self.claim_holders, "claim_holders")
        claim = claim_shape(holders, resolve_terms(self.claim_verbs, "claim_verbs"),
                            self.claim_gap)
        # a month that is also a hedge word ("may") beside a day number is a date
        months = tuple(m for m in lexicons.load("date_words") if m in terms)
        counted = counted_shape(resolve_terms(self.approximators, "approximators"),
                                lexicons.load("number_words"), months)
        # One alternation holds hedges, their shapes and their look-alikes, so that at each
        # position the longest phrase wins ("several years" over "several"), a number's
        # look-alikes and claim shapes first ("some 300" over "some"); look-alikes are then
        # dropped, and so are claim shapes with a pronoun or time word in their gap.
        pattern = "|".join(p for p in (counted, claim, lexicons.alternation(terms + excluded))
                           if p)
        dropped = [f"^(?:{p})$" for p in (
            "|".join(lexicons.term_regex(t) for t in excluded) if excluded else None, counted)
            if p]
        if claim and (gap_drop := claim_gap_drop(holders, lexicons.load("claim_gap_stops"))):
            dropped.append(gap_drop)
        drop = "|".join(dropped) or None
        self.hedge_ = Matcher("hedge", pattern, drop=drop)
        self.reporter_hedge_ = Matcher("hedge", pattern, skip=QUOTE, drop=drop)
        self.booster_ = Matcher(
            "booster", lexicons.alternation(resolve_terms(self.boosters, "boosters")))
        self.sentence_safe_ = not any(re.search(r"[.?!]", t) for t in terms + excluded)

    def _summarise(self, prepared: pl.DataFrame) -> pl.DataFrame:
        # Most paragraphs hold a hedge term: extracting them all at once is the fast way.
        frame = prepared.with_columns(
            hedge_count=self.hedge_.count_expr(),
            booster_count=self.booster_.counts(prepared),
        )
        # Hedges outside quotations: all of them where there is no hedge or no quotation.
        todo = (frame["hedge_count"] > 0) & frame["lower"].str.contains(QUOTE)
        frame = frame.with_columns(hedge_reporter=recounted(
            frame["hedge_count"], todo, frame["lower"], lambda part: pl.DataFrame(
                {"lower": part}).select(self.reporter_hedge_.count_expr()).to_series()))
        frame = frame.with_columns(hedged_sentences=self._hedged_sentences(frame))
        return frame.with_columns(
            hedge_quoted_count=pl.col("hedge_count") - pl.col("hedge_reporter"),
            hedge_per_100w=rate(pl.col("hedge_count"), pl.col("n_words"), 100),
            booster_per_100w=rate(pl.col("booster_count"), pl.col("n_words"), 100),
            hedged_sentence_share=pl.col("hedged_sentences").cast(pl.Float64),
        )

    def _hedged_sentences(self, frame: pl.DataFrame) -> pl.Series:
        """Share of each paragraph's sentences holding at least one hedge.

        Only paragraphs of several sentences with several hedges are cut into sentences:
        with no hedge term holding sentence-ending punctuation, no match crosses a sentence
        end, so a sentence's matches are the paragraph's matches inside it; a paragraph
        without hedges has no hedged sentence, one with a single hedge has one, and one
        sentence is the paragraph. Sentences are cut from ``lower``, whose characters sit at
        the text's offsets.
        """
        n_sents = frame["n_sentences"].to_numpy().astype(np.int64)
        n_hedges = frame["hedge_count"].to_numpy()
        if self.sentence_safe_:
            counts = ((n_hedges == 1) | ((n_hedges > 1) & (n_sents == 1))).astype(np.float64)
            cut = np.flatnonzero((n_hedges > 1) & (n_sents > 1))
        else:
            counts, cut = np.zeros(len(n_sents)), np.flatnonzero(n_sents > 0)
        if len(cut):
            sentences = (
                frame.select("lower", "sentence_starts", "sentence_ends")
                .with_row_index("row").filter(pl.col("row").is_in(cut))
                .explode("sentence_starts", "sentence_ends")
                .select("row", s=pl.col("lower").str.slice(
                    pl.col("sentence_starts"),
                    pl.col("sentence_ends") - pl.col("sentence_starts")))
            )
            hits = sentences.group_by("row").agg(
                (self.hedge_.count_expr(pl.col("s")) > 0).sum().alias("h"))
            counts[hits["row"].to_numpy()] = hits["h"].to_numpy()
        share = np.divide(counts, n_sents, out=np.zeros(len(n_sents)), where=n_sents > 0)
        return pl.Series(share, dtype=pl.Float64)

    def cue_lists(self, prepared: pl.DataFrame) -> list[list[dict]]:
        """Return hedges (with ``voice``: reporter or quoted) and boosters, row by row."""
        hedges = cue_dicts(self.hedge_, prepared)
        reporter = self.reporter_hedge_.spans(prepared)
        for row, found in zip(hedges, reporter, strict=True):
            outside = {(a, b) for a, b, _ in found}
            for cue in row:
                cue["voice"] = "reporter" if (cue["start"], cue["end"]) in outside else "quoted"
        return merged(hedges, cue_dicts(self.booster_, prepared))
