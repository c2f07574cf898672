"""Scores of a grouping against gold groups: pairwise precision, recall, F1 and ARI.

Examples
--------
>>> pairwise_scores(["a", "a", "b"], [0, 0, 0])["precision"]
0.3333333333333333
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from sklearn.metrics import adjusted_rand_score


def _pairs(counts: Counter) -> int:
    return sum(c * (c - 1) // 2 for c in counts.values())


def pairwise_scores(gold: Sequence[object], predicted: Sequence[object]) -> dict[str, float]:
    """Return pairwise ``precision, recall, f1`` (over article pairs put together) and ``ari``.

    A pair counts as predicted when both articles share a predicted group, as gold when they
    share a gold group; with no predicted (or gold) pairs, precision (recall) is 1.
    """
    if len(gold) != len(predicted):
        raise ValueError(f"gold has {len(gold)} labels, predicted {len(predicted)}")
    both = _pairs(Counter(zip(gold, predicted, strict=True)))
    n_pred, n_gold = _pairs(Counter(predicted)), _pairs(Counter(gold))
    precision = both / n_pred if n_pred else 1.0
    recall = both / n_gold if n_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1,
            "ari": float(adjusted_rand_score(list(map(str, gold)), list(map(str, predicted)))),
            "gold_pairs": n_gold, "predicted_pairs": n_pred}


def widest_plateau(scores: Sequence[float], tolerance: float = 0.02,
                   best: float | None = None) -> tuple[int, int]:
    """Return ``(start, stop)`` (``stop`` exclusive) of the longest run of consecutive
    ``scores`` within ``tolerance`` of ``best`` (default: their maximum); a tie goes to the
    run with the higher mean. A parameter taken from the middle of that run is robust to
    a small shift in the data, where the argmax of a narrow peak is not.

    >>> widest_plateau([0.8, 0.92, 0.7, 0.9, 0.91, 0.905, 0.6])
    (3, 6)
    """
    if not len(scores):
        raise ValueError("no scores")
    best = max(scores) if best is None else best
    runs, start = [], None
    for i, s in enumerate([*scores, float("-inf")]):
        if s >= best - tolerance and start is None:
            start = i
        elif s < best - tolerance and start is not None:
            runs.append((start, i))
            start = None
    if not runs:
        raise ValueError(f"no score within {tolerance} of {best}")
    return max(runs, key=lambda r: (r[1] - r[0], sum(scores[r[0]:r[1]]) / (r[1] - r[0])))
