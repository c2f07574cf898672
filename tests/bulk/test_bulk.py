"""Corpus scoring gives the rows of scoring the same articles one by one, in bounded chunks."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import polars as pl
import pytest

from workbench.bulk import scoring as bulk
from workbench.errors import WorkbenchError
from workbench.io.articles import read_articles
from workbench.io.reader import read_chunks
from workbench.io.tables import write_table
from workbench.score import score, summarise_articles

PARAGRAPHS = [
    "Officials said the talks might resume, according to two sources familiar with the matter.",
    '"We will not give up our land," Maria Keller, a spokeswoman, said on Monday.',
    "Mr. Smith met Gen. Lee in the U.S. on Jan. 5. They reportedly discussed taxes.",
    "=HYPERLINK(\"x\") is not a formula here; -5 degrees and @handles neither.",
    "Kyiv — Zelenskyy’s office clearly rejected the plan. «Never», he wrote.",
    "Read more: Kremlin says the call never happened",
    "Direct Diplomacy",
]


def article_text(i: int, n: int = 4, blank_lines: bool = True) -> str:
    pars = [PARAGRAPHS[(i + k) % len(PARAGRAPHS)] for k in range(n)]
    return ("\n\n" if blank_lines else "\n").join(pars)


@pytest.fixture(scope="module")
def mixed_corpus(tmp_path_factory) -> Path:
    """A folder of every corpus format, with the awkward rows real corpora have."""
    root = tmp_path_factory.mktemp("mixed")
    rows = [
        {"id": "a1", "title": "First", "outlet": "Wire", "date": "2024-11-11",
         "url": "https://x/1", "text": article_text(0)},
        {"id": "", "title": "", "outlet": "Post", "text": article_text(1, 6, blank_lines=False)},
        {"title": "No id", "text": article_text(2, 3)},
        {"id": "blank", "text": "  \n\n  "},          # no text: reported and skipped
        {"id": 7, "outlet": None, "text": "A wrapped\nline.\r\n\r\nNext one, said Keller."},
        {"id": "a6", "text": None},                   # no text
    ] + [{"id": f"bulk-{k}", "outlet": "Wire", "text": article_text(k, 2 + k % 5)}
         for k in range(40)]
    (root / "a.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    pl.DataFrame({
        "id": [None, "c2", "c3"], "title": ["T1", None, "=cmd"], "outlet": ["O", "O", "O"],
        "text": [article_text(3), article_text(4, 5), "\n"],
    }).write_csv(root / "b.csv")
    pl.DataFrame({"id": list(range(30)), "date": ["2025-01-01"] * 30,
                  "text": [article_text(k, 1 + k % 4) for k in range(30)]}).write_parquet(
        root / "c.parquet")
    with gzip.open(root / "d.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "gz1", "text": article_text(5)}) + "\n")
    (root / "e.txt").write_text("Headline of a text file\n" + article_text(6, 3, False),
                                encoding="utf-8")
    crlf = ('\ufeffid,text,outlet\r\n'
            'f1,"He said ""yes.""\r\n\r\nThen, reportedly, left.",Wire\r\n'
            'f2,Plain text without quotes,\r\n'
            '"f,3","Quoted ""comma"", and\nline",Post\r\n')
    (root / "f.csv").write_bytes(crlf.encode("utf-8"))
    return root


def in_memory(paths: list, *, cues: bool = True) -> tuple[pl.DataFrame, list[str]]:
    result = read_articles(paths)
    return score(result.articles, cues=cues), [str(e) for e in result.errors]


def n_articles(paths: list) -> int:
    return len(read_articles(paths).articles)


@pytest.mark.parametrize("workers", [1, 2])
def test_mixed_corpus_equals_scoring_articles_one_by_one(mixed_corpus, tmp_path, workers):
    expected, expected_errors = in_memory([mixed_corpus])
    out = tmp_path / "scores.parquet"
    report = bulk.score_corpus([mixed_corpus], out, workers=workers, chunk_bytes=600,
                               progress=False)
    got = pl.read_parquet(out)
    assert got.equals(expected)
    assert report.paragraphs == expected.height
    assert report.articles == n_articles([mixed_corpus])  # ids "7" twice: two articles
    assert sorted(str(e) for e in report.errors) == sorted(expected_errors)
    assert any("2 row(s) have no text" in str(e) for e in report.errors)


def test_csv_output_is_byte_identical_to_the_in_memory_export(mixed_corpus, tmp_path):
    expected, _ = in_memory([mixed_corpus], cues=True)
    write_table(expected, tmp_path / "expected.csv")
    bulk.score_corpus([mixed_corpus], tmp_path / "got.csv", cues=True, workers=1,
                      chunk_bytes=300, progress=False)
    assert (tmp_path / "got.csv").read_bytes() == (tmp_path / "expected.csv").read_bytes()


def test_seed_articles_equal_in_memory_scoring_with_cues(seeds_dir, tmp_path):
    expected, _ = in_memory([seeds_dir], cues=True)
    bulk.score_corpus([seeds_dir], tmp_path / "s.parquet", cues=True, workers=1,
                      chunk_bytes=1, progress=False)
    assert pl.read_parquet(tmp_path / "s.parquet").equals(expected)


def test_per_article_rows_equal_summaries_of_the_whole_table(mixed_corpus, tmp_path):
    expected, _ = in_memory([mixed_corpus])
    bulk.score_corpus([mixed_corpus], tmp_path / "a.parquet", by="article", workers=1,
                      chunk_bytes=500, progress=False)
    assert pl.read_parquet(tmp_path / "a.parquet").equals(summarise_articles(expected))


def test_per_article_rows_merge_an_id_split_across_chunks(tmp_path):
    """Two corpus rows of one article (same id and metadata) in different chunks give one row
    per article, as summarise_articles gives on the whole table (issue 13: they gave two)."""
    rows = [{"id": "dup", "outlet": "Wire", "text": "Officials said it may rain.\n\nIt did."},
            {"id": "other", "outlet": "Wire", "text": "Critics, who asked not to be named, "
                                                     "said the plan could fail."},
            {"id": "dup", "outlet": "Wire", "text": "Later, sources reportedly said more."}]
    path = tmp_path / "dup.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    expected = summarise_articles(in_memory([path])[0])
    bulk.score_corpus([path], tmp_path / "a.parquet", by="article", workers=1, chunk_bytes=1,
                      progress=False)
    got = pl.read_parquet(tmp_path / "a.parquet")
    assert got["article_id"].to_list() == ["dup", "other"]
    assert got["n_paragraphs"].to_list() == [3, 1]
    assert got.equals(expected)


def test_standard_output_gets_the_same_csv(mixed_corpus, tmp_path, capsys):
    expected, _ = in_memory([mixed_corpus / "b.csv"])
    write_table(expected, tmp_path / "expected.csv")
    bulk.score_corpus([mixed_corpus / "b.csv"], None, workers=1, progress=False)
    assert capsys.readouterr().out == (tmp_path / "expected.csv").read_text(encoding="utf-8")


def test_chunks_stay_near_the_requested_size(mixed_corpus):
    errors: list = []
    chunks = list(read_chunks([mixed_corpus / "a.jsonl"], errors=errors, chunk_bytes=400))
    rows = pl.concat([p.rows for c in chunks for p in c.parts])
    sizes = [sum(int(p.rows["text"].str.len_bytes().sum() or 0) for p in c.parts)
             for c in chunks]
    assert len(chunks) > 5
    assert max(sizes) < 400 + rows["text"].str.len_bytes().max()
    assert rows["_row"].to_list() == list(range(1, rows.height + 1))


def test_malformed_corpus_is_skipped_whole_and_the_rest_scored(mixed_corpus, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text('id,text\n1,"fine text"\n2,"unterminated\n', encoding="utf-8")
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes(b'{"text": "caf\xe9"}\n')
    out = tmp_path / "out.parquet"
    report = bulk.score_corpus([bad, latin, mixed_corpus / "c.parquet"], out, workers=1,
                               progress=False)
    expected, _ = in_memory([mixed_corpus / "c.parquet"])
    assert pl.read_parquet(out).equals(expected)
    messages = [str(e) for e in report.errors]
    assert any(m.startswith(str(latin)) and "not valid UTF-8" in m for m in messages)
    assert any(m.startswith(str(bad)) for m in messages)


def test_nothing_readable_raises_and_leaves_no_file(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("  \n", encoding="utf-8")
    out = tmp_path / "out.csv"
    with pytest.raises(WorkbenchError, match="no article could be read"):
        bulk.score_corpus([empty], out, workers=1, progress=False)
    assert list(tmp_path.iterdir()) == [empty]


def test_an_interrupt_leaves_no_partial_output(mixed_corpus, tmp_path, monkeypatch):
    calls = []
    real = bulk.score_chunk

    def interrupted(chunk, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(chunk, **kwargs)

    monkeypatch.setattr(bulk, "score_chunk", interrupted)
    out = tmp_path / "out.parquet"
    out.write_bytes(b"previous")
    with pytest.raises(KeyboardInterrupt):
        bulk.score_corpus([mixed_corpus], out, workers=1, chunk_bytes=300, progress=False)
    assert out.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["out.parquet"]


def test_report_states_throughput(mixed_corpus, tmp_path):
    report = bulk.score_corpus([mixed_corpus / "c.parquet"], tmp_path / "o.csv", workers=1,
                               progress=False)
    assert report.paragraphs > 0 and report.seconds > 0
    assert f"{report.paragraphs:,} paragraphs from 30 articles" in report.summary()
    assert "paragraphs/s" in report.summary()
    assert set(report.stages) >= {"read", "segment", "score", "write"}


def test_cli_scores_corpora_in_bulk_without_cues(mixed_corpus, tmp_path, capsys):
    from workbench.cli import main

    out = tmp_path / "cli.parquet"
    code = main(["score", str(mixed_corpus), "--out", str(out), "--model", "none",
                 "--workers", "1"])
    err = capsys.readouterr().err
    expected, _ = in_memory([mixed_corpus])
    assert code == 1  # rows without text were reported; the rest was written
    assert pl.read_parquet(out).equals(expected)
    assert "row(s) have no text" in err and "paragraphs/s" in err


def test_cli_cues_flag_adds_cue_columns_for_corpora(mixed_corpus, tmp_path, capsys):
    from workbench.cli import main

    out = tmp_path / "cues.csv"
    main(["score", str(mixed_corpus / "c.parquet"), "--out", str(out), "--model", "none",
          "--cues", "--workers", "1"])
    expected, _ = in_memory([mixed_corpus / "c.parquet"], cues=True)
    write_table(expected, tmp_path / "expected.csv")
    assert out.read_bytes() == (tmp_path / "expected.csv").read_bytes()


def test_labelled_paragraph_corpora_score_as_in_memory(seeds_dir, tmp_path):
    folder = seeds_dir / "framing_paragraphs"  # CSV corpora the team wrote: real prose
    expected, _ = in_memory([folder])
    bulk.score_corpus([folder], tmp_path / "f.parquet", workers=1, chunk_bytes=20_000,
                      progress=False)
    assert pl.read_parquet(tmp_path / "f.parquet").equals(expected)


def test_readers_cut_blocks_anywhere_and_rows_stay_the_same(mixed_corpus, tmp_path,
                                                            monkeypatch):
    from workbench.io import corpus as bulk_read
    expected, _ = in_memory([mixed_corpus])
    for block in (1, 7, 64, 333):
        monkeypatch.setattr(bulk_read, "BLOCK_BYTES", block)  # CSV and JSONL blocks
        monkeypatch.setattr(bulk_read, "BATCH_ROWS", 1 + block % 5)  # Parquet and gzip rows
        out = tmp_path / f"b{block}.parquet"
        bulk.score_corpus([mixed_corpus], out, workers=1, chunk_bytes=900, progress=False)
        assert pl.read_parquet(out).equals(expected), block


def test_csv_rows_longer_than_a_block_are_read_whole(tmp_path, monkeypatch):
    """pyarrow's open_csv refuses a row that straddles two blocks; the reader re-opens the
    file with larger blocks and yields every row once, as polars reads the whole file."""
    from workbench.io import corpus as bulk_read

    long = "Officials said, \"it may\nrain\" " + "and wind " * 400  # ~3.6 kB, a quoted break
    rows = [{"id": f"r{i}", "text": long if i % 3 == 1 else f"Short row {i}, said."}
            for i in range(12)]
    rows[4]["id"] = ""  # quoted empty stays "", as in polars; a missing one is null
    path = tmp_path / "long.csv"
    pl.DataFrame(rows).write_csv(path, quote_style="always")
    monkeypatch.setattr(bulk_read, "BLOCK_BYTES", 1000)
    corpus = bulk_read.open_corpus(path)
    got = pl.concat(list(corpus.batches()))
    expected = pl.read_csv(path, infer_schema=False).with_row_index("_row", offset=1)
    assert got.select(expected.columns).equals(expected)
    assert got.height == 12 and max(got["text"].str.len_bytes()) > 3 * 1000


class DiesWhenUnpickled:
    """A model whose copy in a worker process kills that process (as the OOM killer would)."""

    def __reduce__(self):
        import os

        return (os._exit, (3,))


def test_a_dead_worker_stops_the_run_and_leaves_no_output(mixed_corpus, tmp_path):
    out = tmp_path / "out.parquet"
    with pytest.raises(WorkbenchError, match="worker process died"):
        bulk.score_corpus([mixed_corpus], out, model=DiesWhenUnpickled(), workers=2,
                          chunk_bytes=600, progress=False)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("workers", [1, 2])
def test_frame_model_rows_equal_in_memory_scoring(mixed_corpus, dashboard_model_path,
                                                  tmp_path, workers):
    from workbench.model import load_model

    model = load_model(dashboard_model_path)
    expected = score(read_articles([mixed_corpus]).articles, model=model, cues=True)
    out = tmp_path / "m.parquet"
    # a path is loaded once in each worker; an object is used as it is
    given = dashboard_model_path if workers > 1 else model
    bulk.score_corpus([mixed_corpus], out, model=given, workers=workers, chunk_bytes=700,
                      progress=False)
    got = pl.read_parquet(out)
    assert "frame_confidence" in got.columns
    assert got.equals(expected)


def test_nested_columns_follow_the_in_memory_rules(tmp_path):
    good = tmp_path / "nested_meta.jsonl"
    good.write_text("\n".join(json.dumps(r) for r in [
        {"id": "n1", "url": {"href": "x"}, "title": "T", "text": "One.\n\nTwo, said Keller."},
        {"id": "n2", "url": {"href": "y"}, "text": "Three."},
    ]), encoding="utf-8")
    bad = tmp_path / "nested_text.jsonl"
    bad.write_text(json.dumps({"id": "b", "text": ["a", "b"]}), encoding="utf-8")
    expected, expected_errors = in_memory([good, bad])
    report = bulk.score_corpus([good, bad], tmp_path / "o.parquet", workers=1, progress=False)
    assert pl.read_parquet(tmp_path / "o.parquet").equals(expected)
    assert [str(e) for e in report.errors] == expected_errors


def _child_setting(name: str) -> str:
    """The value of ``name`` a freshly started Python process sees, once polars loads."""
    import subprocess
    import sys

    code = f"import os, polars; print(os.environ.get({name!r}))"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip()


def test_worker_processes_keep_freed_pages_longer_and_the_environment_is_restored(monkeypatch):
    monkeypatch.setenv("_RJEM_MALLOC_CONF", bulk._POLARS_ALLOCATOR)  # as polars leaves it
    monkeypatch.delenv("POLARS_MAX_THREADS", raising=False)
    with bulk.environment(bulk.worker_env(2)):
        started = _child_setting("_RJEM_MALLOC_CONF")
    # polars puts its defaults first and the inherited setting after: the later one wins
    assert started.endswith(bulk.WORKER_ALLOCATOR)
    twice = f"{bulk._POLARS_ALLOCATOR},{bulk._POLARS_ALLOCATOR}"
    assert _child_setting("_RJEM_MALLOC_CONF") == twice
    assert bulk.os.environ["_RJEM_MALLOC_CONF"] == bulk._POLARS_ALLOCATOR
    assert "POLARS_MAX_THREADS" not in bulk.os.environ


def test_workers_share_the_cpus_as_polars_threads(monkeypatch):
    monkeypatch.delenv("POLARS_MAX_THREADS", raising=False)
    monkeypatch.setattr(bulk, "default_workers", lambda: 8)
    assert bulk.worker_env(2)["POLARS_MAX_THREADS"] == "4"
    assert bulk.worker_env(3)["POLARS_MAX_THREADS"] == "2"
    assert bulk.worker_env(16)["POLARS_MAX_THREADS"] == "1"
    with bulk.environment(bulk.worker_env(8)):
        assert _child_setting("POLARS_MAX_THREADS") == "1"


def test_a_users_own_settings_are_left_alone(monkeypatch):
    monkeypatch.setenv("_RJEM_MALLOC_CONF", "narenas:2")
    monkeypatch.setenv("POLARS_MAX_THREADS", "3")
    assert bulk.worker_env(2) == {}
    monkeypatch.delenv("_RJEM_MALLOC_CONF")
    with bulk.environment(bulk.worker_env(2)):
        assert bulk.os.environ["_RJEM_MALLOC_CONF"] == bulk.WORKER_ALLOCATOR
        assert bulk.os.environ["POLARS_MAX_THREADS"] == "3"
    assert "_RJEM_MALLOC_CONF" not in bulk.os.environ


def test_a_scored_chunk_survives_the_trip_from_a_worker(mixed_corpus):
    import pickle

    chunk = next(iter(read_chunks([mixed_corpus / "a.jsonl"], errors=[],
                                  chunk_bytes=bulk.CHUNK_BYTES)))
    result = bulk.score_chunk(chunk)
    back = pickle.loads(pickle.dumps(result))
    assert back.table.schema == result.table.schema and back.table.equals(result.table)
    assert (back.bad_rows, back.articles, back.paragraphs, back.stages) == (
        result.bad_rows, result.articles, result.paragraphs, result.stages)
    assert result.table.height > 40


def test_a_chunk_survives_the_trip_to_a_worker(mixed_corpus):
    import pickle

    from workbench.io.reader import Chunk, Part

    chunk = next(iter(read_chunks([mixed_corpus], errors=[], chunk_bytes=bulk.CHUNK_BYTES)))
    table = pl.DataFrame({"text": ["A ready table"], "n": [1]})
    chunk = Chunk([*chunk.parts, Part("x.txt", "x", table=table)])
    back = pickle.loads(pickle.dumps(chunk))
    assert len(back.parts) == len(chunk.parts) > 2
    for got, sent in zip(back.parts, chunk.parts, strict=True):
        assert (got.source, got.stem) == (sent.source, sent.stem)
        for name in ("rows", "table"):
            frame = getattr(sent, name)
            if frame is None:
                assert getattr(got, name) is None
            else:
                assert getattr(got, name).schema == frame.schema
                assert getattr(got, name).equals(frame)
