"""Paragraphs and sentences, and the per-paragraph table every other module reads."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

import polars as pl

from workbench import lexicons
from workbench.text import punkt
from workbench.text.layout import (
    LONG_PARAGRAPH_WORDS,
    UNEVEN_MIN_WORDS,
    paragraph_warnings,
    read_layout,
)

_HEADING_END = re.compile(r"[.!?:;,\"”’)]$")

TABLE_COLUMNS = (
    "article_id", "outlet", "title", "date", "url",
    "paragraph_index", "paragraph_kind", "is_boilerplate", "text",
)
"""Leading columns of the per-paragraph table, before any feature column."""


def paragraphs(text: str) -> list[str]:
    """Split ``text`` into paragraphs, by the layout of the whole text.

    A blank line always ends a paragraph; a line break inside a block of lines ends one
    unless the block reads as hard-wrapped or the next line continues the sentence (see
    :func:`workbench.text.layout.read_layout`, which also says how sure it is).

    Examples
    --------
    >>> paragraphs("Headline\\n\\nFirst paragraph.\\nSecond paragraph.")
    ['Headline', 'First paragraph.', 'Second paragraph.']
    >>> paragraphs("A wrapped\\nline.\\n\\nNext.")
    ['A wrapped line.', 'Next.']
    """
    return list(read_layout(text).paragraphs)


_NOT_SPACE = r"[^\s\x1c-\x1f]"  # Python's str.isspace() is Rust's \s and \x1c-\x1f
_WORDS = rf"{_NOT_SPACE}+(?: {_NOT_SPACE}+)*"
_COLLAPSED = rf"^{_WORDS}(?:\n\n{_WORDS})*$"
"""Texts whose paragraphs are already collapsed and separated by exactly one blank line."""


def paragraph_lists(texts: pl.Series) -> pl.Series:
    """The :func:`paragraphs` of each text (none for null or empty), as a list column.

    Examples
    --------
    >>> paragraph_lists(pl.Series(["A b.\\n\\nC.", " One.\\nTwo ", None])).to_list()
    [['A b.', 'C.'], ['One.', 'Two'], []]
    """
    return paragraph_layouts(texts)["paragraphs"]


def paragraph_layouts(texts: pl.Series) -> pl.DataFrame:
    """Each text's ``paragraphs`` (list column) and ``doubtful_blocks`` (see
    :func:`workbench.text.layout.read_layout`).

    Texts that are already clean (:data:`_COLLAPSED`: single spaces, one ``"\\n\\n"``
    between paragraphs, so no line break inside a block and nothing doubtful) are split by
    polars; only the others go through Python.
    """
    clean = texts.str.contains(_COLLAPSED).fill_null(False)
    lists = texts.str.split("\n\n")
    zeros = pl.repeat(0, len(texts), dtype=pl.UInt32, eager=True)
    if clean.all():
        return pl.DataFrame({"paragraphs": lists, "doubtful_blocks": zeros})
    todo = (read_layout(t) if t else None for t in texts.filter(~clean).to_list())
    others = [None if ok else next(todo) for ok in clean.to_list()]
    pars = pl.Series([lay and list(lay.paragraphs) for lay in others], dtype=pl.List(pl.String))
    doubt = pl.Series([lay.doubtful_blocks if lay else 0 for lay in others], dtype=pl.UInt32)
    return pl.DataFrame({"paragraphs": lists.zip_with(clean, pars.fill_null([])),
                         "doubtful_blocks": doubt})


def layout_warnings(layouts: pl.DataFrame) -> pl.Series:
    """The :func:`~workbench.text.layout.paragraph_warnings` of each row of
    :func:`paragraph_layouts`, as a list column (empty for most rows).

    Only rows that can warn go through Python: a doubtful block, or a paragraph of at least
    :data:`~workbench.text.layout.UNEVEN_MIN_WORDS` words (paragraphs are collapsed, so their
    words are their spaces plus one).
    """
    spaces = layouts["paragraphs"].list.eval(
        pl.element().str.count_matches(" ", literal=True)).list.max().fill_null(0)
    maybe = (spaces + 1 >= min(LONG_PARAGRAPH_WORDS + 1, UNEVEN_MIN_WORDS)) | (
        layouts["doubtful_blocks"] > 0)
    found: list[list[str]] = [[] for _ in range(layouts.height)]
    for i in maybe.arg_true().to_list():
        found[i] = paragraph_warnings(layouts["paragraphs"][i].to_list(),
                                      doubtful_blocks=layouts["doubtful_blocks"][i])
    return pl.Series("warnings", found, dtype=pl.List(pl.String))


@functools.cache
def _abbreviations() -> frozenset[str]:
    return frozenset(lexicons.load("abbreviations"))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the sentences in one paragraph.

    NLTK's untrained Punkt (exactly, by :mod:`workbench.punkt`) with the project's
    abbreviation list (no downloaded data), so "Mr.", "U.S." and "Jan." do not end a sentence.

    Examples
    --------
    >>> t = "Mr. Smith flew to the U.S. on Jan. 5. He left."
    >>> [t[a:b] for a, b in sentence_spans(t)]
    ['Mr. Smith flew to the U.S. on Jan. 5.', 'He left.']
    """
    return list(_cached_spans(text))


