"""Write tables to CSV or Parquet atomically, with spreadsheet-formula cells neutralised."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import polars as pl

from workbench.errors import InputError

FORMULA_START = r"^[=+\-@\t\r']"
"""A cell starting with one of these could run as a spreadsheet formula (or is escaped)."""

FORMATS = {".csv": "csv", ".parquet": "parquet"}


def neutralise_formulas(frame: pl.DataFrame) -> pl.DataFrame:
    """Prefix ``'`` to every string cell that a spreadsheet would read as a formula.

    A cell already starting with ``'`` gets one more, so :func:`restore_formulas`
    gives back every cell exactly.

    Examples
    --------
    >>> neutralise_formulas(pl.DataFrame({"t": ["=1+1", "ok", "-x"]}))["t"].to_list()
    ["'=1+1", 'ok', "'-x"]
    """
    strings = [c for c, t in frame.schema.items() if t == pl.String]
    return frame.with_columns(
        pl.when(pl.col(c).str.contains(FORMULA_START)).then(pl.lit("'") + pl.col(c))
        .otherwise(pl.col(c)).alias(c)
        for c in strings
    )


def restore_formulas(frame: pl.DataFrame) -> pl.DataFrame:
    """Undo :func:`neutralise_formulas` on a table read back from CSV."""
    strings = [c for c, t in frame.schema.items() if t == pl.String]
    return frame.with_columns(
        pl.when(pl.col(c).str.starts_with("'")).then(pl.col(c).str.slice(1))
        .otherwise(pl.col(c)).alias(c)
        for c in strings
    )


def output_format(path: str | Path) -> str:
    """Return ``csv`` or ``parquet`` from the suffix of ``path``, or raise InputError."""
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise InputError(path, f"unknown output type; use one of {', '.join(FORMATS)}")
    return fmt


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; move it into place only on success.

    A crash, an interrupt or a full disk leaves the previous file (if any) untouched.
    """
    target = Path(path)
    if not target.parent.is_dir():
        raise InputError(target, "the output folder does not exist")
    tmp = _new_part_file(target)
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _new_part_file(target: Path) -> Path:
    """Create an empty ``.<name>.<random>.part`` beside ``target``.

    Unlike ``tempfile.mkstemp`` (mode 0600), the file gets the permissions of a plain
    write (0666 less the umask), which the finished output keeps.
    """
    for _ in range(100):
        tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
        try:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        except OSError as err:
            raise InputError(target, f"cannot write the output ({err.strerror or err})") from None
        return tmp
    raise InputError(target, "cannot create a temporary file beside the output")


def write_table(frame: pl.DataFrame, path: str | Path) -> Path:
    """Write ``frame`` to ``path`` (CSV or Parquet by suffix) atomically; return the path."""
    fmt = output_format(path)
    writers: dict[str, Callable[[Path], None]] = {
        "csv": lambda p: neutralise_formulas(frame).write_csv(p),
        "parquet": lambda p: frame.write_parquet(p),
    }
    try:
        with atomic_path(path) as tmp:
            writers[fmt](tmp)
    except OSError as err:
        raise InputError(path, f"cannot write the output ({err.strerror or err})") from None
    return Path(path)


TEXT_COLUMNS = (
    "article_id", "outlet", "title", "date", "url", "paragraph_kind", "text",
    "hedge_cues", "attribution_cues", "frame_cues", "frame_primary",
)
"""Columns of the score table that hold text: read back from CSV as text, never as numbers."""


def read_table(path: str | Path, *, text_columns: Sequence[str] = TEXT_COLUMNS) -> pl.DataFrame:
    """Read a table written by :func:`write_table`, restoring neutralised CSV cells.

    CSV carries no types, so ``text_columns`` (those present) are read as text: an
    ``article_id`` of ``007`` or a paragraph ``2024`` comes back as written.
    """
    if output_format(path) == "parquet":
        return pl.read_parquet(path)
    overrides = {c: pl.String for c in text_columns}
    return restore_formulas(pl.read_csv(path, infer_schema_length=10000,
                                        schema_overrides=overrides))
