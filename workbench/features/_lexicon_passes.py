"""Count several lexicons in a few regex passes instead of one pass each.

Measured on 40,000 news paragraphs, one thread: the 15 framing lexicons took 18 us per
paragraph in 15 passes and take about 9 in 4 (three on :func:`~workbench.features._base.
lexicon_text`'s ASCII stand-ins, without which a 600-term alternation runs 40x slower, and
one for "détente" on the plain lower-cased text).

One alternation of every lexicon's terms finds the same matches as the lexicons' own
alternations, credited to each lexicon holding the matched term, as long as no term of one
lexicon can overlap a term of another in a text: then every match of a lexicon's own pattern
is a match of the union, and the union has no others. Lexicons whose terms can overlap
("end the war" and "war crimes") go to different passes.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping

import numpy as np
import polars as pl

from workbench import lexicons
from workbench.features._base import ascii_safe

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
    that can overlap (greedy colouring, in the given order), and a lexicon that is not
    :func:`~workbench.features._base.ascii_safe` has a pass of its own (a large alternation
    is only fast on the ASCII stand-ins)."""
    clash: dict[str, set[str]] = {name: set() for name, _ in named}
    for name, terms in named:
        if not ascii_safe(lexicons.alternation(terms)):
            clash[name] = {other for other, _ in named if other != name}
            for other in clash[name]:
                clash[other].add(name)
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


def lexicon_pass_counts(lexicon_texts: Callable[[bool], pl.Series],
                        named: Mapping[str, tuple[str, ...]], *, prefix: str = "") -> pl.DataFrame:
    """Return one Int32 column per lexicon (``prefix + name``): its whole-word matches in the
    lower-cased texts, as ``count_matches`` of its own :func:`~workbench.lexicons.alternation`
    counts them.

    ``lexicon_texts(stand_ins)`` returns the texts' :func:`~workbench.features._base.
    lexicon_text` (as :meth:`~workbench.features._shared.SharedText.lexicon`); a pass whose
    alternation is :func:`~workbench.features._base.ascii_safe` runs on the stand-ins.
    """
    items: Lexicons = tuple((name, tuple(terms)) for name, terms in named.items())
    names = [name for name, _ in items]
    counts = np.zeros((len(lexicon_texts(False)), len(names)), dtype=np.int32)
    for pattern, keys in _pass_plans(items):
        texts = lexicon_texts(ascii_safe(pattern))
        if keys["lexicon"].n_unique() == 1:  # one lexicon: its matches are its count
            counts[:, keys["lexicon"][0]] += texts.str.count_matches(pattern).to_numpy()
            continue
        found = (
            pl.DataFrame({"m": texts.str.extract_all(pattern)})
            .with_row_index("row")
            .explode("m")
            .drop_nulls("m")
            .select("row", key=pl.col("m").str.replace_all(r"\s+", " ")
                    .str.replace_all("’", "'", literal=True))
            .join(keys, on="key")
        )
        flat = found["row"].to_numpy().astype(np.int64) * len(names) + found["lexicon"].to_numpy()
        counts += np.bincount(flat, minlength=counts.size).reshape(counts.shape).astype(np.int32)
    return pl.DataFrame({f"{prefix}{name}": counts[:, j] for j, name in enumerate(names)},
                        schema={f"{prefix}{name}": pl.Int32 for name in names})


_ACCENTED = "\x00accented"
"""Suffix of the name of a lexicon's part holding its terms that are not ASCII-safe."""


def split_accented(named: Lexicons) -> Lexicons:
    """Return ``named`` with each lexicon that is not :func:`~workbench.features._base.
    ascii_safe` split in two, its ASCII-safe terms (which may then share a pass on the
    stand-ins) and the rest (``name`` + :data:`_ACCENTED`), when no term of one part can
    overlap a term of the other: the parts' counts then add up to the lexicon's."""
    out = []
    for name, terms in named:
        plain = tuple(t for t in terms if ascii_safe(lexicons.term_regex(t)))
        other = tuple(t for t in terms if t not in plain)
        if plain and other and not any(can_overlap(a, b) for a in plain for b in other):
            out += [(name, plain), (name + _ACCENTED, other)]
        else:
            out.append((name, terms))
    return tuple(out)


@functools.cache
def _pass_plans(named: Lexicons) -> tuple[tuple[str, pl.DataFrame], ...]:
    """Return, per pass, its alternation and ``(key, lexicon)``: each term's
    :func:`term_key` beside the position of every lexicon holding it."""
    position = {name: j for j, (name, _) in enumerate(named)}
    parts = split_accented(named)
    terms_of = dict(parts)
    plans = []
    for group in passes(parts):
        keys = pl.DataFrame(
            [(term_key(t), position[name.removesuffix(_ACCENTED)])
             for name in group for t in terms_of[name]],
            schema={"key": pl.String, "lexicon": pl.Int64}, orient="row").unique()
        pattern = lexicons.alternation(tuple(t for name in group for t in terms_of[name]))
        plans.append((pattern, keys))
    return tuple(plans)