def fresh_sentence_spans(text: str) -> list[tuple[int, int]]:
    """:func:`sentence_spans`, split afresh and not remembered: for callers that split each
    paragraph once, as the extractors' shared batch columns do (no cache upkeep, and no 32k
    cached paragraphs per process; measured in docs/scaling.md, section "text/segment.py")."""
    if not text or text.isspace():
        return []
    return list(punkt.untrained_spans(text, _abbreviations()))


@functools.lru_cache(maxsize=1 << 15)
def _cached_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of one paragraph, remembered for callers that ask again, such as the cue
    columns after the extractors (a hit is cheaper than a split: docs/scaling.md, section
    "text/segment.py")."""
    return tuple(fresh_sentence_spans(text))


def sentences(text: str) -> list[str]:
    """Return the sentences of one paragraph (see :func:`sentence_spans`)."""
    return [text[a:b] for a, b in sentence_spans(text)]


def _boilerplate_rules() -> tuple[str, ...]:
    return lexicons.rules("boilerplate")


def _boilerplate_regex() -> str:
    return "|".join(f"(?:{r})" for r in _boilerplate_rules())


def _stripped(col: pl.Expr) -> pl.Expr:
    return col.fill_null("").str.strip_chars()


def _boilerplate_expr(stripped: pl.Expr) -> pl.Expr:
    """The one boilerplate rule, used per paragraph and for whole tables.

    Matches :func:`_boilerplate_regex` in two parts: the rules anchored at ``^`` give up
    after a few characters when apart from the others, which must read to the end.
    """
    low = stripped.str.to_lowercase()
    rules = _boilerplate_rules()
    parts = ([r for r in rules if r.startswith("^")], [r for r in rules if r[:1] != "^"])
    return pl.any_horizontal(low.str.contains("|".join(f"(?:{r})" for r in part))
                             for part in parts if part)


_ONE_TO_EIGHT_WORDS = r"^\s*\S+(?:\s+\S+){0,7}\s*$"
"""Whole text of 1 to 8 runs of non-space: ``count_matches(r"\\S+")`` in 1..8, and it
stops reading at the ninth word."""


def _heading_expr(stripped: pl.Expr) -> pl.Expr:
    """The one sub-heading rule: 1 to 8 words and no closing punctuation."""
    return (stripped.str.contains(_ONE_TO_EIGHT_WORDS)
            & ~stripped.str.contains(_HEADING_END.pattern))


def is_boilerplate(paragraph: str) -> bool:
    """Return whether ``paragraph`` is page furniture (cross-link, byline, credit, ad).

    >>> is_boilerplate("(Reporting by Jane Roe; Editing by John Doe)")
    True
    """
    return paragraph_kind(paragraph) == "boilerplate"


def paragraph_kind(paragraph: str) -> str:
    """Return the kind of one paragraph, as :func:`paragraph_kind_expr` gives it for a column:
    ``boilerplate`` (page furniture: cross-link, byline, credit, ad), ``heading`` (short,
    unpunctuated) or ``body``.

    Examples
    --------
    >>> paragraph_kind("Read more: Kremlin says Trump's policy less predictable")
    'boilerplate'
    >>> paragraph_kind("Direct Diplomacy")
    'heading'
    >>> paragraph_kind("The call covered Ukraine.")
    'body'
    """
    return pl.select(paragraph_kind_expr(pl.lit(paragraph))).item()


def paragraph_kind_expr(text: str | pl.Expr = "text") -> pl.Expr:
    """Expression giving each paragraph's kind: ``body``, ``heading`` or ``boilerplate``."""
    stripped = _stripped(pl.col(text) if isinstance(text, str) else text)
    return (
        pl.when(_boilerplate_expr(stripped))
        .then(pl.lit("boilerplate"))
        .when(_heading_expr(stripped))
        .then(pl.lit("heading"))
        .otherwise(pl.lit("body"))
    )


