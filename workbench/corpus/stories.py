"""Same-story grouping: which articles of a corpus cover the same event.

Each article becomes a sparse vector: word TF-IDF over its title and lead, plus a second block
for names and numbers (capitalised words, figures), which tell one happening from another on
the same broad topic ("Wisconsin", "Ginsburg", "$5 million"). Two articles are linked when
their cosine similarity reaches ``threshold`` and their dates are at most ``window_days``
apart (an undated article is compared with every other one); stories are the connected
components of those links.

Memory stays bounded: articles are sorted by date and compared a block at a time with the
articles inside the date window only, keeping each article's ``max_neighbours`` best links,
so no n-by-n matrix is ever built. The defaults were fixed on the dev half of the team's
gold set (``benchmarks/stories.py``), never on its held-out half.

Examples
--------
>>> import polars as pl
>>> arts = pl.DataFrame({"article_id": ["a", "b", "c"], "date": ["2016-03-01"] * 3,
...     "text": ["Sanders wins Wisconsin primary on Tuesday night, beating Clinton.",
...              "Sanders takes the Wisconsin primary Tuesday; Clinton trails.",
...              "Golf courses in Florida close as fewer people play."]})
>>> StoryGrouper(threshold=0.2).fit_predict(arts)["story_id"].to_list()
[0, 0, 1]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
from sklearn.preprocessing import normalize

NAME_PATTERN = r"(?u)\b(?:[A-Z][\w'’-]+|\d[\d,.]*%?)"
"""Names and figures: capitalised words and numbers, the entity block's tokens."""

MISSING_DAY = np.iinfo(np.int32).min
"""Day number of an undated article (compared with every article)."""


@dataclass
class StoryGrouper:
    """Group articles into stories; parameters as in the module docstring.

    ``lead_words`` keeps the first words of each article (title included), where news puts
    the event; ``name_weight`` scales the names-and-figures block against the word block.
    ``n_features`` is the hashing width of each block (memory is bounded by it, not by the
    vocabulary). ``block_rows`` is how many articles are compared at once.
    """

    threshold: float = 0.2
    window_days: int = 2
    lead_words: int = 120
    name_weight: float = 1.5
    max_neighbours: int = 20
    n_features: int = 1 << 18
    block_rows: int = 2000

    def vectors(self, texts: list[str]) -> sp.csr_matrix:
        """Return the L2-normalised article vectors (words block, then names block)."""
        leads = [" ".join((t or "").split()[: self.lead_words]) for t in texts]
        words = HashingVectorizer(n_features=self.n_features, stop_words="english",
                                  alternate_sign=False, norm=None).transform(leads)
        names = HashingVectorizer(n_features=self.n_features, lowercase=False,
                                  token_pattern=NAME_PATTERN, alternate_sign=False,
                                  norm=None).transform(leads)
        blocks = [normalize(TfidfTransformer(sublinear_tf=True).fit_transform(words))]
        if self.name_weight > 0:
            tf_names = TfidfTransformer(sublinear_tf=True).fit_transform(names)
            blocks.append(normalize(tf_names) * self.name_weight)
        return normalize(sp.hstack(blocks, format="csr"))

    def links(self, vectors: sp.csr_matrix, days: np.ndarray) -> sp.csr_matrix:
        """Return the sparse graph of links: each value is the pair's similarity (at least
        ``threshold``), for pairs inside the date window."""
        n = vectors.shape[0]
        order = np.argsort(days, kind="stable")
        sorted_days = days[order]
        dated = sorted_days != MISSING_DAY
        undated = order[~dated]
        rows, cols, vals = [], [], []
        for start in range(0, n, self.block_rows):
            block = order[start:start + self.block_rows]
            bdays = days[block]
            known = bdays[bdays != MISSING_DAY]
            if known.size == len(bdays):
                lo = np.searchsorted(sorted_days, known.min() - self.window_days, "left")
                hi = np.searchsorted(sorted_days, known.max() + self.window_days, "right")
                cand = np.concatenate([order[lo:hi], undated])
            else:
                cand = order
            sims = (vectors[block] @ vectors[cand].T).toarray()
            cdays = days[cand]
            far = np.abs(bdays[:, None].astype(np.int64) - cdays[None, :]) > self.window_days
            far &= (bdays[:, None] != MISSING_DAY) & (cdays[None, :] != MISSING_DAY)
            sims[far] = 0.0
            sims[block[:, None] == cand[None, :]] = 0.0
            k = min(self.max_neighbours, sims.shape[1])
            top = np.argpartition(-sims, k - 1, axis=1)[:, :k] if k else np.empty((len(block), 0),
                                                                                  int)
            r = np.repeat(np.arange(len(block)), top.shape[1])
            c = top.ravel()
            keep = sims[r, c] >= self.threshold
            rows.append(block[r[keep]])
            cols.append(cand[c[keep]])
            vals.append(sims[r[keep], c[keep]].astype(np.float32))
        r = np.concatenate(rows) if rows else np.empty(0, int)
        c = np.concatenate(cols) if cols else np.empty(0, int)
        v = np.concatenate(vals) if vals else np.empty(0, np.float32)
        return sp.csr_matrix((v, (r, c)), shape=(n, n))

    def fit_predict(self, articles: pl.DataFrame) -> pl.DataFrame:
        """Return ``article_id, story_id`` for an article frame (``article_id, text``, and
        ``date`` / ``title`` when present). Story ids are numbered by first appearance."""
        texts = _texts(articles)
        days = day_numbers(articles["date"] if "date" in articles.columns else None,
                           articles.height)
        return self.components(articles, self.links(self.vectors(texts), days))

    @staticmethod
    def components(articles: pl.DataFrame, graph: sp.spmatrix,
                   threshold: float | None = None) -> pl.DataFrame:
        """Return ``article_id, story_id`` from a links graph (optionally raising its
        threshold): the connected components, numbered by first appearance."""
        if threshold is not None:
            graph = graph.multiply(graph >= threshold)
        _, labels = connected_components(graph, directed=False)
        _, first = np.unique(labels, return_index=True)
        renumber = np.empty(labels.max() + 1 if len(labels) else 0, dtype=np.int64)
        renumber[labels[np.sort(first)]] = np.arange(len(first))
        return pl.DataFrame({"article_id": articles["article_id"].cast(pl.String),
                             "story_id": renumber[labels]})


def _texts(articles: pl.DataFrame) -> list[str]:
    text = articles["text"].fill_null("")
    if "title" in articles.columns:
        text = articles["title"].fill_null("") + "\n" + text
    return text.to_list()


def day_numbers(dates: pl.Series | None, n: int) -> np.ndarray:
    """Return days since 1970 for ISO date strings (the first 10 characters); undated rows get
    :data:`MISSING_DAY`."""
    if dates is None:
        return np.full(n, MISSING_DAY, dtype=np.int32)
    parsed = (dates.cast(pl.String).str.slice(0, 10)
              .str.to_date("%Y-%m-%d", strict=False).cast(pl.Int32))
    return parsed.fill_null(MISSING_DAY).to_numpy().astype(np.int32)
