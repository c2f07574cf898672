"""Attribution: reporting cues, named and anonymous sources, direct quotations."""

from __future__ import annotations

import functools
import re

import polars as pl

from workbench import lexicons
from workbench.features._base import TextFeatures, cue_dicts, merged, resolve_terms
from workbench.features._expressions import QUOTE, WORD, rate
from workbench.features.matcher import NEVER, Matcher

_UPPER = "A-ZÀ-ÖØ-Þ"
_WORD_END = r"(?:[\w'’-]*\w)?"


@functools.cache
def _name_word(*, final: bool) -> str:
    """One capitalised word of a name. A period stays inside a name only in an abbreviation
    (``name_abbreviations.txt``, or single capitals "U.S.", "F.") or between letters
    ("Yahoo.com"): any other word ending in a period ends the name, so a named source never
    runs across a sentence end ("in Europe. She said"). A ``final`` word (the last of a shape)
    ends on a word character."""
    plain = rf"[{_UPPER}]{_WORD_END}(?:\.[\w'’-]*\w)*"
    if final:
        return plain
    abbreviated = "|".join(w[:1].upper() + w[1:] for w in lexicons.load("name_abbreviations"))
    return rf"(?:(?:{abbreviated})\.|(?:[A-Z]\.){{1,4}}|{plain})"


_JOIN = r"\s+(?:(?:of|for|de|del|da|van|von|bin|al|and)\s+(?:the\s+)?)?"


@functools.cache
def name_patterns() -> tuple[str, str]:
    """Return (NAME, NAME_END): a capitalised name ("Maria Keller", "The Washington Post",
    "Ministry of Defence", "Sen. Ann Lee", "NBC News and ABC News"), and the same ending on a
    word character, for a name at the end of a shape (what ``NAME\\b`` was, without a
    Unicode word boundary, which would take polars off its fast engine)."""
    word, last = _name_word(final=False), _name_word(final=True)
    return word + r"(?:" + _JOIN + word + r")*", r"(?:" + word + _JOIN + r")*" + last


@functools.cache
def _gap() -> str:
    """One to three words between a name and its speech verb ("Keller had said", "Keller in
    June sharply criticized"): see ``source_verb_gap.txt``."""
    gap = "|".join(lexicons.load("source_verb_gap"))
    dates = "|".join(w[:1].upper() + w[1:] for w in lexicons.load("date_words"))
    return rf"(?:\s+(?:{gap}|[a-z]+ly|{dates})){{1,3}}"


BEFORE_NAME = r"(?:^|[^\w])"
"""What comes before a name that starts a shape: the start or a character that is not a word
character (a Unicode ``\b`` before the capital; the character is dropped from the cue)."""

INVERTED_AFTER = "(?:^|[,\"“”'’?!])"
"""What must come before a speech verb that precedes a name (see
:func:`named_source_patterns`)."""

_LEADING = re.compile(r"[^A-Za-zÀ-ÖØ-Þ]*")
"""What a named-source cue drops from its start: the characters :data:`BEFORE_NAME` and
:data:`INVERTED_AFTER` require, which are not part of the source."""


