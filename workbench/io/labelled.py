"""Read and check labelled texts for training and evaluating frame models.

A labelled file is a table (CSV, JSONL or Parquet, optionally gzipped) with a text column
and a label column; a folder of such files is read in name order and concatenated.
Every problem is an :class:`~workbench.errors.InputError` naming the file.
"""

from __future__ import annotations

import hashlib
import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from workbench.errors import InputError
from workbench.io.articles import CORPUS_SUFFIXES, decode, read_bytes, suffix_of

TABLE_SUFFIXES = CORPUS_SUFFIXES
"""Suffixes of labelled tables (``.gz`` allowed on top)."""


@dataclass
class Labelled:
    """Texts and raw labels read from files, with the files' names and hashes."""

    texts: list[str]
    labels: list[object]
    source: str
    files: list[tuple[str, str, int]]  # (path, sha256, rows)

    def describe(self) -> dict:
        """Return the files read, for the model card."""
        return {"source": self.source,
                "files": [{"path": p, "sha256": h, "rows": n} for p, h, n in self.files]}


def table_files(path: str | Path) -> list[Path]:
    """Return the labelled tables at ``path``: the file itself, or a folder's tables."""
    path = Path(path)
    if path.is_dir():
        found = sorted(p for p in path.iterdir() if p.is_file()
                       and suffix_of(p) in TABLE_SUFFIXES and not p.name.startswith("."))
        if not found:
            raise InputError(path, "the folder holds no labelled table "
                             f"({', '.join(TABLE_SUFFIXES)})")
        return found
    if not path.exists():
        raise InputError(path, "no such file or folder")
    if suffix_of(path) not in TABLE_SUFFIXES:
        raise InputError(path, f"not a labelled table; expected one of "
                         f"{', '.join(TABLE_SUFFIXES)}")
    return [path]


def read_table_file(path: Path) -> tuple[pl.DataFrame, str]:
    """Return one labelled table and the SHA-256 of its bytes."""
    kind = suffix_of(path)
    data = read_bytes(path)
    digest = hashlib.sha256(data).hexdigest()
    try:
        if kind == ".parquet":
            return pl.read_parquet(io.BytesIO(data)), digest
        decode(data, path)
        if kind == ".csv":
            return pl.read_csv(io.BytesIO(data), infer_schema=False), digest
        return pl.read_ndjson(io.BytesIO(data), infer_schema_length=None), digest
    except InputError:
        raise
    except Exception as err:  # polars raises many kinds; all mean a malformed file
        first = (str(err).strip().splitlines() or [type(err).__name__])[0]
        raise InputError(path, f"cannot parse as {kind[1:]} ({first[:160]})") from None


def read_labelled(path: str | Path | Sequence[str | Path], *, text_column: str,
                  label_column: str, multi_label: bool = False) -> Labelled:
    """Read texts and labels from one or more files or folders, in order.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> tmp = pathlib.Path(tempfile.mkdtemp()) / "l.csv"
    >>> _ = tmp.write_text("text,frame\\nTaxes rose.,economic\\n")
    >>> read_labelled(tmp, text_column="text", label_column="frame").labels
    ['economic']
    """
    paths = [path] if isinstance(path, str | Path) else list(path)
    if not paths:
        raise InputError("training data", "no file given")
    files = [f for p in paths for f in table_files(p)]
    texts: list[str] = []
    labels: list[object] = []
    seen = []
    for file in files:
        frame, digest = read_table_file(file)
        missing = [c for c in (text_column, label_column) if c not in frame.columns]
        if missing:
            cols = ", ".join(frame.columns[:12]) or "none"
            which = " and ".join(f"'{c}'" for c in missing)
            raise InputError(file, f"no column {which} (columns: {cols}); choose others with "
                             "--text-column / --label-column")
        if frame.height == 0:
            raise InputError(file, "the table has no rows")
        text = frame[text_column]
        if text.dtype != pl.String:
            raise InputError(file, f"column '{text_column}' holds {text.dtype}, not text")
        label = frame[label_column]
        if isinstance(label.dtype, pl.List):
            if not multi_label:
                raise InputError(file, f"column '{label_column}' holds lists of labels; "
                                 "train with --multi-label")
            values = [tuple(str(x) for x in v if x is not None) if v is not None else ()
                      for v in label.to_list()]
        else:
            values = [None if v is None else str(v) for v in label.cast(pl.String).to_list()]
        start = len(texts) + 1
        texts.extend("" if t is None else t for t in text.to_list())
        labels.extend(values)
        seen.append((str(file), digest, frame.height))
        _check_rows(texts[start - 1:], labels[start - 1:], file, multi_label)
    source = str(paths[0]) if len(paths) == 1 else f"{paths[0]} (+{len(paths) - 1} more)"
    return Labelled(texts=texts, labels=labels, source=source, files=seen)


