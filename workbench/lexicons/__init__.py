"""Lexicons are data files: one lowercase term per line, ``#`` starts a comment.

Terms are matched case-insensitively (on lower-cased text), as whole words, leftmost
and longest first. ``'`` in a term also matches the typographic apostrophe ``’``.
"""

from __future__ import annotations

import functools
import re
from importlib.resources import files

_META = re.compile(r"([.^$*+?()\[\]{}|\\])")


@functools.cache
def load(name: str) -> tuple[str, ...]:
    """Return the terms of lexicon ``name`` (e.g. ``"hedges"`` or ``"framing/economic"``).

    Examples
    --------
    >>> "reportedly" in load("hedges")
    True
    """
    terms = (line.lower() for line in _lines(name))
    return tuple(dict.fromkeys(terms))


@functools.cache
def rules(name: str) -> tuple[str, ...]:
    """Return the regular expressions of rule file ``name`` (``boilerplate``,
    ``trailing_credits``): one per line as written (case kept, not lower-cased or escaped),
    ``#`` lines and blank lines left out.

    Examples
    --------
    >>> rules("trailing_credits")[0].startswith(r"\\(")
    True
    """
    return _lines(name)


def _lines(name: str) -> tuple[str, ...]:
    """The stripped lines of lexicon file ``name`` that are neither blank nor comments."""
    resource = files("workbench.lexicons").joinpath(f"{name}.txt")
    if not resource.is_file():
        raise ValueError(f"unknown lexicon {name!r}; expected one of {names()}")
    lines = (ln.strip() for ln in resource.read_text(encoding="utf-8").splitlines())
    return tuple(ln for ln in lines if ln and not ln.startswith("#"))


@functools.cache
def names() -> tuple[str, ...]:
    """Return the names of all shipped lexicons, framing ones as ``framing/<key>``."""
    root = files("workbench.lexicons")
    top = [p.name[:-4] for p in root.iterdir() if p.name.endswith(".txt")]
    framing = [f"framing/{p.name[:-4]}" for p in root.joinpath("framing").iterdir()
               if p.name.endswith(".txt")]
    return tuple(sorted(top) + sorted(framing))


def term_regex(term: str) -> str:
    """Return the regex for one literal term: spaces match any whitespace run.

    Examples
    --------
    >>> term_regex("it is unclear")
    'it\\\\s+is\\\\s+unclear'
    """
    escaped = _META.sub(r"\\\1", term)
    escaped = escaped.replace("'", "['’]")
    return r"\s+".join(escaped.split())


def alternation(terms: tuple[str, ...] | list[str]) -> str:
    r"""Return one whole-word regex matching any of ``terms``, longest first.

    The pattern runs unchanged in polars (Rust ``regex``) and Python ``re``.

    Examples
    --------
    >>> alternation(("may", "may be"))
    '\\b(?:may\\s+be|may)\\b'
    """
    if not terms:
        return r"[^\s\S]"  # matches nothing
    ordered = sorted(set(terms), key=lambda t: (-len(t), t))
    return r"\b(?:" + "|".join(term_regex(t) for t in ordered) + r")\b"
