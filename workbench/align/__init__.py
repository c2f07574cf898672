"""Paragraph alignment: which paragraphs of two articles report the same facts.

Every paragraph pair gets a score in [0, 1] (:mod:`workbench.align.similarity`; by default
stemmed words weighted by how few paragraphs of the two articles use them, each paragraph
lent a little of its neighbours' words and of the words that go with its own in the two
articles, plus shared numbers and quoted passages). A pair is a counterpart when its score
reaches ``threshold``. A paragraph with no counterpart is only flagged as reported by one
article ("only in") when even its best score is under ``floor``; in between it has *no clear
counterpart* (``unsure_a`` / ``unsure_b``): the words it shares with the other article are
too few to say either way.

"Say how sure" at the level of the two articles: when fewer than ``min_shared`` of the
paragraphs of both articles have even a weak counterpart (a best score reaching the floor),
the articles share few reported facts and
may not be about the same event (``Alignment.weak``); then no paragraph is flagged "only
in", all unmatched ones are unsure, and the dashboard says why.

The defaults were chosen on the dev half of the team's gold set (``benchmarks/gold``;
``benchmarks/counterparts.py`` reports both halves beside the TF-IDF baseline). The
threshold 0.26 has the best dev F1 (0.538; 0.530 at 0.25, 0.512 at 0.27) and also the best
mean F1 over itself and its two neighbouring thresholds, among the neighbour and
co-occurrence weights tried (:mod:`workbench.align.similarity`).

Examples
--------
>>> a = ["The minister resigned on Friday after the audit.", "Rain is expected."]
>>> b = ["After an audit, the minister resigned Friday.", "Shares rose 3% in Tokyo."]
>>> al = align(a, b)
>>> al.matches_a[0][0][0], al.only_a, al.only_b, al.weak
(0, (1,), (1,), False)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import polars as pl

from workbench.align.similarity import counterpart_similarity, tfidf_similarity

Scorer = Literal["counterpart", "stemmed", "tfidf"]

DEFAULT_THRESHOLD = 0.26
"""Score from which two paragraphs count as reporting the same facts: best F1 on the dev
half of the gold set (0.20 was the TF-IDF scorer's setting, tuned on seeds/; 0.16 the
plain stemmed cosine's, whose scores run lower)."""

DEFAULT_FLOOR = 0.20
"""Best score under which a paragraph is flagged "only in": the highest floor whose flags are
right (the paragraph has no labelled counterpart) at least 90% of the time on the gold set's
dev half (0.918 there, 0.887 at 0.22; it flags 48% of the dev paragraphs, of the 68% that
have no counterpart). The plain stemmed cosine had its floor at 0.12 (0.907, 49%)."""

MIN_SHARED = 0.2
"""Share of paragraphs with at least a weak counterpart (best score reaching the floor; the
larger of the two articles' shares) under which the alignment is weak: on the gold set's dev
half the control pair (two events) reaches 0.12, the same-event pairs 0.44-1.00 (test half:
0.00; 0.25-0.88). Counted at the threshold instead, a same-event dev pair fell to 0.17."""


@dataclass(frozen=True)
class Alignment:
    """Counterparts between the paragraphs of article A and article B.

    Attributes
    ----------
    similarity : numpy.ndarray
        ``(len(a), len(b))`` scores in [0, 1]; rows or columns of paragraphs left out of
        the comparison (``skip_a`` / ``skip_b``) are zero.
    threshold : float
    matches_a : tuple of tuple of (int, float)
        For each paragraph of A, its counterparts in B as ``(index, similarity)``,
        most similar first.
    matches_b : tuple of tuple of (int, float)
        The same from B's side.
    only_a, only_b : tuple of int
        Compared paragraphs with no counterpart in the other article, not even a weak one
        (best score under ``floor``); empty when the alignment is ``weak``.
    floor : float
    unsure_a, unsure_b : tuple of int
        Compared paragraphs with no counterpart whose best score is between ``floor`` and
        ``threshold`` (all unmatched ones when the alignment is ``weak``).
    shared : float
        The larger of the two articles' shares of compared paragraphs with at least a weak
        counterpart (a best score reaching ``floor``, or :data:`DEFAULT_FLOOR` if lower).
    weak : bool
        ``shared`` is under ``min_shared`` (both articles having two or more compared
        paragraphs): the articles may not report the same event.
    """

    similarity: np.ndarray
    threshold: float
    matches_a: tuple[tuple[tuple[int, float], ...], ...]
    matches_b: tuple[tuple[tuple[int, float], ...], ...]
    only_a: tuple[int, ...]
    only_b: tuple[int, ...]
    floor: float = 0.0
    unsure_a: tuple[int, ...] = ()
    unsure_b: tuple[int, ...] = ()
    shared: float = 1.0
    weak: bool = False


def similarity_matrix(a: Sequence[str], b: Sequence[str], *,
                      scorer: Scorer = "counterpart") -> np.ndarray:
    """Return the score of every paragraph of ``a`` with every one of ``b``.

    Examples
    --------
    >>> similarity_matrix(["tax cut"], ["tax cut", "weather"]).round(1).tolist()
    [[1.0, 0.0]]
    """
    if scorer == "counterpart":
        return counterpart_similarity(a, b)
    if scorer == "stemmed":
        return counterpart_similarity(a, b, context=0.0, expand=0.0)
    if scorer == "tfidf":
        return tfidf_similarity(a, b)
    raise ValueError(f"scorer={scorer!r} is not valid; expected 'counterpart', 'stemmed' "
                     "or 'tfidf'")


def align(a: Sequence[str], b: Sequence[str], *, threshold: float = DEFAULT_THRESHOLD,
          floor: float = DEFAULT_FLOOR, min_shared: float = MIN_SHARED,
          scorer: Scorer = "counterpart",
          skip_a: Sequence[bool] | None = None, skip_b: Sequence[bool] | None = None,
          ) -> Alignment:
    """Align the paragraphs of two articles.

    Parameters
    ----------
    a, b : sequence of str
        The paragraphs of each article, in order.
    threshold : float
        Minimum score (0-1) for two paragraphs to be counterparts.
    floor : float
        A paragraph without counterpart is "only in" its article when its best score is
        under ``floor`` (taken as ``threshold`` if higher), and unsure otherwise.
    min_shared : float
        Share of paragraphs with at least a weak counterpart under which the alignment
        is weak (0 never calls it weak).
    scorer : {"counterpart", "stemmed", "tfidf"}
        :func:`~workbench.align.similarity.counterpart_similarity`, the same without
        neighbours and co-occurring words (``context=0, expand=0``; the default before,
        with threshold 0.16 and floor 0.12), or the plain
        :func:`~workbench.align.similarity.tfidf_similarity`.
    skip_a, skip_b : sequence of bool, optional
        Paragraphs to leave out (boilerplate, headings): never matched, never flagged.

    Returns
    -------
    Alignment
    """
    for name, value in (("threshold", threshold), ("floor", floor), ("min_shared", min_shared)):
        if not 0.0 <= value <= 1.0:
            raise ValueError(f"{name}={value!r} is not valid; expected a number in [0, 1]")
    keep_a = [i for i in range(len(a)) if not (skip_a and skip_a[i])]
    keep_b = [j for j in range(len(b)) if not (skip_b and skip_b[j])]
    inner = similarity_matrix([a[i] for i in keep_a], [b[j] for j in keep_b], scorer=scorer)
    sim = np.zeros((len(a), len(b)))
    if inner.size:
        sim[np.ix_(keep_a, keep_b)] = inner
    # A threshold of 0 would pair every two paragraphs, even with nothing in common.
    hit = (sim >= threshold) & (sim > 0)
    matches_a = tuple(_ranked(sim[i], hit[i]) for i in range(len(a)))
    matches_b = tuple(_ranked(sim[:, j], hit[:, j]) for j in range(len(b)))
    cut = min(floor, threshold)
    shared = _shared(inner, min(cut, DEFAULT_FLOOR))
    weak = min(len(keep_a), len(keep_b)) >= 2 and shared < min_shared
    best_a, best_b = sim.max(axis=1, initial=0.0), sim.max(axis=0, initial=0.0)
    lone_a = [i for i in keep_a if not matches_a[i]]
    lone_b = [j for j in keep_b if not matches_b[j]]
    # Weak: no paragraph is surely reported by one article only.
    only_a = () if weak else tuple(i for i in lone_a if best_a[i] < cut)
    only_b = () if weak else tuple(j for j in lone_b if best_b[j] < cut)
    unsure_a = tuple(i for i in lone_a if i not in only_a)
    unsure_b = tuple(j for j in lone_b if j not in only_b)
    return Alignment(sim, threshold, matches_a, matches_b, only_a, only_b,
                     floor=cut, unsure_a=unsure_a, unsure_b=unsure_b,
                     shared=shared, weak=weak)


def _shared(inner: np.ndarray, threshold: float) -> float:
    """The larger of the two sides' shares of rows / columns with a score >= threshold."""
    if not inner.size:
        return 0.0
    hit = (inner >= threshold) & (inner > 0)
    return float(max(hit.any(axis=1).mean(), hit.any(axis=0).mean()))


def _ranked(scores: np.ndarray, hit: np.ndarray) -> tuple[tuple[int, float], ...]:
    found = [(int(k), float(scores[k])) for k in np.flatnonzero(hit)]
    return tuple(sorted(found, key=lambda m: -m[1]))


@dataclass(frozen=True)
class Row:
    """One row of the aligned view: a paragraph of A beside its counterparts in B.

    ``left`` is None for a paragraph of B that has no counterpart in A (then ``right``
    holds just that paragraph, with similarity 0). ``unsure`` marks a paragraph without
    counterpart that is not surely reported by its article only (see :class:`Alignment`).
    """

    left: int | None
    right: tuple[tuple[int, float], ...]
    unsure: bool = False


def aligned_rows(alignment: Alignment, *, skip_a: Sequence[bool] | None = None) -> list[Row]:
    """Return the rows of the side-by-side aligned view, in A's order.

    Every paragraph of A gets a row (skipped ones with no counterparts); each paragraph
    of B without a counterpart gets its own row, placed after the last row showing an
    earlier paragraph of B, so B's own order is kept as far as possible.

    Examples
    --------
    >>> al = align(["Tax cut passed.", "Storm hits coast."],
    ...            ["Storm hits the coast.", "Vote on Monday.", "Tax cut passed today."])
    >>> [(r.left, [j for j, _ in r.right]) for r in aligned_rows(al)]
    [(0, [2]), (1, [0]), (None, [1])]
    """
    unsure_a, unsure_b = set(alignment.unsure_a), set(alignment.unsure_b)
    rows = [Row(i, () if skip_a and skip_a[i] else alignment.matches_a[i], i in unsure_a)
            for i in range(len(alignment.matches_a))]
    for j in sorted((*alignment.only_b, *alignment.unsure_b)):
        after = -1
        for pos, row in enumerate(rows):
            if any(k < j for k, _ in row.right):
                after = pos
        rows.insert(after + 1, Row(None, ((j, 0.0),), j in unsure_b))
    return rows


def alignment_frame(alignment: Alignment, *, a_name: str = "a", b_name: str = "b"
                    ) -> pl.DataFrame:
    """Return the alignment as a table: one row per counterpart pair or unmatched paragraph.

    Columns: ``article``, ``paragraph_index``, ``counterpart_index`` and ``similarity``.
    An unmatched paragraph has a null ``counterpart_index``: with similarity 0 it is
    reported by its article only; with its best score (between the floor and the
    threshold) it has no clear counterpart.
    """
    rows = []
    for name, matches, only, unsure, best in (
            (a_name, alignment.matches_a, alignment.only_a, alignment.unsure_a,
             alignment.similarity.max(axis=1, initial=0.0)),
            (b_name, alignment.matches_b, alignment.only_b, alignment.unsure_b,
             alignment.similarity.max(axis=0, initial=0.0))):
        for i, found in enumerate(matches):
            rows.extend((name, i, j, s) for j, s in found)
            if i in only:
                rows.append((name, i, None, 0.0))
            elif i in unsure:
                rows.append((name, i, None, float(best[i])))
    return pl.DataFrame(rows, schema={"article": pl.String, "paragraph_index": pl.Int32,
                                      "counterpart_index": pl.Int32, "similarity": pl.Float64},
                        orient="row")


def alignment_caption(alignment: Alignment, a_name: str, b_name: str, n_a: int, n_b: int
                      ) -> str:
    """Return the one-line summary shown above the aligned view.

    ``n_a`` and ``n_b`` are the numbers of compared (body) paragraphs of each article.

    Examples
    --------
    >>> al = align(["Tax cut passed.", "Storm hits coast."], ["Tax cut passed today."])
    >>> print(alignment_caption(al, "x", "y", 2, 1))  # doctest: +NORMALIZE_WHITESPACE
    1 of 2 body paragraphs of x have a counterpart in y; 1 of 1 of y in x.
    Red: reported by one article only (1 in x, 0 in y).
    """
    lone_a = len(alignment.only_a) + len(alignment.unsure_a)
    lone_b = len(alignment.only_b) + len(alignment.unsure_b)
    text = (f"{n_a - lone_a} of {n_a} body paragraphs of {a_name} have a counterpart in "
            f"{b_name}; {n_b - lone_b} of {n_b} of {b_name} in {a_name}. Red: reported by one "
            f"article only ({len(alignment.only_a)} in {a_name}, {len(alignment.only_b)} in "
            f"{b_name})")
    unsure = len(alignment.unsure_a) + len(alignment.unsure_b)
    return text + (f"; dashed: no clear counterpart ({unsure})." if unsure else ".")
