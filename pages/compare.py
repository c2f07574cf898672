"""Dashboard page: compare two or more articles, paragraph by paragraph.

Widget code only; the figures, the HTML and the file handling come from ``workbench``.
"""

from __future__ import annotations

import polars as pl
import streamlit as st

from pages import common
from workbench import dashboard as wd
from workbench.align import DEFAULT_THRESHOLD, align, aligned_rows, alignment_caption
from workbench.dashboard import highlight as hl
from workbench.dashboard import summary as ws
from workbench.errors import InputError, ResourceError
from workbench.model.article_frames import model_frames_found
from workbench.paths import seeds_dir
from workbench.score import summarise_articles

VIEWS = ("Side by side", "Aligned paragraphs", "Charts", "Paragraph details")


def kinds_ui() -> list[str]:
    """Which cue kinds to highlight."""
    return st.pills("Highlight", list(hl.CUE_KINDS), selection_mode="multi",
                    default=list(hl.CUE_KINDS), format_func=hl.CUE_KINDS.get,
                    key="cue_kinds") or []


def add_articles_ui(uploads: dict, pasted: dict) -> list[str]:
    """Upload files or paste text; return the keys of articles added in this run."""
    added: list[str] = []
    with st.expander("Add articles: upload files or paste text"):
        up_col, paste_col = st.columns(2)
        with up_col:
            files = st.file_uploader(
                f"Article files (txt, md, html) or corpora (jsonl, csv); up to "
                f"{wd.MAX_UPLOAD_MB} MB each", type=list(wd.UPLOAD_TYPES),
                accept_multiple_files=True, key="upload")
            added += read_uploads_ui(files or [], uploads)
        with paste_col, st.form("paste_form", clear_on_submit=True):
            title = st.text_input("Title", key="paste_title")
            outlet = st.text_input("Outlet", key="paste_outlet")
            text = st.text_area("Article text (paragraphs separated by blank lines)",
                                key="paste_text", height=150)
            if st.form_submit_button("Add pasted article", key="paste_add"):
                try:
                    article = wd.pasted_article(text, title=title, outlet=outlet)
                except InputError as err:
                    st.error(hl.markdown_literal(str(err)))
                else:
                    key = f"pasted:{len(pasted) + 1}"
                    pasted[key] = article
                    added.append(key)
    return added


def read_uploads_ui(files: list, uploads: dict) -> list[str]:
    """Read each newly uploaded file once; show its problems; return keys to select."""
    cache = st.session_state.setdefault("upload_cache", {})
    added: list[str] = []
    current = set()
    for file in files:
        current.add(file.file_id)
        if file.file_id not in cache:
            try:
                articles, errors = wd.read_upload(file.name, file.getvalue())
            except InputError as err:
                articles, errors = [], [err]
            keys = [f"upload:{wd.safe_filename(file.name)}:{a.article_id}" for a in articles]
            cache[file.file_id] = (dict(zip(keys, articles, strict=True)), errors)
            added += keys[:4]  # a whole corpus is offered, not selected
        found, errors = cache[file.file_id]
        uploads.update(found)
        for err in errors:
            st.warning(hl.markdown_literal(str(err)))
    for stale in set(cache) - current:
        del cache[stale]
    return added


def only_mine_ui(seeds: dict, mine: dict) -> bool:
    """Once the user has added articles, compare only those (the default) or add the samples.

    Uploads and pasted articles replace the sample articles rather than join them; the
    toggle brings the samples back (selecting the default pair again).
    """
    if not mine:
        return False
    return st.toggle("Compare only my articles", value=True, key="only_mine",
                     on_change=_samples_back, args=(list(seeds),),
                     help="Off: the sample articles are offered (and the default pair "
                          "selected) beside your uploaded and pasted ones.")


def _samples_back(seed_keys: list[str]) -> None:
    state = st.session_state
    if not state.get("only_mine", True):
        picked = state.get("articles", [])
        state["articles"] = wd.default_selection(seed_keys) + [k for k in picked
                                                              if k not in seed_keys]


