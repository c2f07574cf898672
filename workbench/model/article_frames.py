"""Which frames an article has: its frame shares against one threshold per frame.

An article's share of a frame is the word-weighted mean of its body paragraphs' probabilities
(:func:`workbench.score.summarise_articles`). A frame is *found* in the article when its share
reaches the frame's threshold. The dashboard, ``workbench compare`` and the framing benchmark
all decide through :func:`frames_found`, so the figures a user sees are the ones measured.

The thresholds are stored in the model (``model.info["article_frames"]``). A single-label
model without them uses ``1 / number of labels`` for every frame (the share of a model that
knows nothing); a multi-label one, its per-label decision thresholds.
:func:`calibrate_thresholds` sets them per frame by matching frequencies: a frame's threshold
is the share at which it is found in ``scale`` times as many articles as carry it in a
labelled set. A single-label paragraph model spreads its probability unevenly across frames
(frames with many distinctive words, such as health, take large shares; diffuse ones such as
quality of life or policy rarely do), so one threshold for all frames over-finds the first
and under-finds the second; matching frequencies needs only each frame's rate, which is far
steadier on a small labelled set than thresholds chosen to maximise F1.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import polars as pl

from workbench.schema import FRAMES_FOUND, frame_column

INFO_KEY = "article_frames"
"""Key of the thresholds (and how they were set) in ``FrameModel.info``."""
SEPARATOR = "; "


def article_thresholds(model: object) -> dict[str, float]:
    """Return the model's threshold per label; where none is stored, ``1 / len(labels)`` for a
    single-label model and the label's own decision threshold for a multi-label one.

    Examples
    --------
    >>> class M:
    ...     labels = ("crime", "economic", "health", "other")
    ...     info = {"article_frames": {"thresholds": {"crime": 0.05}}}
    >>> article_thresholds(M())
    {'crime': 0.05, 'economic': 0.25, 'health': 0.25, 'other': 0.25}
    """
    labels = tuple(model.labels)
    stored = ((getattr(model, "info", None) or {}).get(INFO_KEY) or {}).get("thresholds") or {}
    if getattr(model, "multi_label", False):  # probabilities do not sum to one: its own cut-offs
        defaults = [float(t) for t in model.thresholds]
    else:
        defaults = [1 / len(labels)] * len(labels)
    return {label: float(stored.get(label, d)) for label, d in zip(labels, defaults,
                                                                    strict=True)}


def found_matrix(summary: pl.DataFrame, thresholds: Mapping[str, float],
                 labels: Sequence[str] | None = None) -> np.ndarray:
    """Return 0/1 (articles x ``labels``): whether each frame's share reaches its threshold.

    ``labels`` defaults to those of ``thresholds``; a label with no share column is never found.

    Examples
    --------
    >>> s = pl.DataFrame({"frame_crime": [0.30, 0.02], "frame_health": [0.04, 0.50]})
    >>> found_matrix(s, {"crime": 0.05, "health": 0.04}).tolist()
    [[1, 1], [0, 1]]
    """
    labels = list(thresholds) if labels is None else list(labels)
    out = np.zeros((summary.height, len(labels)), dtype=np.int8)
    for j, label in enumerate(labels):
        column = frame_column(label)
        if column in summary.columns and label in thresholds:
            share = summary[column].fill_null(0.0).to_numpy()
            out[:, j] = share >= thresholds[label]
    return out


def frames_found(summary: pl.DataFrame, thresholds: Mapping[str, float]) -> pl.DataFrame:
    """Return ``summary`` with :data:`FRAMES_FOUND`: its frames whose share reaches their
    threshold, in the order of ``thresholds``, joined by ``"; "`` (empty when none does).

    Examples
    --------
    >>> s = pl.DataFrame({"article_id": ["a", "b"], "frame_crime": [0.30, 0.02],
    ...                   "frame_health": [0.04, 0.01]})
    >>> frames_found(s, {"crime": 0.05, "health": 0.04})["frames_found"].to_list()
    ['crime; health', '']
    """
    labels = list(thresholds)
    found = found_matrix(summary, thresholds, labels)
    names = [SEPARATOR.join(labels[j] for j in np.flatnonzero(row)) for row in found]
    return summary.with_columns(pl.Series(FRAMES_FOUND, names, dtype=pl.String))


def model_frames_found(summary: pl.DataFrame, model: object | None) -> pl.DataFrame:
    """Return ``summary`` with :data:`FRAMES_FOUND` by ``model``'s thresholds
    (:func:`article_thresholds`); unchanged without a model or without share columns."""
    if model is None or not any(frame_column(x) in summary.columns for x in model.labels):
        return summary
    return frames_found(summary, article_thresholds(model))


def calibrate_thresholds(shares: np.ndarray, present: np.ndarray, *,
                         scale: float = 1.0) -> np.ndarray:
    """Return one threshold per column of ``shares`` (articles x frames), matching frequencies:
    the share of the ``k``-th highest article, ``k = round(scale * articles carrying it)``
    (at least 1), so that the frame is found in about ``k`` of these articles.

    ``present`` is 0/1 (articles x frames), the labelled frames of the same articles.

    Examples
    --------
    >>> shares = np.array([[0.30, 0.01], [0.20, 0.02], [0.10, 0.05], [0.05, 0.20]])
    >>> present = np.array([[1, 0], [1, 0], [0, 0], [0, 1]])
    >>> calibrate_thresholds(shares, present).tolist()
    [0.2, 0.2]
    >>> calibrate_thresholds(shares, present, scale=1.5).tolist()
    [0.1, 0.05]
    """
    shares = np.asarray(shares, dtype=np.float64)
    present = np.asarray(present)
    if shares.shape != present.shape or shares.ndim != 2 or not len(shares):
        raise ValueError(f"shares {shares.shape} and present {present.shape} must be the same "
                         "non-empty (articles x frames) shape")
    if scale <= 0:
        raise ValueError(f"scale must be positive, got {scale}")
    out = np.empty(shares.shape[1])
    for j in range(shares.shape[1]):
        k = int(round(scale * present[:, j].sum()))
        k = min(max(k, 1), len(shares))
        out[j] = np.sort(shares[:, j])[::-1][k - 1]
    return out
