"""Punkt sentence spans, exactly as NLTK finds them, faster (measured against NLTK in
docs/scaling.md, section "text/punkt.py").

:func:`workbench.text.segment.sentence_spans` runs NLTK's ``PunktSentenceTokenizer`` with no
training, only the project's abbreviation list. NLTK's own path is slow: for every candidate
full stop it builds ``PunktToken`` objects and runs two annotation passes through chained
generators, and every regex call goes through a timeout wrapper (``nltk.redos``).

:func:`span_tokenize` follows the same steps (candidate contexts, the break decision,
boundary realignment). Candidates are found with ``str.find`` and character sets equal to
the classes of NLTK's pattern (:func:`_ends`); most (a word of letters and a full stop,
``?``, ``!``) are decided from a few characters (:func:`_decide`), the rest from NLTK's
context string with its word tokenizer on the same ``regex`` engine. With no collocations,
sentence starters or orthographic context (an untrained model) the orthographic heuristic
can only answer "not a sentence start" (a lower-case or punctuation token) or "unknown",
which is what :func:`_breaks` encodes. Any other tokenizer (trained parameters, other
language variables) is passed to NLTK unchanged. ``tests/text/test_punkt.py`` checks the spans
against NLTK's on hostile text and generated news.
"""

from __future__ import annotations

from nltk.tokenize.punkt import PunktLanguageVars, PunktSentenceTokenizer, PunktToken


def _engine(pattern: object) -> object:
    """The ``regex`` pattern inside NLTK's timeout wrapper (NLTK's patterns are linear)."""
    return getattr(pattern, "_rx", pattern)


