"""Streaming input and output for :mod:`workbench.bulk`: inputs in chunks, tables appended.

:func:`read_chunks` gathers corpus rows (:mod:`workbench.bulk_read`) and article files into
chunks of about ``chunk_bytes`` of text, in input order; :class:`TableWriter` appends scored
chunks to one CSV or Parquet file that appears only when complete.
"""

from __future__ import annotations

import contextlib
import io
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from workbench.bulk_read import Corpus, open_corpus
from workbench.errors import InputError, NoArticlesError
from workbench.export import atomic_path, neutralise_formulas, output_format
from workbench.ingest import CORPUS_SUFFIXES, expand_paths, read_file, suffix_of
from workbench.segment import to_frame

if TYPE_CHECKING:
    from workbench.bulk import ChunkResult


@dataclass
class Part:
    """Rows of one input inside a chunk: corpus rows (strings plus ``_row``) or a ready table."""

    source: str
    stem: str
    rows: pl.DataFrame | None = None
    table: pl.DataFrame | None = None
    warnings: tuple[str, ...] = ()  # an article file's ``Article.warnings``

    def __getstate__(self) -> dict:
        """State for pickle (the trip to a worker): frames as :func:`packed_frame` bytes
        (measured on an 8 MiB chunk: 8 against 24 ms to pack, 3.5 against 10 to unpack)."""
        return {k: packed_frame(v) if isinstance(v, pl.DataFrame) else v
                for k, v in self.__dict__.items()}

    def __setstate__(self, state: dict) -> None:  # noqa: D105
        self.__dict__.update({k: unpacked_frame(v) if isinstance(v, bytes) else v
                              for k, v in state.items()})


def packed_frame(frame: pl.DataFrame) -> bytes:
    """Return ``frame`` as uncompressed Arrow IPC bytes, for the trips between processes:
    polars' own pickling compresses, which costs more CPU than the pipe saves."""
    packed = io.BytesIO()
    frame.write_ipc(packed, compression="uncompressed")
    return packed.getvalue()


def unpacked_frame(data: bytes) -> pl.DataFrame:
    """Return the frame :func:`packed_frame` packed."""
    return pl.read_ipc(io.BytesIO(data))


@dataclass
class Chunk:
    """The unit of work: consecutive parts, in input order."""

    parts: list[Part] = field(default_factory=list)


def read_chunks(paths: Iterable[str | Path], *, errors: list[InputError],
                chunk_bytes: int, on_total: Callable[[int], None] | None = None,
                ) -> Iterator[Chunk]:
    """Yield chunks of about ``chunk_bytes`` of text from every input, in input order.

    Inputs that cannot be read go to ``errors`` (the others are still read); every corpus is
    checked before any chunk is yielded. ``on_total`` receives the number of articles.
    """
    inputs: list[tuple[Path, Corpus | None]] = []
    total = 0
    for item in expand_paths(paths):
        if isinstance(item, InputError):
            errors.append(item)
        elif suffix_of(item) in CORPUS_SUFFIXES:
            try:
                corpus = open_corpus(item)
            except InputError as err:
                errors.append(err)
                continue
            inputs.append((item, corpus))
            total += corpus.n_rows
        else:
            inputs.append((item, None))
            total += 1
    if on_total is not None:
        on_total(total)
    chunk, size = Chunk(), 0
    for path, corpus in inputs:
        for part in _parts(path, corpus, errors):
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


def _parts(path: Path, corpus: Corpus | None, errors: list[InputError]) -> Iterator[Part]:
    if corpus is None:
        try:
            articles = read_file(path, errors=errors)
        except InputError as err:
            errors.append(err)
            return
        yield Part(str(path), path.stem, table=to_frame(articles),
                   warnings=tuple(w for a in articles for w in a.warnings))
        return
    for rows in corpus.batches():
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
                safe, header = neutralise_formulas(table), self.rows == 0
                if self._handle is None:
                    sys.stdout.write(safe.write_csv(include_header=header))
                else:  # as bytes: 2.9 against 5.5 us a paragraph made as str and encoded
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
            # numbers and the text, they are built and dropped (measured 3.0-3.2 against
            # 3.4-4.0 us a paragraph, and 5% smaller files)
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


