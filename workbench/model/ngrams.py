"""Text features of the frame classifier: TF-IDF n-grams and framing-cue rates, via polars.

scikit-learn's ``TfidfVectorizer`` builds n-grams in Python, one paragraph at a time, far
below what the bulk scorer needs (measured in docs/scaling.md, section "model/ngrams.py").
These transformers do the same arithmetic with polars expressions (tokens, n-grams, joins
and counts in Rust), and build character n-grams once per distinct word of a batch instead
of once per occurrence.

Unlike the extractors in :mod:`workbench.features`, they return a SciPy sparse matrix: a
polars frame with tens of thousands of mostly-zero columns would be the wrong shape.
"""

from __future__ import annotations

import numpy as np
import polars as pl
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.preprocessing import normalize
from sklearn.utils.validation import check_is_fitted

from workbench.errors import bad_option_message
from workbench.features import FramingCues
from workbench.features._base import StringInput, texts_series
from workbench.features.prepare import prepare
from workbench.model.token_scores import TokenScores

TOKEN = r"\w\w+(?:['’]\w+)*"
"""A token of the n-gram features: two or more word characters (as scikit-learn's default),
with inner apostrophes."""

ANALYZERS = ("word", "char")
NORMS = ("l2", "l1")


def token_lists(texts: pl.Series) -> pl.Series:
    """Return the lower-cased tokens (:data:`TOKEN`) of each text, as a list column ``tokens``.

    Examples
    --------
    >>> token_lists(pl.Series(["Tax cuts, I said"])).to_list()
    [['tax', 'cuts', 'said']]
    """
    return texts.str.to_lowercase().str.extract_all(TOKEN).alias("tokens")


def model_inputs(X: object, owner: str) -> tuple[pl.Series, pl.DataFrame | None]:
    """Return the texts of ``X`` and, when ``X`` is a table with a ``text`` column and more,
    the table, whose ``tokens`` and counts are then reused instead of made again (see
    :func:`workbench.model.classifier.frame_scores`)."""
    if isinstance(X, pl.DataFrame) and X.width > 1 and "text" in X.columns:
        return texts_series(X["text"], owner), X
    return texts_series(X, owner), None


def _tokens(texts: pl.Series, table: pl.DataFrame | None = None) -> pl.DataFrame:
    """Return ``(row, tok)`` pairs: the lower-cased tokens of each text, in order (from
    ``table["tokens"]`` when it has them)."""
    if table is not None and "tokens" in table.columns:
        lists = table["tokens"]
    else:
        lists = token_lists(texts)
    return (
        pl.DataFrame({"tok": lists.alias("tok")})
        .with_row_index("row")
        .explode("tok")
        .drop_nulls("tok")
    )


def _columns(found: pl.DataFrame, vocab: pl.DataFrame | None) -> tuple[pl.DataFrame, list[str]]:
    """Give each ``term`` of ``found`` a column: its index in ``vocab``, or in the sorted
    distinct terms when there is no vocabulary yet. Return the frame and the column names."""
    if vocab is None:
        vocab = _index(found["term"], "term", "col")
    return found.join(vocab, on="term", how="inner"), vocab["term"].to_list()


def _index(values: pl.Series, name: str, index: str) -> pl.DataFrame:
    """Return the distinct ``values``, sorted, as column ``name`` beside their ``index``."""
    return pl.DataFrame({name: values.unique().sort()}).with_row_index(index)


def _matrix(rows: pl.Series, cols: pl.Series, shape: tuple[int, int]) -> sp.csr_matrix:
    """Count the ``(row, col)`` pairs into a sparse matrix (duplicates add up)."""
    ones = np.ones(len(rows), dtype=np.float64)
    return sp.csr_matrix((ones, (rows.to_numpy(), cols.to_numpy())), shape=shape)