_VARS = PunktLanguageVars()
_WORDS = _engine(_VARS._word_tokenizer_re()).findall
_REALIGN = _engine(_VARS.re_boundary_realignment).match
_NUMERIC = _engine(PunktToken._RE_NUMERIC).sub
_INITIAL = _engine(PunktToken._RE_INITIAL).match
_PUNCTUATION = frozenset(PunktSentenceTokenizer.PUNCTUATION)
_SENT_END_CHARS = tuple(_VARS.sent_end_chars)
_SENT_END = frozenset(_SENT_END_CHARS)
_SPACE = frozenset("\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                   "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")  # regex's \s
_WHITESPACE = frozenset(" \t\n\r\x0b\x0c")  # string.whitespace, as NLTK's search uses
_NON_WORD = frozenset(")\";}]*:@'({[\u2018\u2019\u201c\u201d\xab\xbb!?")  # _re_non_word_chars
_CLOSERS = frozenset("\"')]}\u2018\u2019\u201c\u201d\xab\xbb")  # re_boundary_realignment's


def is_untrained(tokenizer: PunktSentenceTokenizer) -> bool:
    """Return whether ``tokenizer`` uses only abbreviations (the case this module speeds up)."""
    params = tokenizer._params
    return (type(tokenizer) is PunktSentenceTokenizer
            and type(tokenizer._lang_vars) is PunktLanguageVars
            and tokenizer._Token is PunktToken
            and not params.collocations and not params.sent_starters
            and not any(params.ortho_context.values()))


def span_tokenize(text: str, tokenizer: PunktSentenceTokenizer) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` sentence spans NLTK's ``tokenizer.span_tokenize`` gives.

    Examples
    --------
    >>> from nltk.tokenize.punkt import PunktParameters
    >>> params = PunktParameters()
    >>> params.abbrev_types = {"mr"}
    >>> span_tokenize("Mr. Lee spoke. He left.", PunktSentenceTokenizer(params))
    [(0, 14), (15, 23)]
    """
    if not is_untrained(tokenizer):
        return list(tokenizer.span_tokenize(text))
    return untrained_spans(text, tokenizer._params.abbrev_types)


def untrained_spans(text: str, abbrevs: set[str]) -> list[tuple[int, int]]:
    """The spans of an untrained tokenizer with abbreviations ``abbrevs`` (lower case, no
    final full stop), without :func:`is_untrained`'s check of a tokenizer.

    Examples
    --------
    >>> untrained_spans("Mr. Lee spoke. He left.", {"mr"})
    [(0, 14), (15, 23)]
    """
    return _realign(text, _slices(text, abbrevs))


def _slices(text: str, abbrevs: set[str]) -> list[tuple[int, int]]:
    """NLTK's ``_slices_from_text`` with ``_match_potential_end_contexts`` inlined."""
    candidates = []  # (word start, position, next token start) of NLTK's kept candidates
    prev = None
    prev_start = prev_stop = 0
    plain = not ("\n" in text or "\t" in text or "\r" in text or "\x0b" in text
                 or "\x0c" in text)  # only " " can be NLTK's whitespace (string.whitespace)
    for stop, next_tok in _ends(text):
        if plain:
            space = text.rfind(" ", prev_stop + 1, stop)
        else:
            space = _last_space(text, prev_stop + 1, stop)
        start = space + 1 if space >= 0 else prev_start
        if prev is not None and prev_stop <= start:
            candidates.append((prev_start, prev_stop, prev))
        prev, prev_start, prev_stop = next_tok, start, stop
    if prev is not None:
        candidates.append((prev_start, prev_stop, prev))
    slices: list[tuple[int, int]] = []
    last_break = 0
    for start, stop, next_tok in candidates:
        if _decide(text, start, stop, next_tok, abbrevs, plain):
            slices.append((last_break, stop + 1))
            last_break = next_tok if next_tok >= 0 else stop + 1
    slices.append((last_break, len(text.rstrip())))
    return slices


def _ends(text: str) -> list[tuple[int, int]]:
    """The matches of NLTK's ``period_context_re``, without the regex (faster: docs/scaling.md,
    section "text/punkt.py").

    Each ``.``, ``?`` or ``!`` followed by punctuation (``_NON_WORD``), or by whitespace
    (``_SPACE``, the ``regex`` module's ``\\s``) and a token: its position and the token's
    start, or -1 for punctuation.
    """
    found = []
    for char in _SENT_END_CHARS:
        i = text.find(char)
        while i >= 0:
            found.append(i)
            i = text.find(char, i + 1)
    if len(found) > 1 and ("?" in text or "!" in text):
        found.sort()
    ends = []
    n = len(text)
    for i in found:
        j = i + 1
        if j == n:
            continue
        if text[j] in _NON_WORD:
            ends.append((i, -1))
        elif text[j] in _SPACE:
            j += 1
            while j < n and text[j] in _SPACE:
                j += 1
            if j < n:
                ends.append((i, j))
    return ends


def _token_end(text: str, start: int) -> int:
    """End of the run of non-whitespace (``\\S+``) starting at ``start``."""
    n = len(text)
    while start < n and text[start] not in _SPACE:
        start += 1
    return start


def _last_space(text: str, lo: int, hi: int) -> int:
    """Index of the last whitespace in ``text[lo:hi]``, or -1 (NLTK's backwards scan).

    NLTK ignores whitespace at the first character of the gap after the previous
    candidate, so callers pass ``lo`` one past it.
    """
    for i in range(hi - 1, lo - 1, -1):
        if text[i] in _WHITESPACE:
            return i
    return -1


def _decide(text: str, start: int, stop: int, next_tok: int, abbrevs: set[str],
            plain: bool) -> bool:
    """Whether the candidate at ``stop`` (its word ``text[start:stop]``) ends a sentence.

    The common cases are decided from the characters, the rest by :func:`_breaks` on NLTK's
    context string. A context is the word, the candidate, and either one punctuation mark
    or whitespace and the next token; the word tokenizer then gives the word and full stop
    as one token (when the word is letters or ASCII digits), or ``?`` and ``!`` alone,
    followed by at least one token when no line break (``plain``) can hide it.
    """
    punct = next_tok < 0  # else whitespace and a next token follow
    if not (punct or plain):
        return _breaks(_context(text, start, stop, next_tok), abbrevs)
    if text[stop] != ".":
        return True  # "?" or "!" is a token, and not the last one
    word = text[start:stop]
    if len(word) > 1 and word.isalpha() or word.isascii() and word.isdigit():
        low = word.lower()
        if low not in abbrevs and word.isalpha():
            return True
        after = text[stop + 1] if punct else text[next_tok:_token_end(text, next_tok)]
        if after.isalpha() or punct:  # the context's only other token
            if low in abbrevs:
                return False
            return after not in _PUNCTUATION and not after[0].islower()  # a number
    return _breaks(_context(text, start, stop, next_tok), abbrevs)


def _context(text: str, start: int, stop: int, next_tok: int) -> str:
    """NLTK's context string of a candidate: the word before it, it and what follows."""
    end = stop + 2 if next_tok < 0 else _token_end(text, next_tok)
    return text[start:end]


def _breaks(context: str, abbrevs: set[str]) -> bool:
    """NLTK's ``text_contains_sentbreak`` for untrained parameters.

    True when a token other than the last ends a sentence: ``.``, ``?`` or ``!`` alone, or
    a word ending in one full stop that is not a known abbreviation, unless it is an
    initial or a number followed by a lower-case word or punctuation (or an initial
    followed by a capitalised word).
    """
    tokens: list[str] = []
    for line in context.split("\n"):
        if line.strip():
            tokens += _WORDS(line)
    for i in range(len(tokens) - 1):
        tok = tokens[i]
        if tok in _SENT_END:
            return True
        if tok[-1] != "." or tok.endswith(".."):
            continue  # no full stop, or an ellipsis: never a break without training
        low = tok[:-1].lower()
        if low in abbrevs or low.split("-")[-1] in abbrevs:
            continue
        initial = _INITIAL(tok)
        typ = _NUMERIC("##number##", tok.lower())
        if len(typ) > 1 and typ[-1] == ".":
            typ = typ[:-1]
        if initial or typ == "##number##":
            nxt = tokens[i + 1]
            if nxt in _PUNCTUATION or nxt[0].islower() or (initial and nxt[0].isupper()):
                continue
        return True
    return False


def _realign(text: str, slices: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """NLTK's ``_realign_boundaries``: closing quotes and brackets join their sentence."""
    if len(slices) == 1:  # one sentence or none
        start, stop = slices[0]
        return [(start, stop)] if start < stop else []
    out = []
    realign = 0
    last = len(slices) - 1
    for i, (start, stop) in enumerate(slices):
        start += realign
        if i == last:
            if text[start:stop]:
                out.append((start, stop))
            break
        next_start, next_stop = slices[i + 1]
        match = None
        if next_start < next_stop and text[next_start] in _CLOSERS:  # else the regex fails
            match = _REALIGN(text[next_start:next_stop])
        if match:
            out.append((start, next_start + len(match.group(0).rstrip())))
            realign = match.end()
        else:
            realign = 0
            if text[start:stop]:
                out.append((start, stop))
    return out
