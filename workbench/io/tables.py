"""Write tables to CSV or Parquet atomically, with spreadsheet-formula cells neutralised: one
writer (:class:`TableWriter`) for whole tables and streamed chunks alike."""

from __future__ import annotations

import contextlib
import io
import os
import secrets
import sys
from collections.abc import Iterator, Sequence
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


class TableWriter:
    """The one writer of score tables: append tables to one CSV or Parquet file, written
    atomically (the file appears only if the ``with`` block succeeds), or as CSV to standard
    output when ``out`` is None.

    CSV cells are formula-neutralised (:func:`neutralise_formulas`) and the header written
    once; Parquet is zstd-compressed, with dictionaries for the repeated strings.
    """

    def __init__(self, out: str | Path | None) -> None:
        self.out = None if out is None else Path(out)
        self.format = "csv" if out is None else output_format(out)
        self._stack = contextlib.ExitStack()
        self._handle = None
        self._parquet = None
        self.rows = 0

    def __enter__(self) -> TableWriter:
        if self.out is not None:
            tmp = self._stack.enter_context(atomic_path(self.out))
            if self.format == "csv":
                self._handle = self._stack.enter_context(open(tmp, "wb"))
            else:
                self._tmp = tmp
        return self

    def write(self, table: pl.DataFrame) -> None:
        """Append ``table`` (same columns as the first table written)."""
        try:
            if self.format == "csv":
                safe, header = neutralise_formulas(table), self.rows == 0
                if self._handle is None:
                    sys.stdout.write(safe.write_csv(include_header=header))
                else:  # as bytes: faster than a str encoded (docs/scaling.md)
                    encoded = io.BytesIO()
                    safe.write_csv(encoded, include_header=header)
                    self._handle.write(encoded.getbuffer())
            else:
                self._write_parquet(table)
        except OSError as err:
            raise InputError(self.out or "<stdout>",
                             f"cannot write the output ({err.strerror or err})") from None
        self.rows += table.height

    def _write_parquet(self, table: pl.DataFrame) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        arrow = table.to_arrow()
        if self._parquet is None:
            self._schema = arrow.schema
            # Dictionaries for the repeated strings (ids, outlets, labels) only: tried on the
            # numbers and the text, they are built and dropped (docs/scaling.md)
            repeated = [f.name for f in arrow.schema if f.name != "text"
                        and (pa.types.is_string(f.type) or pa.types.is_large_string(f.type))]
            self._parquet = pq.ParquetWriter(self._tmp, arrow.schema, compression="zstd",
                                             use_dictionary=repeated)
            self._stack.callback(self._parquet.close)
        else:
            arrow = arrow.cast(self._schema)
        self._parquet.write_table(arrow)

    def __exit__(self, *exc: object) -> bool:
        try:  # closes the file, then moves it into place (or deletes it on error)
            return bool(self._stack.__exit__(*exc))
        except OSError as err:
            raise InputError(self.out, f"cannot write the output ({err.strerror or err})") \
                from None


def write_table(frame: pl.DataFrame, path: str | Path | None) -> Path | None:
    """Write ``frame`` to ``path`` (CSV or Parquet by suffix) atomically, or as CSV to standard
    output when ``path`` is None, with :class:`TableWriter`; return the path."""
    with TableWriter(path) as writer:
        writer.write(frame)
    return None if path is None else Path(path)


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