def choose_ui(available: dict, added: list[str]) -> list[str]:
    """The article chooser; keeps its selection across pages and reruns."""
    state = st.session_state
    if "articles" not in state:
        state["articles"] = state.get("kept_articles", wd.default_selection(list(available)))
    current = state["articles"]
    fixed = [k for k in current if k in available] + [k for k in added if k not in current]
    if fixed != current:  # assigning unchanged values would echo stale picks back to the page
        state["articles"] = fixed
    selected = st.multiselect("Articles to compare (two or more)", list(available),
                              format_func=lambda k: wd.article_label(available[k]),
                              key="articles")
    state["kept_articles"] = selected
    return selected


def scored_table(articles: list, model: object | None, model_key: str) -> pl.DataFrame:
    """Score the chosen articles (cached per article), with a spinner and progress."""
    tables = []
    with st.spinner(f"Scoring {len(articles)} articles…"):
        bar = st.progress(0.0) if len(articles) > 4 else None
        for n, article in enumerate(articles, 1):
            tables.append(common.score_article(wd.article_hash(article), model_key, article,
                                               model))
            if bar is not None:
                bar.progress(n / len(articles))
        if bar is not None:
            bar.empty()
    return wd.combine(tables)


def summary_ui(table: pl.DataFrame, summary: pl.DataFrame) -> None:
    """The measures side by side, with their difference, and the two downloads."""
    st.subheader("Summary")
    comparison = ws.comparison_text(summary)  # counts as integers, figures to 3 digits
    titles = dict(zip(summary["article_id"], summary["title"], strict=True))
    # An HTML table whose names wrap: a data grid cannot wrap its headers, and with four
    # articles on a narrow screen it scrolled sideways inside itself.
    with st.container(key="summary_table"):
        st.html(ws.comparison_html(comparison, titles))
    st.caption(hl.markdown_literal(ws.main_frames_text(summary)))
    left, right = st.columns(2)
    left.download_button("Download paragraph scores (CSV)", wd.paragraph_csv(table),
                         file_name="scores.csv", mime="text/csv", key="dl_paragraphs")
    right.download_button("Download article summary (CSV)", wd.summary_csv(table),
                          file_name="articles.csv", mime="text/csv", key="dl_summary")


def reading_ui(articles: list, table: pl.DataFrame, kinds: list[str]) -> None:
    """Every article's paragraphs, highlighted, in columns (two articles: two columns)."""
    st.html(hl.legend_html(kinds))
    per_row = 2 if len(articles) in (2, 4) else min(len(articles), 3)
    for start in range(0, len(articles), per_row):
        columns = st.columns(per_row)
        for column, article in zip(columns, articles[start:start + per_row], strict=False):
            with column:
                st.html(hl.article_header_html(article.title, outlet=article.outlet,
                                               date=article.date, article_id=article.article_id))
                for warning in article.warnings:  # a doubtful split is shown, not hidden
                    st.warning(hl.markdown_literal(f"Paragraphs: {warning}"))
                st.html(hl.article_html(wd.rows_of(table, article.article_id), kinds=kinds))


def alignment_ui(articles: list, table: pl.DataFrame, kinds: list[str]) -> None:
    """Paragraphs of one article beside those of another reporting the same facts."""
    ids = [a.article_id for a in articles]
    if len(ids) > 2:
        pick_a, pick_b = st.columns(2)
        a_id = pick_a.selectbox("Left article", ids, index=0, key="align_a")
        b_id = pick_b.selectbox("Right article", ids, index=1, key="align_b")
    else:
        a_id, b_id = ids
    threshold = st.slider("Counterpart threshold (shared-facts score)", 0.05, 0.9,
                          DEFAULT_THRESHOLD, 0.01, key="align_threshold")
    if a_id == b_id:
        st.info("Choose two different articles.")
        return
    a_rows, b_rows = wd.rows_of(table, a_id), wd.rows_of(table, b_id)
    skip_a = [r["is_boilerplate"] for r in a_rows]
    result = align([r["text"] for r in a_rows], [r["text"] for r in b_rows], threshold=threshold,
                   skip_a=skip_a, skip_b=[r["is_boilerplate"] for r in b_rows])
    n_a, n_b = skip_a.count(False), [r["is_boilerplate"] for r in b_rows].count(False)
    st.caption(hl.markdown_literal(alignment_caption(result, a_id, b_id, n_a, n_b)))
    if result.weak:
        st.warning(f"These two articles share few reported facts ({result.shared:.0%} of "
                   "paragraphs have a counterpart): they may not report the same event, or one "
                   "may be commentary rather than a report. No paragraph is flagged as "
                   "reported by one article only.", icon="⚠️")
    st.html(hl.alignment_html(aligned_rows(result, skip_a=skip_a), a_rows, b_rows,
                              a_name=a_id, b_name=b_id, kinds=kinds))


