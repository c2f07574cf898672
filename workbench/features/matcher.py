"""One matcher per cue kind: the count and the highlighted spans come from the same matches.

A :class:`Matcher` holds one regex, run by polars (Rust ``regex``) only. The count of a
paragraph is the number of its matches that are kept; the spans are the same matches, located
by marking them in the text with polars' ``replace_all`` (the engine inserts a marker before
and after each match, and the markers' positions give the offsets). Python's ``re`` is never
asked to find them again, so the count always equals the number of spans.

Word boundaries are ASCII (``(?-u:\\b)``): Rust's lazy DFA gives up on a Unicode ``\\b`` at
the first non-ASCII byte (rust-lang/regex#768) and falls back to a slower engine (measured
in docs/scaling.md, section "features/matcher.py").
Matchers read a prepared column (:mod:`workbench.features.prepare`) whose characters sit at
the text's offsets, so a span found there is a span of the text.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import polars as pl

from workbench.features._expressions import WORD, recounted

_BOUNDARY = re.compile(r"(\\\\)|\\b")


def ascii_boundaries(pattern: str) -> str:
    r"""Return ``pattern`` with every ``\b`` an ASCII word boundary (``(?-u:\b)``).

    Examples
    --------
    >>> ascii_boundaries(r"\b(?:might)\b|a\\b")
    '(?-u:\\b)(?:might)(?-u:\\b)|a\\\\b'
    """
    return _BOUNDARY.sub(lambda m: m.group(1) or r"(?-u:\b)", pattern)


NEVER = r"[^\s\S]"
"""A pattern that matches nothing (an empty lexicon)."""

_MARKERS = ("\ue000", "\ue001", "\U000f0000", "\U000f0001", "\U00100000", "\U00100001",
            "\ufdd0", "\ufdd1")
"""Private-use characters that mark matches in :func:`Matcher.spans`: the first two that no
paragraph of the batch holds."""


@dataclass(frozen=True)
class Matcher:
    """One cue kind: a regex on a prepared column, and which of its matches are kept.

    Parameters
    ----------
    kind : str
        The cue kind (``hedge``, ``cue``, ...).
    pattern : str
        The regex; ``\\b`` is made ASCII. It must not match the empty string.
    column : str
        The prepared column it reads (``lower`` or ``text``).
    skip : str, optional
        Regions passed over whole (quotations): the regex runs as ``(?:skip)|(?:pattern)``,
        and matches of ``skip`` are not cues.
    drop : str, optional
        A match in which this regex is found is not a cue (look-alikes, pronouns).
    min_words : int
        A match with fewer words (:data:`~workbench.features._base.WORD`) is not a cue.
    """

    kind: str
    pattern: str
    column: str = "lower"
    skip: str | None = None
    drop: str | None = None
    min_words: int = 0

    def __post_init__(self) -> None:
        for part in (self.pattern, self.skip):
            if part is not None and part != NEVER and _matches_empty(part):
                raise ValueError(f"{self.kind}: pattern {part[:60]!r} matches the empty string")

    @functools.cached_property
    def regex(self) -> str:
        """The regex polars runs: ``skip`` first, then the pattern, boundaries ASCII."""
        body = ascii_boundaries(self.pattern)
        return f"(?:{ascii_boundaries(self.skip)})|(?:{body})" if self.skip else body

    def _kept(self, match: pl.Expr) -> pl.Expr | None:
        """Whether each match (a string expression) is a cue; None when all are."""

        keep = []
        if self.skip:
            keep.append(~match.str.contains(f"^(?:{ascii_boundaries(self.skip)})$"))
        if self.drop:
            keep.append(~match.str.contains(ascii_boundaries(self.drop)))
        if self.min_words:
            keep.append(match.str.count_matches(WORD) >= self.min_words)
        return pl.all_horizontal(keep) if keep else None

    def count_expr(self, text: pl.Expr | None = None) -> pl.Expr:
        """Expression counting the kept matches in ``text`` (default: :attr:`column`), Int32."""
        col = pl.col(self.column) if text is None else text
        if self.pattern == NEVER:
            return pl.lit(0, pl.Int32)
        kept = self._kept(pl.element())
        if kept is None:
            return col.str.count_matches(self.regex).cast(pl.Int32)
        return (col.str.extract_all(self.regex).list.eval(kept.cast(pl.Int32))
                .list.sum().fill_null(0).cast(pl.Int32))

    def counts(self, frame: pl.DataFrame) -> pl.Series:
        """Return :meth:`count_expr` of ``frame``'s :attr:`column`, Int32, the same numbers
        made faster: matches are only extracted and checked in rows where ``count_matches``
        alone could be wrong (a match to check, or a region to skip)."""
        texts = frame[self.column]
        if self.pattern == NEVER:
            return pl.zeros(len(texts), pl.Int32, eager=True)
        if self.skip is None and self._kept(pl.element()) is None:
            return texts.str.count_matches(self.regex).cast(pl.Int32).fill_null(0)

        # A row without a match of the pattern alone has no cue; where the skipped regions
        # never occur and nothing is checked, the pattern's own matches are the cues.
        plain = texts.str.count_matches(ascii_boundaries(self.pattern)).cast(pl.Int32)
        todo = (plain > 0).fill_null(False)
        if self.skip and not (self.drop or self.min_words):
            todo = todo & texts.str.contains(ascii_boundaries(self.skip)).fill_null(False)
        return recounted(plain.fill_null(0), todo, texts,
                         lambda part: pl.DataFrame({"t": part}).select(
                             self.count_expr(pl.col("t"))).to_series())

    def spans(self, frame: pl.DataFrame) -> list[list[tuple[int, int, str]]]:
        """Return, per row of ``frame``, the kept matches as ``(start, end, match)``, with
        character offsets into the row's :attr:`column` (and so into its ``text``)."""
        texts = frame[self.column].fill_null("")
        if self.pattern == NEVER:
            return [[] for _ in range(len(texts))]
        start, end = _free_markers(texts)
        marked = texts.str.replace_all(self.regex, f"{start}${{0}}{end}")
        found = pl.DataFrame({"m": texts.str.extract_all(self.regex)}).with_row_index("row")
        found = found.explode("m").drop_nulls("m")
        kept = self._kept(pl.col("m"))
        keep = (found.select(kept).to_series().to_list() if kept is not None
                else [True] * found.height)
        out: list[list[tuple[int, int, str]]] = [[] for _ in range(len(texts))]
        flags = iter(keep)
        for row, (text, plain) in enumerate(zip(marked.to_list(), texts.to_list(), strict=True)):
            if len(text) == len(plain):  # no match
                continue
            for a, b in _marked_offsets(text, start, end):
                if next(flags):
                    out[row].append((a, b, plain[a:b]))
        return out


def _marked_offsets(text: str, start: str, end: str) -> list[tuple[int, int]]:
    """Offsets, in the unmarked text, of the stretches between ``start`` and ``end``."""
    found, removed, pos = [], 0, 0
    while (i := text.find(start, pos)) >= 0:
        j = text.find(end, i + 1)
        found.append((i - removed, j - removed - 1))
        removed += 2
        pos = j + 1
    return found


def _free_markers(texts: pl.Series) -> tuple[str, str]:
    """Two of :data:`_MARKERS` that no text of ``texts`` holds."""
    free = [m for m in _MARKERS if not texts.str.contains(m, literal=True).any()]
    if len(free) < 2:
        raise ValueError("cannot mark matches: the paragraphs hold every marker character")
    return free[0], free[1]


def _matches_empty(pattern: str) -> bool:
    """Whether ``pattern`` can match the empty string (probed on a few short texts)."""
    probes = pl.Series(["", "a", " ", "a b", "A.", "\n"])
    found = probes.str.extract_all(ascii_boundaries(pattern)).explode().drop_nulls()
    return bool((found.str.len_chars() == 0).any())
