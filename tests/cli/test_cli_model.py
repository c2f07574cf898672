"""``workbench train``, ``workbench evaluate`` and ``workbench score --model`` end to end."""

from __future__ import annotations

import json

import polars as pl
import pytest

from tests.conftest import SEEDS
from workbench.cli import main

FRAMES = ("crime", "economic", "health")


@pytest.fixture(scope="module")
def labelled(tmp_path_factory):
    """A folder of three per-frame CSVs (10 rows each) and a held-out CSV (3 per frame)."""
    root = tmp_path_factory.mktemp("labelled")
    (root / "train").mkdir()
    held = []
    for frame in FRAMES:
        rows = pl.read_csv(SEEDS / "framing_paragraphs" / f"{frame}.csv")
        rows.head(10).write_csv(root / "train" / f"{frame}.csv")
        held.append(rows.slice(10, 3))
    pl.concat(held).write_csv(root / "held_out.csv")
    return root


@pytest.fixture(scope="module")
def trained(labelled, tmp_path_factory):
    out = tmp_path_factory.mktemp("models") / "tiny.skops"
    code = main(["train", str(labelled / "train"), "--label-column", "frame", "--out", str(out),
                 "--cv", "3", "--seed", "0"])
    assert code == 0
    return out


def test_train_prints_cv_metrics_and_writes_model_and_cards(labelled, tmp_path, capsys):
    out = tmp_path / "m.skops"
    assert main(["train", str(labelled / "train"), "--out", str(out), "--cv", "2"]) == 0
    captured = capsys.readouterr()
    assert "2-fold cross-validation on 30 texts" in captured.out
    assert "micro F1" in captured.out and "confusion matrix" in captured.out
    assert f"wrote {out}" in captured.err
    assert "training" not in captured.err  # no progress bar when stderr is not a terminal
    card = json.loads((tmp_path / "m.card.json").read_text())
    assert card["command"].startswith("workbench train ") and "--seed 0" in card["command"]
    assert [f["path"].rsplit("/", 1)[-1] for f in card["training_data"]["files"]] == [
        "crime.csv", "economic.csv", "health.csv"]
    assert (tmp_path / "m.card.md").read_text().startswith("# Model card: m")


