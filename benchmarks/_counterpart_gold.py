"""The team's counterpart gold set (``benchmarks/gold/``) joined to the PolNeAR texts.

The repository holds only article ids, paragraph offsets and labels; the paragraphs are read
from ``../shared/datasets/polnear/original/data/*/text/`` (see ``benchmarks/gold/README.md``
for the unit and the labelling guideline).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from benchmarks._datasets import datasets_dir

GOLD = Path(__file__).resolve().parent / "gold"
_TITLE_END = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class GoldPair:
    """Two articles of different outlets, their paragraphs and the labelled counterparts."""

    pair: str
    split: str
    same_event: bool
    article_a: str
    article_b: str
    a: tuple[str, ...]
    b: tuple[str, ...]
    links: frozenset[tuple[int, int]]


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of every paragraph unit: each non-empty, stripped line after
    the title block (the text before the first blank line).

    Examples
    --------
    >>> text = "Title\\n\\nFirst line.\\n  Second.\\n\\nThird."
    >>> [text[s:e] for s, e in paragraph_spans(text)]
    ['First line.', 'Second.', 'Third.']
    """
    title = _TITLE_END.search(text)
    spans = []
    for line in re.finditer(r"[^\n]+", text[title.end() if title else 0:]):
        stripped = line.group().strip()
        if stripped:
            start = (title.end() if title else 0) + line.start() + line.group().index(stripped)
            spans.append((start, start + len(stripped)))
    return spans


def text_path(article: str, root: Path | None = None) -> Path:
    """Return the PolNeAR text file of ``article`` (train, dev or annotator-training)."""
    data = (root or datasets_dir()) / "polnear" / "original" / "data"
    for compartment in ("train", "dev", "annotator-training"):
        path = data / compartment / "text" / f"{article}.txt"
        if path.is_file():
            return path
    raise FileNotFoundError(f"{data}: no text file for gold article {article!r}")


def load_gold(root: Path | None = None, *, split: str | None = None) -> list[GoldPair]:
    """Return the gold article pairs (of one ``split``, ``"dev"`` or ``"test"``, if given).

    Raises ``ValueError`` naming the article when a text no longer has the paragraph count
    or offsets recorded at labelling time.
    """
    pairs = pl.read_csv(GOLD / "counterpart_pairs.csv")
    links = pl.read_csv(GOLD / "counterparts.csv")
    if split is not None:
        pairs = pairs.filter(pl.col("split") == split)
    out = []
    for row in pairs.iter_rows(named=True):
        paragraphs = {}
        for side in ("a", "b"):
            article = row[f"article_{side}"]
            text = text_path(article, root).read_text(encoding="utf-8")
            spans = paragraph_spans(text)
            if len(spans) != row[f"n_paragraphs_{side}"]:
                raise ValueError(f"{article}: {len(spans)} paragraphs, the gold set was labelled "
                                 f"on {row[f'n_paragraphs_{side}']}; the text has changed")
            paragraphs[side] = (spans, tuple(text[s:e] for s, e in spans))
        mine = links.filter(pl.col("pair") == row["pair"])
        for link in mine.iter_rows(named=True):
            for side in ("a", "b"):
                spans = paragraphs[side][0]
                if spans[link[f"{side}_index"]] != (link[f"{side}_start"], link[f"{side}_end"]):
                    raise ValueError(f"{row[f'article_{side}']}: paragraph {link[f'{side}_index']} "
                                     "is not at the offsets the gold set records")
        out.append(GoldPair(
            pair=row["pair"], split=row["split"], same_event=row["same_event"] == "yes",
            article_a=row["article_a"], article_b=row["article_b"],
            a=paragraphs["a"][1], b=paragraphs["b"][1],
            links=frozenset(zip(mine["a_index"], mine["b_index"], strict=True))))
    return out
