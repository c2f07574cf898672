"""Model cards: what a frame model is, what it was trained on and how well it did.

Each saved model ``NAME.skops`` gets ``NAME.card.json`` (everything, machine-readable) and
``NAME.card.md`` (a short rendering for people).
"""

from __future__ import annotations

import datetime as dt
import json
import platform
from importlib import metadata
from pathlib import Path

from workbench.model.classifier import FrameModel

LIBRARIES = ("workbench", "scikit-learn", "numpy", "scipy", "polars", "skops")


def versions() -> dict[str, str]:
    """Return the Python and library versions that matter for loading a model."""
    out = {"python": platform.python_version()}
    for name in LIBRARIES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def card_paths(model_path: str | Path) -> tuple[Path, Path]:
    """Return the JSON and Markdown card paths beside ``model_path``.

    Examples
    --------
    >>> [p.name for p in card_paths("models/framing-mfc.skops")]
    ['framing-mfc.card.json', 'framing-mfc.card.md']
    """
    path = Path(model_path)
    stem = path.name.removesuffix(".skops")
    return path.with_name(f"{stem}.card.json"), path.with_name(f"{stem}.card.md")


def build_card(model: FrameModel, extra: dict | None = None, *, name: str = "") -> dict:
    """Return the card of ``model``: labels, thresholds, feature settings, versions, date,
    what training recorded in ``model.info`` (data, metrics), then ``extra`` (command)."""
    card = {
        "name": name,
        "created": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d"),
        "task": "multi-label" if model.multi_label else "single-label",
        "labels": list(model.labels),
        "thresholds": dict(zip(model.labels, (round(t, 4) for t in model.thresholds),
                               strict=True)) if model.multi_label else None,
        "features": {k: list(v) if isinstance(v, tuple) else v
                     for k, v in model.settings.items()},
        "classifier": ("one-vs-rest logistic regression (liblinear), class_weight=balanced"
                       if model.multi_label else
                       "multinomial logistic regression (lbfgs), class_weight=balanced"),
        "versions": versions(),
    }
    info = getattr(model, "info", None) or {}
    if info.get("training_data"):
        card.update(training_notes(model, info["training_data"]))
    card.update(info)
    card.update(extra or {})
    return card


CREDIT_FILE = "CREDIT.txt"
"""A labelled-data folder's credit line (licence and attribution), copied into the card of
every model trained on a file in that folder."""


def data_credits(data: dict) -> list[str]:
    """Return the credit lines of the folders holding the training files (``CREDIT.txt``)."""
    folders = dict.fromkeys(Path(f["path"]).parent for f in data.get("files") or ())
    out = []
    for folder in folders:
        path = folder / CREDIT_FILE
        if path.is_file():
            out.append(" ".join(path.read_text(encoding="utf-8").split()))
    return out


def training_notes(model: FrameModel, data: dict) -> dict:
    """Return ``description``, ``limitations`` and any data ``credits`` for a model trained
    on ``data``."""
    source = data.get("source") or "texts given in memory"
    kind = "one label per text" if not model.multi_label else "any number of labels per text"
    credits = data_credits(data)
    return {
        **({"credits": credits} if credits else {}),
        "description": (f"A {len(model.labels)}-label frame classifier ({kind}) trained only "
                        f"on {data.get('rows')} labelled texts from `{source}`; the files "
                        "and their SHA-256 hashes are listed under training_data."),
        "limitations": (
            "The metrics are cross-validated on the training data's own source, so they "
            "overstate accuracy on other outlets, topics and text lengths. Probabilities "
            "come from a linear model of words, character n-grams and framing-cue rates: "
            "it recognises vocabulary, not argument, and can be confidently wrong on "
            "paragraphs unlike its training texts. Use it to compare outlets on the same "
            "story, not as a verdict on one paragraph."),
    }


