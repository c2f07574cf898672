"""Train a frame classifier and measure it by cross-validation.

:func:`train` takes texts and labels; :func:`train_from_file` reads them from CSV, JSONL or
Parquet files (or a folder of them) for the CLI and the dashboard. Cross-validation
refits the whole pipeline in each fold; multi-label decision thresholds are tuned on
out-of-fold probabilities *inside* each training fold, so the reported figures never see
the texts they are measured on.
"""

from __future__ import annotations

import hashlib
import logging
import sys
import warnings
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from sklearn.base import clone
from sklearn.model_selection import KFold, StratifiedKFold
from threadpoolctl import threadpool_limits

from workbench.errors import InputError
from workbench.io.labelled import check_labels, read_labelled, split_labels
from workbench.model.classifier import DEFAULTS, FrameModel, make_pipeline
from workbench.model.confidence import abstention_threshold, top_label_correct
from workbench.model.metrics import Report, report_multi, report_single, tune_thresholds

log = logging.getLogger(__name__)

RESERVED_LABELS = ("primary", "confidence", "confident")
"""Labels that would collide with ``frame_primary``, ``frame_confidence`` and
``frame_confident``."""


@dataclass
class TrainResult:
    """A model fitted on all the data, its cross-validated report, and what it saw."""

    model: FrameModel
    report: Report
    data: dict = field(default_factory=dict)


def train(texts: Iterable[str], labels: Iterable[object], *, multi_label: bool = False,
          label_sep: str = ";", cv: int = 5, seed: int = 0, progress: bool = False,
          source: str = "training data", settings: dict | None = None) -> TrainResult:
    """Cross-validate the frame classifier on ``texts``, then fit it on all of them.

    Parameters
    ----------
    texts : iterable of str
        One paragraph (or article) per item; none may be empty.
    labels : iterable
        Single-label: one label per text. Multi-label: per text, a string of labels
        separated by ``label_sep`` (empty for none) or a list of labels.
    multi_label : bool
        Whether a text may carry several labels.
    cv : int
        Folds of cross-validation for the report (and, inside each, for the thresholds).
    seed : int
        Seeds the folds and the solver: the same call gives the same probabilities.
    progress : bool
        Show a progress bar on standard error when it is a terminal.
    source : str
        Names the data in error messages (a file name).
    settings : dict, optional
        Overrides of :data:`workbench.model.classifier.DEFAULTS`.

    Returns
    -------
    TrainResult
        ``.model`` (a :class:`FrameModel`, whose ``info["abstention"]`` holds the confidence
        threshold calibrated on the out-of-fold probabilities, :mod:`workbench.model.confidence`),
        ``.report`` (cross-validated metrics) and ``.data`` (size, label counts and a
        SHA-256 of texts and labels).

    Raises
    ------
    InputError
        Empty texts, fewer than two classes, a label with one example, or a mismatch in
        length, naming ``source``.

    Examples
    --------
    >>> texts = ["Taxes rose again.", "Jobs and wages fell.", "The court struck it down.",
    ...          "Judges ruled on the law."] * 3
    >>> result = train(texts, ["economic", "economic", "legality", "legality"] * 3, cv=3)
    >>> result.model.labels, result.report.micro_f1
    (('economic', 'legality'), 1.0)
    """
    texts = [t if isinstance(t, str) else "" if t is None else str(t) for t in texts]
    raw = list(labels)
    if len(raw) != len(texts):
        raise InputError(source, f"{len(texts)} texts but {len(raw)} labels")
    check_texts(texts, source)
    sets = split_labels(raw, multi_label=multi_label, sep=label_sep, source=source)
    classes = check_labels(sets, multi_label=multi_label, source=source,
                           reserved=RESERVED_LABELS)
    settings = {**DEFAULTS, **(settings or {})}
    y = encode_labels(sets, classes, multi_label)
    folds = cv_folds(y, multi_label=multi_label, cv=cv, seed=seed, source=source)
    steps = (len(folds) + 1) * ((len(folds) + 1) if multi_label else 1)
    decided = np.zeros((len(texts), len(classes)), dtype=np.int8)
    held_out = np.zeros((len(texts), len(classes)))
    # One BLAS thread: the solvers' small dense products gain nothing from more, and on a
    # busy machine oversubscribed threads made a fit slower (docs/scaling.md, "model/train.py").
    with _bar(steps, progress) as bar, threadpool_limits(limits=1, user_api="blas"), \
            warnings.catch_warnings():
        # A rare label may be missing from some folds; one-vs-rest then predicts it never.
        warnings.filterwarnings("ignore", message="Label not .* is present in all training",
                                category=UserWarning)
        for train_idx, test_idx in folds:
            fold = _fit(texts, y, train_idx, classes, multi_label, seed, settings, cv, bar)
            held_out[test_idx] = fold.predict_proba([texts[i] for i in test_idx])
            decided[test_idx] = fold.decide(held_out[test_idx])
        model = _fit(texts, y, np.arange(len(texts)), classes, multi_label, seed, settings,
                     cv, bar)
    method = f"{len(folds)}-fold cross-validation"
    if multi_label:
        report = report_multi(y, decided, classes, method=method)
    else:
        report = report_single(y, decided.argmax(axis=1), classes, method=method)
    data = describe_data(texts, sets, classes)
    abstention = abstention_threshold(
        held_out, top_label_correct(y, held_out, multi_label=multi_label))
    model.info = {"training_data": data, "metrics": report.to_dict(), "seed": seed, "cv": cv,
                  "abstention": abstention}
    return TrainResult(model=model, report=report, data=data)


