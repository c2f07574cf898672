"""The corpus path of ``workbench score`` reads what ``read_file`` reads, or fails as cleanly;
and the streamed CSV reader reads, block by block, what polars reads whole."""

from __future__ import annotations

import gzip
import tempfile
from pathlib import Path
from unittest import mock

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fuzz.test_ingest import FILES
from workbench.bulk.scoring import score_corpus
from workbench.errors import InputError, WorkbenchError
from workbench.io import corpus as corpus_io
from workbench.io.articles import read_file
from workbench.io.reader import read_chunks
from workbench.io.tables import TableWriter, read_table
from workbench.text.segment import to_frame

CORPORA = [".csv", ".jsonl", ".parquet", ".jsonl.gz"]


@pytest.mark.parametrize("suffix", CORPORA)
@settings(max_examples=25)
@given(draw=st.data(), zipped=st.booleans())
def test_bulk_reads_the_same_paragraphs_as_read_file(suffix, draw, zipped):
    data = draw.draw(FILES[suffix], label="file content")
    if suffix.endswith(".gz") and zipped:
        data = gzip.compress(data)
    with tempfile.TemporaryDirectory() as folder:
        path, out = Path(folder) / f"corpus{suffix}", Path(folder) / "out.parquet"
        path.write_bytes(data)
        try:
            # the table's paragraphs (a wire credit glued to one is a row of its own)
            expected = to_frame(read_file(path, errors=[]))["text"].to_list()
        except InputError:
            expected = None
        try:
            report = score_corpus([path], out, workers=1, progress=False)
        except WorkbenchError:
            assert expected is None, "bulk refused a file that read_file reads"
            assert not out.exists()
            return
        got = read_table(out)["text"].to_list()
        if expected is None:
            assert report.errors, "bulk read a file that read_file refuses, without a word"
        else:
            assert got == expected
        assert sorted(p.name for p in Path(folder).iterdir()) == sorted([path.name, out.name])


CELL = st.text(st.sampled_from(list('ab Z,;"\'\n\r\t=-@é—“”🙂\u00a0\u2028')) | st.characters(
    codec="utf-8", exclude_categories=("Cs",)), max_size=60)
"""A CSV cell: quotes, separators, line breaks, formula starts and any other character."""
ROWS = st.lists(st.tuples(CELL | st.none(), CELL, CELL | st.none()), min_size=1, max_size=25)


@given(rows=ROWS, block=st.integers(1, 400), chunk_bytes=st.integers(1, 2000),
       cuts=st.lists(st.integers(1, 24), max_size=3))
def test_csv_written_by_the_table_writer_streams_back_as_polars_reads_it(rows, block,
                                                                         chunk_bytes, cuts):
    """TableWriter (in several appends) -> read_chunks, with blocks of ``block`` bytes (so
    rows straddle blocks and the file is re-opened with larger ones) and chunks of
    ``chunk_bytes``: every row once, in order, with polars' values (null or "")."""
    frame = pl.DataFrame(rows, schema={"id": pl.String, "text": pl.String, "title": pl.String},
                         orient="row")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "corpus.csv"
        with TableWriter(path) as writer:
            for start, end in zip([0, *sorted(cuts)], [*sorted(cuts), len(rows)], strict=True):
                if start < end:
                    writer.write(frame.slice(start, end - start))
        expected = pl.read_csv(path, infer_schema=False).with_row_index("_row", offset=1)
        errors: list[InputError] = []
        with mock.patch.object(corpus_io, "BLOCK_BYTES", block):
            chunks = list(read_chunks([path], errors=errors, chunk_bytes=chunk_bytes))
    assert not errors, errors
    got = pl.concat([part.rows for chunk in chunks for part in chunk.parts])
    assert got.select(expected.columns).equals(expected)
    assert expected.height == len(rows)
