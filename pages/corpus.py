"""Dashboard page: a corpus's outlets side by side, with confidence intervals, frame shares,
weekly measures and its same-event stories; a story opens on the comparison page.

Widget code only; the tables, statistics and charts come from ``workbench.dashboard.corpus``.
"""

from __future__ import annotations

import tempfile

import streamlit as st

from pages import common
from workbench.corpus.outlets import measure_columns
from workbench.dashboard import corpus as wc
from workbench.dashboard import highlight as hl
from workbench.errors import InputError
from workbench.schema import column_label

SOURCES = {"demo": "Synthetic demo corpus (4 outlets)", "scored": "A scored table "
           "(from `workbench score`)", "score": "A corpus to score here"}


@st.cache_data(show_spinner="Scoring and grouping the demo corpus…")
def demo_view(model_key: str, _model: object | None) -> wc.CorpusView:
    return wc.demo_corpus(model=_model)


@st.cache_data(show_spinner="Comparing outlets…")
def cached_intervals(key: str, _view: wc.CorpusView):
    return wc.intervals(_view)


def load_ui(model: object | None, model_key: str) -> tuple[wc.CorpusView | None, str]:
    """Choose and load a corpus; return its view and a cache key."""
    source = st.radio("Corpus", list(SOURCES), format_func=SOURCES.get, horizontal=True,
                      key="corpus_source")
    if source == "demo":
        return demo_view(model_key, model), f"demo:{model_key}"
    kinds = ["parquet", "csv"] if source == "scored" else ["jsonl", "csv", "parquet"]
    file = st.file_uploader("Corpus file", type=kinds, key=f"corpus_{source}")
    if file is None:
        st.info("Upload a file to see its outlets and stories.")
        return None, ""
    key = f"{source}:{file.file_id}:{model_key}"
    cache = st.session_state.setdefault("corpus_views", {})
    if key not in cache:
        try:
            if source == "scored":
                table = wc.read_scored(file.name, file.getvalue())
            else:
                with tempfile.TemporaryDirectory() as tmp:
                    corpus = wc.read_corpus_upload(file.name, file.getvalue(), tmp)
                bar = st.progress(0.0, text="Scoring…")
                table = wc.score_texts(corpus, model=model, progress=bar.progress)
                bar.empty()
            cache.clear()
            cache[key] = wc.build_view(table)
        except InputError as err:
            st.error(hl.markdown_literal(str(err)))
            return None, ""
    return cache[key], key


def outlets_ui(view: wc.CorpusView, key: str) -> None:
    data = cached_intervals(key, view)
    measures = measure_columns(view.articles)
    chosen = st.selectbox("Measure", measures, format_func=column_label, key="corpus_measure")
    st.caption("Dots: the outlet's mean over its articles; bars: 95% bootstrap interval, "
               "resampling stories.")
    st.altair_chart(wc.interval_chart(data, chosen), width="stretch")
    return chosen


def stories_ui(view: wc.CorpusView) -> None:
    st.subheader("Stories covered by several articles")
    stories = wc.story_list(view)
    if stories.height == 0:
        st.info("No story has more than one article.")
        return
    st.dataframe(stories, hide_index=True, key="story_table", width="stretch",
                 column_config={c: column_label(c) for c in stories.columns})
    labels = {r["story_id"]: wc.story_label(r) for r in stories.iter_rows(named=True)}
    story_id = st.selectbox("Story to compare", list(labels), format_func=labels.get,
                            key="story_pick")
    articles = wc.story_articles(view, story_id)
    if not articles:
        st.info("This table has no paragraph text to compare.")
    elif st.button(f"Compare its {len(articles)} articles side by side", key="open_story"):
        pasted = st.session_state.setdefault("pasted", {})
        picked = wc.handoff_keys(story_id, articles)
        pasted.update(picked)
        st.session_state["kept_articles"] = list(picked)
        st.session_state.pop("articles", None)
        st.switch_page("pages/compare.py")


def main() -> None:
    model, model_key, note = common.model_ui()
    st.title("Outlets across a corpus")
    if note:
        st.info(note)
    view, key = load_ui(model, model_key)
    if view is None:
        return
    st.caption(f"{view.articles.height} articles, {view.stories['story_id'].n_unique()} stories")
    measure = outlets_ui(view, key)
    left, right = st.columns(2)
    with left:
        st.subheader("Main frame per outlet")
        shares = wc.frame_shares(view)
        if shares.height:
            st.altair_chart(wc.frame_chart(shares), width="stretch")
        else:
            st.info("No frame columns in this table.")
    with right:
        st.subheader("Weekly")
        weekly = wc.weekly(view, measure)
        if weekly.height:
            st.altair_chart(wc.weekly_chart(weekly, measure), width="stretch")
        else:
            st.info("No dated articles.")
    stories_ui(view)


main()