def check_texts(texts: Sequence[str], source: str) -> None:
    """Raise InputError naming ``source`` if there are no texts or some are empty."""
    if not texts:
        raise InputError(source, "holds no labelled texts")
    empty = [i + 1 for i, t in enumerate(texts) if not t.strip()]
    if empty:
        shown = ", ".join(map(str, empty[:10])) + (" ..." if len(empty) > 10 else "")
        raise InputError(source, f"{len(empty)} text(s) are empty (rows {shown}); "
                         "remove them or fill them in")


def encode_labels(sets: Sequence[tuple[str, ...]], classes: Sequence[str],
                  multi_label: bool) -> np.ndarray:
    """Return label indices (single-label) or a 0/1 matrix, texts x classes (multi-label)."""
    index = {c: i for i, c in enumerate(classes)}
    if not multi_label:
        return np.array([index[s[0]] for s in sets])
    y = np.zeros((len(sets), len(classes)), dtype=np.int64)
    for i, labels in enumerate(sets):
        y[i, [index[x] for x in labels]] = 1
    return y


def cv_folds(y: np.ndarray, *, multi_label: bool, cv: int, seed: int,
             source: str = "training data") -> list:
    """Return (train, test) index pairs: stratified for one label, shuffled for several."""
    if cv < 2:
        raise InputError(source, f"cv={cv}: cross-validation needs at least 2 folds")
    if multi_label:
        n = min(cv, len(y))
        return list(KFold(n, shuffle=True, random_state=seed).split(y))
    smallest = int(np.bincount(y).min())
    n = min(cv, smallest)
    if n < cv:
        log.warning("%s: the rarest label has %d examples, so %d-fold instead of %d-fold "
                    "cross-validation", source, smallest, n, cv)
    return list(StratifiedKFold(n, shuffle=True, random_state=seed).split(np.zeros(len(y)), y))


class _NoBar:
    def update(self, n: int = 1) -> None:
        pass

    def __enter__(self) -> _NoBar:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


def _bar(total: int, progress: bool):
    """A tqdm bar on standard error when asked for and it is a terminal, else a no-op."""
    if not (progress and sys.stderr.isatty()):
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, unit="fit", desc="training", file=sys.stderr, leave=False)


def _fit(texts, y, idx, classes, multi_label, seed, settings, cv, bar) -> FrameModel:
    """Fit the pipeline on the texts ``idx``; tune multi-label thresholds inside them."""
    pipeline = make_pipeline(multi_label=multi_label, seed=seed, **settings)
    part = [texts[i] for i in idx]
    features = pipeline.named_steps["features"].fit(part)
    X = features.transform(part)
    thresholds = np.zeros(len(classes))
    if multi_label:
        inner = np.zeros((len(idx), len(classes)))
        splitter = KFold(min(cv, len(idx)), shuffle=True, random_state=seed)
        for a, b in splitter.split(X):
            clf = clone(pipeline.named_steps["clf"]).fit(X[a], y[idx][a])
            inner[b] = clf.predict_proba(X[b])
            bar.update()
        thresholds = tune_thresholds(y[idx], inner)
    compact(pipeline.named_steps["clf"].fit(X, y[idx]))
    bar.update()
    return FrameModel(pipeline, classes, multi_label=multi_label, thresholds=thresholds,
                      settings=settings)


def compact(clf: object) -> None:
    """Store the coefficients as float32: half the model file, probabilities within 1e-6.

    Done right after fitting, so the model in memory is the one saved.
    """
    for est in getattr(clf, "estimators_", None) or [clf]:
        if hasattr(est, "coef_"):  # not a one-vs-rest stand-in for a constant label
            est.coef_ = np.ascontiguousarray(est.coef_, dtype=np.float32)


def describe_data(texts: Sequence[str], sets: Sequence[tuple[str, ...]],
                  classes: Sequence[str]) -> dict:
    """Return what the model card records of the training data: rows, words, label counts
    and a SHA-256 of the texts and their labels (in order)."""
    digest = hashlib.sha256()
    for text, labels in zip(texts, sets, strict=True):
        digest.update(text.encode("utf-8") + b"\x1f" + "\x1e".join(labels).encode() + b"\n")
    counts = Counter(x for labels in sets for x in labels)
    return {
        "rows": len(texts),
        "words": int(sum(len(t.split()) for t in texts)),
        "sha256": digest.hexdigest(),
        "label_counts": {c: counts.get(c, 0) for c in classes},
    }


def train_from_file(path: str | Path | Sequence[str | Path], *, text_column: str = "text",
                    label_column: str = "frame", multi_label: bool = False,
                    label_sep: str = ";", cv: int = 5, seed: int = 0,
                    progress: bool = False, settings: dict | None = None) -> TrainResult:
    """Read labelled texts from a CSV, JSONL or Parquet file or a folder of them, and
    :func:`train` on them; ``.data`` also lists the files and their SHA-256.

    Raises
    ------
    InputError
        Naming the file: unreadable, missing column, empty texts, one class.
    """
    labelled = read_labelled(path, text_column=text_column, label_column=label_column,
                             multi_label=multi_label)
    result = train(labelled.texts, labelled.labels, multi_label=multi_label,
                   label_sep=label_sep, cv=cv, seed=seed, progress=progress,
                   source=labelled.source, settings=settings)
    result.data.update(labelled.describe(), text_column=text_column,
                       label_column=label_column)
    return result
