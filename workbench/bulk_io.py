"""Streaming input and output for :mod:`workbench.bulk`: corpus rows in chunks, tables appended.

Reading follows :func:`workbench.ingest.read_corpus_frame` (same polars readers and options,
same checks and messages) but scans the file instead of loading it: a corpus is checked
whole before its first row is scored, so a malformed file is skipped as a whole, as the
in-memory path does, and never half written. Gzip-compressed corpora are the exception:
they are decompressed in memory, within :data:`workbench.ingest.MAX_FILE_BYTES`.
"""

from __future__ import annotations

import codecs
import contextlib
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from workbench.errors import InputError
from workbench.export import atomic_path, neutralise_formulas, output_format
from workbench.ingest import (
    CORPUS_SUFFIXES,
    METADATA_FIELDS,
    expand_paths,
    read_corpus_frame,
    read_file,
    suffix_of,
)
from workbench.segment import to_frame

BATCH_ROWS = 256
"""Corpus rows read at a time; batches are gathered into chunks of about ``chunk_bytes``."""


@dataclass
class Part:
    """Rows of one input inside a chunk: corpus rows (strings plus ``_row``) or a ready table."""

    source: str
    stem: str
    rows: pl.DataFrame | None = None
    table: pl.DataFrame | None = None


@dataclass
class Chunk:
    """The unit of work: consecutive parts, in input order."""

    parts: list[Part] = field(default_factory=list)


def check_text_file(path: Path, block: int = 1 << 24) -> None:
    """Refuse an empty, binary or non-UTF-8 file, as ``ingest.read_bytes``/``decode`` do.

    Reads the file in blocks, so a corpus of any size is checked in constant memory.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset, blank = 0, True
    try:
        with open(path, "rb") as fh:
            while data := fh.read(block):
                if offset == 0 and b"\x00" in data[:8192]:
                    raise InputError(path, "looks like a binary file (it contains NUL bytes), "
                                     "not text")
                try:
                    decoder.decode(data)
                except UnicodeDecodeError as err:
                    raise InputError(path, f"is not valid UTF-8 (byte 0x{data[err.start]:02x} at "
                                     f"offset {offset + err.start}); re-save it as UTF-8") from None
                blank = blank and not data.strip()
                offset += len(data)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise InputError(path, "is not valid UTF-8 (it ends inside a character); re-save it "
                         "as UTF-8") from None
    except OSError as err:
        raise InputError(path, f"cannot read the file ({err.strerror or err})") from None
    if blank:
        raise InputError(path, "the file is empty")


def open_corpus(path: Path) -> tuple[pl.LazyFrame, int]:
    """Check a corpus file whole and return a scan of its string columns and its row count.

    The scan yields ``_row`` (1-based row number) and the columns ``read_corpus`` keeps,
    cast to strings.
    """
    kind = suffix_of(path)
    if path.suffix.lower() == ".gz":
        scan = read_corpus_frame(path).lazy()
    else:
        if kind != ".parquet":
            check_text_file(path)
        if kind == ".parquet":
            scan = pl.scan_parquet(path)
        elif kind == ".csv":
            scan = pl.scan_csv(path, infer_schema=False)
        else:
            scan = pl.scan_ndjson(path, infer_schema_length=None)
    try:
        columns = scan.collect_schema().names()
        if "text" not in columns:
            shown = ", ".join(columns[:12]) or "none"
            raise InputError(path, f"the corpus has no 'text' column (columns: {shown})")
        keep = [c for c in ("id", "text", *METADATA_FIELDS) if c in columns]
        scan = scan.select(pl.col(c).cast(pl.String) for c in keep)
        # parse every kept value once, so that a bad row stops the file before any is scored
        probe = [pl.len().alias("_n")]
        if kind != ".parquet":
            probe += [pl.col(c).str.len_bytes().sum() for c in keep]
        n_rows = scan.select(probe).collect(engine="streaming")["_n"].item()
    except InputError:
        raise
    except Exception as err:  # polars raises many kinds; all mean a malformed file
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise InputError(path, f"cannot parse as {kind[1:]} ({first[:160]})") from None
    if n_rows == 0:
        raise InputError(path, "the corpus has no rows")
    return scan.with_row_index("_row", offset=1), n_rows


def read_chunks(paths: Iterable[str | Path], *, errors: list[InputError],
                chunk_bytes: int, on_total: Callable[[int], None] | None = None,
                ) -> Iterator[Chunk]:
    """Yield chunks of about ``chunk_bytes`` of text from every input, in input order.

    Inputs that cannot be read go to ``errors`` (the others are still read); every corpus is
    checked before any chunk is yielded. ``on_total`` receives the number of articles.
    """
    inputs: list[tuple[Path, pl.LazyFrame | None]] = []
    total = 0
    for item in expand_paths(paths):
        if isinstance(item, InputError):
            errors.append(item)
        elif suffix_of(item) in CORPUS_SUFFIXES:
            try:
                scan, n_rows = open_corpus(item)
            except InputError as err:
                errors.append(err)
                continue
            inputs.append((item, scan))
            total += n_rows
        else:
            inputs.append((item, None))
            total += 1
    if on_total is not None:
        on_total(total)
    chunk, size = Chunk(), 0
    for path, scan in inputs:
        for part in _parts(path, scan, errors):
            frame = part.rows if part.rows is not None else part.table
            lengths = frame["text"].str.len_bytes().fill_null(0).to_list()
            start = 0
            # corpus rows are split between chunks, an article never is
            for end, length in enumerate(lengths, 1):
                size += length
                if size >= chunk_bytes and part.rows is not None:
                    chunk.parts.append(_slice(part, start, end))
                    yield chunk
                    chunk, size, start = Chunk(), 0, end
            if start < len(lengths):
                chunk.parts.append(_slice(part, start, len(lengths)))
            if size >= chunk_bytes:
                yield chunk
                chunk, size = Chunk(), 0
    if chunk.parts:
        yield chunk


def _slice(part: Part, start: int, end: int) -> Part:
    if part.rows is None or (start == 0 and end == part.rows.height):
        return part
    return Part(part.source, part.stem, rows=part.rows.slice(start, end - start))


def _parts(path: Path, scan: pl.LazyFrame | None, errors: list[InputError]) -> Iterator[Part]:
    if scan is None:
        try:
            articles = read_file(path, errors=errors)
        except InputError as err:
            errors.append(err)
            return
        yield Part(str(path), path.stem, table=to_frame(articles))
        return
    for rows in scan.collect_batches(chunk_size=BATCH_ROWS, lazy=True):
        yield Part(str(path), path.stem, rows=rows)


class TableWriter:
    """Append tables to one CSV or Parquet file (atomically), or as CSV to standard output.

    CSV cells are formula-neutralised as in :func:`workbench.export.write_table`; the header
    is written once. Use as a context manager: the file appears only if the block succeeds.
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
                text = neutralise_formulas(table).write_csv(include_header=self.rows == 0)
                if self._handle is None:
                    sys.stdout.write(text)
                else:
                    self._handle.write(text.encode())
            else:
                self._write_parquet(table)
        except OSError as err:
            raise InputError(self.out or "<stdout>",
                             f"cannot write the output ({err.strerror or err})") from None
        self.rows += table.height

    def _write_parquet(self, table: pl.DataFrame) -> None:
        import pyarrow.parquet as pq

        arrow = table.to_arrow()
        if self._parquet is None:
            self._schema = arrow.schema
            self._parquet = pq.ParquetWriter(self._tmp, arrow.schema, compression="zstd")
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
