"""The dashboard script under Streamlit's AppTest: every page runs, widgets read by key.

AppTest runs ``app.py`` in-process (no server, no browser) and shows what the script
sent: widget values, the HTML source handed to ``st.html``, dataframes, chart specs.
What a browser makes of it is checked in ``tests/browser/``.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from workbench.dashboard import MAX_UPLOAD_MB
from workbench.dashboard.highlight import escape_text
from workbench.io.articles import read_file
from workbench.score import score

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAIR = ["seed:101_wire_named_sources", "seed:102_anonymous_hedged"]
XSS = "<script>alert(1)</script><img src=x onerror=alert(1)>"
IFRAME = '<iframe srcdoc="<script>alert(2)</script>"></iframe>'


def run(target: AppTest | object) -> AppTest:
    """Rerun the script (from the AppTest or from a widget just set); fail on any exception."""
    at = target.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def no_model(monkeypatch, tmp_path):
    """No default model file: the dashboard falls back to frame-cue counts."""
    monkeypatch.setenv("WORKBENCH_MODEL", str(tmp_path / "absent.skops"))


@pytest.fixture
def app(no_model) -> AppTest:
    return run(AppTest.from_file(APP, default_timeout=60))


def html_of(at: AppTest) -> list[str]:
    return [h.proto.body for h in at.get("html")]


def summary_table(at: AppTest) -> pd.DataFrame:
    """The summary table (HTML, measures as rows) read back as text: header, then rows."""
    (table,) = [b for b in html_of(at) if b.startswith('<table class="wb-summary">')]
    cells = r"<t[hd][^>]*>(.*?)</t[hd]>"
    rows = [[html.unescape(c.replace("<wbr>", "")) for c in re.findall(cells, row)]
            for row in re.findall(r"<tr>(.*?)</tr>", table)]
    return pd.DataFrame(rows[1:], columns=rows[0])


def open_view(at: AppTest, view: str) -> AppTest:
    """Click a tab: the tabs are lazy, only the open one is built."""
    at.session_state["view"] = view
    return run(at)


def without_spans(fragment: str) -> str:
    """The HTML with our cue spans removed (they cut the text at cue boundaries)."""
    return re.sub(r'<span class="wb-(?!badge)[^"]*"[^>]*>|</span>', "", fragment)


def articles_html(at: AppTest) -> list[str]:
    """The reading view's article bodies, in column order."""
    return [b for b in html_of(at) if b.startswith('<div class="wb-article">\n')]


def test_first_load_compares_two_seeds_side_by_side(app):
    assert app.multiselect(key="articles").value == PAIR
    wire, hedged = articles_html(app)
    assert wire.count("wb-named_source") > 5 and "wb-named_source" not in hedged
    assert hedged.count('class="wb-hedge') > 20 and "wb-anonymous_source" in hedged
    assert "wb-boiler" in wire  # byline and photo credit dimmed
    reading = app.tabs[0]
    assert reading.label == "Side by side" and len(reading.columns) == 2
    assert any('class="wb-legend"' in b for b in html_of(app))
    assert any("make model" in i.value for i in app.info)  # the no-model note


def test_summary_shows_both_articles_and_their_difference(app):
    summary = summary_table(app).set_index("measure")
    assert list(summary.columns) == ["101_wire_named_sources", "102_anonymous_hedged",
                                     "difference"]
    hedges = summary.loc["Hedges per 100 words"].astype(float)
    assert hedges["102_anonymous_hedged"] > 5 * hedges["101_wire_named_sources"]
    assert hedges["difference"] == pytest.approx(
        hedges["102_anonymous_hedged"] - hedges["101_wire_named_sources"], abs=0.01)
    assert float(summary.loc["Anonymous-source share", "102_anonymous_hedged"]) == 1.0
    labels = [b.label for b in app.get("download_button")]
    assert labels == ["Download paragraph scores (CSV)", "Download article summary (CSV)"]


def test_summary_shows_counts_as_integers_and_figures_rounded(app):
    summary = summary_table(app).set_index("measure")
    for measure in ("Named sources", "Anonymous sources", "Paragraphs (body)"):
        assert all(re.fullmatch(r"-?\d+", v) for v in summary.loc[measure]), summary.loc[measure]
    assert int(summary.loc["Named sources", "101_wire_named_sources"]) > 5
    for value in summary.loc["Hedges per 100 words"]:
        assert len(value.replace(".", "").lstrip("-0")) <= 3, value


