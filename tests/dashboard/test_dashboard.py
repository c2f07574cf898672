"""The dashboard's library side: uploads, pasted text, caching keys and the CSV downloads."""

from __future__ import annotations

import json
import os
import tempfile

import polars as pl
import pytest

from workbench import cli
from workbench import dashboard as wd
from workbench.errors import InputError
from workbench.io.articles import Article, read_file

PAIR = ("101_wire_named_sources.txt", "102_anonymous_hedged.txt")


@pytest.mark.parametrize(("name", "safe"), [
    ("story.txt", "story.txt"),
    ("../../etc/passwd", "passwd"),
    ("/abs/path/x.md", "x.md"),
    ("..\\..\\windows\\evil.HTML", "evil.html"),
    (".hidden.csv", "hidden.csv"),
    ("a b;rm -rf $HOME`.txt", "a_b_rm_-rf_HOME.txt"),
    ("nul\x00byte.txt", "nul_byte.txt"),
    ("Überblick – Kyiv.txt", "berblick_Kyiv.txt"),
    ("", "upload"),
    ("x" * 300 + ".jsonl", "x" * 80 + ".jsonl"),
])
def test_safe_filename(name, safe):
    assert wd.safe_filename(name) == safe


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """Point tempfile at an empty folder, to see what an upload leaves behind."""
    root = tmp_path / "tmp"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return root


def test_upload_is_read_in_memory_under_its_safe_name_and_writes_nothing(private_tmp, tmp_path):
    before = set(os.listdir(tmp_path))
    data = b"Headline here\n\nFirst paragraph, officials said.\n\nSecond one."
    articles, errors = wd.read_upload("../../escape/My story.txt", data)
    (article,) = articles
    assert errors == []
    assert article.article_id == "My_story" and article.title == "Headline here"
    assert article.paragraphs == ("First paragraph, officials said.", "Second one.")
    assert article.source == "My_story.txt"  # the safe name, not the uploaded path
    assert list(private_tmp.iterdir()) == []  # nothing left behind
    assert set(os.listdir(tmp_path)) == before  # nothing written beside it
    assert not (tmp_path.parent / "escape").exists()


def test_corpus_upload_gives_one_article_per_row_and_reports_bad_rows(private_tmp):
    rows = [{"id": "r1", "text": "One.\nTwo.", "outlet": "Wire"},
            {"id": "r2", "text": ""},
            {"id": "r3", "text": "Three.", "title": "T3"}]
    data = "\n".join(json.dumps(r) for r in rows).encode()
    articles, errors = wd.read_upload("corpus.jsonl", data)
    assert [a.article_id for a in articles] == ["r1", "r3"]
    assert articles[0].source == "corpus.jsonl#1" and articles[0].outlet == "Wire"
    assert [str(e) for e in errors] == ["corpus.jsonl: 1 row(s) have no text and were skipped "
                                        "(rows 2)"]


def test_csv_and_html_uploads(private_tmp):
    (csv_article,), _ = wd.read_upload("c.csv", b"id,text\nx,Hello there.\n")
    assert csv_article.paragraphs == ("Hello there.",)
    page = (b"<html><head><title>Talks</title></head><body><article><h1>Talks</h1>"
            + b"".join(b"<p>Paragraph %d of the talks report, with enough words to keep.</p>" % i
                       for i in range(4)) + b"</article></body></html>")
    (html_article,), _ = wd.read_upload("page.html", page)
    assert len(html_article.paragraphs) >= 3


def test_too_large_upload_is_refused_before_it_is_written(private_tmp):
    with pytest.raises(InputError, match=r"big\.txt: the file is 2\.0 MB; the dashboard reads "
                                         r"up to 1 MB"):
        wd.read_upload("big.txt", b"x" * (2 * 2**20), max_bytes=2**20)
    assert list(private_tmp.iterdir()) == []


@pytest.mark.parametrize(("name", "data", "problem"), [
    ("tool.exe", b"MZ", "unsupported file type"),
    ("empty.txt", b"  \n", "the file is empty"),
    ("latin.txt", "caf\u00e9".encode("latin-1"), "is not valid UTF-8"),
    ("broken.jsonl", b"{not json", "cannot parse as jsonl"),
])
def test_bad_uploads_are_named_errors(private_tmp, name, data, problem):
    with pytest.raises(InputError, match=problem) as err:
        wd.read_upload(name, data)
    assert str(err.value).startswith(wd.safe_filename(name) + ":")
    assert "workbench-upload" not in str(err.value)


