"""Frame models: train, evaluate, save and load them, score paragraphs and explain scores.

The public face of the framing classifier; the parts live in :mod:`workbench.model.classifier`
(pipeline, :class:`FrameModel`, :func:`frame_scores`, :func:`explain`),
:mod:`workbench.model.train`, :mod:`workbench.model.metrics`, :mod:`workbench.io.labelled` and
:mod:`workbench.model.modelcard`.

Model files are skops files, never pickles: a pickle or joblib file runs arbitrary code
when it is loaded, and users share model files. :func:`load_model` first lists the types a
file would build and refuses it unless every one is in :data:`TRUSTED_TYPES` (or skops'
own defaults: builtins, NumPy, SciPy and scikit-learn estimators), then checks that what
it built is a frame model of the expected shape.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion, Pipeline

from workbench.errors import InputError, ModelError
from workbench.io.labelled import read_labelled, split_labels
from workbench.io.tables import atomic_path
from workbench.model.classifier import FrameModel, explain, frame_scores, make_pipeline
from workbench.model.metrics import Report, report_multi, report_single
from workbench.model.modelcard import build_card, card_json, card_paths, render_markdown
from workbench.model.ngrams import CueRates, Ngrams
from workbench.model.persist import canonical_skops, renamed_modules
from workbench.model.train import RESERVED_LABELS, TrainResult, train, train_from_file

__all__ = [
    "TRUSTED_TYPES", "FrameModel", "Report", "TrainResult", "evaluate", "evaluate_file",
    "explain", "frame_scores", "load_model", "make_pipeline", "save_model", "train",
    "train_from_file",
]

TRUSTED_TYPES: tuple[str, ...] = (
    "workbench.model.classifier.FrameModel",
    "workbench.model.ngrams.Ngrams",
    "workbench.model.ngrams.CueRates",
)
"""Types a model file may hold beyond skops' defaults; anything else is refused."""

_STEP_TYPES = {"words": Ngrams, "chars": Ngrams, "cues": CueRates}
MAX_MODEL_BYTES = 200 * 2**20
MAX_UNPACKED_BYTES = 1 << 30
"""A model file's zip entries may declare at most this many bytes in all (the shipped model
unpacks to 1.7 MB); ``zipfile`` never inflates an entry past its declared size, so this
bounds the memory :func:`load_model` can be made to use."""


def save_model(model: FrameModel, path: str | Path, *, card: dict | None = None) -> Path:
    """Save ``model`` as skops to ``path`` (``.skops``), with its model card beside it.

    Writes ``NAME.skops``, ``NAME.card.json`` and ``NAME.card.md`` to temporary files and
    moves the three into place only when all are written: a failure (a full disk, Ctrl-C)
    leaves the previous model and its card, never a new model beside an old card.
    ``card`` adds to or overrides the fields :func:`workbench.model.modelcard.build_card` fills
    in. Returns the model path.
    """
    import skops.io as sio

    if not isinstance(model, FrameModel):
        raise TypeError(f"save_model expected a FrameModel, got {type(model).__name__}")
    path = Path(path)
    if path.suffix != ".skops":
        raise InputError(path, "a model file name must end in .skops")
    json_path, md_path = card_paths(path)
    try:
        with atomic_path(path) as tmp, atomic_path(json_path) as tmp_json, \
                atomic_path(md_path) as tmp_md:
            sio.dump(model, tmp)
            data = canonical_skops(tmp.read_bytes())  # the same model, the same bytes
            tmp.write_bytes(data)
            full = build_card(model, card, name=path.name.removesuffix(".skops"))
            full["model_file"] = {"name": path.name, "bytes": len(data),
                                  "sha256": hashlib.sha256(data).hexdigest()}
            tmp_json.write_text(card_json(full), encoding="utf-8")
            tmp_md.write_text(render_markdown(full), encoding="utf-8")
    except OSError as err:
        raise InputError(path, f"cannot write the model ({err.strerror or err})") from None
    return path


def load_model(path: str | Path) -> FrameModel:
    """Load a frame model saved by :func:`save_model`; refuse anything else.

    Raises
    ------
    ModelError
        One line naming the file and the problem: missing, not a skops file (a pickle or
        joblib file is never opened), damaged, holding an untrusted type, or not a
        frame model.
    """
    import skops.io as sio

    path = Path(path)
    try:
        if not path.is_file():
            raise ModelError(path, "no such model file" if not path.exists() else
                             "not a file")
        if path.stat().st_size > MAX_MODEL_BYTES:
            raise ModelError(path, f"the file is over {MAX_MODEL_BYTES // 2**20} MB; not a "
                             "frame model")
        data = path.read_bytes()
    except OSError as err:
        raise ModelError(path, f"cannot read the file ({err.strerror or err})") from None
    if not data.startswith(b"PK\x03\x04"):
        raise ModelError(path, f"not a skops model file ({_describe(data)}); only .skops "
                         "files are loaded, since pickle and joblib files can run code")
    unpacked = _unpacked_bytes(data)
    if unpacked is not None and unpacked > MAX_UNPACKED_BYTES:
        raise ModelError(path, f"the file unpacks to {unpacked / 2**20:,.0f} MB, over "
                         f"{MAX_UNPACKED_BYTES // 2**20} MB; not a frame model")
    data = renamed_modules(data)
    try:
        untrusted = sio.get_untrusted_types(data=data)
    except Exception as err:  # a damaged zip or schema raises many kinds
        raise ModelError(path, f"damaged or truncated model file ({_short(err)})") from None
    refused = sorted(set(untrusted) - set(TRUSTED_TYPES))
    if refused:
        raise ModelError(path, "refused: the file holds type(s) outside the trusted list: "
                         + ", ".join(refused))
    try:
        model = sio.load(io.BytesIO(data), trusted=list(TRUSTED_TYPES))
    except Exception as err:
        raise ModelError(path, f"damaged model file ({_short(err)})") from None
    problem = _shape_problem(model)
    if problem:
        raise ModelError(path, f"not a usable frame model: {problem}")
    return model