def test_charts_show_frame_shares_and_measures_along_the_article(app):
    assert not app.get("vega_lite_chart")  # closed tabs are not built
    open_view(app, "Charts")
    frame, hedges, attributions = app.get("vega_lite_chart")
    spec = json.loads(frame.proto.spec)
    assert spec["encoding"]["x"]["field"] == "share"
    assert spec["encoding"]["x"]["title"] == "Share of frame-cue words"  # no model
    assert json.loads(hedges.proto.spec)["title"] == "Hedges per 100 words"
    assert "Attributions" in json.loads(attributions.proto.spec)["title"]


def test_alignment_pairs_paragraphs_and_threshold_is_adjustable(app):
    open_view(app, "Aligned paragraphs")
    (aligned,) = [b for b in html_of(app) if b.startswith('<div class="wb-align">')]
    pairs = aligned.count("wb-cell wb-pair") // 2
    assert pairs >= 3 and escape_text("only in 101_wire_named_sources") in aligned
    run(app.slider(key="align_threshold").set_value(0.9))
    (strict,) = [b for b in html_of(app) if b.startswith('<div class="wb-align">')]
    assert strict.count("wb-cell wb-pair") < pairs * 2


def test_articles_sharing_few_facts_get_a_warning_not_only_in_flags(app):
    # The hedged report and the opinion piece about the same call share few reported facts.
    run(app.multiselect(key="articles").set_value(
        ["seed:102_anonymous_hedged", "seed:103_opinion_loaded"]))
    open_view(app, "Aligned paragraphs")
    assert any("share few reported facts" in w.value for w in app.warning)
    (aligned,) = [b for b in html_of(app) if b.startswith('<div class="wb-align">')]
    assert "only in" not in aligned and "no clear counterpart" in aligned


def test_one_article_is_not_enough(app):
    run(app.multiselect(key="articles").set_value(PAIR[:1]))
    assert any("two or more" in i.value for i in app.info)
    assert not app.get("download_button")


def test_three_articles_choose_which_two_to_align(app):
    run(app.multiselect(key="articles").set_value([*PAIR, "seed:103_opinion_loaded"]))
    assert len(articles_html(app)) == 3
    assert list(summary_table(app).columns)[-1] == "range"
    open_view(app, "Aligned paragraphs")
    run(app.selectbox(key="align_b").set_value("103_opinion_loaded"))
    (aligned,) = [b for b in html_of(app) if b.startswith('<div class="wb-align">')]
    assert escape_text("103_opinion_loaded") in aligned
    assert escape_text("102_anonymous_hedged") not in aligned


def test_highlight_choice_filters_cue_kinds(app):
    run(app.button_group(key="cue_kinds").set_value(["hedge"]))
    wire, hedged = articles_html(app)
    assert "wb-hedge" in hedged
    assert not re.search(r"wb-(cue|named_source|anonymous_source|direct_quote|frame_cue)\b",
                         wire + hedged)


def paste(at: AppTest, text: str, title: str = "", outlet: str = "") -> AppTest:
    at.text_input(key="paste_title").input(title)
    at.text_input(key="paste_outlet").input(outlet)
    at.text_area(key="paste_text").input(text)
    return run(at.button(key="paste_add").click())


@pytest.mark.parametrize("payload", [XSS, IFRAME])
def test_pasted_article_is_added_selected_and_shown_as_text(app, payload):
    text = f"{payload} # not a *heading* officials said.\n\nIt may rain [x](javascript:y)."
    paste(app, text, title=payload, outlet="**Bold** Daily")
    # A user's own article replaces the samples; the toggle brings them back beside it.
    assert app.multiselect(key="articles").value == ["pasted:1"]
    assert any("Compare only my articles" in i.value for i in app.info)
    run(app.toggle(key="only_mine").set_value(False))
    assert app.multiselect(key="articles").value == [*PAIR, "pasted:1"]
    body = "".join(html_of(app))
    assert "<script" not in body and "<img" not in body and "<iframe" not in body
    escaped = escape_text(payload)
    assert escaped == payload.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;")
    assert escaped in without_spans(articles_html(app)[2])
    assert escaped in body.split("wb-title")[3]
    assert "&#42;&#42;Bold&#42;&#42; Daily" in body


def test_empty_paste_is_refused_with_a_message(app):
    paste(app, "   ")
    assert any("is empty" in e.value for e in app.error)
    assert app.multiselect(key="articles").value == PAIR


