"""Hypothesis strategies for hostile text: what journalists paste and scrapers collect."""

from __future__ import annotations

from hypothesis import strategies as st

from workbench import lexicons

AWKWARD = (
    # quotation marks, paired and not
    '"', "“", "”", "‘", "’", "«", "»", "‹", "›", "„", "‚", "'", "「", "」", "＂",
    # zero-width, direction and byte-order marks
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e", "\u200f", "\u202a", "\u202b",
    "\u202e", "\u2066", "\u2067", "\u2069", "\u061c",
    # control characters, NUL, line and paragraph separators
    "\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1c", "\x1f", "\x7f", "\x85",
    "\u2028", "\u2029", "\ufffd", "\ufffe", "\uffff",
    # line breaks: CRLF, lone CR, blank lines
    "\r\n", "\r", "\n", "\n\n", "\r\n\r\n", "\n \t\n", "\t", "\xa0", "\u3000",
    # case folding that changes length, ligatures, combining marks
    "İ", "ı", "ß", "ẞ", "ﬁ", "ǅ", "Σ", "ς", "e\u0301", "\u0301", "Å", "ŉ",
    # emoji with modifiers, joiners and flags; astral letters
    "👍🏽", "👨\u200d👩\u200d👧", "🇺🇦", "🏳️\u200d🌈", "𝐒𝐚𝐢𝐝", "𒀀",
    # right-to-left and other scripts
    "שלום", "قال المتحدث", "مرحبا", "中文报道", "Москва", "देवनागरी", "ไทย",
    # markup-looking pieces
    "---\n", "# ", "> ", "* ", "1. ", "[a](b)", "![x](y)", "**", "`", "<p>", "</p>", "&amp;",
    # spreadsheet formula starts
    "=", "+", "-", "@", "=HYPERLINK(\"x\")",
)
"""Characters and snippets that break naive text tools."""

WORDS = (
    "said", "says", "told", "according to", "reportedly", "might", "may be", "sources",
    "officials", "one source", "clearly", "Keller", "Maria Keller", "Mr.", "U.S.", "Jan. 5.",
    "the Pentagon", "He", "taxpayers", "police", "court", "election", ".", ",", "?", "!", " ",
    " ", " ", "  ",
)
"""Plain words, lexicon-adjacent, so that extractors find something to match."""


def _lexicon_terms() -> tuple[str, ...]:
    terms = [t for name in lexicons.names() for t in lexicons.load(name)]
    return tuple(sorted(set(terms)))


LEXICON_TERMS = _lexicon_terms()

any_char_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=80)
"""Arbitrary Unicode (lone surrogates cannot come from a UTF-8 file or a browser)."""

token = st.one_of(
    st.sampled_from(AWKWARD),
    st.sampled_from(WORDS),
    st.sampled_from(LEXICON_TERMS).flatmap(
        lambda t: st.sampled_from((t, t.upper(), t.title()))),
    st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=4),
)

hostile_text = st.one_of(
    st.lists(token, max_size=40).map("".join),
    any_char_text,
)
"""Short hostile text: mixes of awkward snippets, lexicon terms and random characters."""


def _stretch(chunk: str, size: int) -> str:
    chunk = chunk or "x"
    return (chunk * (size // len(chunk) + 1))[:size]


huge_paragraph = st.lists(token, min_size=1, max_size=30).map(
    lambda parts: _stretch(" ".join(parts).replace("\n", " ").replace("\r", " "), 200_000))
"""One 200,000-character paragraph, built by repeating hostile text."""

paragraph_text = st.one_of(
    hostile_text,
    st.sampled_from(AWKWARD),  # 1-character (or tiny) paragraphs
    st.characters(exclude_categories=("Cs",)),
)
"""One paragraph as a caller may pass it, line breaks and all."""
