"""Dashboard page: train a frame model on a labelled CSV, read its report, download it.

Widget code only; reading, training and saving come from ``workbench``.
"""

from __future__ import annotations

import uuid

import streamlit as st

from pages import common
from workbench import dashboard as wd
from workbench.dashboard import highlight as hl
from workbench.dashboard import training as wt
from workbench.errors import InputError, ModelError


def main() -> None:
    """The training page: labelled CSV in, cross-validated report and model file out."""
    common.model_ui()  # the sidebar's choice of scoring model, as on every page
    st.title("Train a frame model")
    st.write("Upload a CSV of labelled paragraphs (one text column, one label column). "
             "The model is cross-validated, then fitted on all rows.")
    file = st.file_uploader(f"Labelled CSV (up to {wd.MAX_UPLOAD_MB} MB)", type=["csv"],
                            key="train_upload")
    if file is None:
        return
    try:
        columns = wt.csv_columns(file.name, file.getvalue())
    except InputError as err:
        st.error(hl.markdown_literal(str(err)))
        return
    text_col, label_col = st.columns(2)
    text_column = text_col.selectbox("Text column", columns, key="train_text_column",
                                     index=wt.guess_column(columns, "text"))
    label_column = label_col.selectbox("Label column", columns, key="train_label_column",
                                       index=wt.guess_column(columns, "label"))
    multi_col, sep_col, cv_col = st.columns(3)
    multi = multi_col.checkbox("Several labels per row", key="train_multi_label")
    sep = sep_col.text_input("Label separator", ";", key="train_label_sep", disabled=not multi)
    cv = cv_col.number_input("Cross-validation folds", 2, 10, 5, key="train_cv")
    if st.button("Train", type="primary", key="train_button"):
        with st.spinner("Training and cross-validating…"):
            try:
                trained = wt.train_upload(file.name, file.getvalue(), text_column=text_column,
                                          label_column=label_column, multi_label=multi,
                                          label_sep=sep or ";", cv=int(cv))
            except (InputError, ModelError, ValueError) as err:
                st.error(hl.markdown_literal(str(err)))
                return
        st.session_state["trained"] = {**trained, "id": uuid.uuid4().hex}
    trained_ui(st.session_state.get("trained"))


def trained_ui(trained: dict | None) -> None:
    """Report, confusion matrix and downloads of the model trained in this session."""
    if not trained:
        return
    st.subheader("Cross-validated report")
    st.code(trained["report_text"], language=None)
    confusion = trained.get("confusion")
    if confusion is not None:
        st.altair_chart(wt.confusion_chart(confusion), key="confusion_chart")
    left, mid, right = st.columns(3)
    left.download_button("Download model (.skops)", trained["model_bytes"],
                         file_name=trained["file_name"], mime="application/octet-stream",
                         key="dl_model")
    mid.download_button("Download model card (.md)", trained["card_bytes"],
                        file_name=trained["card_name"], mime="text/markdown", key="dl_card")
    right.button("Use this model for scoring", on_click=common.use_model,
                 args=("session",), key="use_trained")


main()