@functools.cache
def named_source_patterns() -> tuple[str, str]:
    """Return (source pattern, exclusion pattern), both case-sensitive.

    The source pattern finds a name beside a speech verb ("Keller said", "said Keller",
    "Keller, a spokeswoman, said", "according to the Pentagon"); a source in which the
    exclusion pattern is found (the same shapes with a pronoun or date in the name's place,
    "He said"; a possessive before the verb, "Trump's stated focus") is not counted. A name
    never runs across a sentence end (see :func:`_name_word`), and up to three words may
    stand between it and its verb ("Keller had urged", see :func:`_gap`).

    A verb before the name counts only after a quotation mark, a comma, ``?``, ``!`` or
    at the start (``"...," said Keller``): after a word it is nearly always something else
    ("he said Trump would", "asked Sanders how"). On PolNeAR's training split those spans
    overlapped a gold source 5% of the time (117 spans), against 97% after punctuation.
    """
    verbs = lexicons.alternation(lexicons.load("speech_verbs"))
    inverted = lexicons.alternation(lexicons.load("inverted_speech_verbs"))
    stop = "|".join(w[:1].upper() + w[1:] for w in lexicons.load("non_names"))
    dates = "|".join(w[:1].upper() + w[1:] for w in lexicons.load("date_words"))
    name, name_end = name_patterns()
    # One shape for a name before its verb: an alternation of several such shapes, each
    # fast alone, made polars' regex engine much slower on news text (its lazy DFA
    # outgrows its cache), and so did a bounded appositive ``{1,80}``; measured in
    # docs/scaling.md, section "features/attribution.py".
    shapes = (
        # Keller said; Keller had said, Keller, also said; Keller, a spokeswoman for X, said
        r"{B}{N}(?:,\s[^,;.\"“”]+,|,?{G})?\s+{V}",
        INVERTED_AFTER + r"\s*{I}\s+{E}",      # "...," said Keller
        r"\b[Aa]ccording\s+to\s+(?:the\s+)?{E}",  # according to the Pentagon
    )
    fill = {"B": BEFORE_NAME, "V": verbs, "I": inverted, "G": _gap()}
    source = "|".join(s.format(N=name, E=name_end, **fill) for s in shapes)
    bad = rf"(?:{stop})\b"
    exclusion = "|".join(s.format(N=bad, E=bad, **fill) for s in shapes)
    # a date word is no name ("On Friday said", "said Tuesday"), but may stand between a
    # name and its verb ("Keller in June said"): there it follows a lowercase word
    dated = (rf"(?:^\W?|[{_UPPER}][\w'’.-]*\s+|{inverted}\s+|[Aa]ccording\s+to\s+)"
             rf"(?:{dates})\b")
    # a possessive or contraction before the verb ("Trump's stated focus", "I've said"), or a
    # possessive after it ('said Trump's aide'), is not a source beside its verb
    possessive = rf"\w['’](?:s|ve|re|ll|d)?(?:{_gap()})?\s+{verbs}|{inverted}\s+\S.*['’]s?$"
    return source, f"{exclusion}|{dated}|{possessive}"


_EVEN_SO = (r"(?:^|[.!?;]\s+)(?:that\s+said|having\s+said\s+that|that\s+being\s+said)"
            r"\s*,")
"""A sentence opening "That said," ("Having said that,", "That being said,"): "even so", no
attribution; the cue matcher passes over it. Only at a sentence start: elsewhere "that said,"
is a cue ('signs that said, "Vote"'). PolNeAR *train* annotated 1 of 4 sentence-initial ones
and 5 of 5 others."""


def _skipped(not_cues: tuple[str, ...]) -> str:
    """What the cue matcher passes over: quotations, a sentence-opening "That said,"
    (:data:`_EVEN_SO`), and phrases that hold a cue word but are not a cue ("so-called")."""
    skipped = f"{QUOTE}|{_EVEN_SO}"
    return f"{skipped}|{lexicons.alternation(not_cues)}" if not_cues else skipped


def cue_pattern(terms: tuple[str, ...], prefixes: tuple[str, ...]) -> str:
    """Return the reporting-cue regex: a term of ``terms``, with up to three ``prefixes``
    right before it joining its span ("has also said"). A prefix never
    matches alone, so the number of matches is that of ``terms`` alone (no prefix is a term).

    Examples
    --------
    >>> import re
    >>> pattern = cue_pattern(("said",), ("has", "also", "openly"))
    >>> re.search(pattern, "she has also openly said").group()
    'has also openly said'
    """
    cue = lexicons.alternation(terms)
    if not prefixes or not terms:
        return cue
    words = "|".join(lexicons.term_regex(p) for p in sorted(prefixes, key=len, reverse=True))
    return rf"(?:\b(?:{words})\s+){{0,3}}{cue}"


def colon_cue_pattern(terms: tuple[str, ...], labels: tuple[str, ...]) -> tuple[str, str]:
    """Return (pattern, exclusion) for a colon that introduces what a source says, both
    case-sensitive on the text. PolNeAR annotates such a colon as the cue.

    Two shapes: a paragraph that opens with a capitalised label of one to four words and a
    colon ("Keller: We will appeal", "MATTHEWS: Well, ...", "- Dana Ruiz: ..."), and a
    sentence stretch ending in a colon and a quotation ('The clerk had one answer: "No."'),
    the quotation taken whole so that it is not searched again. A match holding a reporting
    cue before its colon ("Keller said: ...", which the cue itself counts) or opening with
    one of ``labels`` ("The Latest: ...") is excluded. One-letter labels ("Q:", "A:") are
    left out: PolNeAR annotated 16 of their 65 colons on train.
    The text after a label must open with a capital or a quotation mark ("Clinton: 547."
    is a tally). On PolNeAR *train* (benchmarks/validity.py --tuning) 133 of the 187 colons
    found were annotated cues; the presence F1 rose from 0.894 to 0.898 and the rank
    correlation of counts from 0.714 to 0.715.
    """
    word = r"[A-Z][\w.'’-]*"
    label = rf"^(?:[-–—•]\s*)?[A-Z][\w.'’-]+(?:\s+{word}){{0,3}}:\s+[A-Z\"“‘']"
    quoted = rf"(?:^|[.!?]\s+)[^.!?:\"“”«]*:\s*(?:{QUOTE})"
    cues = lexicons.alternation(terms) if terms else NEVER
    not_labels = lexicons.alternation(labels) if labels else NEVER
    drop = rf"(?i)^(?:[^:]*{cues}|(?:[-–—•]\s*)?{not_labels})"
    return f"{label}|{quoted}", drop


