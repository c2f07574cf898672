"""How a plain text is laid out in paragraphs, decided from the whole text, and how sure.

The rule (:func:`read_layout`):

1. A blank line (only spaces or tabs on it) always ends a paragraph. The text splits into
   *blocks* at blank lines.
2. A line break inside a block either ends a paragraph or wraps one. Each break is a
   *continuation* when the next line starts with a lowercase letter, when the line (with a
   letter or digit in it) ends in ``, ; ( [ { - – — / &``, or when the line leaves a
   straight quotation open that the next line closes without opening another. Any other
   break could end a paragraph.
3. Each block is read in one of two forms, decided from its own breaks pooled with the
   whole text's: counting the block's breaks plus :data:`PRIOR_BREAKS` breaks at the
   text's share of continuations, if at least half are continuations the block is
   *hard-wrapped* and all its lines are joined into one paragraph; otherwise it is *one
   paragraph per line*, and only its continuation breaks are joined.

Before that, a text wrapped at a fixed width is recognised by its line lengths: no line over
:data:`WRAP_WIDTH` characters, at least :data:`FIT_SHARE` of its line breaks come after
a full line (the next line's first word would not have fitted within the longest line), and
most full lines end inside a sentence. Then a
break after a full line, or a continuation, joins; a break after a short line ends a paragraph.

So a headline, a blank line and one paragraph per line gives one paragraph per line; blank
line separated paragraphs of hard-wrapped lines give one paragraph per block; a text can mix
both, block by block. A block whose share sits within :data:`DOUBT_MARGIN` of one half is
read all the same, and flagged as doubtful when the two forms would split it differently.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
"""A blank line: two line ends with only spaces or tabs between them."""

WRAP_WIDTH = 120
"""Texts whose lines are all this short may be hard-wrapped at a fixed width ..."""

FIT_SHARE = 0.6
"""... which they are when at least this share of their line breaks come after a full line."""

PRIOR_BREAKS = 4
"""How many of the whole text's line breaks weigh in on each block's form."""

DOUBT_MARGIN = 0.15
"""A block whose pooled share of continuations is within this of 0.5 is doubtful."""

LONG_PARAGRAPH_WORDS = 250
"""A paragraph over this many words is flagged: news paragraphs rarely reach 150."""

UNEVEN_MIN_WORDS = 150
"""The longest paragraph, at least this long ..."""

UNEVEN_RATIO = 6.0
"""... and this many times the median paragraph (articles of 4 or more paragraphs) is flagged."""

SHORT_WORDS = 8
"""Paragraphs this short (sub-headings, credits) do not count towards the median."""

_CONTINUING_ENDS = frozenset(",;([{-–—/&")
_WORD_CHAR = re.compile(r"\w")
_SENTENCE_END = re.compile(r"[.!?…:][\"”’')\]]*$")
_OPENS_QUOTE = re.compile(r"[“‘]|\"[\w(‘“']")


@dataclass(frozen=True)
class Layout:
    """The paragraphs of a text, the form they were read in, and the doubtful blocks.

    ``form`` is ``"blank-line"`` (no line break inside a block), ``"line"`` (one paragraph
    per line), ``"wrapped"`` (hard-wrapped lines joined) or ``"mixed"``.
    """

    paragraphs: tuple[str, ...]
    form: str
    doubtful_blocks: int = 0


def read_layout(text: str, *, prior_breaks: float = PRIOR_BREAKS) -> Layout:
    """Split ``text`` into paragraphs by the layout of the whole text (module docstring).

    Examples
    --------
    >>> read_layout("Headline\\n\\nFirst paragraph.\\nSecond paragraph.").paragraphs
    ('Headline', 'First paragraph.', 'Second paragraph.')
    >>> layout = read_layout("A wrapped\\nline.\\n\\nNext one, also\\nwrapped.")
    >>> layout.paragraphs, layout.form
    (('A wrapped line.', 'Next one, also wrapped.'), 'wrapped')
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = BLANK_LINE.split(text)
    if not any("\n" in b.strip("\n") for b in blocks):
        return Layout(tuple(p for p in map(collapse, blocks) if p), "blank-line")
    lines = [[ln for ln in (raw.strip() for raw in b.split("\n")) if ln] for b in blocks]
    marks = [[continues(a, b) for a, b in zip(ls, ls[1:], strict=False)] for ls in lines]
    fits = _width_wraps(lines)
    if fits is not None:  # wrapped at a fixed width: full lines continue, short ones end
        out = [p for ls, cont, fit in zip(lines, marks, fits, strict=True) if ls
               for p in _paragraphs_of_block(ls, [c or f for c, f in zip(cont, fit,
                                                                           strict=True)])]
        return Layout(tuple(out), "wrapped")
    n_breaks = sum(map(len, marks))
    share = sum(map(sum, marks)) / n_breaks if n_breaks else 0.0
    out: list[str] = []
    forms, doubtful = set(), 0
    for ls, joins in zip(lines, marks, strict=True):
        if not joins:
            if ls:
                out.append(collapse(" ".join(ls)))
            continue
        pooled = (sum(joins) + prior_breaks * share) / (len(joins) + prior_breaks)
        doubtful += abs(pooled - 0.5) < DOUBT_MARGIN and not all(joins)
        wrapped = pooled >= 0.5
        forms.add("wrapped" if wrapped else "line")
        out += _paragraphs_of_block(ls, [True] * len(joins) if wrapped else joins)
    form = forms.pop() if len(forms) == 1 else "mixed"
    return Layout(tuple(out), form, doubtful)