def word_ngrams(texts: pl.Series, ngram_range: tuple[int, int],
                vocab: pl.DataFrame | None = None, table: pl.DataFrame | None = None, *,
                by_ids: bool = True, keys: VocabKeys | None = None) -> tuple[sp.csr_matrix,
                                                                           list[str]]:
    """Return counts of word n-grams (texts x terms) and the terms.

    ``vocab`` (``term``, ``col``) fixes the columns; n-grams outside it are dropped.
    ``table`` may hold the texts' ``tokens`` (:func:`token_lists`), made once for several
    n-gram steps. With a vocabulary, n-grams are matched as integer keys of the vocabulary's
    word ids (``by_ids``, faster, the same counts; ``keys`` from :func:`vocab_keys`, made
    here when not given) rather than as joined strings.

    Examples
    --------
    >>> counts, terms = word_ngrams(pl.Series(["Tax cuts, tax cuts"]), (1, 2))
    >>> dict(zip(terms, counts.toarray()[0].tolist()))
    {'cuts': 2.0, 'cuts tax': 1.0, 'tax': 2.0, 'tax cuts': 2.0}
    """
    if vocab is not None and by_ids:
        keys = keys if keys is not None else vocab_keys(vocab, ngram_range)
        if keys is not None:
            return _known_word_ngrams(texts, keys, vocab.height, table), vocab["term"].to_list()
    lo, hi = ngram_range
    toks = _tokens(texts, table)
    parts = []
    for size in range(lo, hi + 1):
        term = pl.col("tok")
        same_row = pl.lit(True)
        for k in range(1, size):
            term = term + " " + pl.col("tok").shift(-k)
            same_row = same_row & (pl.col("row").shift(-k) == pl.col("row"))
        grams = toks.select("row", term.alias("term"), same_row.fill_null(False).alias("ok"))
        parts.append(grams.filter("ok").drop("ok"))
    found, terms = _columns(pl.concat(parts), vocab)
    return _matrix(found["row"], found["col"], (len(texts), len(terms))), terms


VocabKeys = tuple[pl.DataFrame, int, dict[int, pl.DataFrame]]
"""What :func:`vocab_keys` returns: the vocabulary's words (``tok``, ``id``), the key base,
and per n-gram size the terms' integer keys (``col``, ``key``)."""


def vocab_keys(vocab: pl.DataFrame, ngram_range: tuple[int, int]) -> VocabKeys | None:
    """Return the distinct words of the vocabulary's terms with ids, the key base (their
    number), and per size ``(col, key)``: each term's :func:`_key` of its word ids; None
    when keys could overflow Int64."""
    lo, hi = ngram_range
    parts = vocab.with_columns(tok=pl.col("term").str.split(" "))
    words = _index(parts["tok"].explode().drop_nulls(), "tok", "id")
    width = max(words.height, 1)
    if width ** hi >= 2 ** 62:
        return None
    keys = {}
    for size in range(lo, hi + 1):
        ids = [pl.col("tok").list.get(k).replace_strict(words["tok"], words["id"],
                                                        return_dtype=pl.Int64)
               for k in range(size)]
        keys[size] = parts.filter(pl.col("tok").list.len() == size).select(
            "col", key=_key(ids, width))
    return words, width, keys


