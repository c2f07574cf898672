"""Reading any bytes gives articles or the project's own InputError, never a crash."""

from __future__ import annotations

import gzip
import io
import json
import tempfile
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.strategies import hostile_text
from workbench.errors import InputError
from workbench.io.articles import article_from_text, read_articles, read_file

json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | hostile_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner,
                                                                  max_size=3),
    max_leaves=6,
)
"""What a scraper may put in a corpus field: any JSON value, not only a string."""


def _parquet(values: list) -> st.SearchStrategy[bytes]:
    """Parquet files holding ``values`` as a ``text`` column of each possible type."""
    columns = [
        pl.Series([json.dumps(v) for v in values]),
        pl.Series([v if isinstance(v, str) else None for v in values], dtype=pl.String),
        pl.Series([[str(v)] for v in values], dtype=pl.List(pl.String)),
        pl.Series([{"a": str(v)} for v in values]),
        pl.Series([len(str(v)) for v in values], dtype=pl.Int64),
        pl.Series([str(v).encode() for v in values], dtype=pl.Binary),
        pl.Series([None] * len(values), dtype=pl.Null),
    ]
    return st.sampled_from(columns).map(_write_parquet)


def _write_parquet(column: pl.Series) -> bytes:
    buffer = io.BytesIO()
    pl.DataFrame({"id": list(range(len(column))), "text": column}).write_parquet(buffer)
    return buffer.getvalue()


parquet_bytes = st.lists(json_value, min_size=1, max_size=4).flatmap(_parquet)
"""Parquet corpora whose ``text`` column has any type."""

text_bytes = st.one_of(
    hostile_text.map(lambda s: s.encode("utf-8")),
    hostile_text.map(lambda s: s.encode("utf-8-sig")),
    hostile_text.map(lambda s: s.encode("utf-16")),
    hostile_text.map(lambda s: s.encode("cp1252", "replace")),
    st.binary(max_size=300),
)
csv_header = st.just("id,text") | hostile_text | hostile_text.map(
    lambda name: '"' + name.replace('"', '""') + '"')  # a quoted name may hold line breaks
csv_bytes = st.tuples(csv_header, st.lists(hostile_text, max_size=4)).map(
    lambda t: (t[0] + "\n" + "".join(f'{i},"{r}"\n' for i, r in enumerate(t[1]))).encode())
"""A header (hostile or not) and rows of hostile text, quoting and all."""
jsonl_bytes = st.lists(json_value, min_size=1, max_size=4).map(  # text of any JSON type
    lambda rows: "".join(json.dumps({"id": i, "text": r, "title": r}) + "\n"
                         for i, r in enumerate(rows)).encode())
truncated_parquet = parquet_bytes.flatmap(
    lambda data: st.integers(0, len(data) - 1).map(lambda n: data[:n]))

FILES = {
    ".txt": text_bytes, ".md": text_bytes, ".html": text_bytes | text_bytes.map(
        lambda b: b"<html><body><p>" + b + b"</p></body></html>"),
    ".csv": csv_bytes | text_bytes, ".jsonl": jsonl_bytes | text_bytes,
    ".parquet": parquet_bytes | truncated_parquet,
    ".txt.gz": text_bytes, ".jsonl.gz": jsonl_bytes | text_bytes,
}
"""What a file of each type may hold: its own format, damaged or not, or anything else."""


def check_article(art):
    assert art.paragraphs, "an article always has a paragraph"
    for par in art.paragraphs:
        assert par and par == par.strip() and "\n" not in par


@pytest.mark.parametrize("suffix", list(FILES))
@given(draw=st.data(), zipped=st.booleans())
def test_any_bytes_give_articles_or_input_error(suffix, draw, zipped):
    data = draw.draw(FILES[suffix], label="file content")
    if suffix.endswith(".gz") and zipped:
        data = gzip.compress(data)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        errors: list[InputError] = []
        try:
            articles = read_file(path, errors=errors)
        except InputError as err:
            assert str(err).startswith(str(path)) and "\n" not in str(err)
            return
        for art in articles:
            check_article(art)
        assert all(isinstance(e, InputError) for e in errors)


@given(text=hostile_text, markdown=st.booleans())
def test_any_text_gives_an_article_or_input_error(text, markdown):
    try:
        art = article_from_text(text, source="pasted.txt", markdown=markdown)
    except InputError as err:
        assert "holds no text" in str(err)
        return
    check_article(art)


@given(st.lists(st.tuples(st.sampled_from(list(FILES)), st.binary(max_size=60) | hostile_text.map(
    str.encode)), min_size=1, max_size=6))
def test_a_folder_of_anything_never_raises(files):
    with tempfile.TemporaryDirectory() as folder:
        for i, (suffix, data) in enumerate(files):
            (Path(folder) / f"f{i}{suffix}").write_bytes(data)
        result = read_articles([folder])
        for art in result.articles:
            check_article(art)
        assert len(result.articles) + len(result.errors) >= 1
