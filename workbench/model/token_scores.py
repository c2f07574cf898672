"""Scores of a character n-gram block that is linear per token, kept per token between batches.

A character block of raw counts scaled to unit L1 length (``Ngrams(analyzer="char",
sublinear_tf=False, norm="l1")``) adds to a text's scores

    weight * sum_t S[t] / sum_t N[t]

over the text's token occurrences ``t``, where ``S[t] = counts[t] @ (idf * coef)`` and
``N[t] = counts[t] @ idf`` depend on the token alone (``counts[t]``: its n-grams). Each
distinct token is cut into n-grams once, and a batch then costs one lookup per token
occurrence and two products with a thin matrix, instead of a texts x n-grams matrix. News
repeats its words: a 1M-paragraph corpus holds 72 million tokens but 70,000 distinct ones.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import polars as pl
import scipy.sparse as sp

MAX_TOKENS = 1 << 19
"""Tokens kept at most (about 70 MB at 15 outputs): a batch that would pass it starts the
memory afresh with its own tokens."""


class TokenScores:
    """Per token met so far: ``S`` (its scores, one per output) and ``N`` (its L1 mass).

    Parameters
    ----------
    idf : numpy.ndarray
        Inverse document frequency per term.
    coef : numpy.ndarray
        The block's rows of the coefficients, terms x outputs.
    count : callable
        ``count(tokens)``: each token's n-gram counts, tokens x terms
        (:func:`workbench.model.ngrams.token_gram_counts`).
    key : object
        What the owner keeps this memory for (its vocabulary), kept as given.

    Examples
    --------
    >>> from workbench.model.ngrams import token_gram_counts
    >>> vocab = pl.DataFrame({"term": [" ox", "ox "]}).with_row_index("col")
    >>> count = lambda tokens: token_gram_counts(tokens, (3, 3), vocab)[0]
    >>> block = TokenScores(np.ones(2), np.array([[1.0], [3.0]]), count)
    >>> block.scores(pl.Series([0, 0, 1]), pl.Series(["ox", "ox", "ax"]), 3).tolist()
    [[2.0], [0.0], [0.0]]
    """

    def __init__(self, idf: np.ndarray, coef: np.ndarray,
                 count: Callable[[pl.Series], sp.csr_matrix], *, key: object = None) -> None:
        self.key = key
        self.count = count
        self.idf = np.asarray(idf, dtype=np.float64)
        self.coef = np.array(coef, dtype=np.float64)  # a copy: the owner compares it
        self.weighted = self.idf[:, None] * self.coef
        # One state, swapped whole, so a reader in another thread sees a consistent one.
        self._state = self._empty()

    def __len__(self) -> int:
        return self._state[0].height

    def scores(self, rows: pl.Series, tokens: pl.Series, n_texts: int) -> np.ndarray:
        """Return the block's scores (texts x outputs, before the step's weight), given each
        token occurrence's text ``rows`` (ascending, below ``n_texts``) and ``tokens``.

        Sums run over each text's tokens in text order, so a text's scores do not depend
        on the other texts or on what was met before."""
        state = self._state
        ids = self._ids(tokens, state[0])
        if ids.null_count():
            missing = ids.is_null()
            new = tokens.filter(missing).unique()
            if state[0].height + len(new) > MAX_TOKENS:  # start afresh, with this batch's
                state = self._learn(tokens.unique(), self._empty())
                ids = self._ids(tokens, state[0])
            else:  # look up only the occurrences that were missing
                state = self._learn(new, state)
                ids = ids.scatter(missing.arg_true(), self._ids(tokens.filter(missing),
                                                                state[0]))
        known, per_token, mass = state
        indptr = np.zeros(n_texts + 1, dtype=np.int64)
        np.cumsum(np.bincount(rows.to_numpy(), minlength=n_texts), out=indptr[1:])
        occurrences = sp.csr_matrix(
            (np.ones(len(ids)), ids.to_numpy().astype(np.int64), indptr),
            shape=(n_texts, known.height))
        total = occurrences @ mass
        out = occurrences @ per_token
        np.divide(out, total[:, None], out=out, where=total[:, None] > 0)
        return out

    @staticmethod
    def _ids(tokens: pl.Series, known: pl.DataFrame) -> pl.Series:
        return pl.DataFrame({"tok": tokens}).join(known, on="tok", how="left",
                                                  maintain_order="left")["id"]

    def _learn(self, new: pl.Series, state: tuple) -> tuple:
        """Add the ``new`` tokens to ``state``; return the new state (and keep it)."""
        known, per_token, mass = state
        start = known.height
        ids = pl.int_range(start, start + len(new), dtype=pl.UInt32, eager=True).alias("id")
        counts = self.count(new)
        state = (pl.concat([known, pl.DataFrame({"tok": new, "id": ids})]),
                 np.concatenate([per_token, counts @ self.weighted]),
                 np.concatenate([mass, counts @ self.idf]))
        self._state = state
        return state

    def _empty(self) -> tuple[pl.DataFrame, np.ndarray, np.ndarray]:
        return (pl.DataFrame(schema={"tok": pl.String, "id": pl.UInt32}),
                np.zeros((0, self.weighted.shape[1])), np.zeros(0))