@dataclass
class BulkReport:
    """What :func:`score_corpus` did: counts, failed inputs, seconds per stage."""

    paragraphs: int = 0
    articles: int = 0
    errors: list[InputError] = field(default_factory=list)
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)
    workers: int = 1
    warnings: list[str] = field(default_factory=list)  # "FILE: ...", paragraphs that look wrong

    @property
    def rate(self) -> float:
        """Paragraphs per second of wall time."""
        return self.paragraphs / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        """One line: paragraphs, articles, seconds and throughput."""
        return (f"scored {self.paragraphs:,} paragraphs from {self.articles:,} articles in "
                f"{self.seconds:.1f} s ({self.rate:,.0f} paragraphs/s, {self.workers} "
                f"worker{'s' * (self.workers != 1)})")


def warning_line(source: str, warned: list[tuple[int | None, str]]) -> str:
    """One line for the articles of ``source`` whose paragraphs look wrong.

    Examples
    --------
    >>> warning_line("a.txt", [(None, "paragraph 1 has 300 words")])
    'a.txt: paragraph 1 has 300 words'
    >>> warning_line("c.jsonl", [(4, "x"), (9, "y")])
    'c.jsonl: 2 row(s) have paragraphs that may be split wrongly (rows 4, 9); row 4: x'
    """
    if len(warned) == 1 and warned[0][0] is None:
        return f"{source}: {warned[0][1]}"
    rows = sorted(warned, key=lambda w: w[0] or 0)
    shown = ", ".join(str(r) for r, _ in rows[:10]) + (" ..." if len(rows) > 10 else "")
    return (f"{source}: {len(rows)} row(s) have paragraphs that may be split wrongly "
            f"(rows {shown}); row {rows[0][0]}: {rows[0][1]}")


class Collector:
    """Writes scored chunks in input order and keeps the report: counts, errors, stages."""

    def __init__(self, writer: TableWriter, report: BulkReport, bar: object = None) -> None:
        self.writer, self.report, self.bar = writer, report, bar
        self.start = time.perf_counter()
        self.stages = dict.fromkeys(
            ("read", "segment", "score", "summarise", "wait", "write"), 0.0)
        self.bad_rows: dict[str, list[int]] = {}
        self.warned_rows: dict[str, list[tuple[int | None, str]]] = {}

    def set_total(self, articles: int) -> None:
        """Tell the progress bar how many articles are coming."""
        if self.bar is not None:
            self.bar.total = articles

    def add(self, result: ChunkResult) -> None:
        """Write one scored chunk (the next in input order)."""
        t0 = time.perf_counter()
        self.writer.write(result.table)
        self.stages["write"] += time.perf_counter() - t0
        for key, value in result.stages.items():
            self.stages[key] += value
        for source, rows in result.bad_rows.items():
            self.bad_rows.setdefault(source, []).extend(rows)
        for source, warned in result.warned_rows.items():
            self.warned_rows.setdefault(source, []).extend(warned)
        self.report.articles += result.articles
        self.report.paragraphs += result.paragraphs
        if self.bar is not None:
            self.bar.set_postfix_str(f"{self.report.paragraphs:,} paragraphs", refresh=False)
            self.bar.update(result.articles)

    def finish(self) -> None:
        """Report rows without text as ``read_corpus`` does; refuse an empty result."""
        for source, rows in self.bad_rows.items():
            rows = sorted(rows)
            shown = ", ".join(map(str, rows[:10])) + (" ..." if len(rows) > 10 else "")
            self.report.errors.append(InputError(
                source, f"{len(rows)} row(s) have no text and were skipped (rows {shown})"))
        for source, warned in self.warned_rows.items():
            self.report.warnings.append(warning_line(source, warned))
        if self.report.paragraphs == 0:
            raise NoArticlesError(self.report.errors)  # the caller reports each error
        self.report.seconds = time.perf_counter() - self.start
        self.report.stages = self.stages
