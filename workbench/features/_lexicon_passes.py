"""Count several lexicons in a few regex passes instead of one pass each.

Fewer passes are cheaper: measured in docs/scaling.md, section "features/_lexicon_passes.py".

One alternation of every lexicon's terms finds the same matches as the lexicons' own
alternations, credited to each lexicon holding the matched term, as long as no term of one
lexicon can overlap a term of another in a text: then every match of a lexicon's own pattern
is a match of the union, and the union has no others. Lexicons whose terms can overlap
("end the war" and "war crimes") go to different passes.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

import numpy as np
import polars as pl

from workbench import lexicons
from workbench.features.matcher import Matcher

Lexicons = tuple[tuple[str, tuple[str, ...]], ...]
"""``(name, terms)`` pairs: hashable, for the cache of :func:`passes`."""


def term_key(term: str) -> str:
    """Return what a match of ``term`` reads as once whitespace runs are one space and ``’``
    is ``'`` (see :func:`workbench.lexicons.term_regex`).

    Examples
    --------
    >>> term_key("it  is   ’unclear")
    "it is 'unclear"
    """
    return " ".join(term.replace("’", "'").split())


def can_overlap(a: str, b: str) -> bool:
    """Return whether whole-word matches of terms ``a`` and ``b`` can share a character.

    Judged on their runs of word characters (``de-escalation`` is ``de``, ``escalation``):
    one holds the other, or an end of one is a start of the other. Erring towards yes only
    costs a pass.

    Examples
    --------
    >>> can_overlap("end the war", "war crimes"), can_overlap("war", "warfare")
    (True, False)
    """
    x, y = re.findall(r"\w+", a), re.findall(r"\w+", b)
    if not x or not y:
        return True
    for shift in range(-len(y) + 1, len(x)):  # y placed from word ``shift`` of x
        pairs = [(x[shift + k], w) for k, w in enumerate(y) if 0 <= shift + k < len(x)]
        if all(p == q for p, q in pairs):
            return True
    return False


@functools.cache
def passes(named: Lexicons) -> tuple[tuple[str, ...], ...]:
    """Return the lexicon names grouped into passes: no two lexicons of a pass hold terms
    that can overlap (greedy colouring, in the given order)."""
    clash: dict[str, set[str]] = {name: set() for name, _ in named}
    words = {name: {t for t in terms if re.fullmatch(r"\w+", t)} for name, terms in named}
    multi = {name: [t for t in terms if t not in words[name]] for name, terms in named}
    for i, (a, _) in enumerate(named):
        for b, _ in named[i + 1:]:
            # two one-word terms only overlap when equal, which the union handles
            if any(can_overlap(s, t) for s in multi[a] for t in (*multi[b], *words[b])) or \
                    any(can_overlap(s, t) for s in words[a] for t in multi[b]):
                clash[a].add(b)
                clash[b].add(a)
    groups: list[list[str]] = []
    for name, _ in named:
        for group in groups:
            if not clash[name] & set(group):
                group.append(name)
                break
        else:
            groups.append([name])
    return tuple(tuple(g) for g in groups)


class LexiconPasses:
    """Several lexicons counted in a few passes (:func:`passes`), each pass one
    :class:`~workbench.features.matcher.Matcher` on ``lower``; a match is credited to every
    lexicon holding its term, in the counts and in the spans alike.

    Parameters
    ----------
    named : mapping of lexicon name to its terms
    kind : str
        The cue kind of the spans.
    """

    def __init__(self, named: Mapping[str, tuple[str, ...]], kind: str) -> None:
        self.items: Lexicons = tuple((name, tuple(terms)) for name, terms in named.items())
        self.names = [name for name, _ in self.items]
        self.plans = [(Matcher(kind, pattern), keys) for pattern, keys in _pass_plans(self.items)]

    def counts(self, prepared: pl.DataFrame, *, prefix: str = "") -> pl.DataFrame:
        """Return one Int32 column per lexicon (``prefix + name``): its whole-word matches in
        ``prepared["lower"]``, as ``count_matches`` of its own alternation counts them."""
        counts = np.zeros((prepared.height, len(self.names)), dtype=np.int32)
        for matcher, keys in self.plans:
            if keys["lexicon"].n_unique() == 1:  # one lexicon: its matches are its count
                counts[:, keys["lexicon"][0]] += matcher.counts(prepared).to_numpy()
                continue
            found = (pl.DataFrame({"m": prepared["lower"].str.extract_all(matcher.regex)})
                     .with_row_index("row").explode("m").drop_nulls("m"))
            credit = _credited(found, keys)
            flat = credit["row"].to_numpy().astype(np.int64) * len(self.names)
            flat += credit["lexicon"].to_numpy()
            counts += np.bincount(flat, minlength=counts.size).reshape(counts.shape).astype(
                np.int32)
        return pl.DataFrame({f"{prefix}{name}": counts[:, j] for j, name in enumerate(self.names)},
                            schema={f"{prefix}{name}": pl.Int32 for name in self.names})

    def spans(self, prepared: pl.DataFrame) -> list[list[tuple[int, int, str]]]:
        """Return, per row, ``(start, end, lexicon name)`` of every credited match."""
        out: list[list[tuple[int, int, str]]] = [[] for _ in range(prepared.height)]
        for matcher, keys in self.plans:
            found = pl.DataFrame(
                [(row, a, b, m) for row, spans in enumerate(matcher.spans(prepared))
                 for a, b, m in spans],
                schema={"row": pl.UInt32, "start": pl.Int64, "end": pl.Int64, "m": pl.String},
                orient="row")
            for row, a, b, j in _credited(found, keys).select(
                    "row", "start", "end", "lexicon").iter_rows():
                out[row].append((a, b, self.names[j]))
        return out


def _credited(found: pl.DataFrame, keys: pl.DataFrame) -> pl.DataFrame:
    """Join matches ``m`` to the lexicons holding their term, in match order."""
    return (found.with_columns(key=pl.col("m").str.replace_all(r"\s+", " ")
                               .str.replace_all("’", "'", literal=True))
            .join(keys, on="key", maintain_order="left"))


@functools.cache
def _pass_plans(named: Lexicons) -> tuple[tuple[str, pl.DataFrame], ...]:
    """Return, per pass, its alternation and ``(key, lexicon)``: each term's
    :func:`term_key` beside the position of every lexicon holding it."""
    position = {name: j for j, (name, _) in enumerate(named)}
    terms_of = dict(named)
    plans = []
    for group in passes(named):
        keys = pl.DataFrame(
            [(term_key(t), position[name]) for name in group for t in terms_of[name]],
            schema={"key": pl.String, "lexicon": pl.Int64}, orient="row").unique()
        pattern = lexicons.alternation(tuple(t for name in group for t in terms_of[name]))
        plans.append((pattern, keys))
    return tuple(plans)
