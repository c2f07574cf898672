"""When a frame model abstains: the confidence below which a paragraph has no clear frame.

A paragraph's confidence is its top frame's probability. Training calibrates it on the
cross-validated (out-of-fold) probabilities of the training texts: an isotonic regression
of "the top frame is a true label" on confidence estimates how often a frame given with
that confidence is right, and the threshold is the lowest confidence at which that estimate
reaches :data:`TARGET_PRECISION`. Below it the top frame is more likely wrong than right, so
the score table marks the paragraph ``frame_confident = false`` and the dashboard shows
"no clear frame" instead of a badge. The threshold is stored in the model
(``model.info["abstention"]``) and copied into its card.

The texts it is calibrated on are the training texts' own kind; on other outlets and
registers a frame given with the same confidence is right less often, so the rule is a
floor, not a guarantee.
"""

from __future__ import annotations

import numpy as np

TARGET_PRECISION = 0.5
"""Calibrated chance that the top frame is right, from which a paragraph gets a badge."""


def top_label_correct(y: np.ndarray, proba: np.ndarray, *, multi_label: bool) -> np.ndarray:
    """Return, per text, 1 if the most probable label is one of its true labels, else 0.

    ``y`` holds label indices (single-label) or a 0/1 matrix (multi-label).
    """
    top = proba.argmax(axis=1)
    if multi_label:
        return y[np.arange(len(y)), top].astype(int)
    return (top == np.asarray(y)).astype(int)


def abstention_threshold(proba: np.ndarray, correct: np.ndarray, *,
                         target: float = TARGET_PRECISION) -> dict:
    """Return the calibrated abstention rule for out-of-fold probabilities.

    Parameters
    ----------
    proba : numpy.ndarray
        Out-of-fold probabilities, texts x labels.
    correct : numpy.ndarray
        Per text, whether its top label was right (:func:`top_label_correct`).
    target : float
        The calibrated chance of being right from which a frame is shown.

    Returns
    -------
    dict
        ``threshold`` (show a frame when confidence >= it), ``target``, ``coverage``
        (share of the texts at or above it), ``precision_above`` and ``precision_below``
        (share right among those above and below), ``n`` and ``method``: plain JSON
        values for the model card.

    Examples
    --------
    >>> proba = np.array([[0.9, 0.1], [0.8, 0.2], [0.6, 0.4], [0.55, 0.45]])
    >>> rule = abstention_threshold(proba, np.array([1, 1, 0, 0]))
    >>> rule["threshold"], rule["coverage"]
    (0.8, 0.5)
    """
    from sklearn.isotonic import IsotonicRegression

    confidence = proba.max(axis=1) if len(proba) else np.zeros(0)
    correct = np.asarray(correct, dtype=float)
    threshold = 1.0
    if len(confidence):
        fitted = IsotonicRegression(out_of_bounds="clip").fit(confidence, correct) \
            .predict(confidence)
        reached = confidence[fitted >= target]
        threshold = float(reached.min()) if len(reached) else 1.0
    above = confidence >= threshold
    return {
        "threshold": round(threshold, 4),
        "target": target,
        "coverage": round(float(above.mean()), 4) if len(above) else 0.0,
        "precision_above": round(float(correct[above].mean()), 4) if above.any() else None,
        "precision_below": round(float(correct[~above].mean()), 4) if (~above).any()
        else None,
        "n": int(len(confidence)),
        "method": ("lowest top-frame probability at which an isotonic fit of 'top frame "
                   f"is right' on out-of-fold probabilities reaches {target}"),
    }


def min_confidence(model: object) -> float:
    """Return the model's abstention threshold (0 for a model trained without one)."""
    info = getattr(model, "info", None) or {}
    rule = info.get("abstention") or {}
    return float(rule.get("threshold") or 0.0)