def evidence_cue_pattern(nouns: tuple[str, ...]) -> str:
    """Return the regex for "show" after a plural noun of evidence ("polls show", "records
    also show"; see ``evidence_sources.txt``), on the lower-case text; its cue is "show"."""
    if not nouns:
        return NEVER
    return rf"{lexicons.alternation(nouns)}\s+(?:(?:also|now|clearly)\s+)?show\b"


class AttributionFeatures(TextFeatures):
    """Count attributions and classify their sources and quotations.

    ``attribution_count`` counts reporting cues (said, told, according to, believes, ...)
    outside quotation marks: a cue inside a quotation is the quoted speaker's, not the
    article's; with ``colon_cues``, a colon that introduces a source's words ("Keller: We
    will appeal", 'one answer: "No."') counts too (see :func:`colon_cue_pattern`), and
    "show" after a plural noun of evidence ("polls show", :func:`evidence_cue_pattern`);
    ``named_source_count`` names beside a speech verb; ``anonymous_source_count`` unnamed
    sources ("sources familiar with", "one source", "US officials");
    ``direct_quote_count`` quotations of two or more words (a one-word quotation is a
    scare quote); ``quoted_word_share`` the share of words inside quotation marks.

    Examples
    --------
    >>> AttributionFeatures().fit_transform(
    ...     ['"We will talk," Keller said, according to one source.']).select(
    ...     "attribution_count", "named_source_count", "anonymous_source_count",
    ...     "direct_quote_count")
    shape: (1, 4)
    ┌───────────────────┬────────────────────┬────────────────────────┬────────────────────┐
    │ attribution_count ┆ named_source_count ┆ anonymous_source_count ┆ direct_quote_count │
    │ ---               ┆ ---                ┆ ---                    ┆ ---                │
    │ i32               ┆ i32                ┆ i32                    ┆ i32                │
    ╞═══════════════════╪════════════════════╪════════════════════════╪════════════════════╡
    │ 2                 ┆ 1                  ┆ 1                      ┆ 1                  │
    └───────────────────┴────────────────────┴────────────────────────┴────────────────────┘
    """

    feature_names = (
        "attribution_count", "attribution_per_sentence", "named_source_count",
        "anonymous_source_count", "direct_quote_count", "quoted_word_share",
    )

    def __init__(self, *, reporting: str | tuple[str, ...] = "reporting_cues",
                 anonymous: str | tuple[str, ...] = "anonymous_sources",
                 cue_prefixes: str | tuple[str, ...] = "cue_prefixes",
                 not_cues: str | tuple[str, ...] = "not_cues",
                 colon_cues: bool = True,
                 not_speaker_labels: str | tuple[str, ...] = "not_speaker_labels",
                 evidence_sources: str | tuple[str, ...] = "evidence_sources",
                 cue_tails: str | tuple[str, ...] = "cue_tails",
                 min_quote_words: int = 2) -> None:
        self.reporting = reporting
        self.anonymous = anonymous
        self.cue_prefixes = cue_prefixes
        self.not_cues = not_cues
        self.colon_cues = colon_cues
        self.not_speaker_labels = not_speaker_labels
        self.evidence_sources = evidence_sources
        self.cue_tails = cue_tails
        self.min_quote_words = min_quote_words

    reads = ("text", "lower", "n_words", "n_sentences")

    def _compile(self) -> None:
        if not isinstance(self.min_quote_words, int) or self.min_quote_words < 1:
            raise ValueError(f"min_quote_words={self.min_quote_words!r} is not valid; "
                             "expected an int >= 1")
        if not isinstance(self.colon_cues, bool):
            raise ValueError(f"colon_cues={self.colon_cues!r} is not valid; expected True or False")
        source, exclusion = named_source_patterns()
        terms = resolve_terms(self.reporting, "reporting")
        self.cue_ = Matcher("cue", cue_pattern(terms,
                                               resolve_terms(self.cue_prefixes, "cue_prefixes")),
                            skip=_skipped(resolve_terms(self.not_cues, "not_cues")))
        colon, not_colon = colon_cue_pattern(
            terms, resolve_terms(self.not_speaker_labels, "not_speaker_labels"))
        self.colon_ = Matcher("cue", colon if self.colon_cues else NEVER, column="text",
                              skip=QUOTE, drop=not_colon)
        self.evidence_ = Matcher("cue", evidence_cue_pattern(
            resolve_terms(self.evidence_sources, "evidence_sources")), skip=QUOTE)
        tails = resolve_terms(self.cue_tails, "cue_tails")
        self.tail_ = (re.compile(rf"\s+{lexicons.alternation(tails)}", re.IGNORECASE)
                      if tails else None)
        self.anonymous_ = Matcher("anonymous_source", lexicons.alternation(
            resolve_terms(self.anonymous, "anonymous")))
        self.named_ = Matcher("named_source", source, column="text", drop=exclusion)
        self.quote_ = Matcher("direct_quote", QUOTE, column="text",
                              min_words=self.min_quote_words)

    def _summarise(self, prepared: pl.DataFrame) -> pl.DataFrame:
        quote_words = prepared["text"].str.extract_all(QUOTE).list.eval(
            pl.element().str.count_matches(WORD)).list.sum().fill_null(0)
        frame = prepared.with_columns(
            attribution_count=(self.cue_.counts(prepared) + self.colon_.counts(prepared)
                               + self.evidence_.counts(prepared)),
            anonymous_source_count=self.anonymous_.counts(prepared),
            named_source_count=self.named_.counts(prepared),
            direct_quote_count=self.quote_.counts(prepared),
            quoted_words=quote_words,
        )
        return frame.with_columns(
            attribution_per_sentence=rate(pl.col("attribution_count"), pl.col("n_sentences")),
            quoted_word_share=pl.min_horizontal(
                rate(pl.col("quoted_words"), pl.col("n_words")), 1.0),
        )

    def cue_lists(self, prepared: pl.DataFrame) -> list[list[dict]]:
        """Return reporting cues, sources and direct quotations, row by row."""
        named = [[_without_leading(c) for c in row]
                 for row in cue_dicts(self.named_, prepared)]
        colons = [[_the_colon(c) for c in row] for row in cue_dicts(self.colon_, prepared)]
        shows = [[_last_word(c) for c in row] for row in cue_dicts(self.evidence_, prepared)]
        cues = [_with_tails(row, text, self.tail_) for row, text in
                zip(cue_dicts(self.cue_, prepared), prepared["text"].to_list(), strict=True)]
        return merged(cues, colons, shows,
                      cue_dicts(self.anonymous_, prepared), named,
                      cue_dicts(self.quote_, prepared))