def test_uploaded_files_replace_the_sample_articles(app):
    one = b"Upload headline\n\nOfficials said talks may resume.\n\nNo comment was given."
    two = b"Second upload\n\nThe minister said the talks would resume on Monday."
    uploader = app.file_uploader(key="upload")
    run(uploader.set_value([("../../my story.txt", one, "text/plain"),
                            ("other.txt", two, "text/plain")]))
    assert app.toggle(key="only_mine").value is True  # the default once something is added
    chooser = app.multiselect(key="articles")
    assert chooser.value == ["upload:my_story.txt:my_story", "upload:other.txt:other"]
    assert not any(o.startswith("seed:") for o in chooser.options)
    bodies = articles_html(app)
    assert len(bodies) == 2 and "Officials" in bodies[0] and "minister" in bodies[1]
    assert list(summary_table(app).columns) == ["measure", "my_story", "other", "difference"]
    # Later reruns keep them (read once per file, not at every rerun).
    run(app.button_group(key="cue_kinds").set_value(["hedge"]))
    assert len(articles_html(app)) == 2
    # Turning the toggle off offers the samples again, and selects the default pair.
    run(app.toggle(key="only_mine").set_value(False))
    assert app.multiselect(key="articles").value == [
        *PAIR, "upload:my_story.txt:my_story", "upload:other.txt:other"]
    assert len(articles_html(app)) == 4


def test_one_upload_alone_asks_for_another_or_the_samples(app):
    data = b"Upload headline\n\nOfficials said talks may resume.\n\nNo comment was given."
    run(app.file_uploader(key="upload").upload("mine.txt", data, "text/plain"))
    assert app.multiselect(key="articles").value == ["upload:mine.txt:mine"]
    assert any("one more article" in i.value for i in app.info)
    assert not articles_html(app) and not app.get("download_button")


