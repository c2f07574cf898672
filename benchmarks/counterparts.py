"""Counterpart benchmark: does the aligned view pair the paragraphs that report the same facts?

Run ``python benchmarks/counterparts.py`` from the repository root (with ``PYTHONPATH=.``).
It reads the team's gold set (``benchmarks/gold``: 22 article pairs from PolNeAR, labelled
by reading; README there) with the texts from ``../shared/datasets`` (or
``$WORKBENCH_DATASETS``) and prints, for the dev half (tuned on) and the test half
(reported), in one run:

- ``tf-idf 0.20``: the workbench before this benchmark (TF-IDF cosine, threshold 0.20,
  every paragraph without a counterpart flagged "only in");
- ``tf-idf, best on dev``: the same scorer at the threshold with the best dev F1;
- ``tf-idf, best on test``: the same at the threshold with the best *test* F1, an oracle no
  method may use, to show that the default beats TF-IDF however it is cut;
- ``stemmed 0.16 (before)``: the default before neighbours and co-occurring words were
  mixed in (stemmed binary cosine plus shared numbers and quotations, two shared words or
  an anchor; threshold 0.16 and floor 0.12, chosen on dev);
- ``counterpart``: :func:`workbench.align.align` with its defaults (the same, each
  paragraph also lent a little of its neighbours' words and of the words co-occurring with
  its own; threshold, floor and weak-pair rule chosen on dev);
- ``counterpart, P>=0.8 on dev``: the same scorer at the lowest threshold whose dev
  precision reaches 0.80, to show what the precision target costs in recall.

Measures: precision, recall and F1 of the predicted counterpart links (paragraph pairs),
micro-averaged over the article pairs of the half; precision and recall of the "only in"
flag over the paragraphs of the same-event pairs (gold: a paragraph with no labelled link),
the share of those paragraphs flagged and the share the gold leaves without a link; and how
many control pairs (two events) and same-event pairs the alignment calls weak.
Boilerplate paragraphs are left out as the dashboard does (``segment.is_boilerplate``).

``--ablation`` first prints the link rules tried and left out (a cut per article pair
relative to its best score or its score distribution, a lower threshold for mutual best
matches, at most a few counterparts per paragraph, the best sentence-pair score instead of
the paragraphs'), each at the parameter of best dev F1, on both halves, on the stemmed
scorer's scores; then the neighbour and co-occurrence weights tried for the default scorer,
each at its best dev threshold.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np

from benchmarks._counterpart_gold import GoldPair, load_gold
from benchmarks._datasets import datasets_dir, missing_message
from workbench.align import align
from workbench.align.similarity import counterpart_similarity
from workbench.text.segment import is_boilerplate, sentences

BEFORE = {"scorer": "tfidf", "threshold": 0.20, "floor": 0.20, "min_shared": 0.0}
"""The workbench's alignment before the gold set: one cut, no weak flag."""

STEMMED = {"scorer": "stemmed", "threshold": 0.16, "floor": 0.12}
"""The default alignment before neighbours and co-occurring words were mixed in."""


def evaluate(pairs: Sequence[GoldPair], **options: object) -> dict[str, float]:
    """Return link precision/recall/F1, "only in" precision/recall and weak-pair counts of
    :func:`workbench.align.align` called with ``options`` on every gold pair."""
    tp = n_pred = n_gold = 0
    only_tp = only_pred = only_gold = compared = 0
    weak_controls = weak_same = 0
    for pair in pairs:
        skip_a = [is_boilerplate(p) for p in pair.a]
        skip_b = [is_boilerplate(p) for p in pair.b]
        result = align(pair.a, pair.b, skip_a=skip_a, skip_b=skip_b, **options)
        predicted = {(i, j) for i, found in enumerate(result.matches_a) for j, _ in found}
        tp += len(predicted & pair.links)
        n_pred += len(predicted)
        n_gold += len(pair.links)
        if not pair.same_event:
            weak_controls += result.weak
            continue
        weak_same += result.weak
        for side, skip, only in ((0, skip_a, result.only_a), (1, skip_b, result.only_b)):
            linked = {link[side] for link in pair.links}
            alone = {k for k, skipped in enumerate(skip) if not skipped and k not in linked}
            only_tp += len(alone & set(only))
            only_pred += len(only)
            only_gold += len(alone)
            compared += sum(not skipped for skipped in skip)
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    return {"P": precision, "R": recall, "F1": _f1(precision, recall),
            "only_P": only_tp / only_pred if only_pred else 0.0,
            "only_R": only_tp / only_gold if only_gold else 0.0,
            "only_share": only_pred / compared if compared else 0.0,
            "gold_share": only_gold / compared if compared else 0.0,
            "weak_controls": weak_controls, "weak_same": weak_same,
            "links": n_gold, "predicted": n_pred}