def to_frame(articles: Iterable) -> pl.DataFrame:
    """Return the per-paragraph table for ``articles`` (see :class:`workbench.io.articles.Article`).

    One row per paragraph with :data:`TABLE_COLUMNS`; headings and boilerplate are kept
    and flagged with ``is_boilerplate`` so that article-level figures can leave them out.
    """
    rows: dict[str, list] = {c: [] for c in TABLE_COLUMNS[:6] + ("text",)}
    for art in articles:
        for i, par in enumerate(art.paragraphs):
            for key, value in (("article_id", art.article_id), ("outlet", art.outlet),
                               ("title", art.title), ("date", art.date), ("url", art.url),
                               ("paragraph_index", i), ("text", par)):
                rows[key].append(value)
    return frame_from_columns(rows)


def frame_from_columns(rows: dict[str, Sequence]) -> pl.DataFrame:
    """Build the per-paragraph table from column lists, adding kind and boilerplate flag.

    A wire credit glued to the end of a paragraph (:func:`split_trailing_credit`) becomes a
    paragraph of its own, right after it, so that it is flagged as boilerplate and its names
    are not body text; the article's later paragraphs move up one index. Columns other than
    :data:`TABLE_COLUMNS` (such as a row number) are kept, after them.
    """
    schema = {c: pl.String for c in ("article_id", "outlet", "title", "date", "url", "text")}
    schema["paragraph_index"] = pl.Int32
    frame = _split_trailing_credits(pl.DataFrame(rows, schema={c: schema.get(c) for c in rows}))
    kind = paragraph_kind_expr("text")
    return frame.with_columns(paragraph_kind=kind).with_columns(
        is_boilerplate=pl.col("paragraph_kind") != "body"
    ).select(*TABLE_COLUMNS, *[c for c in rows if c not in TABLE_COLUMNS])


_SENTENCE_END = r"[.!?\"'”’)\]]"


@functools.cache
def _trailing_credit_regex(*, split: bool = True) -> str:
    """The glued-credit rule: with ``split``, groups 1 (the body, ending a sentence) and 2
    (the credit, running to the paragraph's end); without, the end alone (a faster test)."""
    rules = "|".join(f"(?:{r})" for r in lexicons.rules("trailing_credits"))
    if split:
        return rf"(?is)^(.*?{_SENTENCE_END})\s+((?:{rules}))\s*$"
    return rf"(?i){_SENTENCE_END}\s+(?:{rules})\s*$"


def split_trailing_credit(paragraph: str) -> list[str]:
    """Return ``paragraph`` as its body and a wire credit glued to its end, when it has one
    (rules in ``lexicons/trailing_credits.txt``), else as itself.

    Examples
    --------
    >>> split_trailing_credit("The vote is on Friday, she said. (Reporting by Ann Lee)")
    ['The vote is on Friday, she said.', '(Reporting by Ann Lee)']
    >>> split_trailing_credit("A story (reporting by local papers) ran for a week.")
    ['A story (reporting by local papers) ran for a week.']
    """
    found = re.match(_trailing_credit_regex(), paragraph)
    return [found.group(1), found.group(2)] if found else [paragraph]


def _split_trailing_credits(frame: pl.DataFrame) -> pl.DataFrame:
    """:func:`split_trailing_credit` over the table: a glued credit becomes the next row."""
    pattern = _trailing_credit_regex()
    glued = pl.col("text").str.contains(_trailing_credit_regex(split=False)).fill_null(False)
    if frame.height == 0 or not frame.select(glued.any()).item():
        return frame
    article = (pl.col("paragraph_index") == 0).cum_sum()  # rows come article by article
    before = glued.cast(pl.Int32).cum_sum().over(article) - glued.cast(pl.Int32)
    return (
        frame.with_columns(
            text=pl.when(glued).then(pl.concat_list(pl.col("text").str.extract(pattern, 1),
                                                    pl.col("text").str.extract(pattern, 2)))
            .otherwise(pl.concat_list(pl.col("text"))),
            _step=pl.when(glued).then(pl.lit([0, 1])).otherwise(pl.lit([0])),
            paragraph_index=pl.col("paragraph_index") + before,
        )
        .explode("text", "_step")
        .with_columns(pl.col("paragraph_index") + pl.col("_step").cast(pl.Int32))
        .drop("_step")
    )
