"""Read a corpus file a batch of rows at a time, in constant memory, as ``read_corpus`` would.

:func:`open_corpus` checks a whole file first, with the checks and messages of
:func:`workbench.io.articles.read_corpus_frame` (empty, binary, not UTF-8, unparsable, no
``text`` column, no rows), so that a malformed file is skipped whole before any row of it is
scored. :meth:`Corpus.batches` then yields the rows, the kept columns cast to strings
exactly as ``read_corpus`` casts them, plus ``_row``, the 1-based row number:

- Parquet through ``pyarrow`` record batches (polars' ``collect_batches`` was measured to
  run ahead of a slow consumer and buffer most of the file);
- JSONL in blocks of whole lines, parsed by polars with the schema inferred from the whole
  file, as ``read_ndjson(infer_schema_length=None)`` infers it;
- CSV in blocks cut at a line end outside quotes (even count of ``"`` before it), each
  parsed by polars with the header. The row count is checked against the whole-file parse;
- gzip-compressed files whole in memory, within :data:`workbench.io.articles.MAX_FILE_BYTES`.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from workbench.errors import InputError
from workbench.io.articles import corpus_columns, read_corpus_frame, suffix_of

BATCH_ROWS = 256
"""Parquet rows per record batch."""
BLOCK_BYTES = 4 << 20
"""Bytes of JSONL or CSV read at a time."""


@dataclass
class Corpus:
    """A checked corpus file: its format, the columns kept, its rows and how to parse them."""

    path: Path
    kind: str
    keep: list[str]
    n_rows: int
    schema: pl.Schema | None = None
    frame: pl.DataFrame | None = None  # gzip files, read whole

    def batches(self) -> Iterator[pl.DataFrame]:
        """Yield the rows in order: kept columns as strings, and ``_row``."""
        row = 1
        for batch in self._raw_batches():
            batch = batch.select(pl.col(c).cast(pl.String) for c in self.keep)
            yield batch.with_row_index("_row", offset=row)
            row += batch.height
        if row - 1 != self.n_rows:  # a CSV cut in the wrong place; never seen, never silent
            raise InputError(self.path, f"read {row - 1} rows in blocks but {self.n_rows} "
                             "whole; convert it to Parquet or JSONL")

    def _raw_batches(self) -> Iterator[pl.DataFrame]:
        if self.frame is not None:
            for start in range(0, self.frame.height, BATCH_ROWS):
                yield self.frame.slice(start, BATCH_ROWS)
        elif self.kind == ".parquet":
            import pyarrow.parquet as pq

            reader = pq.ParquetFile(self.path, buffer_size=1 << 20, pre_buffer=False)
            for batch in reader.iter_batches(batch_size=BATCH_ROWS, columns=self.keep):
                yield pl.from_arrow(batch)
        elif self.kind == ".csv":
            header, blocks = _csv_blocks(self.path)
            for block in blocks:
                yield pl.read_csv(io.BytesIO(header + block), infer_schema=False)
        else:
            for block in _line_blocks(self.path):
                yield pl.read_ndjson(io.BytesIO(block), schema=self.schema)


def open_corpus(path: Path) -> Corpus:
    """Check the corpus file at ``path`` whole; raise :class:`InputError` if it is unusable."""
    kind = suffix_of(path)
    frame = schema = None
    if path.suffix.lower() == ".gz":
        frame = read_corpus_frame(path)
        scan = frame.lazy()
    elif kind == ".parquet":
        scan = pl.scan_parquet(path)
    else:
        check_text_file(path)
        scan = (pl.scan_csv(path, infer_schema=False) if kind == ".csv"
                else pl.scan_ndjson(path, infer_schema_length=None))
    try:
        schema = scan.collect_schema()
        columns = schema.names()
        if "text" not in columns:
            shown = ", ".join(columns[:12]) or "none"
            raise InputError(path, f"the corpus has no 'text' column (columns: {shown})")
        keep = corpus_columns(schema, path)
        probe = [pl.len().alias("_n")]
        if kind != ".parquet" and frame is None:  # parse every kept value once
            probe += [pl.col(c).cast(pl.String).str.len_bytes().sum() for c in keep]
        n_rows = scan.select(probe).collect(engine="streaming")["_n"].item()
    except InputError:
        raise
    except Exception as err:  # polars raises many kinds; all mean a malformed file
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise InputError(path, f"cannot parse as {kind[1:]} ({first[:160]})") from None
    if n_rows == 0:
        raise InputError(path, "the corpus has no rows")
    return Corpus(path, kind, keep, n_rows, schema=schema, frame=frame)


def check_text_file(path: Path, block: int = 1 << 24) -> None:
    """Refuse an empty, binary or non-UTF-8 file, as ``articles.read_bytes``/``decode`` do.

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


def _line_blocks(path: Path) -> Iterator[bytes]:
    """Yield the file in blocks of about :data:`BLOCK_BYTES` that end at a line end."""
    carry = b""
    with open(path, "rb") as fh:
        while data := fh.read(BLOCK_BYTES):
            data = carry + data
            cut = data.rfind(b"\n") + 1
            carry = data[cut:]
            if data[:cut].strip():
                yield data[:cut]
    if carry.strip():
        yield carry


def last_row_end(data: bytes) -> int:
    """Index just after the last line end outside quotes in ``data`` (which starts a row), or 0.

    Examples
    --------
    >>> last_row_end(b'a,"x\\ny"\\nb,"z\\n')
    8
    """
    quotes = data.count(b'"')
    end, pos = len(data), data.rfind(b"\n")
    while pos >= 0:
        quotes -= data.count(b'"', pos, end)
        if quotes % 2 == 0:
            return pos + 1
        end, pos = pos, data.rfind(b"\n", 0, pos)
    return 0


def _csv_blocks(path: Path) -> tuple[bytes, Iterator[bytes]]:
    """Return the header line and an iterator of blocks of whole rows."""
    fh = open(path, "rb")  # noqa: SIM115 - closed by the generator below
    data = b""
    while (cut := _first_row_end(data)) == 0:
        more = fh.read(BLOCK_BYTES)
        if not more:
            cut = len(data)
            break
        data += more
    header, rest = data[:cut], data[cut:]
    if not header.endswith(b"\n"):
        header += b"\n"

    def blocks() -> Iterator[bytes]:
        nonlocal rest
        with fh:
            while more := fh.read(BLOCK_BYTES):
                rest += more
                cut = last_row_end(rest)
                if cut:
                    yield rest[:cut]
                    rest = rest[cut:]
        if rest.strip():
            yield rest

    return header, blocks()


def _first_row_end(data: bytes) -> int:
    pos = data.find(b"\n")
    while pos >= 0:
        if data.count(b'"', 0, pos) % 2 == 0:
            return pos + 1
        pos = data.find(b"\n", pos + 1)
    return 0
