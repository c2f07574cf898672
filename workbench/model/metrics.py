"""Classification metrics of a frame model, and the per-label decision thresholds.

A :class:`Report` holds per-class precision, recall, F1 and support, micro and macro F1
and (single-label only) the confusion matrix; ``to_text`` prints it, ``to_dict`` feeds the
model card, the dashboard and JSON output.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support

THRESHOLD_GRID = np.round(np.arange(0.05, 0.951, 0.025), 3)
"""Candidate decision thresholds for multi-label models."""


@dataclass
class Report:
    """Metrics of predictions against true labels.

    Attributes
    ----------
    labels : tuple of str
        The classes, in the order of every per-class array.
    multi_label : bool
        Whether a text may carry several labels.
    precision, recall, f1 : numpy.ndarray
        Per class.
    support : numpy.ndarray
        Number of texts carrying each label.
    micro_f1, macro_f1 : float
        F1 pooled over all decisions, and the unweighted mean of per-class F1.
    confusion : numpy.ndarray or None
        Single-label only: rows are true labels, columns predicted labels.
    n_texts : int
        Number of texts scored.
    method : str
        How the predictions were obtained (``"5-fold cross-validation"``, ``"held-out"``).
    """

    labels: tuple[str, ...]
    multi_label: bool
    precision: np.ndarray
    recall: np.ndarray
    f1: np.ndarray
    support: np.ndarray
    micro_f1: float
    macro_f1: float
    confusion: np.ndarray | None
    n_texts: int
    method: str = ""
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        """Return plain JSON-ready values (``labels``, ``per_class``, ``micro_f1``, ...).

        ``confusion_matrix`` is a list of rows (true labels) or None.
        """
        return {
            "method": self.method,
            "multi_label": self.multi_label,
            "n_texts": self.n_texts,
            "labels": list(self.labels),
            "micro_f1": round(float(self.micro_f1), 4),
            "macro_f1": round(float(self.macro_f1), 4),
            "per_class": {
                label: {"precision": round(float(p), 4), "recall": round(float(r), 4),
                        "f1": round(float(f), 4), "support": int(s)}
                for label, p, r, f, s in zip(self.labels, self.precision, self.recall,
                                             self.f1, self.support, strict=True)
            },
            "confusion_matrix": None if self.confusion is None else self.confusion.tolist(),
            "notes": list(self.notes),
        }

    def to_text(self) -> str:
        """Return the report as an aligned plain-text table."""
        width = max([len(x) for x in self.labels] + [9])
        head = f"{'label':<{width}}  precision  recall     f1  support"
        lines = [f"{self.method} on {self.n_texts} texts"
                 f" ({'multi-label' if self.multi_label else 'single-label'})", "", head]
        for label, p, r, f, s in zip(self.labels, self.precision, self.recall, self.f1,
                                     self.support, strict=True):
            lines.append(f"{label:<{width}}  {p:9.3f}  {r:6.3f}  {f:5.3f}  {int(s):7d}")
        lines += ["", f"{'micro F1':<{width}}  {self.micro_f1:.3f}",
                  f"{'macro F1':<{width}}  {self.macro_f1:.3f}"]
        if self.confusion is not None:
            lines += ["", "confusion matrix (rows: true label, columns: predicted)"]
            short = [x[:6] for x in self.labels]
            cell = max([len(x) for x in short] + [len(str(self.confusion.max()))]) + 1
            lines.append(" " * width + "".join(f"{x:>{cell}}" for x in short))
            for label, row in zip(self.labels, self.confusion, strict=True):
                lines.append(f"{label:<{width}}" + "".join(f"{int(v):>{cell}}" for v in row))
        lines += [f"note: {n}" for n in self.notes]
        return "\n".join(lines)


def report_single(y_true: Sequence[int], y_pred: Sequence[int], labels: Sequence[str], *,
                  method: str) -> Report:
    """Return the report of single-label predictions given as label indices.

    Examples
    --------
    >>> r = report_single([0, 0, 1, 1], [0, 1, 1, 1], ["a", "b"], method="demo")
    >>> round(r.micro_f1, 2), r.confusion.tolist()
    (0.75, [[1, 1], [0, 2]])
    """
    idx = list(range(len(labels)))
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=idx, zero_division=0)
    return Report(
        labels=tuple(labels), multi_label=False, precision=p, recall=r, f1=f, support=s,
        micro_f1=float(f1_score(y_true, y_pred, labels=idx, average="micro", zero_division=0)),
        macro_f1=float(f1_score(y_true, y_pred, labels=idx, average="macro", zero_division=0)),
        confusion=confusion_matrix(y_true, y_pred, labels=idx), n_texts=len(y_true),
        method=method,
    )


def report_multi(y_true: np.ndarray, y_pred: np.ndarray, labels: Sequence[str], *,
                 method: str) -> Report:
    """Return the report of multi-label predictions given as 0/1 matrices (texts x labels).

    Examples
    --------
    >>> import numpy as np
    >>> r = report_multi(np.array([[1, 0], [1, 1]]), np.array([[1, 0], [0, 1]]), ["a", "b"],
    ...                  method="demo")
    >>> round(r.micro_f1, 2), r.support.tolist(), r.confusion is None
    (0.8, [2, 1], True)
    """
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, zero_division=0)
    return Report(
        labels=tuple(labels), multi_label=True, precision=p, recall=r, f1=f, support=s,
        micro_f1=float(f1_score(y_true, y_pred, average="micro", zero_division=0)),
        macro_f1=float(f1_score(y_true, y_pred, average="macro", zero_division=0)),
        confusion=None, n_texts=int(y_true.shape[0]), method=method,
    )


def f1_at_thresholds(y: np.ndarray, proba: np.ndarray, grid: np.ndarray) -> np.ndarray:
    """Return the F1 of one label for each candidate threshold in ``grid`` (vectorised)."""
    decided = proba[:, None] >= grid[None, :]
    tp = (decided & (y[:, None] == 1)).sum(axis=0)
    return 2 * tp / np.maximum(decided.sum(axis=0) + y.sum(), 1)


def tune_thresholds(y: np.ndarray, proba: np.ndarray, *,
                    grid: np.ndarray = THRESHOLD_GRID) -> np.ndarray:
    """Return one decision threshold per label, from out-of-fold probabilities.

    Each label's threshold is the midpoint of the one maximising its own F1 and the one
    shared threshold maximising micro-F1 over all labels. Per-label thresholds alone help
    rare labels (macro-F1) but follow noise on a few hundred texts; the shared one is
    stable and suits frequent labels (micro-F1). On SemEval-2023 the midpoint kept most of
    both gains (see ``benchmarks/framing.py``). Among tied thresholds the middle one wins.

    Examples
    --------
    >>> import numpy as np
    >>> y = np.array([[1, 0], [1, 0], [0, 1], [0, 0]])
    >>> p = np.array([[.9, .1], [.6, .2], [.3, .7], [.1, .3]])
    >>> tune_thresholds(y, p).round(3).tolist()
    [0.475, 0.5]
    """
    y = np.asarray(y)
    proba = np.asarray(proba)
    own = np.empty(y.shape[1])
    pooled_tp = np.zeros(len(grid))
    pooled_decided = np.zeros(len(grid))
    for j in range(y.shape[1]):
        scores = f1_at_thresholds(y[:, j], proba[:, j], grid)
        own[j] = _middle_of_best(scores, grid) if y[:, j].any() else grid[-1]
        decided = proba[:, j][:, None] >= grid[None, :]
        pooled_tp += (decided & (y[:, j][:, None] == 1)).sum(axis=0)
        pooled_decided += decided.sum(axis=0)
    micro = 2 * pooled_tp / np.maximum(pooled_decided + y.sum(), 1)
    return (own + _middle_of_best(micro, grid)) / 2


def _middle_of_best(scores: np.ndarray, grid: np.ndarray) -> float:
    """Return the middle of the thresholds tied for the best score (the widest margin)."""
    best = np.flatnonzero(np.isclose(scores, scores.max()))
    return float(grid[best[len(best) // 2]])