def render_markdown(card: dict) -> str:
    """Return a short Markdown rendering of a card."""
    lines = [f"# Model card: {card.get('name') or 'frame model'}", ""]
    if card.get("description"):
        lines += [card["description"], ""]
    lines += [f"- Task: {card.get('task')} frame classification over "
              f"{len(card.get('labels', []))} labels: {', '.join(card.get('labels', []))}",
              f"- Classifier: {card.get('classifier')}",
              f"- Created: {card.get('created')}"]
    if card.get("command"):
        lines.append(f"- Reproduce: `{card['command']}`")
    data = card.get("training_data") or {}
    if data:
        lines += ["", "## Training data", "",
                  f"- {data.get('rows')} texts, {data.get('words')} words, "
                  f"SHA-256 of texts and labels `{data.get('sha256')}`"]
        if data.get("source"):
            lines.append(f"- Source: `{data['source']}` ({len(data.get('files', []))} files)")
        counts = data.get("label_counts") or {}
        if counts:
            lines.append("- Examples per label: " + ", ".join(f"{k} {v}"
                                                              for k, v in counts.items()))
    if card.get("credits"):
        lines += ["", "## Credits", "", *(f"- {c}" for c in card["credits"])]
    rule = card.get("abstention") or {}
    if rule:
        lines += ["", "## Abstention", "",
                  f"A paragraph whose top frame has probability below **{rule['threshold']}** "
                  "shows no clear frame (`frame_confident` false). Calibrated on "
                  f"{rule.get('n')} out-of-fold probabilities: the {rule.get('method')}. "
                  f"Cross-validated, {rule.get('coverage', 0):.0%} of the texts reach it and "
                  f"their top frame is right {rule.get('precision_above') or 0:.0%} of the "
                  f"time, against {rule.get('precision_below') or 0:.0%} below it."]
    found = card.get("article_frames") or {}
    if found.get("thresholds"):
        lines += ["", "## Frames found in an article", "",
                  "A frame is found in an article when its share (the word-weighted mean "
                  "probability over the article's body paragraphs) reaches its threshold. "
                  f"{found.get('method', '')}", "",
                  "| label | threshold |", "|---|---:|"]
        lines += [f"| {k} | {v:.4f} |" for k, v in found["thresholds"].items()]
    metrics = card.get("metrics") or {}
    if metrics:
        lines += ["", f"## Metrics ({metrics.get('method')})", "",
                  f"Micro-F1 **{metrics.get('micro_f1'):.3f}**, macro-F1 "
                  f"**{metrics.get('macro_f1'):.3f}**.", "",
                  "| label | precision | recall | F1 | support |", "|---|---:|---:|---:|---:|"]
        for label, m in (metrics.get("per_class") or {}).items():
            lines.append(f"| {label} | {m['precision']:.3f} | {m['recall']:.3f} | "
                         f"{m['f1']:.3f} | {m['support']} |")
    for ev in card.get("evaluations") or ():
        lines += ["", f"## Evaluation: {ev.get('name')}", "", ev.get("note", ""), "",
                  "| rule or baseline | articles | micro-F1 | macro-F1 |", "|---|---:|---:|---:|"]
        lines += [f"| {r['row']} | {r['n']} | {r['micro']:.3f} | {r['macro']:.3f} |"
                  for r in ev.get("rows") or ()]
        if ev.get("abstention_rate") is not None:
            lines += ["", f"No clear frame on {ev['abstention_rate']:.1%} of its "
                      f"{ev.get('paragraphs')} paragraphs."]
        lines += ["", f"Measured {ev.get('date')} with `{ev.get('command')}`."]
    features = card.get("features") or {}
    if features:
        lines += ["", "## Features", "", ", ".join(f"{k}={v}" for k, v in features.items())]
    if card.get("limitations"):
        lines += ["", "## Limitations", "", card["limitations"]]
    lines += ["", "## Versions", "", ", ".join(f"{k} {v}" for k, v in
                                               (card.get("versions") or {}).items())]
    return "\n".join(lines) + "\n"


def card_json(card: dict) -> str:
    """Return the card as indented JSON text."""
    return json.dumps(card, indent=2, ensure_ascii=False) + "\n"


def record_evaluation(model_path: str | Path, evaluation: dict) -> dict:
    """Add ``evaluation`` (``name``, ``note``, ``rows`` of ``row``/``n``/``micro``/``macro``,
    ``command``, ``date``, optional ``abstention_rate`` and ``paragraphs``) to the card
    beside ``model_path``, replacing an evaluation of the same name, and re-render its
    Markdown. Return the updated card. Retraining the model writes a fresh card without it.
    """
    json_path, md_path = card_paths(model_path)
    card = json.loads(json_path.read_text(encoding="utf-8"))
    kept = [e for e in card.get("evaluations") or () if e.get("name") != evaluation["name"]]
    card["evaluations"] = [*kept, evaluation]
    json_path.write_text(card_json(card), encoding="utf-8")
    md_path.write_text(render_markdown(card), encoding="utf-8")
    return card
