"""Loaders for the public labelled datasets the benchmarks read, as polars frames.

The datasets live outside the repository (``../shared/datasets`` beside the repo root, or
wherever ``WORKBENCH_DATASETS`` points) and are never copied into it. Each loader reads the
converted file described in that folder's ``PROVENANCE.md``.

Functions
---------
datasets_dir
    Where the datasets are (the folder may be absent on a fresh clone).
load_wikiweasel
    CoNLL-2010 WikiWeasel sentences, uncertain (1) or certain (0), detokenised.
load_polnear
    PolNeAR paragraphs with their attribution counts and gold cue/source spans.
load_hedge_lexicon
    The combined shared hedge/booster/discourse-marker lexicon.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import polars as pl

ENV_VAR = "WORKBENCH_DATASETS"
"""Environment variable overriding the datasets folder."""

_PTB_BRACKETS = {
    "-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}",
}
_PTB_RULES = (
    (re.compile(r"``\s*"), '"'),                   # `` opens a double quotation
    (re.compile(r"\s*''"), '"'),                   # '' closes it
    (re.compile(r"([(\[{])\s+"), r"\1"),           # "( two" -> "(two"
    (re.compile(r"\s+([)\]}])"), r"\1"),           # "dimensional )" -> "dimensional)"
    (re.compile(r"\s+([,;:.!?%](?:\s|$))"), r"\1"),  # "word ," -> "word,"
    (re.compile(r"(\w)\s+(n't|'s|'re|'ve|'ll|'d|'m)\b", re.IGNORECASE), r"\1\2"),
    (re.compile(r"\s{2,}"), " "),
)


def datasets_dir() -> Path:
    """Return the shared datasets folder: ``$WORKBENCH_DATASETS`` or ``<repo>/../shared/datasets``.

    The folder may not exist (a user's fresh clone); callers check ``.is_dir()``.
    """
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override).expanduser()
    return Path(__file__).resolve().parents[1].parent / "shared" / "datasets"


def missing_message() -> str:
    """Return the message to skip or stop with when the datasets folder is absent."""
    return (f"public datasets not found at {datasets_dir()}; set {ENV_VAR} to the folder "
            "holding wikiweasel_conll2010/, polnear/ and hedge_lexicons/")


def _path(*parts: str) -> Path:
    path = datasets_dir().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"{path} not found. {missing_message()}")
    return path


def detokenise(text: str) -> str:
    """Undo Penn Treebank tokenisation well enough for a lexicon matcher.

    Examples
    --------
    >>> detokenise("a `` dimensional '' term -LRB- 2.5 D -RRB- , Ban 's aides do n't")
    'a "dimensional" term (2.5 D), Ban\\'s aides don\\'t'
    """
    for token, char in _PTB_BRACKETS.items():
        text = text.replace(token, char)
    for pattern, repl in _PTB_RULES:
        text = pattern.sub(repl, text)
    return text.strip()


def load_wikiweasel(split: str) -> pl.DataFrame:
    """Return WikiWeasel sentences of ``split`` ("train" or "test").

    Columns: ``text`` (detokenised), ``text_ptb`` (as distributed), ``label`` (1 uncertain,
    0 certain). The 20 empty train rows are dropped.
    """
    if split not in ("train", "test"):
        raise ValueError(f"split={split!r}; expected 'train' or 'test'")
    frame = pl.read_csv(_path("wikiweasel_conll2010", "wikiweasel_sentences.csv"))
    frame = frame.filter((pl.col("split") == split) & (pl.col("text").str.strip_chars() != ""))
    ptb = frame["text"].to_list()
    return pl.DataFrame({
        "text": [detokenise(t) for t in ptb],
        "text_ptb": ptb,
        "label": frame["label"].cast(pl.Int8),
    })


def load_hedge_lexicon(kind: str | None = "hedge") -> tuple[str, ...]:
    """Return the shared lexicon's terms of ``kind`` (hedge, booster, discourse_marker; None)."""
    frame = pl.read_csv(_path("hedge_lexicons", "hedge_lexicon_combined.csv"))
    if kind is not None:
        frame = frame.filter(pl.col("type") == kind)
    terms = (t.strip().lower() for t in frame["term"].to_list())
    return tuple(dict.fromkeys(t for t in terms if t))


def _relative(spans: list[list[int]], start: int) -> list[list[int]]:
    return [[a - start, b - start] for a, b in spans]


_QUOTED_CONTENT = "[\"“”«»]|''"
"""An attribution's content is quoted when it holds one of these marks. The dataset's own
``content_has_quote_marks`` is exactly the first five (checked on every primary annotation);
its NYT texts mark quotations with two apostrophes, which it does not see (none of the 1,200
train contents holding ``''`` is flagged)."""


def load_polnear(split: str) -> pl.DataFrame:
    """Return PolNeAR paragraphs of ``split`` ("train", "dev" or "annotator-training").

    One row per paragraph of the primary annotator's file, with the converted file's columns
    (``article``, ``paragraph_index``, ``text``, ``n_attributions``, ``n_content_quoted``,
    ``cues``, ``sources``, ...) plus ``cue_spans`` and ``source_spans``: the primary
    annotator's gold spans as ``[start, end]`` offsets into ``text``, and
    ``n_quoted_content``: ``n_content_quoted`` with the New York Times' two-apostrophe
    quotation mark (``''``) counted too (see :data:`_QUOTED_CONTENT`). (The test split is
    deliberately not in the shared folder.)
    """
    folder = "polnear"
    paras = pl.read_ndjson(_path(folder, "polnear_paragraphs.jsonl.gz"))
    paras = paras.filter(pl.col("split") == split)
    if paras.height == 0:
        raise ValueError(f"no PolNeAR paragraphs in split {split!r}; "
                         "expected 'train', 'dev' or 'annotator-training'")
    rel = (
        pl.read_ndjson(_path(folder, "polnear_attributions.jsonl.gz"))
        .filter((pl.col("split") == split) & pl.col("primary_annotation"))
        .select("article", "annotator", "paragraph_index", "cue_spans", "source_spans",
                quoted=pl.col("content").fill_null("").str.contains(_QUOTED_CONTENT))
    )
    keyed = {}
    for row in rel.iter_rows(named=True):
        key = (row["article"], row["annotator"], row["paragraph_index"])
        cues, sources, quoted = keyed.setdefault(key, ([], [], [0]))
        cues.extend(row["cue_spans"] or [])
        sources.extend(row["source_spans"] or [])
        quoted[0] += row["quoted"]
    cue_col, source_col, quoted_col = [], [], []
    for row in paras.select("article", "annotator", "paragraph_index", "char_start").iter_rows():
        cues, sources, quoted = keyed.get(row[:3], ([], [], [0]))
        cue_col.append(_relative(cues, row[3]))
        source_col.append(_relative(sources, row[3]))
        quoted_col.append(quoted[0])
    span_type = pl.List(pl.List(pl.Int64))
    return paras.with_columns(
        cue_spans=pl.Series(cue_col, dtype=span_type),
        source_spans=pl.Series(source_col, dtype=span_type),
        n_quoted_content=pl.Series(quoted_col, dtype=pl.Int64),
    )