def _check_rows(texts: list[str], labels: list[object], file: Path, multi_label: bool) -> None:
    """Name the first rows of ``file`` (1-based, after the header) with no text or label."""
    problems = [("empty text", [i + 1 for i, t in enumerate(texts) if not t.strip()])]
    if not multi_label:
        problems.append(("no label", [i + 1 for i, v in enumerate(labels)
                                      if v is None or not str(v).strip()]))
    for what, rows in problems:
        if rows:
            shown = ", ".join(map(str, rows[:10])) + (" ..." if len(rows) > 10 else "")
            raise InputError(file, f"{len(rows)} row(s) have {what} (data rows {shown}); remove "
                             "them or fill them in")


def split_labels(raw: Sequence[object], *, multi_label: bool, sep: str,
                 source: str) -> list[tuple[str, ...]]:
    """Return each text's labels as a tuple: one label, or (multi-label) any number.

    Examples
    --------
    >>> split_labels(["a; b", "", ["c"]], multi_label=True, sep=";", source="x")
    [('a', 'b'), (), ('c',)]
    """
    out = []
    for i, value in enumerate(raw):
        if multi_label:
            if value is None:
                items: Sequence[object] = ()
            elif isinstance(value, str):
                if not sep:
                    raise InputError(source, "label_sep is empty; give the separator of "
                                     "labels, e.g. ';'")
                items = value.split(sep)
            else:
                items = list(value)
            labels = tuple(dict.fromkeys(str(x).strip() for x in items if str(x).strip()))
        else:
            if value is None or (isinstance(value, str) and not value.strip()):
                raise InputError(source, f"row {i + 1} has no label")
            if not isinstance(value, str | int):
                raise InputError(source, f"row {i + 1}: expected one label, got "
                                 f"{type(value).__name__} (multi-label data? use "
                                 "multi_label=True)")
            labels = (str(value).strip(),)
        out.append(labels)
    return out


def check_labels(sets: Sequence[tuple[str, ...]], *, multi_label: bool, source: str,
                 reserved: Sequence[str] = ()) -> tuple[str, ...]:
    """Return the sorted label set, or raise InputError when it cannot train a classifier."""
    counts = Counter(x for labels in sets for x in labels)
    classes = tuple(sorted(counts))
    bad = [c for c in classes if c in reserved or c.startswith("cue_")]
    if bad:
        raise InputError(source, f"label(s) {bad} would clash with the score table's "
                         "frame_primary / frame_confidence / frame_confident / frame_cue_* "
                         "columns; rename them")
    if not multi_label and len(classes) < 2:
        only = f" ({classes[0]!r})" if classes else ""
        raise InputError(source, f"the labels hold only one class{only}; a classifier needs "
                         "at least two")
    if multi_label and not classes:
        raise InputError(source, "no text carries any label")
    everywhere = [c for c in classes if counts[c] == len(sets)] if multi_label else []
    if everywhere:
        raise InputError(source, f"label(s) {everywhere} are on every text; there is nothing "
                         "to learn about them (drop them or add texts without them)")
    rare = [c for c in classes if counts[c] < 2]
    if rare:
        raise InputError(source, f"label(s) {rare} have a single example; cross-validation "
                         "needs at least two of each (add examples or drop the label)")
    return classes
