"""Streamlit dashboard: compare how outlets hedge, attribute and frame the same story.

Run with ``make run`` (or ``streamlit run app.py``). This entry point sets the page up
and runs the chosen page from ``pages/`` (comparison, training); every figure, every
piece of HTML and every file operation comes from the ``workbench`` package.
"""

from __future__ import annotations

# numpy and pandas are imported first, before anything imports them lazily: with
# Streamlit's fast reruns, a second script run could otherwise see a half-imported numpy
# ("partially initialized module 'numpy' has no attribute 'ndarray'").
import numpy  # noqa: F401
import pandas  # noqa: F401
import streamlit as st
import streamlit.runtime.memory_media_file_storage as st_media

from workbench.dashboard import highlight as hl

# Streamlit 1.67 names a download over 1 MiB by a fingerprint of its length, head, middle
# and tail, in one store shared by all sessions: two sessions' CSVs that differ elsewhere
# got one URL, and the second session was served the first one's file. Hash every byte
# (tests/dashboard/test_load.py::test_downloads_of_two_sessions_never_share_a_file).
st_media._PARTIAL_HASH_THRESHOLD = float("inf")

PAGES = [
    st.Page("pages/compare.py", title="Compare articles", url_path="compare", default=True),
    st.Page("pages/train.py", title="Train a frame model", url_path="train"),
    st.Page("pages/corpus.py", title="Outlets across a corpus", url_path="corpus"),
]


def main() -> None:
    st.set_page_config(page_title="Media-bias comparison workbench", layout="wide")
    st.html(hl.STYLE)
    st.navigation(PAGES).run()


main()
