"""The corpus path of ``workbench score`` reads what ``read_file`` reads, or fails as cleanly."""

from __future__ import annotations

import gzip
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fuzz.test_ingest import FILES
from workbench.bulk.scoring import score_corpus
from workbench.errors import InputError, WorkbenchError
from workbench.io.articles import read_file
from workbench.io.tables import read_table

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
            expected = [p for art in read_file(path, errors=[]) for p in art.paragraphs]
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