def best_threshold(pairs: Sequence[GoldPair], *, scorer: str,
                   grid: Sequence[float] = tuple(np.round(np.arange(0.05, 0.51, 0.01), 2)),
                   min_precision: float | None = None) -> float:
    """Return the threshold of ``grid`` with the best F1 on ``pairs`` (or the lowest whose
    precision reaches ``min_precision``)."""
    scores = {t: evaluate(pairs, scorer=scorer, threshold=t, floor=t, min_shared=0.0)
              for t in grid}
    if min_precision is not None:
        return min((t for t, s in scores.items() if s["P"] >= min_precision), default=grid[-1])
    return max(scores, key=lambda t: (scores[t]["F1"], -t))


def main(argv: Sequence[str] | None = None) -> int:
    """Print the table; return 2 when the datasets folder is absent."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ablation", action="store_true",
                        help="also print the link rules tried and left out (chosen on dev)")
    args = parser.parse_args(argv)
    if not datasets_dir().is_dir():
        print(missing_message(), file=sys.stderr)
        return 2
    halves = {split: load_gold(split=split) for split in ("dev", "test")}
    if args.ablation:
        ablation(halves)
    tfidf_best = best_threshold(halves["dev"], scorer="tfidf")
    tfidf_oracle = best_threshold(halves["test"], scorer="tfidf")
    strict = best_threshold(halves["dev"], scorer="counterpart", min_precision=0.8)
    methods = {
        "tf-idf 0.20 (before)": BEFORE,
        "stemmed 0.16 (before)": STEMMED,
        f"tf-idf, best on dev ({tfidf_best:.2f})": _tfidf(tfidf_best),
        f"tf-idf, best on test ({tfidf_oracle:.2f}; oracle)": _tfidf(tfidf_oracle),
        "counterpart (default)": {},
        f"counterpart, P>=0.8 on dev ({strict:.2f})": {"threshold": strict},
    }
    header = (f"{'method':<38} {'split':<5} {'P':>6} {'R':>6} {'F1':>6} {'links':>6} "
              f"{'pred':>5} {'onlyP':>6} {'onlyR':>6} {'flagged':>7} {'gold':>5} "
              f"{'weak ctl':>8} {'weak same':>9}")
    print(header)
    print("-" * len(header))
    for name, options in methods.items():
        for split, pairs in halves.items():
            s = evaluate(pairs, **options)
            n_controls = sum(not p.same_event for p in pairs)
            print(f"{name:<38} {split:<5} {s['P']:>6.3f} {s['R']:>6.3f} {s['F1']:>6.3f} "
                  f"{s['links']:>6} {s['predicted']:>5} {s['only_P']:>6.3f} {s['only_R']:>6.3f} "
                  f"{s['only_share']:>7.3f} {s['gold_share']:>5.3f} "
                  f"{s['weak_controls']:>4}/{n_controls:<3} "
                  f"{s['weak_same']:>5}/{len(pairs) - n_controls:<3}")
    print("flagged: share of the compared paragraphs of same-event pairs flagged \"only in\"; "
          "gold: share with no labelled counterpart.")
    return 0


RULES = {
    "per-pair cut: >= k * the pair's best score and >= 0.10": (
        lambda s, k: (s >= k * s.max()) & (s >= 0.10), (0.2, 0.3, 0.4, 0.5, 0.6)),
    "per-pair cut: z-score >= k and score >= 0.10": (
        lambda s, k: (s >= s.mean() + k * s.std()) & (s >= 0.10),
        (1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0)),
    "mutual best matches from k, others from 0.16": (
        lambda s, k: (s >= 0.16) | (_mutual(s) & (s >= k)), (0.06, 0.08, 0.10, 0.12, 0.14)),
    "at most k counterparts per paragraph (0.16)": (
        lambda s, k: (s >= 0.16) & (_top(s, k) | _top(s.T, k).T), (1, 2, 3)),
    "sentence-level best match >= k": (
        "sentences", (0.14, 0.16, 0.18, 0.2, 0.22, 0.25, 0.3, 0.35, 0.4)),
}
"""Link rules tried on the stemmed scorer's scores (``scorer="stemmed"``, the default when
they were tried; ``--ablation``): each with the parameter of best dev F1, reported on both
halves."""

MIXES = tuple((c, e) for c in (0.0, 0.1, 0.15, 0.2) for e in (0.0, 0.1, 0.3, 0.5))
"""``(context, expand)`` weights of :func:`counterpart_similarity` tried (``--ablation``)."""


def ablation(halves: dict[str, Sequence[GoldPair]]) -> None:
    """Print P/R/F1 of each rule of :data:`RULES` at its best dev parameter."""
    scores = {split: [_scores(pair) for pair in pairs] for split, pairs in halves.items()}
    print(f"{'rule tried (parameter chosen on dev)':<58} {'split':<5} {'P':>6} {'R':>6} {'F1':>6}")
    for name, (rule, grid) in RULES.items():
        def links(split, k, rule=rule):
            return [_predicted(matrices, rule, k) for matrices in scores[split]]
        best = max(grid, key=lambda k: (_prf(links("dev", k), halves["dev"])[2], -k))
        for split, pairs in halves.items():
            p, r, f = _prf(links(split, best), pairs)
            print(f"{name.replace('k', str(best), 1) if 'k' in name else name:<58} "
                  f"{split:<5} {p:>6.3f} {r:>6.3f} {f:>6.3f}")
    print()
    mixes(halves)


def mixes(halves: dict[str, Sequence[GoldPair]]) -> None:
    """Print, for each ``(context, expand)`` of :data:`MIXES`, the threshold of best dev F1
    and the mean dev F1 at it and its two neighbours (the defaults take the best mean), with
    P/R/F1 on both halves at that threshold."""
    grid = tuple(np.round(np.arange(0.05, 0.61, 0.01), 2))
    print(f"{'context, expand: threshold (mean dev F1 at t-0.01..t+0.01)':<58} {'split':<5} "
          f"{'P':>6} {'R':>6} {'F1':>6}")
    for context, expand in MIXES:
        scores = {split: [_mixed(pair, context, expand) for pair in pairs]
                  for split, pairs in halves.items()}

        def links(split, t, scores=scores):
            return [{(int(i), int(j)) for i, j in zip(*np.nonzero(s >= t), strict=True)}
                    for s in scores[split]]
        f1 = {t: _prf(links("dev", t), halves["dev"])[2] for t in grid}
        mean = {t: np.mean([f1.get(round(t + e, 2), 0.0) for e in (-0.01, 0.0, 0.01)])
                for t in grid}
        best = max(grid, key=lambda t: (f1[t], -t))
        name = f"{context:.2f}, {expand:.2f}: {best:.2f} ({mean[best]:.3f})"
        for split, pairs in halves.items():
            p, r, f = _prf(links(split, best), pairs)
            print(f"{name:<58} {split:<5} {p:>6.3f} {r:>6.3f} {f:>6.3f}")
    print()


def _mixed(pair: GoldPair, context: float, expand: float) -> np.ndarray:
    """The scores of :func:`counterpart_similarity` with these weights on the compared
    paragraphs of ``pair`` (zero elsewhere)."""
    keep_a = [i for i, p in enumerate(pair.a) if not is_boilerplate(p)]
    keep_b = [j for j, p in enumerate(pair.b) if not is_boilerplate(p)]
    sim = np.zeros((len(pair.a), len(pair.b)))
    inner = counterpart_similarity([pair.a[i] for i in keep_a], [pair.b[j] for j in keep_b],
                                   context=context, expand=expand)
    if inner.size:
        sim[np.ix_(keep_a, keep_b)] = inner
    return np.where(sim > 0, sim, -1.0)


def _scores(pair: GoldPair) -> tuple[np.ndarray, np.ndarray]:
    """The stemmed scorer's scores and its best sentence-pair scores of ``pair``."""
    skip_a = [is_boilerplate(p) for p in pair.a]
    skip_b = [is_boilerplate(p) for p in pair.b]
    sim = align(pair.a, pair.b, skip_a=skip_a, skip_b=skip_b, scorer="stemmed").similarity
    sents_a = [sentences(p) or [p] for p in pair.a]
    sents_b = [sentences(p) or [p] for p in pair.b]
    flat = counterpart_similarity([s for ss in sents_a for s in ss],
                                  [s for ss in sents_b for s in ss], context=0.0, expand=0.0)
    rows = np.repeat(np.arange(len(pair.a)), [len(ss) for ss in sents_a])
    cols = np.repeat(np.arange(len(pair.b)), [len(ss) for ss in sents_b])
    best = np.zeros_like(sim)
    np.maximum.at(best, (rows[:, None], cols[None, :]), flat)
    keep = ~(np.array(skip_a)[:, None] | np.array(skip_b)[None, :])
    return sim, np.where(keep, best, 0.0)