def _known_word_ngrams(texts: pl.Series, keys: VocabKeys, n_terms: int,
                       table: pl.DataFrame | None) -> sp.csr_matrix:
    """:func:`word_ngrams` against a vocabulary's :func:`vocab_keys`: each token occurrence
    gets its vocabulary word id (null outside the vocabulary's words, which no term holds),
    and each run of ``size`` ids in a text a key, joined to the terms' keys (single words
    looked up by id)."""
    words, width, by_size = keys
    ids = _tokens(texts, table).join(words, on="tok", how="left", maintain_order="left")
    found = []
    for size, terms in by_size.items():
        if size == 1:  # a word's key is its id: look its column up instead of joining
            lookup = np.full(width + 1, -1, dtype=np.int64)  # width: no vocabulary word
            lookup[terms["key"].to_numpy()] = terms["col"].to_numpy()
            cols = pl.Series(lookup).gather(ids["id"].fill_null(width))
            found.append(ids.select("row", col=cols).filter(pl.col("col") >= 0)
                         .cast({"col": terms["col"].dtype}))
            continue
        key = _key([pl.col("id").shift(-k) for k in range(size)], width)
        same_row = pl.all_horizontal(pl.lit(True), *(pl.col("row").shift(-k) == pl.col("row")
                                                     for k in range(1, size)))
        grams = ids.select("row", key.alias("key"), same_row.fill_null(False).alias("ok"))
        found.append(grams.filter("ok").join(terms, on="key", how="inner").select("row", "col"))
    hits = pl.concat(found)
    return _matrix(hits["row"], hits["col"], (len(texts), n_terms))


def _key(ids: list[pl.Expr], width: int) -> pl.Expr:
    """One Int64 key for a sequence of token ids below ``width`` (its base-``width`` number;
    null when an id is)."""
    key = ids[0].cast(pl.Int64)
    for part in ids[1:]:
        key = key * width + part.cast(pl.Int64)
    return key


def token_char_grams(tokens: pl.Series, ngram_range: tuple[int, int],
                     ids: pl.Series | None = None) -> pl.DataFrame:
    """Return ``(tok, term)``: one row per character n-gram of each space-padded token; or
    ``(id, term)``, given the tokens' ``ids``.

    Examples
    --------
    >>> token_char_grams(pl.Series(["ox"]), (3, 4))["term"].to_list()
    [' ox', 'ox ', ' ox ']
    """
    lo, hi = ngram_range
    key = "tok" if ids is None else "id"
    padded = pl.DataFrame({key: tokens if ids is None else ids}).with_columns(
        p=" " + tokens + " ")
    padded = padded.with_columns(length=pl.col("p").str.len_chars().cast(pl.Int64))
    parts = []
    for size in range(lo, hi + 1):
        parts.append(
            padded.filter(pl.col("length") >= size)
            .with_columns(off=pl.int_ranges(0, pl.col("length") - size + 1))
            .explode("off")
            .select(key, pl.col("p").str.slice(pl.col("off"), size).alias("term"))
        )
    return pl.concat(parts)