def _unpacked_bytes(data: bytes) -> int | None:
    """Sum of the sizes the zip's entries declare, or None when it is no readable zip (the
    skops checks that follow then name the damage)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None


def _describe(data: bytes) -> str:
    """Name what a non-skops file looks like, for the error message."""
    if data[:1] == b"\x80":
        return "it looks like a pickle or joblib file"
    zlib = len(data) > 1 and data[0] == 0x78 and (data[0] * 256 + data[1]) % 31 == 0
    if zlib or data.startswith((b"\x1f\x8b", b"BZh", b"\xfd7zXZ", b"]\x00\x00")):
        return "it looks like a pickle or joblib file (compressed)"
    if not data:
        return "the file is empty"
    return "unrecognised content"


def _short(err: Exception) -> str:
    text = (str(err).strip().splitlines() or [type(err).__name__])[0]
    return f"{type(err).__name__}: {text[:160]}"


def _shape_problem(model: object) -> str | None:
    """Return what is wrong with a loaded object as a frame model, or None."""
    if not isinstance(model, FrameModel):
        return f"it holds a {type(model).__name__}, not a FrameModel"
    pipeline = getattr(model, "pipeline", None)
    if not isinstance(pipeline, Pipeline) or list(pipeline.named_steps) != ["features", "clf"]:
        return "its pipeline is not features -> clf"
    union = pipeline.named_steps["features"]
    if not isinstance(union, FeatureUnion) or any(
            name not in _STEP_TYPES or type(step) is not _STEP_TYPES[name]
            for name, step in union.transformer_list):
        return "its features are not the workbench's n-gram and cue features"
    clf = pipeline.named_steps["clf"]
    inner = clf.estimator if isinstance(clf, OneVsRestClassifier) else clf
    if type(inner) is not LogisticRegression:
        return f"its classifier is a {type(inner).__name__}, not logistic regression"
    if not isinstance(getattr(model, "info", {}), dict):
        return "its training record is not a dict"
    labels, thresholds = getattr(model, "labels", ()), getattr(model, "thresholds", ())
    if not labels or not all(isinstance(x, str) for x in labels):
        return "it has no labels"
    if len(thresholds) != len(labels) or isinstance(clf, OneVsRestClassifier) != \
            model.multi_label:
        return "its labels, thresholds and classifier do not agree"
    n_classes = len(getattr(clf, "classes_", ()))
    if n_classes != len(labels):  # scoring would fail on the probability columns
        return f"{len(labels)} labels for a classifier of {n_classes} classes"
    if len(set(labels)) != len(labels) or not all(x.strip() for x in labels):
        return "a label repeats" if len(set(labels)) != len(labels) else "an empty label"
    clash = [x for x in labels if x in RESERVED_LABELS or x.startswith("cue_")]
    if clash:  # frame_<label> would overwrite frame_primary, frame_confidence, frame_cue_*
        return f"label(s) {clash} would clash with the score table's columns"
    return None


def evaluate(model: FrameModel, texts: Iterable[str], labels: Iterable[object], *,
             label_sep: str = ";", source: str = "evaluation data") -> Report:
    """Return the metrics of ``model`` on held-out labelled texts.

    Labels the model does not know count as misses (and are listed in ``report.notes``).
    """
    texts = [t if isinstance(t, str) else "" if t is None else str(t) for t in texts]
    raw = list(labels)
    if len(raw) != len(texts):
        raise InputError(source, f"{len(texts)} texts but {len(raw)} labels")
    if not texts:
        raise InputError(source, "holds no labelled texts")
    sets = split_labels(raw, multi_label=model.multi_label, sep=label_sep, source=source)
    unknown = sorted({x for s in sets for x in s} - set(model.labels))
    classes = list(model.labels) + unknown
    index = {c: i for i, c in enumerate(classes)}
    decided = model.decide(model.predict_proba(texts))
    method = "held-out evaluation"
    if model.multi_label:
        y = np.zeros((len(texts), len(classes)), dtype=np.int8)
        for i, labels_i in enumerate(sets):
            y[i, [index[x] for x in labels_i]] = 1
        pred = np.hstack([decided, np.zeros((len(texts), len(unknown)), dtype=np.int8)])
        report = report_multi(y, pred, classes, method=method)
    else:
        y_true = [index[s[0]] for s in sets]
        report = report_single(y_true, decided.argmax(axis=1).tolist(), classes,
                               method=method)
    if unknown:
        report.notes.append(f"label(s) unknown to the model, counted as misses: "
                            f"{', '.join(unknown)}")
    return report


def evaluate_file(model: FrameModel, path: str | Path | Sequence[str | Path], *,
                  text_column: str = "text", label_column: str = "frame",
                  label_sep: str = ";") -> Report:
    """Read labelled texts like :func:`workbench.model.train.train_from_file` and
    :func:`evaluate` ``model`` on them."""
    labelled = read_labelled(path, text_column=text_column, label_column=label_column,
                             multi_label=model.multi_label)
    return evaluate(model, labelled.texts, labelled.labels, label_sep=label_sep,
                    source=labelled.source)