def _predicted(matrices: tuple[np.ndarray, np.ndarray], rule, k: float) -> set[tuple[int, int]]:
    sim, by_sentence = matrices
    if not sim.size:
        return set()
    hit = (by_sentence >= k) if rule == "sentences" else rule(sim, k)
    return {(int(i), int(j)) for i, j in zip(*np.nonzero(hit & (sim > 0)), strict=True)}


def _mutual(s: np.ndarray) -> np.ndarray:
    return (s == s.max(axis=1, keepdims=True)) & (s == s.max(axis=0, keepdims=True))


def _top(s: np.ndarray, k: int) -> np.ndarray:
    return (-s).argsort(axis=1).argsort(axis=1) < k


def _prf(predicted: Sequence[set], pairs: Sequence[GoldPair]) -> tuple[float, float, float]:
    tp = sum(len(p & pair.links) for p, pair in zip(predicted, pairs, strict=True))
    n_pred, n_gold = sum(map(len, predicted)), sum(len(pair.links) for pair in pairs)
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    return precision, recall, _f1(precision, recall)


def _tfidf(threshold: float) -> dict[str, object]:
    return {"scorer": "tfidf", "threshold": threshold, "floor": threshold, "min_shared": 0.0}


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


if __name__ == "__main__":
    raise SystemExit(main())
