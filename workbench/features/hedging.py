"""Hedging: epistemic hedges, weasel wording and boosters, and whose voice each hedge is in."""

from __future__ import annotations

import re

import numpy as np
import polars as pl

from workbench import lexicons
from workbench.features._base import (
    TextFeatures,
    ascii_safe,
    fold_case,
    inside,
    lexicon_text,
    quote_regions,
    rate,
    recounted,
    resolve_terms,
    spans,
)
from workbench.features._shared import shared_text


class HedgingFeatures(TextFeatures):
    """Count hedges ("reportedly", "might", "critics say") and boosters ("clearly").

    A hedge is an epistemic hedge (``hedges``) or weasel wording (``weasels``: vague
    quantifiers and unnamed or agentless attribution, "some officials", "is widely seen as").
    A match of ``not_hedges`` ("several years", "as possible", "in May") is a phrase that
    holds a hedge word but is not one, and is not counted. A hedge inside quotation marks is
    the quoted speaker's (``hedge_quoted_count``); the rest are in the reporter's own voice.

    Parameters
    ----------
    hedges, weasels, not_hedges, boosters : str or tuple of str
        A shipped lexicon's name, or the terms themselves (``()`` switches one off).

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
                 boosters: str | tuple[str, ...] = "boosters") -> None:
        self.hedges = hedges
        self.weasels = weasels
        self.not_hedges = not_hedges
        self.boosters = boosters

    def _compile(self) -> None:
        terms = resolve_terms(self.hedges, "hedges") + resolve_terms(self.weasels, "weasels")
        excluded = resolve_terms(self.not_hedges, "not_hedges")
        # One alternation holds hedges and their look-alikes, so that at each position the
        # longest phrase wins ("several years" over "several"); look-alikes are then dropped.
        self.hedge_pattern_ = lexicons.alternation(terms + excluded)
        self.not_hedge_pattern_ = (
            "^(?:" + "|".join(lexicons.term_regex(t) for t in excluded) + ")$"
            if excluded else r"[^\s\S]")
        self.booster_pattern_ = lexicons.alternation(resolve_terms(self.boosters, "boosters"))
        self._hedge_re = re.compile(self.hedge_pattern_)
        self._not_hedge_re = re.compile(self.not_hedge_pattern_)
        self._booster_re = re.compile(self.booster_pattern_)
        self.sentence_safe_ = not any(re.search(r"[.?!]", t) for t in terms + excluded)
        self.ascii_ = all(ascii_safe(p) for p in (
            self.hedge_pattern_, self.not_hedge_pattern_, self.booster_pattern_))

    def _lexicon_text(self, text: pl.Expr) -> pl.Expr:
        return lexicon_text(text, ascii_stand_ins=self.ascii_)

    def _count_hedges(self, lowered: pl.Expr) -> pl.Expr:
        """Expression counting hedge matches in lower-cased text, look-alikes left out."""
        return (
            lowered.str.extract_all(self.hedge_pattern_)
            .list.eval((~pl.element().str.contains(self.not_hedge_pattern_)).cast(pl.Int32))
            .list.sum().fill_null(0).cast(pl.Int32)
        )

    def _summarise(self, texts: pl.Series) -> pl.DataFrame:
        shared = shared_text(texts)
        lower = pl.col("lower")
        frame = pl.DataFrame({
            "lower": shared.lexicon(self.ascii_), "n_words": shared.n_words(),
        }).with_columns(
            hedge_count=self._count_hedges(lower),
            booster_count=lower.str.count_matches(self.booster_pattern_).cast(pl.Int32),
        )
        frame = frame.with_columns(
            hedge_reporter=self._reporter_hedges(frame, shared.unquoted(self.ascii_)))
        frame = frame.with_columns(
            hedged_sentences=self._hedged_sentences(
                texts, frame["hedge_count"], shared.spans(), shared.lexicon(self.ascii_)))
        return frame.with_columns(
            hedge_quoted_count=pl.max_horizontal(
                pl.col("hedge_count") - pl.col("hedge_reporter"), 0),
            hedge_per_100w=rate(pl.col("hedge_count"), pl.col("n_words"), 100),
            booster_per_100w=rate(pl.col("booster_count"), pl.col("n_words"), 100),
            hedged_sentence_share=pl.col("hedged_sentences").cast(pl.Float64),
        )

    def _reporter_hedges(self, frame: pl.DataFrame, unquoted: pl.Series) -> pl.Series:
        """Hedges outside quotations: counted again in the text with quotations blanked,
        only where that text differs and there is a hedge to lose (36% of a news corpus's
        paragraphs); elsewhere they are all of ``hedge_count``."""
        counts = frame["hedge_count"]
        todo = (counts > 0) & (unquoted != frame["lower"])
        return recounted(counts, todo, unquoted, lambda texts: pl.DataFrame({"t": texts})
                         .select(self._count_hedges(pl.col("t"))).to_series())

    def _hedged_sentences(self, texts: pl.Series, hedges: pl.Series,
                          spans: list[list[tuple[int, int]]], lowered: pl.Series) -> pl.Series:
        """Share of each paragraph's sentences holding at least one hedge.

        Only paragraphs of several sentences with several hedges are cut into sentences:
        with no hedge term holding sentence-ending punctuation, no match crosses a sentence
        end, so a sentence's matches are the paragraph's matches inside it; a paragraph
        without hedges has no hedged sentence, one with a single hedge has one, and one
        sentence is the paragraph. Sentences are cut from ``lowered`` (the paragraphs'
        :func:`lexicon_text`) where it has the paragraph's length, so its characters line
        up with the spans; the others are made again.
        """
        n_sents = np.fromiter((len(s) for s in spans), dtype=np.int64, count=len(spans))
        n_hedges = hedges.to_numpy()
        if self.sentence_safe_:
            counts = ((n_hedges == 1) | ((n_hedges > 1) & (n_sents == 1))).astype(np.float64)
            cut = np.flatnonzero((n_hedges > 1) & (n_sents > 1))
        else:
            counts, cut = np.zeros(len(spans)), np.flatnonzero(n_sents > 0)
        if len(cut):
            rows = np.repeat(cut, n_sents[cut])
            starts = [a for i in cut.tolist() for a, _ in spans[i]]
            ends = [b for i in cut.tolist() for _, b in spans[i]]
            frame = pl.DataFrame({"row": rows, "start": starts, "end": ends})
            aligned = (lowered.str.len_chars() == texts.str.len_chars()).to_numpy()
            if not self.ascii_:  # lower-casing alone is not a per-character map (final sigma)
                aligned[:] = False
            frame = frame.with_columns(aligned=pl.Series(aligned[rows]))
            cut_from = pl.col("p").str.slice(pl.col("start"), pl.col("end") - pl.col("start"))
            same, other = frame.filter("aligned"), frame.filter(~pl.col("aligned"))
            sentences = pl.concat([
                same.with_columns(p=lowered.gather(same["row"])).select("row", s=cut_from),
                other.with_columns(p=texts.gather(other["row"])).select(
                    "row", s=self._lexicon_text(cut_from)),
            ])
            hits = sentences.group_by("row").agg(
                (self._count_hedges(pl.col("s")) > 0).sum().alias("h"))
            counts[hits["row"].to_numpy()] = hits["h"].to_numpy()
        share = np.divide(counts, n_sents, out=np.zeros(len(spans)), where=n_sents > 0)
        return pl.Series(share, dtype=pl.Float64)

    def cues(self, text: str) -> list[dict]:
        """Return hedges (with ``voice``: reporter or quoted) and boosters in one paragraph."""
        folded = fold_case(text)
        quotes = quote_regions(text)
        found = [
            {**cue, "voice": "quoted" if inside(cue["start"], quotes) else "reporter"}
            for cue in spans(self._hedge_re, folded, "hedge")
            if not self._not_hedge_re.match(cue["text"])
        ]
        found += spans(self._booster_re, folded, "booster")
        for cue in found:
            cue["text"] = text[cue["start"]:cue["end"]]
        return sorted(found, key=lambda c: c["start"])