def test_oversized_upload_is_refused_with_a_message(app):
    big = b"word " * (MAX_UPLOAD_MB * 2**20 // 5 + 1)
    app.file_uploader(key="upload").upload("big.txt", big, "text/plain")
    run(app)
    assert any(f"up to {MAX_UPLOAD_MB} MB" in w.value for w in app.warning)
    assert app.multiselect(key="articles").value == PAIR


def test_paragraph_drill_down_shows_full_scores_and_frame_cues(app):
    open_view(app, "Paragraph details")
    detail = app.tabs[3]
    paragraph = detail.selectbox(key="drill_paragraph")
    assert paragraph.value == 1  # the first body paragraph, not the byline
    assert paragraph.options[1].startswith("¶2: WASHINGTON")
    run(app.selectbox(key="drill_article").set_value("102_anonymous_hedged"))
    run(app.selectbox(key="drill_paragraph").set_value(1))
    scores, cues = app.tabs[3].dataframe
    values = dict(zip(scores.value["measure"], scores.value["value"], strict=True))
    (article,) = read_file(Path(APP).parent / "seeds" / "102_anonymous_hedged.txt")
    expected = score([article]).row(1, named=True)
    # Measures by name, counts as integers (not "2.000000"), never a raw column name.
    assert values["Hedges"] == str(expected["hedge_count"]) != "0"
    assert values["Anonymous sources"] == str(expected["anonymous_source_count"]) != "0"
    assert values["Words"] == str(expected["n_words"])
    assert float(values["Hedges per 100 words"]) == pytest.approx(
        expected["hedge_per_100w"], rel=0.01)
    assert not any("_" in m for m in values), list(values)
    assert list(cues.value.columns) == ["frame", "term", "count"]


def test_training_page_runs(app):
    run(app.switch_page("pages/train.py"))
    assert app.title[0].value == "Train a frame model"
    assert app.file_uploader(key="train_upload").value is None


# ---------------------------------------------------------------- with a frame model
@pytest.fixture
def model_app(monkeypatch, dashboard_model_path) -> AppTest:
    """The dashboard with the small fixture model as its default model."""
    monkeypatch.setenv("WORKBENCH_MODEL", str(dashboard_model_path))
    return run(AppTest.from_file(APP, default_timeout=60))


def test_model_probabilities_drive_badges_charts_and_explanations(model_app):
    assert not any("make model" in i.value for i in model_app.info)
    assert model_app.sidebar.radio(key="model_choice").value == "default"
    for body in articles_html(model_app):
        badges = re.findall(r'<span class="wb-badge" title="[^"]*">([^<]*)</span>', body)
        assert badges and all(re.search(r"\d+%$", b) for b in badges)
    open_view(model_app, "Charts")
    spec = json.loads(model_app.get("vega_lite_chart")[0].proto.spec)
    assert spec["encoding"]["x"]["title"] == "Frame probability (word-weighted mean)"
    open_view(model_app, "Paragraph details")
    scores, terms = model_app.tabs[3].dataframe
    assert list(terms.value.columns) == ["term", "weight"] and len(terms.value) > 0
    measures = set(scores.value["measure"])
    assert "Frame confidence" in measures and "Frame probability: Economic" in measures
    assert not any("_" in m for m in measures), measures


def test_summary_caption_names_the_frames_found_by_the_model(model_app):
    captions = [c.value.replace("\\", "") for c in model_app.caption]  # markdown-escaped
    assert any("Frames found (share at or above the frame's threshold): 101_wire" in c
               for c in captions), captions
    run(model_app.sidebar.radio(key="model_choice").set_value("none"))
    assert not any("Frames found" in c.value for c in model_app.caption)


def test_no_model_choice_counts_cues(model_app):
    run(model_app.sidebar.radio(key="model_choice").set_value("none"))
    assert any("frame cues" in i.value for i in model_app.info)
    assert "cue" in articles_html(model_app)[0] and "%" not in articles_html(model_app)[0]


def test_model_choice_and_articles_survive_switching_pages(model_app):
    articles = [*PAIR, "seed:103_opinion_loaded"]
    run(model_app.multiselect(key="articles").set_value(articles))
    run(model_app.sidebar.radio(key="model_choice").set_value("none"))
    run(model_app.switch_page("pages/train.py"))
    assert model_app.sidebar.radio(key="model_choice").value == "none"
    run(model_app.switch_page("pages/compare.py"))
    assert model_app.sidebar.radio(key="model_choice").value == "none"
    assert model_app.multiselect(key="articles").value == articles
    assert "%" not in articles_html(model_app)[0]


def test_unreadable_model_file_falls_back_to_cues(monkeypatch, tmp_path):
    needs_model()
    bad = tmp_path / "broken.skops"
    bad.write_bytes(b"not a model")
    monkeypatch.setenv("WORKBENCH_MODEL", str(bad))
    at = run(AppTest.from_file(APP, default_timeout=60))
    assert any("cannot be used" in i.value for i in at.info)
    assert len(articles_html(at)) == 2


def labelled_csv(frames=("crime", "economic", "health"), n=10) -> bytes:
    import polars as pl

    folder = Path(APP).parent / "seeds" / "framing_paragraphs"
    rows = pl.concat([pl.read_csv(folder / f"{f}.csv").head(n) for f in frames])
    return rows.select("topic", "text", "frame").write_csv().encode()


def needs_model() -> None:
    pytest.importorskip("workbench.model",
                        reason="the frame classifier (workbench/model/__init__.py) is not here yet")


def test_training_page_trains_reports_and_offers_the_model(app):
    needs_model()
    run(app.switch_page("pages/train.py"))
    app.file_uploader(key="train_upload").upload("labels.csv", labelled_csv(), "text/csv")
    run(app)
    assert app.selectbox(key="train_text_column").value == "text"
    assert app.selectbox(key="train_label_column").value == "frame"
    run(app.number_input(key="train_cv").set_value(2))
    run(app.button(key="train_button").click())
    (report,) = app.code
    assert "crime" in report.value and "health" in report.value
    assert app.get("vega_lite_chart")  # the confusion matrix
    downloads = {b.label: b for b in app.get("download_button")}
    assert set(downloads) == {"Download model (.skops)", "Download model card (.md)"}
    run(app.button(key="use_trained").click())
    assert app.sidebar.radio(key="model_choice").value == "session"
    run(app.switch_page("pages/compare.py"))
    badges = re.findall(r'<span class="wb-badge" title="[^"]*">([^<]*)</span>',
                        articles_html(app)[0])
    assert badges and all(re.search(r"(Crime and punishment|Economic|Health and safety) \d+%$",
                                    b) for b in badges)


def test_training_with_a_missing_label_column_shows_an_error(app):
    needs_model()
    run(app.switch_page("pages/train.py"))
    data = b"text,frame\n" + b"".join(b"para %d,\n" % i for i in range(6))
    app.file_uploader(key="train_upload").upload("labels.csv", data, "text/csv")
    run(app)
    run(app.button(key="train_button").click())
    assert app.error and not app.code
