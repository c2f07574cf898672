"""Support for the dashboard's training page: labelled CSV in, model and report out.

Uploaded bytes are only ever written into a fresh temporary directory, removed
before each function returns; the trained model comes back as bytes to download.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

import altair as alt
import polars as pl

from workbench.dashboard import MAX_UPLOAD_BYTES, safe_filename
from workbench.errors import InputError
from workbench.io.articles import decode

TEXT_NAMES = ("text", "paragraph", "body", "sentence", "content")
LABEL_NAMES = ("frame", "label", "labels", "frames", "category", "class")


def _check(name: str, data: bytes, max_bytes: int) -> str:
    safe = safe_filename(name)
    if len(data) > max_bytes:
        raise InputError(safe, f"the file is {len(data) / 2**20:.1f} MB; the dashboard reads up "
                         f"to {max_bytes / 2**20:.0f} MB (use `workbench train` for larger files)")
    if not safe.lower().endswith(".csv"):
        raise InputError(safe, "expected a .csv file of labelled paragraphs")
    return safe


def csv_columns(name: str, data: bytes, *, max_bytes: int = MAX_UPLOAD_BYTES) -> list[str]:
    """Return the column names of an uploaded labelled CSV.

    Examples
    --------
    >>> csv_columns("l.csv", b"text,frame\\nTaxes rose.,economic\\n")
    ['text', 'frame']
    """
    safe = _check(name, data, max_bytes)
    decode(data, safe)  # refuses binary data and non-UTF-8 text by name
    try:
        head = pl.read_csv(io.BytesIO(data), n_rows=50, infer_schema=False)
    except Exception as err:  # polars raises many kinds; all mean a malformed file
        first = (str(err).strip().splitlines() or [type(err).__name__])[0]
        raise InputError(safe, f"cannot parse as CSV ({first[:160]})") from None
    if len(head.columns) < 2:
        raise InputError(safe, "needs at least two columns: a text column and a label column")
    if head.height == 0:
        raise InputError(safe, "has a header but no rows")
    return head.columns


def guess_column(columns: Sequence[str], kind: str) -> int:
    """Return the index of the likeliest ``text`` or ``label`` column.

    Examples
    --------
    >>> guess_column(["id", "frame", "text"], "text"), guess_column(["id", "frame"], "label")
    (2, 1)
    """
    names = TEXT_NAMES if kind == "text" else LABEL_NAMES
    lowered = [c.lower() for c in columns]
    for name in names:
        if name in lowered:
            return lowered.index(name)
    return 0 if kind == "text" else min(1, len(columns) - 1)


def train_upload(name: str, data: bytes, *, text_column: str, label_column: str,
                 multi_label: bool = False, label_sep: str = ";", cv: int = 5, seed: int = 0,
                 max_bytes: int = MAX_UPLOAD_BYTES) -> dict:
    """Train a frame model on an uploaded CSV; return it with its report and files as bytes.

    Returns
    -------
    dict
        ``model``, ``report_text``, ``report`` (dict), ``confusion`` (long frame or None),
        ``model_bytes``, ``file_name``, ``card_bytes`` and ``card_name``.
    """
    safe = _check(name, data, max_bytes)
    from workbench.model import save_model, train_from_file

    stem = safe.rsplit(".", 1)[0]
    with tempfile.TemporaryDirectory(prefix="workbench-train-") as tmp:
        source = Path(tmp) / safe
        source.write_bytes(data)
        try:
            result = train_from_file(source, text_column=text_column, label_column=label_column,
                                     multi_label=multi_label, label_sep=label_sep, cv=cv,
                                     seed=seed)
        except InputError as err:  # name the upload, not the temporary copy
            raise InputError(safe, err.problem.replace(str(source), safe)) from None
        report = result.report.to_dict()
        card = {"description": f"Trained in the dashboard on the upload {safe}.",
                "training_data": _without_paths(result.data, str(source), safe),
                "metrics": report}
        out = Path(tmp) / "model"
        out.mkdir()
        model_path = Path(save_model(result.model, out / f"framing-{stem}.skops", card=card))
        cards = sorted(out.glob("*.md"))
        card_path = cards[0] if cards else None
        files = {
            "model_bytes": model_path.read_bytes(),
            "file_name": model_path.name,
            "card_bytes": card_path.read_bytes() if card_path else b"",
            "card_name": card_path.name if card_path else f"framing-{stem}.card.md",
        }
    return {"model": result.model, "report_text": result.report.to_text(), "report": report,
            "confusion": confusion_frame(report), **files}


def _without_paths(value: object, path: str, name: str) -> object:
    """Return ``value`` (JSON-like) with the temporary path replaced by the upload's name."""
    if isinstance(value, str):
        return value.replace(path, name)
    if isinstance(value, dict):
        return {k: _without_paths(v, path, name) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_without_paths(v, path, name) for v in value]
    return value


def confusion_frame(report: Mapping[str, object]) -> pl.DataFrame | None:
    """Return the report's confusion matrix as a long table (true, predicted, count).

    Reads ``confusion_matrix`` (rows: true labels) with ``labels`` from the report
    dict; returns None when the report has none (as for multi-label models).

    Examples
    --------
    >>> confusion_frame({"labels": ["a", "b"], "confusion_matrix": [[3, 1], [0, 2]]}).rows()
    [('a', 'a', 3), ('a', 'b', 1), ('b', 'a', 0), ('b', 'b', 2)]
    """
    matrix, labels = report.get("confusion_matrix"), report.get("labels")
    if not matrix or not labels:
        return None
    rows = [(str(t), str(p), int(n)) for t, counts in zip(labels, matrix, strict=True)
            for p, n in zip(labels, counts, strict=True)]
    return pl.DataFrame(rows, schema={"true": pl.String, "predicted": pl.String,
                                      "count": pl.Int64}, orient="row")


def confusion_chart(confusion: pl.DataFrame) -> alt.LayerChart:
    """Return a heat map of the confusion matrix with the counts written in."""
    base = alt.Chart(confusion).encode(
        x=alt.X("predicted:N", title="predicted"),
        y=alt.Y("true:N", title="true label"),
    )
    cells = base.mark_rect().encode(color=alt.Color("count:Q", scale=alt.Scale(scheme="blues")),
                                    tooltip=["true", "predicted", "count"])
    text = base.mark_text(fontSize=11).encode(text="count:Q")
    return (cells + text).properties(width=alt.Step(34), height=alt.Step(24))
