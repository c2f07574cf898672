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
from workbench.text.segment import fresh_sentence_spans

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
        """:func:`lexicon_text` of the paragraphs; with stand-ins, the quotation marks
        ``“ ” « »`` may be :data:`QUOTE_MARKERS` instead of ``#`` (the same regex class)."""
        if not stand_ins:
            return self._get("lower", lambda: self.texts.str.to_lowercase())
        return self._get("lexicon", self._lexicon_stand_ins)

    def _lexicon_stand_ins(self) -> pl.Series:
        text, self._made["marked"] = marked_stand_ins(self.lexicon(False))
        return text

    def unquoted(self, stand_ins: bool) -> pl.Series:
        """:func:`lexicon_text` of the paragraphs with quotations replaced by ``" | "`` (and
        quotation marks left over as in :meth:`lexicon`)."""
        if stand_ins:
            self.lexicon(True)
            return self._get("unquoted", self._unquoted_stand_ins)
        return self._get("unquoted lower", lambda: self._expr(
            pl.col("text").str.replace_all(QUOTE, " | ").str.to_lowercase()))

    def _unquoted_stand_ins(self) -> pl.Series:
        """Quotations cut from the marked stand-ins (one pass), else made as before."""
        if self._made.get("marked"):
            return self.lexicon(True).str.replace_all(MARKED_QUOTE, " | ")
        return stand_ins_by_char(self.unquoted(False), lambda c: lexicon_text(c, lowered=True))

    def cased(self, capital: str | None) -> pl.Series:
        """:func:`cased_text` of the paragraphs (the paragraphs themselves for None)."""
        if capital is None:
            return self.texts
        return self._get(("cased", capital), lambda: stand_ins_by_char(
            self.texts, lambda c: cased_text(c, capital)))

    def n_words(self) -> pl.Series:
        """Words per paragraph (:func:`n_words_expr`), Int32."""
        return self._get("n_words", lambda: self._expr(n_words_expr("text")))

    def spans(self) -> list[list[tuple[int, int]]]:
        """Sentence spans of each paragraph (:func:`workbench.segment.sentence_spans`)."""
        return self._get("spans", lambda: [fresh_sentence_spans(t) for t in self.texts.to_list()])

    def n_sentences(self) -> pl.Series:
        """Sentences per paragraph, Int32."""
        return self._get("n_sentences", lambda: pl.Series(
            [len(s) for s in self.spans()], dtype=pl.Int32))


def stand_ins_by_char(texts: pl.Series, per_char: Callable[[pl.Expr], pl.Expr], *,
                      chars: pl.Series | None = None,
                      fixed: dict[str, str] | None = None) -> pl.Series:
    """Return ``texts`` with each non-ASCII character replaced as ``per_char`` replaces it
    alone: for a ``per_char`` that maps every character on its own (as :func:`lexicon_text`
    and :func:`cased_text` do), the same text as ``per_char(texts)``, in two passes (the
    characters found, then one multi-literal replacement) instead of four or five.

    ``chars`` are the distinct non-ASCII characters of ``texts`` when already found;
    ``fixed`` replaces some of them with stand-ins of its own.

    Examples
    --------
    >>> stand_ins_by_char(pl.Series(["Ça — va"]), lambda c: cased_text(c, "Q")).to_list()
    ['Qa # va']
    """
    if chars is None:
        chars = texts.str.extract_all(r"[^\x00-\x7F]").explode().drop_nulls().unique()
    chars = chars.sort()
    if chars.len() == 0:
        return texts
    swapped = pl.DataFrame({"c": chars}).select(per_char(pl.col("c"))).to_series().to_list()
    if fixed:
        swapped = [fixed.get(c, new) for c, new in zip(chars.to_list(), swapped, strict=True)]
    return texts.str.replace_many(chars.to_list(), swapped)


QUOTE_MARKERS = {"“": "\x01", "”": "\x02", "«": "\x03", "»": "\x04"}
"""Stand-ins of the quotation marks in :meth:`SharedText.lexicon`: control characters, of
``#``'s regex class for lexicon patterns, but distinct, so that quotations can be found in
the stand-in text (:data:`MARKED_QUOTE`) instead of in a second copy of the text."""

MARKED_QUOTE = QUOTE.translate(str.maketrans(QUOTE_MARKERS))
""":data:`~workbench.features._base.QUOTE` with the marks as :data:`QUOTE_MARKERS`."""


def marked_stand_ins(lowered: pl.Series) -> tuple[pl.Series, bool]:
    """Return :func:`lexicon_text` of the lower-cased ``lowered``, with :data:`QUOTE_MARKERS`
    for the quotation marks unless a text already holds one of those control characters
    (then ``#`` as usual), and whether the markers were used."""
    def per_char(c: pl.Expr) -> pl.Expr:
        return lexicon_text(c, lowered=True)

    found = lowered.str.extract_all(r"[^\x00\x05-\x7F]").explode().drop_nulls().unique()
    if found.is_in(list(QUOTE_MARKERS.values())).any():
        return stand_ins_by_char(lowered, per_char), False
    return stand_ins_by_char(lowered, per_char, chars=found, fixed=QUOTE_MARKERS), True


_LAST = threading.local()


def shared_text(texts: pl.Series) -> SharedText:
    """Return the :class:`SharedText` of ``texts``: the previous batch's when it holds the
    same paragraphs, else a new one (which replaces it)."""
    last = getattr(_LAST, "shared", None)
    if last is not None and last.texts.len() == texts.len() and last.texts.equals(texts):
        return last
    _LAST.shared = SharedText(texts)
    return _LAST.shared
