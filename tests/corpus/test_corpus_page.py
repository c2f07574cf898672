"""The corpus page under AppTest, and the logic it hands to the comparison page."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from workbench.dashboard import corpus as wc
from workbench.schema import column_label

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def run(target):
    at = target.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def app(monkeypatch, tmp_path):
    monkeypatch.setenv("WORKBENCH_MODEL", str(tmp_path / "absent.skops"))
    return run(AppTest.from_file(APP, default_timeout=120))


def test_demo_corpus_shows_outlets_stories_and_opens_a_story(app):
    run(app.switch_page("pages/corpus.py"))
    assert app.radio(key="corpus_source").value == "demo"
    assert "60 articles" in app.caption[0].value
    measure = app.selectbox(key="corpus_measure")
    # the measures are named as everywhere else (workbench.schema.column_label)
    assert measure.options[0] == column_label(measure.value) == "Hedges per 100 words"
    run(measure.set_value("anonymous_source_share"))
    assert app.dataframe[0].value.shape[0] >= 10   # stories with several articles
    story = app.selectbox(key="story_pick").value
    run(app.button(key="open_story").click())
    # the comparison page now shows the story's articles
    chosen = app.multiselect(key="articles").value
    assert len(chosen) >= 2 and all(k.startswith(f"story:{story}:") for k in chosen)
    assert any(t.value == "Summary" for t in app.subheader)


def test_demo_corpus_tells_the_planted_outlets_apart():
    view = wc.demo_corpus()
    iv = wc.intervals(view).filter(pl.col("measure") == "anonymous_source_share")
    by = {r["outlet"]: r for r in iv.iter_rows(named=True)}
    assert by["Alpha"]["high"] < by["Beta"]["low"]   # planted 5% against 60%


def test_story_articles_rebuild_the_paragraphs():
    view = wc.demo_corpus(n=12)
    story = wc.story_list(view)["story_id"][0]
    arts = wc.story_articles(view, story)
    ids = view.stories.filter(pl.col("story_id") == story)["article_id"].to_list()
    assert [a.article_id for a in arts] == ids
    text = view.table.filter(pl.col("article_id") == ids[0])["text"].to_list()
    assert list(arts[0].paragraphs) == text