def _width_wraps(lines: list[list[str]]) -> list[list[bool]] | None:
    """For each break, whether the next line's first word would have fitted on the line
    (the longest line gives the width); ``None`` unless the text reads as wrapped at a fixed
    width: no line over :data:`WRAP_WIDTH`, at least :data:`FIT_SHARE` of 3 or more breaks
    full, and at least half of the full lines ending inside a sentence (lines of the same
    length that each end a sentence are short paragraphs, one per line)."""
    width = max((len(ln) for ls in lines for ln in ls), default=0)
    if width > WRAP_WIDTH:
        return None
    fits = [[len(a) + 1 + len(b.split(maxsplit=1)[0]) > width
             for a, b in zip(ls, ls[1:], strict=False)] for ls in lines]
    n_breaks, n_full = sum(map(len, fits)), sum(map(sum, fits))
    mid_sentence = sum(not _SENTENCE_END.search(a) for ls, fit in zip(lines, fits, strict=True)
                       for a, full in zip(ls, fit, strict=False) if full)
    if n_breaks < 3 or n_full < FIT_SHARE * n_breaks or mid_sentence < n_full / 2:
        return None
    return fits


def _paragraphs_of_block(lines: list[str], joins: list[bool]) -> list[str]:
    """Join ``lines`` at the breaks marked in ``joins`` and split them at the others."""
    out, current = [], [lines[0]]
    for line, join in zip(lines[1:], joins, strict=True):
        if not join:
            out.append(collapse(" ".join(current)))
            current = []
        current.append(line)
    out.append(collapse(" ".join(current)))
    return out


def continues(line: str, following: str) -> bool:
    """Return whether the break between two stripped lines wraps one paragraph.

    Examples
    --------
    >>> continues("He said the plan was", "unworkable.")
    True
    >>> continues("Talks resumed on Monday,", "officials said.")
    True
    >>> continues("Talks resumed on Monday.", "Officials said so.")
    False
    >>> continues('"We will win, and we will win', 'big," Lee said.')
    True
    """
    if following[:1].islower() or (line[-1:] in _CONTINUING_ENDS and _WORD_CHAR.search(line)):
        return True
    return (line.count('"') % 2 == 1 and following.count('"') % 2 == 1
            and not _OPENS_QUOTE.match(following))


def collapse(block: str) -> str:
    """``" ".join(block.split())``, without splitting blocks that are already collapsed.

    Every whitespace character but the space is unprintable (categories Cc, Zs, Zl, Zp).
    """
    if (block.isprintable() and block[:1] != " " and block[-1:] != " "
            and "  " not in block):
        return block
    return " ".join(block.split())


def paragraph_warnings(paragraphs: Sequence[str], *, doubtful_blocks: int = 0) -> list[str]:
    """Return what looks wrong with an article's paragraphs (none when they look right).

    A paragraph over :data:`LONG_PARAGRAPH_WORDS` words; lengths "wildly uneven": in an
    article of 4 or more paragraphs, the longest at least :data:`UNEVEN_MIN_WORDS` words
    and :data:`UNEVEN_RATIO` times the median of the paragraphs over :data:`SHORT_WORDS`
    words; and blocks whose form was doubtful.

    Examples
    --------
    >>> paragraph_warnings(["word " * 300, "Short one."])
    ['paragraph 1 has 300 words (over 250): the paragraph breaks may have been missed']
    >>> paragraph_warnings(["A normal paragraph.", "Another one."])
    []
    """
    words = [len(p.split()) for p in paragraphs]
    found = []
    long = [i for i, n in enumerate(words) if n > LONG_PARAGRAPH_WORDS]
    if long:
        which = ", ".join(str(i + 1) for i in long[:5]) + (" ..." if len(long) > 5 else "")
        found.append(f"paragraph{'s' if len(long) > 1 else ''} {which} "
                     f"{'have' if len(long) > 1 else 'has'} "
                     f"{' and '.join(str(words[i]) for i in long[:2])}"
                     f"{' ...' if len(long) > 2 else ''} words (over {LONG_PARAGRAPH_WORDS}): "
                     "the paragraph breaks may have been missed")
    elif len(words) >= 4:
        top = max(words)
        sized = sorted(n for n in words if n > SHORT_WORDS) or [1]
        median = sized[len(sized) // 2]
        if top >= UNEVEN_MIN_WORDS and top >= UNEVEN_RATIO * median:
            found.append(f"paragraph {words.index(top) + 1} has {top} words, "
                         f"{top / median:.0f} times the median ({median}): "
                         "uneven lengths, the paragraph breaks may be wrong")
    if doubtful_blocks:
        found.append(f"{doubtful_blocks} block{'s' if doubtful_blocks > 1 else ''} of lines "
                     "could be one paragraph per line or wrapped lines; check the paragraphs")
    return found
