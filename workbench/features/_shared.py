"""Columns several extractors derive from the same paragraphs, made once per batch.

``score()`` runs every extractor on the same paragraphs; each needs some of the lower-cased
text, its ASCII stand-ins, the text with quotations blanked, word and sentence counts. Made
by each extractor, these cost about as much as the lexicon regexes themselves, so the last
batch's columns are kept (per thread) and reused when the next extractor is handed equal
paragraphs (checked by value, not by identity).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

import polars as pl

from workbench.features._base import QUOTE, cased_text, lexicon_text, n_words_expr
from workbench.segment import sentence_spans

T = TypeVar("T")


class SharedText:
    """Derived columns of one batch of paragraphs, each made on first use."""

    def __init__(self, texts: pl.Series) -> None:
        self.texts = texts
        self._made: dict[object, object] = {}

    def _get(self, key: object, make: Callable[[], T]) -> T:
        if key not in self._made:
            self._made[key] = make()
        return self._made[key]

    def _expr(self, expr: pl.Expr) -> pl.Series:
        return pl.DataFrame({"text": self.texts}).select(expr).to_series()

    def lexicon(self, stand_ins: bool) -> pl.Series:
        """:func:`lexicon_text` of the paragraphs."""
        return self._get(("lexicon", stand_ins), lambda: self._expr(
            lexicon_text(pl.col("text"), ascii_stand_ins=stand_ins)))

    def unquoted(self, stand_ins: bool) -> pl.Series:
        """:func:`lexicon_text` of the paragraphs with quotations replaced by ``" | "``."""
        return self._get(("unquoted", stand_ins), lambda: self._expr(
            lexicon_text(pl.col("text").str.replace_all(QUOTE, " | "),
                         ascii_stand_ins=stand_ins)))

    def cased(self, capital: str | None) -> pl.Series:
        """:func:`cased_text` of the paragraphs (the paragraphs themselves for None)."""
        if capital is None:
            return self.texts
        return self._get(("cased", capital), lambda: self._expr(
            cased_text(pl.col("text"), capital)))

    def n_words(self) -> pl.Series:
        """Words per paragraph (:func:`n_words_expr`), Int32."""
        return self._get("n_words", lambda: self._expr(n_words_expr("text")))

    def spans(self) -> list[list[tuple[int, int]]]:
        """Sentence spans of each paragraph (:func:`workbench.segment.sentence_spans`)."""
        return self._get("spans", lambda: [sentence_spans(t) for t in self.texts.to_list()])

    def n_sentences(self) -> pl.Series:
        """Sentences per paragraph, Int32."""
        return self._get("n_sentences", lambda: pl.Series(
            [len(s) for s in self.spans()], dtype=pl.Int32))


_LAST = threading.local()


def shared_text(texts: pl.Series) -> SharedText:
    """Return the :class:`SharedText` of ``texts``: the previous batch's when it holds the
    same paragraphs, else a new one (which replaces it)."""
    last = getattr(_LAST, "shared", None)
    if last is not None and last.texts.len() == texts.len() and last.texts.equals(texts):
        return last
    _LAST.shared = SharedText(texts)
    return _LAST.shared
