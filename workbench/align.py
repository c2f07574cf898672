"""Paragraph alignment: which paragraphs of two articles report the same facts.

Paragraphs are compared by TF-IDF cosine similarity, with the vocabulary and
document frequencies fitted on the body paragraphs of the two articles together.
A pair is a counterpart when its similarity reaches ``threshold``; a paragraph with
no counterpart is what one outlet reports and the other leaves out.

Examples
--------
>>> a = ["The minister resigned on Friday after the audit.", "Rain is expected."]
>>> b = ["After an audit, the minister resigned Friday.", "Shares rose 3% in Tokyo."]
>>> al = align(a, b, threshold=0.2)
>>> al.matches_a[0][0][0], al.only_a, al.only_b
(0, (1,), (1,))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl
from sklearn.feature_extraction.text import TfidfVectorizer

DEFAULT_THRESHOLD = 0.2
"""Similarity from which two paragraphs count as reporting the same facts (tuned on seeds/)."""


@dataclass(frozen=True)
class Alignment:
    """Counterparts between the paragraphs of article A and article B.

    Attributes
    ----------
    similarity : numpy.ndarray
        ``(len(a), len(b))`` TF-IDF cosine similarities; rows or columns of paragraphs
        left out of the comparison (``skip_a`` / ``skip_b``) are zero.
    threshold : float
    matches_a : tuple of tuple of (int, float)
        For each paragraph of A, its counterparts in B as ``(index, similarity)``,
        most similar first.
    matches_b : tuple of tuple of (int, float)
        The same from B's side.
    only_a, only_b : tuple of int
        Compared paragraphs with no counterpart in the other article.
    """

    similarity: np.ndarray
    threshold: float
    matches_a: tuple[tuple[tuple[int, float], ...], ...]
    matches_b: tuple[tuple[tuple[int, float], ...], ...]
    only_a: tuple[int, ...]
    only_b: tuple[int, ...]


def similarity_matrix(a: Sequence[str], b: Sequence[str], *,
                      stop_words: str | None = "english") -> np.ndarray:
    """Return the TF-IDF cosine similarity of every paragraph of ``a`` with every one of ``b``.

    Examples
    --------
    >>> similarity_matrix(["tax cut"], ["tax cut", "weather"]).round(2).tolist()
    [[1.0, 0.0]]
    """
    if not a or not b:
        return np.zeros((len(a), len(b)))
    vectorizer = TfidfVectorizer(stop_words=stop_words, sublinear_tf=True,
                                 token_pattern=r"(?u)\b\w[\w'’]*\w\b|\b\d\b")
    try:
        matrix = vectorizer.fit_transform([*a, *b])
    except ValueError:  # no token at all (empty or stop-word-only paragraphs)
        return np.zeros((len(a), len(b)))
    # TfidfVectorizer rows are L2-normalised: the dot product is the cosine.
    return np.asarray((matrix[: len(a)] @ matrix[len(a):].T).todense())


def align(a: Sequence[str], b: Sequence[str], *, threshold: float = DEFAULT_THRESHOLD,
          skip_a: Sequence[bool] | None = None, skip_b: Sequence[bool] | None = None,
          ) -> Alignment:
    """Align the paragraphs of two articles.

    Parameters
    ----------
    a, b : sequence of str
        The paragraphs of each article, in order.
    threshold : float
        Minimum cosine similarity (0-1) for two paragraphs to be counterparts.
    skip_a, skip_b : sequence of bool, optional
        Paragraphs to leave out (boilerplate, headings): never matched, never flagged.

    Returns
    -------
    Alignment
    """
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold={threshold!r} is not valid; expected a number in [0, 1]")
    keep_a = [i for i in range(len(a)) if not (skip_a and skip_a[i])]
    keep_b = [j for j in range(len(b)) if not (skip_b and skip_b[j])]
    inner = similarity_matrix([a[i] for i in keep_a], [b[j] for j in keep_b])
    sim = np.zeros((len(a), len(b)))
    if inner.size:
        sim[np.ix_(keep_a, keep_b)] = inner
    # A threshold of 0 would pair every two paragraphs, even with nothing in common.
    hit = (sim >= threshold) & (sim > 0)
    matches_a = tuple(_ranked(sim[i], hit[i]) for i in range(len(a)))
    matches_b = tuple(_ranked(sim[:, j], hit[:, j]) for j in range(len(b)))
    only_a = tuple(i for i in keep_a if not matches_a[i])
    only_b = tuple(j for j in keep_b if not matches_b[j])
    return Alignment(sim, threshold, matches_a, matches_b, only_a, only_b)


def _ranked(scores: np.ndarray, hit: np.ndarray) -> tuple[tuple[int, float], ...]:
    found = [(int(k), float(scores[k])) for k in np.flatnonzero(hit)]
    return tuple(sorted(found, key=lambda m: -m[1]))


@dataclass(frozen=True)
class Row:
    """One row of the aligned view: a paragraph of A beside its counterparts in B.

    ``left`` is None for a paragraph of B that has no counterpart in A (then ``right``
    holds just that paragraph, with similarity 0).
    """

    left: int | None
    right: tuple[tuple[int, float], ...]


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
    rows = [Row(i, () if skip_a and skip_a[i] else alignment.matches_a[i])
            for i in range(len(alignment.matches_a))]
    for j in alignment.only_b:
        after = -1
        for pos, row in enumerate(rows):
            if any(k < j for k, _ in row.right):
                after = pos
        rows.insert(after + 1, Row(None, ((j, 0.0),)))
    return rows


def alignment_frame(alignment: Alignment, *, a_name: str = "a", b_name: str = "b"
                    ) -> pl.DataFrame:
    """Return the alignment as a table: one row per counterpart pair or unmatched paragraph.

    Columns: ``article``, ``paragraph_index``, ``counterpart_index`` (null when the
    paragraph has none) and ``similarity``.
    """
    rows = []
    for name, matches, only in ((a_name, alignment.matches_a, alignment.only_a),
                                (b_name, alignment.matches_b, alignment.only_b)):
        for i, found in enumerate(matches):
            rows.extend((name, i, j, s) for j, s in found)
            if i in only:
                rows.append((name, i, None, 0.0))
    return pl.DataFrame(rows, schema={"article": pl.String, "paragraph_index": pl.Int32,
                                      "counterpart_index": pl.Int32, "similarity": pl.Float64},
                        orient="row")
