"""Command-line subcommands for frame models (``train``, ``evaluate``)."""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from pathlib import Path

TRAIN_EXAMPLE = """examples:
  workbench train seeds/framing_paragraphs --label-column frame --out models/framing-mfc.skops
  workbench train labels.jsonl --label-column frames --multi-label --label-sep ';' \\
      --out models/my-frames.skops"""

CALIBRATE_EXAMPLE = """example:
  workbench calibrate models/framing-mfc.skops my_articles.jsonl --frames-column frames \\
      --out models/framing-mfc-calibrated.skops"""

FEW_ARTICLES = 100
"""Below this many labelled articles ``calibrate`` warns that its thresholds are rough."""

EVALUATE_EXAMPLE = """example:
  workbench evaluate models/framing-mfc.skops held_out.csv --label-column frame"""


def add_data_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by ``train`` and ``evaluate`` for reading labelled tables."""
    parser.add_argument("data", nargs="+", metavar="DATA",
                        help="labelled table(s): .csv .jsonl .parquet (optionally .gz), or "
                             "folders of them (concatenated in name order)")
    parser.add_argument("--text-column", default="text", help="column holding the text "
                        "(default: text)")
    parser.add_argument("--label-column", default="frame", help="column holding the label(s) "
                        "(default: frame)")
    parser.add_argument("--label-sep", default=";", help="separator of several labels in one "
                        "cell, for multi-label data (default: ';')")


def _command(sub: argparse._SubParsersAction, name: str, summary: str, description: str,
             example: str) -> argparse.ArgumentParser:
    """Add subcommand ``name`` with its one-line ``summary``, ``description`` and example."""
    return sub.add_parser(name, help=summary, description=description, epilog=example,
                          formatter_class=argparse.RawDescriptionHelpFormatter)


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """Register the model subcommands on ``sub``."""
    p = _command(sub, "train", "train a frame classifier, print cross-validated metrics",
                 "Train a frame classifier (word and character n-grams and framing cues into "
                 "logistic regression), print its cross-validated metrics and save it with a "
                 "model card.", TRAIN_EXAMPLE)
    add_data_options(p)
    p.add_argument("--multi-label", action="store_true",
                   help="a text may carry several labels (split on --label-sep)")
    p.add_argument("--out", type=Path, required=True, help="model file to write (.skops); "
                   "NAME.card.json and NAME.card.md are written beside it")
    p.add_argument("--cv", type=int, default=5, help="cross-validation folds (default: 5)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default: 0); the same "
                   "command gives the same probabilities")
    p.add_argument("--json", action="store_true", help="print the metrics as JSON")
    p.set_defaults(func=run_train)

    p = _command(sub, "evaluate", "report a frame model's metrics on held-out data",
                 "Report precision, recall, F1 per label, micro and macro F1 and "
                 "(single-label) the confusion matrix of a saved model on labelled data it "
                 "was not trained on.", EVALUATE_EXAMPLE)
    p.add_argument("model", metavar="MODEL", help="model file (.skops)")
    add_data_options(p)
    p.add_argument("--json", action="store_true", help="print the metrics as JSON")
    p.set_defaults(func=run_evaluate)

    p = _command(sub, "calibrate", "set a model's per-frame article thresholds on labelled "
                 "articles", "Score whole articles labelled with their frames, set each "
                 "frame's article threshold so that it is found about as often as it is "
                 "labelled (workbench.model.article_frames), and save a copy of the model "
                 "carrying them; `compare` and the dashboard then name frames by them. The "
                 "paragraph probabilities do not change.", CALIBRATE_EXAMPLE)
    p.add_argument("model", metavar="MODEL", help="model file (.skops)")
    p.add_argument("data", metavar="ARTICLES", type=Path,
                   help="articles: a corpus file (.jsonl .csv .parquet) with a text column")
    p.add_argument("--frames-column", default="frames", help="column of each article's "
                   "frames, separated by --label-sep (default: frames)")
    p.add_argument("--label-sep", default=";", help="separator of frames (default: ';')")
    p.add_argument("--scale", type=float, default=1.0, help="find each frame in about SCALE "
                   "times as many articles as carry it (default: 1.0)")
    p.add_argument("--out", type=Path, required=True, help="model file to write (.skops)")
    p.set_defaults(func=run_calibrate)


def run_train(args: argparse.Namespace) -> int:
    """``workbench train``: cross-validate, fit on everything, save model and card."""
    from workbench.errors import InputError
    from workbench.model import save_model, train_from_file

    if args.out.suffix != ".skops":
        raise InputError(args.out, "the model file name must end in .skops")
    if not args.out.parent.is_dir():
        raise InputError(args.out, "the output folder does not exist")
    result = train_from_file(args.data, text_column=args.text_column,
                             label_column=args.label_column, multi_label=args.multi_label,
                             label_sep=args.label_sep, cv=args.cv, seed=args.seed,
                             progress=True)
    report = result.report
    card = {"command": "workbench train " + " ".join(shlex.quote(a) for a in _train_argv(args))}
    path = save_model(result.model, args.out, card=card)
    _print_report(report, args.json)
    print(f"wrote {path} (+ .card.json, .card.md)", file=sys.stderr)
    return 0


def _train_argv(args: argparse.Namespace) -> list[str]:
    """The arguments that reproduce this training run (paths as given)."""
    argv = [*map(str, args.data), "--text-column", args.text_column,
            "--label-column", args.label_column]
    if args.multi_label:
        argv += ["--multi-label", "--label-sep", args.label_sep]
    return argv + ["--out", str(args.out), "--cv", str(args.cv), "--seed", str(args.seed)]


def run_evaluate(args: argparse.Namespace) -> int:
    """``workbench evaluate``: the same metrics on held-out labelled data."""
    from workbench.model import evaluate_file, load_model

    model = load_model(args.model)
    report = evaluate_file(model, args.data, text_column=args.text_column,
                           label_column=args.label_column, label_sep=args.label_sep)
    _print_report(report, args.json)
    return 0


def run_calibrate(args: argparse.Namespace) -> int:
    """``workbench calibrate``: per-frame article thresholds from labelled articles."""
    import polars as pl

    from workbench.errors import InputError
    from workbench.io.corpus import corpus_columns, corpus_table, read_corpus_frame
    from workbench.model import load_model, save_model
    from workbench.model.article_frames import article_thresholds, with_calibrated_thresholds
    from workbench.score import score, summarise_articles

    if args.out.suffix != ".skops":
        raise InputError(args.out, "the model file name must end in .skops")
    model = load_model(args.model)
    rows = read_corpus_frame(args.data)
    if args.frames_column not in rows.columns:
        raise InputError(args.data, f"no column {args.frames_column!r} "
                                    f"(columns: {', '.join(rows.columns)})")
    frames = rows[args.frames_column]
    if frames.dtype.is_nested():  # JSONL or Parquet: a list of frames per article
        frames = frames.cast(pl.List(pl.String)).list.join(args.label_sep)
    frames = frames.cast(pl.String).to_list()
    # the corpus columns as strings, as every corpus reader takes them (workbench.io.corpus)
    rows = rows.select(pl.col(c).cast(pl.String) for c in corpus_columns(rows.schema, args.data))
    table, _, _ = corpus_table(rows.with_row_index("_row", offset=1), args.data.stem)
    ids = table.unique("_row", maintain_order=True).select("_row", "article_id")
    frames = dict(enumerate(frames, start=1))
    labelled = {a: [f.strip() for f in (frames[r] or "").split(args.label_sep) if f.strip()]
                for r, a in ids.iter_rows()}
    summary = summarise_articles(score(table.drop("_row"), model=model, cues=False))
    try:
        calibrated = with_calibrated_thresholds(model, summary, labelled, scale=args.scale,
                                                source=args.data.name)
    except ValueError as err:
        raise InputError(args.data, str(err)) from None
    card = {"command": "workbench calibrate " + " ".join(
        shlex.quote(str(a)) for a in (args.model, args.data, "--frames-column",
                                      args.frames_column, "--scale", args.scale,
                                      "--out", args.out))}
    save_model(calibrated, args.out, card=card)
    before, after = article_thresholds(model), article_thresholds(calibrated)
    for label in model.labels:
        print(f"{label:<22} {before[label]:.4f} -> {after[label]:.4f}")
    print(f"wrote {args.out} (+ .card.json, .card.md) from {len(labelled)} articles",
          file=sys.stderr)
    if len(labelled) < FEW_ARTICLES:
        print(f"warning: {args.data}: thresholds from {len(labelled)} articles are rough; "
              f"{FEW_ARTICLES} or more give steadier ones", file=sys.stderr)
    return 0


def _print_report(report: object, as_json: bool) -> None:
    if as_json:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        print(report.to_text())
