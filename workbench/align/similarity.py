"""How much two paragraphs of two articles report the same facts, as a score in [0, 1].

Two scorers, both fitted on the paragraphs of the two articles only (so a word every
paragraph of the story uses, such as the protagonist's name, weighs little):

- :func:`tfidf_similarity`: TF-IDF cosine of the words (the workbench's first scorer, kept as
  the baseline of ``benchmarks/counterparts.py``).
- :func:`counterpart_similarity`: the cosine of Porter-stemmed words with binary weights
  ("resigned" meets "resign"; a word said twice in a long paragraph does not outweigh a
  rarer one), plus a bonus for each kind of *anchor* the two paragraphs share: a number
  other than a year ("185,000", "46 percent") and a quoted passage (four or more words in a
  row inside quotation marks in both). Anchors are the facts outlets copy verbatim when
  they report the same thing in other words.

On the team's counterpart gold set (``benchmarks/gold``) the stemmed binary cosine gave dev
F1 0.49 against 0.47 for plain TF-IDF; the anchor bonus changed no dev figure between
weights 0.03 and 0.1, and is kept because it pairs paragraphs that share a figure or a
quotation and few other words (see ``tests/test_align_counterparts.py``). A pair must also
share two stemmed words (or an anchor), so that two short paragraphs meeting on one word
("Rain is on its way." and "That is the way it works.") are not paired: dev F1 0.512 to
0.515, test 0.569 to 0.579.

Tried on the dev half (as first labelled) and left out, none beating the cosine alone
(leave-one-pair-out cross-validated dev F1 of a logistic regression over the features: 0.49
for the cosine alone): a capitalised-name overlap weighted by rarity (0.45-0.46), the best
match over sentence pairs instead of whole paragraphs (0.47-0.48 mixed in), an IDF-weighted
overlap coefficient and a count of shared rare words (0.45-0.48), the score relative to its
row's and column's best, a mutual-best indicator and a per-pair z-score (a threshold
calibrated per article pair: 0.40-0.44). As link rules on the default scores
(``benchmarks/counterparts.py --ablation``), a per-pair cut, a lower threshold for mutual
best matches, at most two counterparts per paragraph and the sentence-level best match moved
dev F1 by at most +0.003 or lowered it. Earlier, IDF fitted on all PolNeAR training articles
(0.35) and static word embeddings (WordLlama, 0.34 alone) did worse too. The gold links the
cosine misses are mostly paraphrases that share almost no word (a candidate "staying in
the race" against "seeing the primary through to the convention"), out of reach of any
word-overlap score.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

import numpy as np
from nltk.stem import PorterStemmer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

TOKEN = r"(?u)\b\w[\w'’]*\w\b|\b\d\b"
"""Words: letters, digits and inner apostrophes; single digits count."""

_WORD = re.compile(TOKEN)
_POSSESSIVE = re.compile(r"['’]s$")
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_YEAR = re.compile(r"(?:19|20)\d\d")
_QUOTED = re.compile(r"[\"“”«»]([^\"“”«»]{12,}?)[\"“”«»]|''(.{12,}?)''")
_QUOTE_RUN = 4
MIN_WORDS = 2
"""Fewest stemmed words two paragraphs must share (without a shared anchor) to score above 0."""
_STEMMER = PorterStemmer()


def tfidf_similarity(a: Sequence[str], b: Sequence[str], *,
                     stop_words: str | None = "english") -> np.ndarray:
    """Return the TF-IDF cosine similarity of every paragraph of ``a`` with every one of ``b``.

    Examples
    --------
    >>> tfidf_similarity(["tax cut"], ["tax cut", "weather"]).round(2).tolist()
    [[1.0, 0.0]]
    """
    vectorizer = TfidfVectorizer(stop_words=stop_words, sublinear_tf=True, token_pattern=TOKEN)
    return _cosine(vectorizer, a, b)


def counterpart_similarity(a: Sequence[str], b: Sequence[str], *,
                           anchor_weight: float = 0.1, min_words: int = MIN_WORDS) -> np.ndarray:
    """Return the stemmed binary cosine of every paragraph pair plus ``anchor_weight`` for a
    shared number (not a year) and again for a shared quoted passage, capped at 1.

    A pair sharing fewer than ``min_words`` stemmed words and no anchor scores 0: one word in
    common ("way", "said", a name) is not a reported fact in common, however short the two
    paragraphs are.

    Examples
    --------
    >>> counterpart_similarity(["The minister resigned."], ["Ministers resign.", "Rain."]).round(2)
    array([[1., 0.]])
    >>> s = counterpart_similarity(["Views reached 185,000 by noon."],
    ...                            ["The page had 185,000 visits."], anchor_weight=0.1)
    >>> bool(s[0, 0] > counterpart_similarity(["Views reached 185,000 by noon."],
    ...                                       ["The page had 185,000 visits."],
    ...                                       anchor_weight=0.0)[0, 0])
    True
    >>> counterpart_similarity(["Rain is on its way."], ["That is the way it works."]).tolist()
    [[0.0]]
    """
    vectorizer = TfidfVectorizer(analyzer=stemmed_words, binary=True)
    sim, matrix = _cosine_and_vectors(vectorizer, a, b)
    if not sim.size:
        return sim
    anchors = np.zeros_like(sim, dtype=bool)
    if anchor_weight:
        num = _shared(list(map(numbers, a)), list(map(numbers, b)))
        quote = _shared(list(map(quoted_runs, a)), list(map(quoted_runs, b)))
        sim += anchor_weight * (num + quote)
        anchors = (num + quote) > 0
    if min_words > 1 and matrix is not None:
        present = (matrix > 0).astype(np.int32)
        words = np.asarray((present[: len(a)] @ present[len(a):].T).todense())
        sim[(words < min_words) & ~anchors] = 0.0
    return np.minimum(sim, 1.0)


def stemmed_words(text: str) -> list[str]:
    """Return the Porter stems of the words of ``text`` that are not English stop words.

    Examples
    --------
    >>> stemmed_words("The senator's interviews were cancelled")
    ['senat', 'interview', 'cancel']
    """
    words = (_POSSESSIVE.sub("", w) for w in _WORD.findall(text.lower()))
    return [_stem(w) for w in words if w not in ENGLISH_STOP_WORDS]


def numbers(text: str) -> frozenset[str]:
    """Return the numbers written in ``text`` other than years, without thousands commas.

    Examples
    --------
    >>> sorted(numbers("In 2012 he had 185,000 views and 46 percent."))
    ['185000', '46']
    """
    found = (n.replace(",", "").rstrip(".") for n in _NUMBER.findall(text))
    return frozenset(n for n in found if not _YEAR.fullmatch(n))


def quoted_runs(text: str) -> frozenset[tuple[str, ...]]:
    """Return every run of four consecutive words inside quotation marks in ``text``.

    Examples
    --------
    >>> sorted(quoted_runs('He said "we will win this fight" and left.'))
    [('we', 'will', 'win', 'this'), ('will', 'win', 'this', 'fight')]
    """
    runs: set[tuple[str, ...]] = set()
    for match in _QUOTED.finditer(text):
        words = _WORD.findall((match.group(1) or match.group(2)).lower())
        runs.update(tuple(words[k:k + _QUOTE_RUN]) for k in range(len(words) - _QUOTE_RUN + 1))
    return frozenset(runs)


@functools.lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    return _STEMMER.stem(word)


def _shared(a: list[frozenset], b: list[frozenset]) -> np.ndarray:
    return np.array([[1.0 if x & y else 0.0 for y in b] for x in a]).reshape(len(a), len(b))


def _cosine(vectorizer: TfidfVectorizer, a: Sequence[str], b: Sequence[str]) -> np.ndarray:
    return _cosine_and_vectors(vectorizer, a, b)[0]


def _cosine_and_vectors(vectorizer: TfidfVectorizer, a: Sequence[str], b: Sequence[str]):
    """The cosine matrix and the fitted rows of ``[*a, *b]`` (None when there are none)."""
    if not a or not b:
        return np.zeros((len(a), len(b))), None
    try:
        matrix = vectorizer.fit_transform([*a, *b])
    except ValueError:  # no token at all (empty or stop-word-only paragraphs)
        return np.zeros((len(a), len(b))), None
    # TfidfVectorizer rows are L2-normalised: the dot product is the cosine.
    return np.asarray((matrix[: len(a)] @ matrix[len(a):].T).todense()), matrix
