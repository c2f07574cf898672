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

import copy
import math
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


def with_calibrated_thresholds(model: object, summary: pl.DataFrame,
                               labelled: Mapping[str, Sequence[str]], *, scale: float = 1.0,
                               source: str = "") -> object:
    """Return ``model`` carrying per-frame article thresholds matched to frame frequencies in
    ``labelled`` (article id -> its annotated frames), by :func:`calibrate_thresholds`.

    ``summary`` is the article table of the same articles scored by ``model``
    (:func:`workbench.score.summarise_articles`). Frames that no article carries keep the
    model's current threshold (:func:`article_thresholds`); an unknown frame name or an id
    without a summary row raises ``ValueError``. ``model.info`` is copied, not changed.

    Examples
    --------
    >>> class M:
    ...     labels = ("crime", "health")
    ...     info = {}
    >>> s = pl.DataFrame({"article_id": ["a", "b", "c"], "frame_crime": [0.6, 0.3, 0.1],
    ...                   "frame_health": [0.4, 0.7, 0.9]})
    >>> m = with_calibrated_thresholds(M(), s, {"a": ["crime"], "b": ["crime", "health"],
    ...                                        "c": ["health"]})
    >>> article_thresholds(m)
    {'crime': 0.3, 'health': 0.7}
    """
    labels = list(model.labels)
    unknown = sorted({f for frames in labelled.values() for f in frames} - set(labels))
    if unknown:
        raise ValueError(f"frames not among the model's labels: {', '.join(unknown)} "
                         f"(labels: {', '.join(labels)})")
    rows = summary.filter(pl.col("article_id").is_in(list(labelled)))
    missing = sorted(set(labelled) - set(rows["article_id"].to_list()))
    if missing:
        raise ValueError(f"{len(missing)} labelled article(s) have no text, e.g. {missing[0]!r}")
    present = np.array([[label in labelled[a] for label in labels]
                        for a in rows["article_id"].to_list()], dtype=int)
    shares = np.column_stack([rows[frame_column(x)].fill_null(0.0).to_numpy()
                              if frame_column(x) in rows.columns else np.zeros(rows.height)
                              for x in labels])
    found = calibrate_thresholds(shares, present, scale=scale)
    current = article_thresholds(model)
    # floored, not rounded: a rounded-up threshold would miss the article that set it
    thresholds = {x: (math.floor(float(found[j]) * 1e4) / 1e4 if present[:, j].any()
                      else current[x]) for j, x in enumerate(labels)}
    info = dict(getattr(model, "info", None) or {})
    info[INFO_KEY] = {"thresholds": thresholds, "scale": scale, "articles": rows.height,
                      "method": (f"matched to frame frequencies on {rows.height} labelled "
                                 f"articles{' (' + source + ')' if source else ''}: each "
                                 f"frame is found in about {scale:g} times as many of them as "
                                 "carry it")}
    out = copy.copy(model)
    out.info = info
    return out