def charts_ui(table: pl.DataFrame, summary: pl.DataFrame) -> None:
    """Frame shares side by side; hedging and attribution along each article."""
    shares, basis = ws.frame_shares(summary)
    st.altair_chart(ws.frame_chart(shares, basis), width="stretch", key="frame_chart")
    long = ws.along_article(table)
    for column, measure in zip(st.columns(2), ws.ALONG.values(), strict=True):
        column.altair_chart(ws.along_chart(long, measure), width="stretch", height=300,
                            key=f"along_{measure}")


def paragraph_ui(articles: list, table: pl.DataFrame, model: object | None,
                 kinds: list[str]) -> None:
    """Drill-down: one paragraph's full scores and the terms behind its frame."""
    ids = [a.article_id for a in articles]
    pick_article, pick_par = st.columns([1, 2])
    article_id = pick_article.selectbox("Article", ids, key="drill_article")
    rows = wd.rows_of(table, article_id)
    first_body = next((i for i, r in enumerate(rows) if not r["is_boilerplate"]), 0)
    index = pick_par.selectbox("Paragraph", range(len(rows)), index=first_body,
                               key="drill_paragraph",
                               format_func=lambda i: f"¶{i + 1}: {rows[i]['text'][:90]}")
    row = rows[min(index or 0, len(rows) - 1)]
    st.html(f'<div class="wb-detail">{hl.paragraph_html(row, kinds=kinds)}</div>')
    scores, terms = st.columns(2)
    values = wd.paragraph_scores(row)
    scores.dataframe(values, hide_index=True, key="drill_scores",
                     height=36 * (values.height + 1) + 4,
                     column_config={"value": st.column_config.TextColumn(alignment="right")})
    if model is not None:
        from workbench.model import explain

        terms.caption("Terms behind the model's frame (weight towards the primary frame)")
        explained = explain(model, row["text"], k=8)
        terms.dataframe(pl.DataFrame(explained, schema=["term", "weight"], orient="row"),
                        hide_index=True, key="drill_terms",
                        column_config={"weight": st.column_config.NumberColumn(format="%.3f")})
    else:
        terms.caption("Frame cues in this paragraph (no model loaded)")
        terms.dataframe(wd.cue_terms(hl.cues_of(row, ["frame_cues"])), hide_index=True,
                        key="drill_terms")


def main() -> None:
    """The comparison page."""
    model, model_key, note = common.model_ui()
    st.title("Compare news coverage, paragraph by paragraph")
    try:
        folder = seeds_dir()
    except ResourceError as err:
        seeds, seed_errors = {}, [str(err)]
    else:
        seeds, seed_errors = common.load_seeds(str(folder), common.folder_stamp(folder))
    for err in seed_errors:
        st.warning(hl.markdown_literal(err))
    uploads: dict = {}
    pasted = st.session_state.setdefault("pasted", {})
    added = add_articles_ui(uploads, pasted)
    mine = {**uploads, **pasted}
    only_mine = only_mine_ui(seeds, mine)
    available = mine if only_mine else {**seeds, **mine}
    keys = choose_ui(available, added)
    if note:
        st.info(note)
    if len(keys) < 2:
        st.info("Add one more article of your own, or turn off *Compare only my articles* "
                "to compare yours with the sample articles." if only_mine and len(mine) < 2
                else "Choose two or more articles to compare them.")
        return
    articles = wd.unique_ids(available[k] for k in keys)
    table = scored_table(articles, model, model_key)
    summary = model_frames_found(summarise_articles(table), model)
    summary_ui(table, summary)
    kinds = kinds_ui()
    # Only the open tab is built: a rerun then sends one view, not four.
    reading, aligned, charts, detail = st.tabs(list(VIEWS), key="view", on_change="rerun")
    if reading.open:
        with reading:
            reading_ui(articles, table, kinds)
    if aligned.open:
        with aligned:
            alignment_ui(articles, table, kinds)
    if charts.open:
        with charts:
            charts_ui(table, summary)
    if detail.open:
        with detail:
            paragraph_ui(articles, table, model, kinds)


main()
