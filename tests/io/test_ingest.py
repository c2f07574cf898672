"""Reading articles: every supported format, and a clear error for every bad input."""

from __future__ import annotations

import gzip
import json

import polars as pl
import pytest

from workbench.errors import InputError
from workbench.io.articles import read_articles, read_file, read_file_bytes

ARTICLE = "Headline here\nFirst paragraph, Keller said.\nSecond paragraph.\n"


def test_txt_one_paragraph_per_line(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    (art,) = read_file(path)
    assert (art.article_id, art.title) == ("a", "Headline here")
    assert art.paragraphs == ("First paragraph, Keller said.", "Second paragraph.")


def test_txt_blank_line_form_with_front_matter(tmp_path):
    path = tmp_path / "b.txt"
    path.write_text("---\noutlet: Meridian Wire\ndate: 2024-11-11\nurl: https://x.test/a\n---\n"
                    "Headline\n\nA wrapped\nparagraph.\n\nAnother.\n", encoding="utf-8")
    (art,) = read_file(path)
    assert (art.outlet, art.date, art.url) == ("Meridian Wire", "2024-11-11", "https://x.test/a")
    assert art.title == "Headline"
    assert art.paragraphs == ("A wrapped paragraph.", "Another.")


def test_markdown(tmp_path):
    path = tmp_path / "c.md"
    path.write_text("# The title\n\nSome **bold** text with a [link](http://x.test).\n\n"
                    "- a list item\n", encoding="utf-8")
    (art,) = read_file(path)
    assert art.title == "The title"
    assert art.paragraphs == ("Some bold text with a link.", "a list item")


def test_html_uses_trafilatura(tmp_path):
    body = "".join(f"<p>Paragraph {i} of the story, officials said on Monday in the capital.</p>"
                   for i in range(6))
    path = tmp_path / "d.html"
    path.write_text(f"<html><head><title>Story title</title></head><body><nav>Home | World"
                    f"</nav><article><h1>Story title</h1>{body}</article><footer>(c) 2024"
                    f"</footer></body></html>", encoding="utf-8")
    (art,) = read_file(path)
    assert art.title == "Story title"
    assert art.paragraphs[0].startswith("Paragraph 0 of the story")
    assert not any("Home | World" in p for p in art.paragraphs)


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet", ".jsonl.gz"])
def test_corpora(tmp_path, suffix):
    frame = pl.DataFrame({"id": ["x1", "x2"], "text": ["One.\n\nTwo.", "Three."],
                          "outlet": ["Wire", "Blog"], "extra": [1, 2]})
    path = tmp_path / f"corpus{suffix}"
    if suffix == ".parquet":
        frame.write_parquet(path)
    elif suffix == ".csv":
        frame.write_csv(path)
    elif suffix == ".jsonl":
        frame.write_ndjson(path)
    else:
        path.write_bytes(gzip.compress(frame.write_ndjson().encode()))
    arts = read_file(path)
    assert [(a.article_id, a.outlet, a.paragraphs) for a in arts] == [
        ("x1", "Wire", ("One.", "Two.")), ("x2", "Blog", ("Three.",))]


def test_directory_reads_supported_files_only(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "README.md").write_text("# About this folder\n\nNot an article.", encoding="utf-8")
    result = read_articles([tmp_path])
    assert [a.article_id for a in result.articles] == ["a"]
    assert result.errors == []


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


BAD = {
    "empty": ("empty.txt", b"", "the file is empty"),
    "whitespace": ("blank.txt", b" \n\n\t\n", "the file is empty"),
    "binary": ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    "latin-1": ("latin.txt", "Caf\xe9 au lait\nSecond line".encode("latin-1"), "not valid UTF-8"),
    "no text column": ("corpus.csv", b"id,body\n1,hello\n", "no 'text' column"),
    "broken json": ("corpus.jsonl", b'{"text": "ok"}\n{"text": \n', "cannot parse as jsonl"),
    "bad gzip": ("corpus.jsonl.gz", b"\x1f\x8b\x08\x00truncated", "not a valid gzip file"),
    "unsupported": ("slides.pptx", b"PK\x03\x04", "unsupported file type"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_gets_one_clear_line(tmp_path, case):
    name, data, problem = BAD[case]
    path = write(tmp_path, name, data)
    result = read_articles([path])
    assert result.articles == []
    (err,) = result.errors
    message = str(err)
    assert "\n" not in message
    assert message.startswith(str(path)) and problem in message


def test_missing_path(tmp_path):
    (err,) = read_articles([tmp_path / "nope.txt"]).errors
    assert str(err) == f"{tmp_path / 'nope.txt'}: no such file or directory"


def test_corpus_rows_without_text_are_listed(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in [
        {"text": "Fine."}, {"text": ""}, {"text": None}, {"text": "Also fine."}]))
    result = read_articles([path])
    assert [a.paragraphs for a in result.articles] == [("Fine.",), ("Also fine.",)]
    (err,) = result.errors
    assert "2 row(s) have no text" in str(err) and "rows 2, 3" in str(err)


def test_batch_keeps_good_files(tmp_path):
    good = write(tmp_path, "good.txt", ARTICLE.encode())
    bad = write(tmp_path, "bad.txt", b"")
    result = read_articles([good, bad, tmp_path / "missing.md"])
    assert [a.article_id for a in result.articles] == ["good"]
    assert len(result.errors) == 2


def test_read_file_raises_input_error(tmp_path):
    with pytest.raises(InputError, match="the file is empty"):
        read_file(write(tmp_path, "e.md", b""))


@pytest.mark.parametrize("name, data", [
    ("story.md", b"---\noutlet: Wire\n---\n# Headline\n\nOfficials said it may rain.\n\nIt did."),
    ("rows.jsonl", b'{"id": "a", "text": "One.\\n\\nTwo."}\n{"text": ""}\n{"text": "Three."}\n'),
    ("rows.csv", b'id,text,outlet\na,"One, said.\n\nTwo.",\n,Three.,""\n'),
])
def test_bytes_read_as_the_same_file_would_be(tmp_path, name, data):
    path = write(tmp_path, name, data)
    file_errors, byte_errors = [], []
    from_file = read_file(path, errors=file_errors)
    from_bytes = read_file_bytes(name, data, errors=byte_errors)
    assert [a.paragraphs for a in from_bytes] == [a.paragraphs for a in from_file]
    assert [(a.article_id, a.title, a.outlet) for a in from_bytes] == \
        [(a.article_id, a.title, a.outlet) for a in from_file]
    assert [a.source.replace(str(path), name) for a in from_file] == [a.source for a in from_bytes]
    assert [e.problem for e in byte_errors] == [e.problem for e in file_errors]
    assert all(str(e).startswith(name) for e in byte_errors)


@pytest.mark.parametrize("name, data, problem", [
    ("empty.txt", b"  \n", "the file is empty"),
    ("latin.csv", "text\ncaf\xe9\n".encode("latin-1"), "is not valid UTF-8"),
    ("notext.jsonl", b'{"body": "x"}\n', "no 'text' column"),
    ("sheet.xlsx", b"PK", "unsupported file type"),
])
def test_bad_bytes_give_one_line_naming_the_file(name, data, problem):
    with pytest.raises(InputError, match=problem) as info:
        read_file_bytes(name, data)
    assert str(info.value).startswith(name) and "\n" not in str(info.value)
