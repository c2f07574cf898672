"""The shared scikit-learn contract of every extractor, and polars helpers they use."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import numpy as np
import polars as pl
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from workbench import lexicons
from workbench.errors import bad_option_message, single_str_message

WORD = r"\w+(?:['’]\w+)*"
"""A word: letters or digits, with inner apostrophes (``Trump's`` is one word)."""

QUOTE = r'"[^"]*(?:"|$)|“[^”]*(?:”|$)|«[^»]*(?:»|$)'
"""A quotation: straight, curly or guillemet marks; an unclosed one runs to the paragraph end
(the convention for a quotation that continues into the next paragraph)."""


def texts_series(X: object, owner: str) -> pl.Series:
    """Return ``X`` (paragraph strings) as a polars String Series, nulls as ``""``."""
    if isinstance(X, str):
        raise TypeError(single_str_message(owner))
    if isinstance(X, pl.DataFrame):
        if X.width != 1:
            raise ValueError(f"{owner} expected one text column, got {X.width}: {X.columns}")
        X = X.to_series()
    if isinstance(X, pl.Series):
        series = X.cast(pl.String)
    else:
        if hasattr(X, "to_numpy") and getattr(X, "ndim", 1) == 2:
            X = np.asarray(X).ravel()
        items = list(X) if isinstance(X, Iterable) else None
        if items is None:
            raise TypeError(f"{owner} expected an iterable of paragraphs, got {type(X).__name__}")
        series = pl.Series("text", [None if v is None else str(v) for v in items], pl.String)
    return series.fill_null("").alias("text")


def resolve_terms(value: str | tuple[str, ...], param: str) -> tuple[str, ...]:
    """Return the terms of a lexicon parameter: a shipped lexicon's name, or a tuple."""
    if isinstance(value, str):
        if value not in lexicons.names():
            raise ValueError(bad_option_message(param, value, lexicons.names()))
        return lexicons.load(value)
    if isinstance(value, tuple | list) and all(isinstance(t, str) for t in value):
        return tuple(t.strip().lower() for t in value if t.strip())
    raise ValueError(bad_option_message(param, value, "a lexicon name or a tuple of terms"))


def n_words_expr(text: str | pl.Expr = "text") -> pl.Expr:
    """Expression counting words (see :data:`WORD`)."""
    col = pl.col(text) if isinstance(text, str) else text
    return col.str.count_matches(WORD).cast(pl.Int32)


_APOSTROPHE_CLASS = "['’]"


def ascii_safe(pattern: str) -> bool:
    """Return whether lexicon ``pattern`` counts the same on :func:`lexicon_text` with
    ``ascii_stand_ins=True``: no non-ASCII literal (beside the ``['’]`` apostrophe class) and
    none of the stand-ins, ``_``, ``#`` and the quotation marks' control characters ``\x01``
    to ``\x04`` (see :data:`workbench.features._shared.QUOTE_MARKERS`).

    Examples
    --------
    >>> ascii_safe(r"\\b(?:don['’]t\\s+know)\\b"), ascii_safe(r"\\b(?:détente)\\b")
    (True, False)
    """
    plain = pattern.replace(_APOSTROPHE_CLASS, "'")
    return (plain.isascii() and "_" not in plain and "#" not in plain
            and not any("\x01" <= c <= "\x04" for c in plain))  # quotation-mark stand-ins


def lexicon_text(text: pl.Expr, *, ascii_stand_ins: bool = True,
                 lowered: bool = False) -> pl.Expr:
    """Lower-cased ``text`` for lexicon regexes, non-ASCII characters replaced by ASCII
    stand-ins of the same regex class: word characters by ``_``, whitespace by a space,
    ``’`` by ``'`` and anything else by ``#``.

    Counts of an :func:`ascii_safe` pattern are the same as on the lower-cased text (``\\b``,
    ``\\s`` and the ``['’]`` class see the same classes), and 10-30x faster: Rust's lazy DFA
    gives up on a Unicode ``\\b`` at the first non-ASCII byte and falls back to a slow
    engine. Offsets change, so only counts are taken from it (cue spans use Python ``re``).

    Examples
    --------
    >>> pl.select(lexicon_text(pl.lit("Señor’s — “MIGHT” go"))).item()
    "se_or's # #might# go"
    """
    low = text if lowered else text.str.to_lowercase()  # lowered: ``text`` already is
    if not ascii_stand_ins:
        return low
    return _non_ascii_by_class(low.str.replace_all("’", "'", literal=True))


def cased_text(text: pl.Expr, capital: str) -> pl.Expr:
    """``text`` with ASCII stand-ins that keep letter case, for :data:`NAME`-style patterns:
    ``’`` by ``'``, ``“`` and ``”`` by ``"``, non-ASCII whitespace by a space, capitals
    ``À-Ö``/``Ø-Þ`` by ``capital``, other word characters by ``_`` and the rest by ``#``.

    Examples
    --------
    >>> pl.select(cased_text(pl.lit("“Ça va,” Élodie Łoś said"), "Q")).item()
    '"Qa va," Qlodie _o_ said'
    """
    return _non_ascii_by_class(text.str.replace_many(["’", "“", "”"], ["'", '"', '"'])
                               .str.replace_all("[À-ÖØ-Þ]", capital))


def _non_ascii_by_class(text: pl.Expr) -> pl.Expr:
    """Replace the remaining non-ASCII characters: whitespace by a space, word characters by
    ``_``, anything else by ``#`` (the stand-ins :func:`ascii_safe` rules out in patterns)."""
    return (text.str.replace_all(r"[\s&&[^\x00-\x7F]]", " ")
            .str.replace_all(r"[\w&&[^\x00-\x7F]]", "_")
            .str.replace_all(r"[^\x00-\x7F]", "#"))


def cased_capital(patterns: tuple[str, ...]) -> str | None:
    """Return a capital letter with which :func:`cased_text` keeps the counts of
    ``patterns``: one no pattern names (beside the range ``A-Z``), when their only non-ASCII
    characters are those :func:`cased_text` replaces in kind; else None."""
    plain = " ".join(patterns)
    for known, same in (("À-ÖØ-Þ", ""), ('"“”', '"'), ("'’", "'")):
        plain = plain.replace(known, same)
    if not ascii_safe(plain):  # which also reads the ['’] apostrophe class as ASCII
        return None
    used = set(plain.replace("A-Z", ""))
    return next((c for c in "QXZJVK" if c not in used), None)


def rate(count: pl.Expr, denominator: pl.Expr, scale: float = 1.0) -> pl.Expr:
    """``count * scale / max(denominator, 1)`` as Float64: empty paragraphs give 0, not NaN."""
    return (count.cast(pl.Float64) * scale / pl.max_horizontal(denominator, 1)).cast(pl.Float64)


def recounted(counts: pl.Series, todo: pl.Series, texts: pl.Series,
              count: Callable[[pl.Series], pl.Series]) -> pl.Series:
    """Return ``counts`` with the rows where ``todo`` holds replaced by ``count`` of those
    rows' ``texts``: for a count that is known without its regex in most rows.

    Examples
    --------
    >>> texts = pl.Series(["a b", "c", "d e f"])
    >>> recounted(pl.Series([0, 0, 0]), pl.Series([True, False, True]), texts,
    ...           lambda t: t.str.len_chars()).to_list()
    [3, 0, 5]
    """
    out = counts.clone()
    if todo.any():
        out.scatter(todo.arg_true(), count(texts.filter(todo)).cast(counts.dtype))
    return out


def spans(pattern: re.Pattern[str], text: str, kind: str, **extra: object) -> list[dict]:
    """Return every match of ``pattern`` in ``text`` as a cue dict with offsets."""
    return [{"text": text[m.start():m.end()], "start": m.start(), "end": m.end(),
             "kind": kind, **extra} for m in pattern.finditer(text)]


def fold_case(text: str) -> str:
    """Lower-case ``text`` character by character, keeping every offset in place.

    A character whose lower case is longer (``İ``) is kept as it is.

    Examples
    --------
    >>> fold_case("İstanbul SAID")
    'İstanbul said'
    """
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` offsets of quotations in ``text``."""
    return [m.span() for m in _QUOTE_RE.finditer(text)]


def inside(pos: int, regions: list[tuple[int, int]]) -> bool:
    """Return whether offset ``pos`` lies inside one of ``regions``."""
    return any(a <= pos < b for a, b in regions)


_QUOTE_RE = re.compile(QUOTE)


class StringInput:
    """Mixin: scikit-learn tags of an estimator that takes a 1-D sequence of strings."""

    def __sklearn_tags__(self):  # noqa: D105
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        return tags


class TextFeatures(StringInput, TransformerMixin, BaseEstimator):
    """Base of every extractor: paragraphs in, a polars frame of named features out.

    Subclasses set ``feature_names`` and implement ``_compile`` (derive fitted state from
    parameters), ``_summarise(texts) -> pl.DataFrame`` and ``cues(text) -> list[dict]``.
    """

    feature_names: tuple[str, ...] = ()

    def fit(self, X: object, y: object = None) -> TextFeatures:
        """Validate parameters and compile the patterns; learns nothing from ``X``."""
        texts_series(X, type(self).__name__)
        self._compile()
        self.n_features_out_ = len(self.feature_names)
        return self

    def transform(self, X: object) -> pl.DataFrame:
        """Return one row of features per paragraph, columns as ``get_feature_names_out``."""
        check_is_fitted(self)
        texts = texts_series(X, type(self).__name__)
        out = self._summarise(texts)
        return out.select(self.feature_names)

    def get_feature_names_out(self, input_features: object = None) -> np.ndarray:
        """Return the output column names."""
        return np.asarray(self.feature_names, dtype=object)

    def _compile(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _summarise(self, texts: pl.Series) -> pl.DataFrame:  # pragma: no cover - abstract
        raise NotImplementedError

    def cues(self, text: str) -> list[dict]:  # pragma: no cover - abstract
        """Return the cues found in one paragraph, each with ``start``/``end`` offsets."""
        raise NotImplementedError