def test_evaluate_reports_metrics_on_held_out_data(trained, labelled, capsys):
    assert main(["evaluate", str(trained), str(labelled / "held_out.csv")]) == 0
    out = capsys.readouterr().out
    assert "held-out evaluation on 9 texts" in out and "macro F1" in out
    assert main(["evaluate", str(trained), str(labelled / "held_out.csv"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["labels"] == list(FRAMES) and report["n_texts"] == 9
    assert sum(map(sum, report["confusion_matrix"])) == 9


def test_score_with_a_model_adds_frame_columns(trained, tmp_path, capsys):
    out = tmp_path / "scores.csv"
    seed = SEEDS / "101_wire_named_sources.txt"
    assert main(["score", str(seed), "--model", str(trained), "--out", str(out)]) == 0
    table = pl.read_csv(out)
    assert {f"frame_{f}" for f in FRAMES} | {"frame_primary", "frame_confidence"} <= set(
        table.columns)
    assert set(table["frame_primary"]) <= set(FRAMES)
    assert main(["score", str(seed), "--model", str(trained), "--by", "article",
                 "--out", str(tmp_path / "a.csv")]) == 0
    article = pl.read_csv(tmp_path / "a.csv")
    assert article.height == 1 and article["frame_primary"][0] in FRAMES


@pytest.mark.parametrize("args, problem", [
    (["train", "{d}/one.csv", "--out", "{t}/m.skops"], "one.csv: the labels hold only one"),
    (["train", "{d}/nocol.csv", "--out", "{t}/m.skops"], "nocol.csv: no column 'frame'"),
    (["train", "{d}/empty.csv", "--out", "{t}/m.skops"], "empty.csv: 1 row(s) have empty text"),
    (["train", "{d}/one.csv", "--out", "{t}/m.pkl"], "must end in .skops"),
    (["evaluate", "{d}/junk.skops", "{d}/one.csv"], "junk.skops: not a skops model file"),
])
def test_bad_inputs_exit_2_with_one_line_naming_the_file(args, problem, tmp_path, capsys):
    (tmp_path / "one.csv").write_text("text,frame\nTaxes rose.,economic\nWages fell.,economic\n")
    (tmp_path / "nocol.csv").write_text("text,label\nTaxes rose.,economic\n")
    (tmp_path / "empty.csv").write_text("text,frame\nTaxes rose.,economic\n  ,crime\n")
    (tmp_path / "junk.skops").write_bytes(b"\x00junk")
    argv = [a.format(d=tmp_path, t=tmp_path) for a in args]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert problem in err and err.count("\n") == 1
    assert not (tmp_path / "m.skops").exists()


@pytest.mark.parametrize("command", ["train", "evaluate", "calibrate"])
def test_help_ends_with_an_example(command, capsys):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    text = capsys.readouterr().out.rstrip()
    assert "example" in text.rsplit("\n\n", 1)[-1]
    assert f"workbench {command} " in text.rsplit("\n\n", 1)[-1]


@pytest.fixture(scope="module")
def labelled_articles(tmp_path_factory):
    """12 two-paragraph articles from seed paragraphs: 9 of one frame, 3 of two, as JSONL."""
    rows = {f: pl.read_csv(SEEDS / "framing_paragraphs" / f"{f}.csv")["text"].to_list()
            for f in FRAMES}
    articles = []
    for i in range(9):
        frame = FRAMES[i % 3]
        articles.append({"id": f"one-{i}", "frames": frame,
                         "text": rows[frame][13 + i] + "\n\n" + rows[frame][25 + i]})
    for i, (a, b) in enumerate([("crime", "economic"), ("economic", "health"),
                                ("health", "crime")]):
        articles.append({"id": f"two-{i}", "frames": f"{a}; {b}",
                         "text": rows[a][40 + i] + "\n\n" + rows[b][44 + i]})
    path = tmp_path_factory.mktemp("articles") / "labelled.jsonl"
    pl.DataFrame(articles).write_ndjson(path)
    return path, articles


def test_calibrate_finds_each_frame_as_often_as_it_is_labelled(trained, labelled_articles,
                                                               tmp_path, capsys):
    from workbench.io.articles import Article
    from workbench.model import load_model
    from workbench.model.article_frames import article_thresholds, frames_found
    from workbench.score import score, summarise_articles

    path, articles = labelled_articles
    out = tmp_path / "calibrated.skops"
    before = trained.read_bytes()
    assert main(["calibrate", str(trained), str(path), "--out", str(out)]) == 0
    assert trained.read_bytes() == before  # the source model is never rewritten
    err = capsys.readouterr().err
    assert "12 articles" in err and "rough" in err
    model = load_model(out)
    assert model.info["article_frames"]["articles"] == 12
    arts = [Article(article_id=a["id"], title=a["id"], paragraphs=tuple(a["text"].split("\n\n")))
            for a in articles]
    found = frames_found(summarise_articles(score(arts, model=model, cues=False)),
                         article_thresholds(model))["frames_found"].to_list()
    for frame in FRAMES:
        labelled = sum(frame in a["frames"] for a in articles)
        assert sum(frame in f.split("; ") for f in found) == labelled, (frame, found)


def test_calibrate_names_the_file_for_an_unknown_frame(trained, tmp_path, capsys):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "text": "Prices rose.", "frames": "econmic"}\n',
                    encoding="utf-8")
    assert main(["calibrate", str(trained), str(path), "--out", str(tmp_path / "m.skops")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "bad.jsonl" in err[0] and "econmic" in err[0]
    assert not (tmp_path / "m.skops").exists()


def test_calibrate_reads_a_list_of_frames_like_separated_frames(trained, labelled_articles,
                                                                tmp_path):
    from workbench.model import load_model
    from workbench.model.article_frames import article_thresholds

    path, articles = labelled_articles
    listed = tmp_path / "listed.jsonl"
    pl.DataFrame([{**a, "frames": a["frames"].split("; ")} for a in articles]).write_ndjson(listed)
    outs = []
    for data in (path, listed):
        outs.append(tmp_path / f"{data.stem}.skops")
        assert main(["calibrate", str(trained), str(data), "--out", str(outs[-1])]) == 0
    assert article_thresholds(load_model(outs[0])) == article_thresholds(load_model(outs[1]))
