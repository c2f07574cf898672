"""The one reader: article files and corpora alike, as per-paragraph tables in bounded chunks.

:func:`read_chunks` gathers corpus rows (:mod:`workbench.io.corpus`) and article files
(:mod:`workbench.io.articles`) into chunks of about ``chunk_bytes`` of text, in input order;
:func:`chunk_table` makes a chunk's per-paragraph table (the corpus rows by
:func:`~workbench.io.corpus.corpus_table`, in the process that scores it); :func:`read_tables`
yields those tables one chunk at a time. :func:`packed_frame` carries tables between processes.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from workbench.errors import InputError
from workbench.io.articles import expand_paths, read_file
from workbench.io.corpus import Corpus, corpus_table, open_corpus
from workbench.io.files import CORPUS_SUFFIXES, suffix_of
from workbench.text.segment import to_frame


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
        (faster than polars' own pickling; docs/scaling.md)."""
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


CHUNK_BYTES = 8 << 20
"""Text per chunk (8 MiB, about 17,000 news paragraphs): bigger chunks cost less per paragraph
and more memory (measurements in docs/scaling.md)."""


@dataclass
class ChunkTable:
    """A chunk's per-paragraph table, its corpus rows without text and its warnings, by input."""

    table: pl.DataFrame
    bad_rows: dict[str, list[int]]
    warned_rows: dict[str, list[tuple[int | None, str]]]


def chunk_table(chunk: Chunk) -> ChunkTable:
    """Return the per-paragraph table of ``chunk`` (:data:`~workbench.text.segment.TABLE_COLUMNS`),
    with the rows without text and the paragraph warnings of each input."""
    tables, bad, warned = [], {}, {}
    for part in chunk.parts:
        if part.table is not None:
            tables.append(part.table)
            if part.warnings:
                warned[part.source] = [(None, "; ".join(part.warnings))]
            continue
        table, bad_rows, warned_rows = corpus_table(part.rows, part.stem)
        tables.append(table.drop("_row"))
        if bad_rows:
            bad[part.source] = bad_rows
        if warned_rows:
            warned[part.source] = [(row, "; ".join(found)) for row, found in warned_rows]
    table = pl.concat(tables, how="vertical") if len(tables) > 1 else tables[0]
    return ChunkTable(table, bad, warned)


def read_tables(paths: Iterable[str | Path], *, errors: list[InputError],
                chunk_bytes: int = CHUNK_BYTES) -> Iterator[ChunkTable]:
    """Yield the per-paragraph tables of every article file and corpus under ``paths``, a
    chunk of about ``chunk_bytes`` of text at a time, in input order (see
    :func:`read_chunks`; inputs that cannot be read go to ``errors``)."""
    for chunk in read_chunks(paths, errors=errors, chunk_bytes=chunk_bytes):
        yield chunk_table(chunk)
