"""Widgets and cached loaders shared by the dashboard's pages (see ``app.py``).

Not a page itself: ``app.py`` lists the pages with ``st.navigation``, so Streamlit does
not turn every file in this folder into one. Each page draws the sidebar's model choice
itself (``model_ui``), rather than the entry point: elements drawn by the entry point
before ``page.run()`` vanish from AppTest's view after the first rerun (Streamlit 1.67).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import streamlit as st

from workbench import dashboard as wd
from workbench.dashboard import highlight as hl
from workbench.errors import ModelError, ResourceError
from workbench.paths import default_model_path

MODELS = {"default": "Default model", "session": "Model trained in this session",
          "none": "None (frame-cue counts)"}


@st.cache_resource(show_spinner="Loading the frame model…")
def load_model(path: str, stamp: tuple[int, int]) -> object:
    """Load a model file once per server (``stamp``: size and mtime, so edits reload)."""
    from workbench.model import load_model as load

    return load(path)


@st.cache_data(show_spinner=False)
def load_seeds(folder: str, stamp: tuple) -> tuple[dict, list[str]]:
    """Read the seed articles once per folder state."""
    articles, errors = wd.seed_articles(folder)
    return articles, [str(e) for e in errors]


@st.cache_data(show_spinner=False, max_entries=512)
def score_article(article_hash: str, model_key: str, _article: object,
                  _model: object | None) -> pl.DataFrame:
    """Score one article; cached by its content hash and the model's identity."""
    return wd.score_article(_article, _model)


def file_stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns


def folder_stamp(folder: Path) -> tuple:
    """Names, sizes and mtimes of a folder's files: the seeds' cache key."""
    if not folder.is_dir():
        return ()
    return tuple(sorted((p.name, *file_stamp(p)) for p in folder.glob("*") if p.is_file()))


def model_ui() -> tuple[object | None, str, str | None]:
    """Choose the model that scores (sidebar, on every page); return it, its cache key
    and a note for the user.

    The choice lives in ``kept_model_choice``: each page draws its own radio, which
    Streamlit would start at its first option, so the radio is set from the kept value,
    which only the user's own clicks (``on_change``) and :func:`use_model` update.
    """
    state = st.session_state
    trained = state.get("trained")
    options = ["default", "session", "none"] if trained else ["default", "none"]
    kept = state.get("kept_model_choice", "default")
    if kept not in options:
        kept = state["kept_model_choice"] = "none"
    state["model_choice"] = kept  # always: on another page the radio is a new widget
    with st.sidebar:
        choice = st.radio("Frame model", options, format_func=MODELS.get, key="model_choice",
                          on_change=_keep_choice)
    return chosen_model(choice, trained)


def _keep_choice() -> None:
    st.session_state["kept_model_choice"] = st.session_state["model_choice"]


def use_model(choice: str) -> None:
    """Make ``choice`` (``default``, ``session`` or ``none``) the scoring model (callback)."""
    st.session_state["kept_model_choice"] = st.session_state["model_choice"] = choice


def chosen_model(choice: str, trained: dict | None) -> tuple[object | None, str, str | None]:
    """Return the model, its cache key and a note for the user."""
    if choice == "session":
        return trained["model"], f"session:{trained['id']}", None
    if choice == "none":
        return None, "none", ("No frame model chosen: badges and the frame chart count frame "
                              "cues instead of model probabilities.")
    try:
        path = default_model_path()
    except ResourceError as err:
        return None, "none", (f"{hl.markdown_literal(str(err))}. Badges and the frame chart "
                              "count frame cues.")
    if not path.exists():
        return None, "none", (f"No default model at `{path.name}` yet: badges and the frame "
                              "chart count frame cues. Build it with `make model`, or train "
                              "one on the *Train a frame model* page.")
    try:
        stamp = file_stamp(path)
        return load_model(str(path), stamp), f"default:{path}:{stamp}", None
    except ModelError as err:
        return None, "none", (f"The default model cannot be used "
                              f"({hl.markdown_literal(err.problem)}); "
                              "counting frame cues instead.")