def char_ngrams(texts: pl.Series, ngram_range: tuple[int, int],
                vocab: pl.DataFrame | None = None,
                table: pl.DataFrame | None = None) -> tuple[sp.csr_matrix, list[str]]:
    """Return counts of character n-grams inside space-padded tokens (as scikit-learn's
    ``char_wb``), texts x terms, and the terms.

    Each distinct token of the batch is cut into n-grams once; a sparse product
    (texts x tokens) @ (tokens x n-grams) then counts them per text.

    Examples
    --------
    >>> counts, terms = char_ngrams(pl.Series(["ox ox"]), (3, 3))
    >>> dict(zip(terms, counts.toarray()[0].tolist()))
    {' ox': 2.0, 'ox ': 2.0}
    """
    toks = _tokens(texts, table)
    # Distinct tokens, sorted, each with the rows holding it (once per occurrence): a
    # tokens x texts matrix whose transpose, made CSR, lists each text's token ids in
    # ascending order, the order the product's entries then follow.
    held = toks.group_by("tok").agg("row").sort("tok")
    lengths = held["row"].list.len().to_numpy()
    indptr = np.zeros(held.height + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    rows = held["row"].explode().to_numpy()
    per_token = sp.csr_matrix((np.ones(len(rows)), rows, indptr), shape=(held.height, len(texts)))
    per_word, terms = token_gram_counts(held["tok"], ngram_range, vocab)
    return (per_token.T.tocsr() @ per_word).tocsr(), terms


def token_gram_counts(tokens: pl.Series, ngram_range: tuple[int, int],
                      vocab: pl.DataFrame | None = None) -> tuple[sp.csr_matrix, list[str]]:
    """Return the character n-gram counts of each of ``tokens`` (tokens x terms, columns
    sorted in each row) and the terms; ``vocab`` as for :func:`char_ngrams`.

    Examples
    --------
    >>> counts, terms = token_gram_counts(pl.Series(["ox", "oxo"]), (3, 3))
    >>> terms, counts.toarray().tolist()
    ([' ox', 'ox ', 'oxo', 'xo '], [[1.0, 1.0, 0.0, 0.0], [1.0, 0.0, 1.0, 1.0]])
    """
    ids = pl.int_range(len(tokens), dtype=pl.UInt32, eager=True)
    found, terms = _columns(token_char_grams(tokens, ngram_range, ids), vocab)
    return _matrix(found["id"], found["col"], (len(tokens), len(terms))), terms


class Ngrams(StringInput, TransformerMixin, BaseEstimator):
    """TF-IDF of word or character n-grams, as scikit-learn's ``TfidfVectorizer`` computes it
    (smooth idf, optional ``1 + log(tf)``, rows scaled to unit length), times ``weight``.

    Parameters
    ----------
    analyzer : {"word", "char"}
        Word n-grams of :data:`TOKEN`, or character n-grams inside space-padded tokens.
    ngram_range : tuple of int
        Smallest and largest n.
    min_df : int
        Keep n-grams found in at least this many training texts.
    max_features : int
        Keep at most this many n-grams, the most frequent (by document frequency) first.
    sublinear_tf : bool
        Use ``1 + log(count)`` instead of the raw count.
    norm : {"l2", "l1"}
        The length rows are scaled to unit of. With raw counts and ``"l1"``, character
        n-grams are linear per token: a model scores them a token at a time
        (:meth:`add_scores`), at a third of the cost.
    weight : float
        Scale of the rows beside the other feature blocks.

    Examples
    --------
    >>> vec = Ngrams(min_df=1).fit(["tax cuts", "tax rises"])
    >>> vec.terms_
    ('cuts', 'rises', 'tax', 'tax cuts', 'tax rises')
    >>> vec.transform(["tax cuts now"]).toarray().round(2)
    array([[0.63, 0.  , 0.45, 0.63, 0.  ]])
    """

    def __init__(self, *, analyzer: str = "word", ngram_range: tuple[int, int] = (1, 2),
                 min_df: int = 2, max_features: int = 20000, sublinear_tf: bool = True,
                 norm: str = "l2", weight: float = 1.0) -> None:
        self.analyzer = analyzer
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_features = max_features
        self.sublinear_tf = sublinear_tf
        self.norm = norm
        self.weight = weight

    def _counts(self, texts: pl.Series, vocab: pl.DataFrame | None = None,
                table: pl.DataFrame | None = None) -> tuple[sp.csr_matrix, list[str]]:
        if self.analyzer != "word":
            return char_ngrams(texts, tuple(self.ngram_range), vocab, table)
        keys = None if vocab is None else self._vocabulary_keys()
        return word_ngrams(texts, tuple(self.ngram_range), vocab, table, keys=keys)

    def fit(self, X: object, y: object = None) -> Ngrams:
        """Learn the vocabulary (``terms_``) and inverse document frequencies (``idf_``)."""
        if self.analyzer not in ANALYZERS:
            raise ValueError(bad_option_message("analyzer", self.analyzer, ANALYZERS))
        if self.norm not in NORMS:
            raise ValueError(bad_option_message("norm", self.norm, NORMS))
        lo, hi = self.ngram_range
        if not 1 <= lo <= hi:
            raise ValueError(bad_option_message("ngram_range", self.ngram_range,
                                                "(lo, hi) with 1 <= lo <= hi"))
        texts = texts_series(X, type(self).__name__)
        for cached in ("_vocab", "_scores"):  # a refit's terms may differ at the same count
            self.__dict__.pop(cached, None)
        counts, terms = self._counts(texts)
        df = (pl.DataFrame({"term": pl.Series(terms, dtype=pl.String),
                            "df": np.diff(counts.tocsc().indptr)})
              .filter(pl.col("df") >= self.min_df)
              .sort(["df", "term"], descending=[True, False])
              .head(self.max_features)
              .sort("term"))
        self.terms_ = tuple(df["term"].to_list())
        n = len(texts)
        self.idf_ = np.log((1 + n) / (1 + df["df"].to_numpy().astype(np.float64))) + 1.0
        return self

    def transform(self, X: object) -> sp.csr_matrix:
        """Return the TF-IDF matrix, one row per text, one column per term of ``terms_``.

        ``X`` is paragraphs, or a table with ``text`` and optionally ``tokens``.
        """
        check_is_fitted(self, "terms_")
        texts, table = model_inputs(X, type(self).__name__)
        if not self.terms_ or len(texts) == 0:  # nothing reached min_df, or no texts
            return sp.csr_matrix((len(texts), len(self.terms_)))
        matrix, _ = self._counts(texts, self._vocabulary(), table)  # one entry per (row, col)
        if self.sublinear_tf:
            np.log(matrix.data, out=matrix.data)
            matrix.data += 1.0
        matrix.data *= self.idf_[matrix.indices]
        matrix = normalize(matrix, norm=self.norm, copy=False)
        if self.weight != 1.0:
            matrix.data *= self.weight
        return matrix

    @property
    def linear_per_token(self) -> bool:
        """Whether a text's scores from this step are sums over its tokens (character
        n-grams, raw counts, L1 rows): :meth:`add_scores` then applies."""
        return self.analyzer == "char" and not self.sublinear_tf and self.norm == "l1"

    def add_scores(self, X: object, coef: np.ndarray, scores: np.ndarray) -> None:
        """Add ``transform(X) @ coef`` to ``scores`` (texts x outputs), the same numbers but
        for rounding, through :class:`~workbench.model.token_scores.TokenScores`; only when
        :attr:`linear_per_token`. ``coef`` holds this step's rows of the coefficients."""
        check_is_fitted(self, "terms_")
        if not self.linear_per_token:
            raise ValueError("add_scores needs character n-grams with sublinear_tf=False "
                             "and norm='l1'")
        texts, table = model_inputs(X, type(self).__name__)
        if not self.terms_:
            return
        toks = _tokens(texts, table)
        block = self._token_scores(coef).scores(toks["row"], toks["tok"], len(texts))
        scores += block * self.weight

    def _token_scores(self, coef: np.ndarray) -> TokenScores:
        """The per-token scores for ``coef``, kept while the vocabulary and ``coef`` stay."""
        vocab = self._vocabulary()
        cached = self.__dict__.get("_scores")
        if cached is None or cached.key is not vocab or not np.array_equal(cached.coef, coef):
            ngram_range = tuple(self.ngram_range)
            cached = TokenScores(self.idf_, coef,
                                 lambda tokens: token_gram_counts(tokens, ngram_range, vocab)[0],
                                 key=vocab)
            self.__dict__["_scores"] = cached
        return cached

    def _vocabulary(self) -> pl.DataFrame:
        """The terms as a frame (``term``, ``col``), built once per fitted object."""
        cached = self.__dict__.get("_vocab")
        if cached is None or cached.height != len(self.terms_):
            cached = pl.DataFrame({"term": pl.Series(self.terms_, dtype=pl.String)})
            cached = cached.with_row_index("col")
            self.__dict__["_vocab"] = cached
        return cached

    def _vocabulary_keys(self) -> VocabKeys | None:
        """The word vocabulary's :func:`vocab_keys`, made once per fitted object."""
        vocab, ngram_range = self._vocabulary(), tuple(self.ngram_range)
        cached = self.__dict__.get("_keys")
        if cached is None or cached[0] is not vocab or cached[1] != ngram_range:
            cached = vocab, ngram_range, vocab_keys(vocab, ngram_range)
            self.__dict__["_keys"] = cached
        return cached[2]

    def __getstate__(self) -> dict:
        """State for pickle and skops: the terms as one newline-joined string (a tuple of
        30,000 strings made a 15 MB skops schema), without the cached frame."""
        state = {k: v for k, v in super().__getstate__().items()
                 if k not in ("_vocab", "_keys", "_scores")}
        if isinstance(state.get("terms_"), tuple):
            state["terms_"] = "\n".join(state["terms_"])
        return state

    def __setstate__(self, state: dict) -> None:  # noqa: D105
        state = {"norm": "l2", "weight": 1.0, **state}  # a model saved before they existed
        terms = state.get("terms_")
        if isinstance(terms, str):
            state = {**state, "terms_": tuple(terms.split("\n")) if terms else ()}
        super().__setstate__(state)

    def get_feature_names_out(self, input_features: object = None) -> np.ndarray:
        """Return the n-grams, prefixed by the analyzer (``word: tax cuts``, ``char: ax ``)."""
        check_is_fitted(self, "terms_")
        return np.asarray([f"{self.analyzer}: {t}" for t in self.terms_], dtype=object)



class CueRates(StringInput, TransformerMixin, BaseEstimator):
    """Framing-cue hits per 100 words, ``log1p``-scaled, from :class:`FramingCues`' counts.

    It reads the columns it declares (:meth:`reads`: ``n_words`` and ``frame_cue_<frame>``)
    when handed a score table holding them, so the cues are counted one way, by the framing
    extractor; given paragraphs, it runs that extractor on them.

    Parameters
    ----------
    weight : float
        Scale of the features beside the unit-length TF-IDF rows.

    Examples
    --------
    >>> cues = CueRates().fit([""])
    >>> row = cues.transform(["Taxpayers face higher costs."]).toarray()[0]
    >>> bool(row[list(cues.frames_).index("economic")] > 0)
    True
    """

    def __init__(self, *, weight: float = 0.1) -> None:
        self.weight = weight

    def fit(self, X: object, y: object = None) -> CueRates:
        """Note the frames counted today; learns nothing from ``X``."""
        texts_series(X, type(self).__name__)
        self.frames_ = tuple(FramingCues().frames)
        return self

    def reads(self) -> tuple[str, ...]:
        """The score-table columns this step reads: ``n_words`` and the frame cue counts."""
        check_is_fitted(self, "frames_")
        return ("n_words", *(f"frame_cue_{k}" for k in self.frames_))

    def transform(self, X: object) -> sp.csr_matrix:
        """Return ``weight * log1p(100 * hits / words)``, one column per frame.

        ``X`` is paragraphs, or a table holding the columns of :meth:`reads` (a score table,
        see :func:`workbench.model.classifier.model_table`).
        """
        check_is_fitted(self, "frames_")
        texts, table = model_inputs(X, type(self).__name__)
        names = self.reads()
        if table is not None and set(names) <= set(table.columns):
            out = table.select(names)
        else:
            prepared = prepare(texts, ("lower", "n_words"))
            counts = FramingCues(frames=self.frames_).fit([""]).transform(prepared)
            out = prepared.select("n_words").hstack(counts)
        words = np.maximum(out["n_words"].to_numpy(), 1).astype(np.float64)
        counts = out.drop("n_words").to_numpy().astype(np.float64)
        # Sparse, like the n-gram blocks: FeatureUnion then stacks CSR blocks on a fast path.
        return sp.csr_matrix(np.log1p(counts * 100 / words[:, None]) * self.weight)

    def get_feature_names_out(self, input_features: object = None) -> np.ndarray:
        """Return ``cue: <frame>`` for each frame."""
        check_is_fitted(self, "frames_")
        return np.asarray([f"cue: {k}" for k in self.frames_], dtype=object)

