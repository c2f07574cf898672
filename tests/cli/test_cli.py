"""The command line, called as users do (``main([...])``)."""

from __future__ import annotations

import polars as pl
import pytest

from workbench.cli import main
from workbench.score import feature_columns

REQUIRED = [
    "article_id", "outlet", "title", "paragraph_index", "text", "is_boilerplate", "n_words",
    "n_sentences", "hedge_count", "hedge_per_100w", "booster_count", "hedge_cues",
    "attribution_count", "attribution_per_sentence", "named_source_count",
    "anonymous_source_count", "direct_quote_count", "quoted_word_share", "attribution_cues",
]


def test_score_seeds_to_csv(seeds_dir, tmp_path):
    out = tmp_path / "scores.csv"
    assert main(["score", str(seeds_dir), "--out", str(out), "--model", "none"]) == 0
    table = pl.read_csv(out)
    from workbench.schema import MFC_FRAMES

    missing = set(REQUIRED + [f"frame_cue_{k}" for k in MFC_FRAMES]) - set(table.columns)
    assert not missing
    assert table["article_id"].n_unique() >= 4
    read_more = table.filter(pl.col("text").str.contains("Read more:"))
    assert read_more.height >= 3 and read_more["is_boilerplate"].all()


def test_score_by_article_to_parquet(seeds_dir, tmp_path):
    out = tmp_path / "articles.parquet"
    assert main(["score", str(seeds_dir), "--out", str(out), "--by", "article",
                 "--model", "none"]) == 0
    table = pl.read_parquet(out)
    assert table["article_id"].is_unique().all()
    assert {"hedge_per_100w", "anonymous_source_share", "n_paragraphs"} <= set(table.columns)


def test_no_cues_gives_same_counts(seeds_dir, tmp_path):
    a, b = tmp_path / "a.parquet", tmp_path / "b.parquet"
    main(["score", str(seeds_dir), "--out", str(a), "--model", "none"])
    main(["score", str(seeds_dir), "--out", str(b), "--model", "none", "--no-cues"])
    with_cues, without = pl.read_parquet(a), pl.read_parquet(b)
    assert "hedge_cues" not in without.columns
    assert with_cues.select(without.columns).equals(without)
    assert set(feature_columns()) <= set(without.columns)


def test_bad_and_good_inputs(seeds_dir, tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    out = tmp_path / "s.csv"
    code = main(["score", str(seeds_dir / "000_2a6dece688f04c03.txt"), str(empty),
                 str(tmp_path / "missing.txt"), "--out", str(out), "--model", "none"])
    err = capsys.readouterr().err
    assert code == 1
    assert f"error: {empty}: the file is empty" in err
    assert "missing.txt: no such file or directory" in err
    assert pl.read_csv(out)["article_id"].unique().to_list() == ["000_2a6dece688f04c03"]


def test_nothing_readable_exits_2(tmp_path, capsys):
    assert main(["score", str(tmp_path / "nope.txt"), "--model", "none"]) == 2
    assert "no article could be read" in capsys.readouterr().err


def test_csv_to_stdout(seed_article, capsys):
    assert main(["score", str(seed_article), "--model", "none", "--no-cues"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("article_id,outlet,title")
    assert len(lines) >= 21


def test_compare_prints_side_by_side(seeds_dir, capsys):
    assert main(["compare", str(seeds_dir / "101_wire_named_sources.txt"),
                 str(seeds_dir / "102_anonymous_hedged.txt"), "--model", "none"]) == 0
    out = capsys.readouterr().out
    assert "101_wire_named_sources" in out and "102_anonymous_hedged" in out
    assert "hedge_per_100w" in out


@pytest.mark.parametrize("command", ["score", "compare"])
def test_help_ends_with_an_example(command, capsys):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    assert "example:" in capsys.readouterr().out