def _without_leading(cue: dict) -> dict:
    """Return a named-source ``cue`` starting at its speech verb or name (see
    :data:`_LEADING`)."""
    cut = _LEADING.match(cue["text"]).end()
    return {**cue, "text": cue["text"][cut:], "start": cue["start"] + cut}


def _the_colon(cue: dict) -> dict:
    """Return a colon cue (see :func:`colon_cue_pattern`) as its colon alone: the label
    before it is the source and the quotation after it the content."""
    at = cue["text"].index(":")
    return {**cue, "text": ":", "start": cue["start"] + at, "end": cue["start"] + at + 1}


def _last_word(cue: dict) -> dict:
    """Return an evidence cue ("polls show", see :func:`evidence_cue_pattern`) as its verb."""
    at = re.search(r"\S+$", cue["text"]).start()
    return {**cue, "text": cue["text"][at:], "start": cue["start"] + at}


def _with_tails(cues: list[dict], text: str, tail: re.Pattern[str] | None) -> list[dict]:
    """Return reporting ``cues`` with their spans run on over up to two ``tail`` matches that
    follow them directly ("said of", "said Tuesday in a statement", see ``cue_tails.txt``),
    as PolNeAR's cue spans do; a tail never reaches into the next cue. The cues stay as many."""
    if tail is None or not cues:
        return cues
    out = []
    for i, cue in enumerate(cues):
        end = cue["end"]
        limit = cues[i + 1]["start"] if i + 1 < len(cues) else len(text)
        for _ in range(2):
            m = tail.match(text, end)
            if m is None or m.end() > limit:
                break
            end = m.end()
        out.append(cue if end == cue["end"] else
                   {**cue, "text": text[cue["start"]:end], "end": end})
    return out