def test_pasted_article_takes_title_and_outlet():
    article = wd.pasted_article("It may rain.\n\nOfficials said so.", title=" Rain *talk* ",
                                outlet="Daily")
    assert (article.title, article.outlet) == ("Rain *talk*", "Daily")
    assert article.paragraphs == ("It may rain.", "Officials said so.")
    assert article.article_id == "Rain_talk"


def test_pasted_article_without_title_uses_its_headline_line():
    article = wd.pasted_article("Short headline\nFirst paragraph here.\nSecond.")
    assert article.title == "Short headline" and len(article.paragraphs) == 2


def test_empty_paste_is_refused():
    with pytest.raises(InputError, match="pasted text: is empty"):
        wd.pasted_article("  \n ")


def test_seed_articles_and_default_selection(seeds_dir):
    seeds, errors = wd.seed_articles(seeds_dir)
    assert errors == []
    assert wd.default_selection(list(seeds)) == ["seed:101_wire_named_sources",
                                                 "seed:102_anonymous_hedged"]
    assert all(k == f"seed:{a.article_id}" for k, a in seeds.items())


def test_article_hash_follows_content():
    a = Article("a", "T", ("one", "two"))
    assert wd.article_hash(a) == wd.article_hash(Article("a", "T", ("one", "two")))
    assert wd.article_hash(a) != wd.article_hash(Article("a", "T", ("one", "two!")))
    assert wd.article_hash(a) != wd.article_hash(Article("a", "T", ("onetwo",)))
    assert wd.article_hash(a) != wd.article_hash(Article("a", "T", ("one", "two"), outlet="W"))
    # The cache is shared by all sessions: no two different articles may share a key.
    assert wd.article_hash(Article("a", "T", ("x\x00y",))) != \
        wd.article_hash(Article("a", "T", ("x", "y")))
    assert wd.article_hash(Article("a", "T", ("x",), outlet="")) != \
        wd.article_hash(Article("a", "T", ("x",), outlet=None))


def test_unique_ids_keeps_articles_apart():
    same = [Article("x", "A", ("a",)), Article("x", "B", ("b",)), Article("y", "C", ("c",))]
    assert [a.article_id for a in wd.unique_ids(same)] == ["x", "x (2)", "y"]


@pytest.fixture(scope="module")
def pair_table(seeds_dir):
    articles = [a for name in PAIR for a in read_file(seeds_dir / name)]
    return wd.combine([wd.score_article(a) for a in articles])


def test_downloads_are_the_bytes_the_cli_writes(pair_table, seeds_dir, tmp_path):
    paths = [str(seeds_dir / name) for name in PAIR]
    assert cli.main(["score", *paths, "--model", "none", "--out", str(tmp_path / "p.csv")]) == 0
    assert wd.paragraph_csv(pair_table) == (tmp_path / "p.csv").read_bytes()
    assert cli.main(["score", *paths, "--model", "none", "--by", "article",
                     "--out", str(tmp_path / "a.csv")]) == 0
    assert wd.summary_csv(pair_table) == (tmp_path / "a.csv").read_bytes()


def test_paragraph_csv_neutralises_formulas():
    table = pl.DataFrame({"text": ["=HYPERLINK(\"x\")", "fine"]})
    assert wd.paragraph_csv(table).decode().splitlines()[1] == "\"'=HYPERLINK(\"\"x\"\")\""


def test_rows_of_and_paragraph_scores(pair_table):
    rows = wd.rows_of(pair_table, "102_anonymous_hedged")
    assert [r["paragraph_index"] for r in rows] == list(range(len(rows)))
    scores = dict(wd.paragraph_scores(rows[0]).rows())
    assert scores["Hedges"] == str(rows[0]["hedge_count"]) != "0"
    assert scores["Hedges per 100 words"] == f"{rows[0]['hedge_per_100w']:#.3g}".rstrip(".")
    assert "text" not in scores and "is_boilerplate" not in scores
    assert "Words" in scores and "n_words" not in scores
    assert wd.model_columns(pair_table) == []


def test_cue_terms_count_frame_cues():
    cues = [{"text": "Taxes", "frame": "economic"}, {"text": "taxes", "frame": "economic"},
            {"text": "court", "frame": "legality"}]
    assert wd.cue_terms(cues).rows() == [("economic", "taxes", 2), ("legality", "court", 1)]
    assert wd.cue_terms([]).height == 0
