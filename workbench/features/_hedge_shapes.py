"""Hedge shapes beyond literal terms: regexes for :class:`.hedging.HedgingFeatures`.

- :func:`claim_shape`: a vague holder, a few words, then a claim verb ("most historians
  believe", "others have argued"): one hedge, the whole phrase highlighted.
- :func:`counted_shape`: look-alikes built around a number: an approximator before a number
  ("some 300", "an estimated 2,000") and a month that is also a hedge word beside a day
  ("May 16", "16 May").

The words come from lexicon files; only the way they are put together lives here. Gap words
are runs of word characters, apostrophes and hyphens joined by whitespace, so no shape
crosses a sentence end or a comma. The regexes have no look-around (polars runs Rust
``regex``).
"""

from __future__ import annotations

from workbench import lexicons

_GAP_WORD = r"[^\s.,;:!?()\[\]\"“”«»]+"


def _either(terms: tuple[str, ...]) -> str:
    """One non-capturing alternation of literal ``terms``, longest first."""
    ordered = sorted(set(terms), key=lambda t: (-len(t), t))
    return "(?:" + "|".join(lexicons.term_regex(t) for t in ordered) + ")"


def claim_shape(holders: tuple[str, ...], verbs: tuple[str, ...], gap: int) -> str | None:
    r"""Return the regex of a holder, up to ``gap`` words, then a claim verb (or None when
    either list is empty). The fewest gap words win ("others say ... say").

    Examples
    --------
    >>> import re
    >>> pattern = claim_shape(("most",), ("believe",), 3)
    >>> re.search(pattern, "most rural voters now believe it").group()
    'most rural voters now believe'
    >>> re.search(pattern, "most of the early settlers believe") is None
    True
    """
    if not holders or not verbs:
        return None
    return rf"\b{_either(holders)}(?:\s+{_GAP_WORD}){{0,{gap}}}?\s+{_either(verbs)}\b"


def claim_gap_drop(holders: tuple[str, ...], stops: tuple[str, ...]) -> str | None:
    """Return a regex found in a claim-shape match whose gap holds a stop word (a pronoun,
    a time word): such a match is no hedge (see ``claim_gap_stops.txt``)."""
    if not holders or not stops:
        return None
    return rf"^{_either(holders)}\s+(?:{_GAP_WORD}\s+)*?{_either(stops)}\s"


def counted_shape(approximators: tuple[str, ...], numbers: tuple[str, ...],
                  months: tuple[str, ...]) -> str | None:
    r"""Return the regex of a number's look-alikes: an approximator before a number (digits,
    possibly after a currency sign, or a number word) and a month beside a day number.
    Like every hedge pattern it reads lower-cased text.

    Examples
    --------
    >>> import re
    >>> pattern = counted_shape(("some",), ("hundred",), ("may",))
    >>> [m.group() for m in re.finditer(pattern, "some 300, some hundred, may 16, 4 may")]
    ['some 300', 'some hundred', 'may 16', '4 may']
    """
    parts = []
    if approximators:
        # [0-9], not \d: a Unicode class would make the whole hedge regex several times slower
        number = r"[$£€]?[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?"
        if numbers:
            number += rf"|{_either(numbers)}\b"
        parts.append(rf"\b{_either(approximators)}\s+(?:{number})")
    if months:
        month = _either(months)
        parts.append(rf"\b{month}\s+[0-9]{{1,2}}\b|\b[0-9]{{1,2}}(?:st|nd|rd|th)?\s+{month}\b")
    return "(?:" + "|".join(parts) + ")" if parts else None
