"""Read a corpus file a batch of rows at a time, in constant memory, as ``read_corpus`` would.

:func:`open_corpus` checks a whole file first, with the checks and messages of
:func:`read_corpus_frame` (empty, binary, not UTF-8, unparsable, no
``text`` column, no rows), so that a malformed file is skipped whole before any row of it is
scored. :meth:`Corpus.batches` then yields the rows, the kept columns cast to strings
exactly as ``read_corpus`` casts them, plus ``_row``, the 1-based row number:

- Parquet through ``pyarrow`` record batches (polars' ``collect_batches`` was measured to
  run ahead of a slow consumer and buffer most of the file);
- JSONL in blocks of whole lines, parsed by polars with the schema inferred from the whole
  file, as ``read_ndjson(infer_schema_length=None)`` infers it;
- CSV streamed by ``pyarrow.csv.open_csv`` (quoted line breaks allowed; a row longer than
  a block re-opens the file with larger blocks). The row count is checked against the
  whole-file parse;
- gzip-compressed files and uploaded bytes whole in memory, within
  :data:`workbench.io.articles.MAX_FILE_BYTES`.

:func:`corpus_table` turns a batch of rows into the per-paragraph table: the one set of
rules for corpus rows, whether they are scored in bulk or read as :class:`Article` objects.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from workbench.errors import InputError
from workbench.io.files import check_size, check_text_file, decode, read_bytes, suffix_of
from workbench.text.segment import frame_from_columns, layout_warnings, paragraph_layouts

METADATA_FIELDS = ("title", "outlet", "date", "url")
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
            yield from _csv_batches(self.path, self.keep)
        else:
            for block in _line_blocks(self.path):
                yield pl.read_ndjson(io.BytesIO(block), schema=self.schema)


def read_corpus_frame(path: str | Path) -> pl.DataFrame:
    """Read a JSONL, CSV or Parquet corpus file whole into a frame with a ``text`` column."""
    path = Path(path)
    if suffix_of(path) == ".parquet" and path.suffix.lower() != ".gz":
        check_size(path)
        return parse_corpus(path, ".parquet", path)
    return parse_corpus(read_bytes(path), suffix_of(path), path)


def parse_corpus(data: bytes | Path, kind: str, path: str | Path) -> pl.DataFrame:
    """Parse a corpus's bytes ``data`` (or Parquet file) of format ``kind`` into a frame
    with a ``text`` column; ``path`` names it in messages."""
    path = Path(path)
    try:
        if kind == ".parquet":
            frame = pl.read_parquet(data if isinstance(data, Path) else io.BytesIO(data))
        else:
            decode(data, path)  # refuses binary data and non-UTF-8 bytes by name
            if kind == ".csv":
                frame = pl.read_csv(io.BytesIO(data), infer_schema=False)
            else:
                frame = pl.read_ndjson(io.BytesIO(data), infer_schema_length=None)
    except InputError:
        raise
    except Exception as err:  # polars raises many kinds; all mean a malformed file
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise InputError(path, f"cannot parse as {kind[1:]} ({first[:160]})") from None
    if "text" not in frame.columns:
        cols = ", ".join(frame.columns[:12]) or "none"
        raise InputError(path, f"the corpus has no 'text' column (columns: {cols})")
    if frame.height == 0:
        raise InputError(path, "the corpus has no rows")
    return frame


def corpus_columns(schema: pl.Schema, path: str | Path) -> list[str]:
    """Return the corpus columns to read as strings: ``id``, ``text`` and the metadata.

    A ``text`` column of lists or objects is refused; other such columns are left out.
    """
    if schema["text"].is_nested():
        raise InputError(path, f"the 'text' column holds {schema['text']} values; "
                         "expected one string per row")
    return [c for c in ("id", "text", *METADATA_FIELDS)
            if c in schema and not schema[c].is_nested()]


def open_corpus(path: Path, data: bytes | None = None) -> Corpus:
    """Check the corpus file at ``path`` whole; raise :class:`InputError` if it is unusable.

    With ``data``, the file's bytes (an upload), ``path`` only names it and gives its format.
    """
    kind = suffix_of(path)
    frame = schema = None
    if data is not None:
        frame = parse_corpus(data, kind, path)
        scan = frame.lazy()
    elif path.suffix.lower() == ".gz":
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


def _csv_batches(path: Path, keep: list[str]) -> Iterator[pl.DataFrame]:
    """Yield the ``keep`` columns of the CSV file at ``path`` as strings, with polars'
    ``read_csv(infer_schema=False)`` values (an unquoted empty field is null, a quoted one
    ``""``; no other null markers), a block of about ``block`` bytes at a time.

    ``open_csv`` refuses a row that straddles two blocks (or a header longer than one); the
    file is then read again with blocks four times larger, skipping the rows already yielded.
    """
    import pyarrow as pa
    import pyarrow.csv as pc

    done, block = 0, BLOCK_BYTES
    convert = pc.ConvertOptions(include_columns=keep, column_types=dict.fromkeys(keep, pa.string()),
                                strings_can_be_null=True, quoted_strings_can_be_null=False,
                                null_values=[""])
    while True:
        read = pc.ReadOptions(block_size=block, use_threads=False)
        seen = 0
        try:
            with pc.open_csv(path, read_options=read, convert_options=convert,
                             parse_options=pc.ParseOptions(newlines_in_values=True)) as reader:
                for batch in reader:
                    frame = pl.from_arrow(pa.Table.from_batches([batch]))
                    seen += frame.height
                    if seen > done:  # skip the rows yielded before a re-open
                        yield frame.slice(frame.height - (seen - done))
                        done = seen
            return
        except pa.ArrowInvalid as err:
            if block > path.stat().st_size:  # the whole file in one block: malformed
                raise InputError(path, f"cannot parse as csv ({str(err)[:160]})") from None
            block *= 4


def corpus_table(rows: pl.DataFrame, stem: str
                 ) -> tuple[pl.DataFrame, list[int], list[tuple[int, list[str]]]]:
    """Return the per-paragraph table of corpus ``rows`` (with ``_row``, the row number), the
    row numbers without text, and the rows whose paragraphs look wrong with their warnings.

    The one set of rules for corpus rows: ``rows`` hold the corpus columns as strings and
    ``_row``, the 1-based row number in the file; a missing or empty ``id`` is
    ``<stem>-<row>``, a missing or empty ``title`` is the id; paragraphs by
    :func:`workbench.text.segment.paragraphs` (via
    :func:`~workbench.text.segment.paragraph_layouts`).
    """
    layouts = paragraph_layouts(rows["text"])
    pars = layouts["paragraphs"]
    warned = [(row, found) for row, found in
              zip(rows["_row"].to_list(), layout_warnings(layouts).to_list(), strict=True)
              if found]
    blank = [None] * rows.height
    col = {c: rows[c] if c in rows.columns else pl.Series(c, blank, pl.String)
           for c in ("id", "title", "outlet", "date", "url")}
    frame = pl.DataFrame({
        "_row": rows["_row"],
        "article_id": col["id"], "title": col["title"], "outlet": col["outlet"],
        "date": col["date"], "url": col["url"],
        "text": pars,
    })
    missing = pl.col("article_id").is_null() | (pl.col("article_id") == "")
    frame = frame.with_columns(
        article_id=pl.when(missing).then(pl.lit(f"{stem}-") + pl.col("_row").cast(pl.String))
        .otherwise(pl.col("article_id")))
    no_title = pl.col("title").is_null() | (pl.col("title") == "")
    frame = frame.with_columns(
        title=pl.when(no_title).then(pl.col("article_id")).otherwise(pl.col("title")),
        paragraph_index=pl.int_ranges(0, pl.col("text").list.len(), dtype=pl.Int32))
    bad = frame.filter(pl.col("text").list.len() == 0)["_row"].to_list()
    frame = frame.filter(pl.col("text").list.len() > 0).explode("text", "paragraph_index")
    columns = ("article_id", "outlet", "title", "date", "url", "paragraph_index", "text", "_row")
    return frame_from_columns({c: frame[c] for c in columns}), bad, warned
