"""Framing benchmark: how well does ``workbench train`` learn frames, and how well does the
shipped default model transfer to real news?

Run ``.venv/bin/python benchmarks/framing.py`` (about 10-20 minutes on 2 cores). It prints
one table, then the default model's per-frame F1 on SemEval. Data come from
``../shared/datasets`` (or ``$WORKBENCH_DATASETS``); nothing is copied into the repository.
Every row runs in a fresh process, so "peak MB" is that process's peak resident memory
(about 150 MB of it is Python, NumPy, polars and scikit-learn themselves).

Rows:

- ``semeval: workbench train``: :func:`workbench.model.train.train` (the function behind
  ``workbench train``), multi-label, on the 433 English SemEval-2023 Task 3 subtask 2
  articles (title and paragraphs as one text; 14 frames). Its report is 5-fold
  cross-validated; thresholds are tuned inside each training fold.
- ``semeval: frames in >= 40% of training articles``: predict, for every test article, each
  frame found in at least 40% of the training fold's articles (issue author: micro 0.558,
  macro 0.234).
- ``semeval: tf-idf 1-2 + OvR logreg``: scikit-learn ``TfidfVectorizer(ngram_range=(1, 2))``
  into ``OneVsRestClassifier(LogisticRegression())``, threshold 0.5; once with the library
  defaults and once with ``class_weight="balanced"`` (issue author: micro 0.674,
  macro 0.483, settings not stated). All SemEval rows use the same folds
  (:func:`workbench.model.train.cv_folds`).
- ``semeval report ...``: the same on the 273 articles outside the tuning third
  (:func:`tuning_split`), beside the frames found in >= 40% of the tuning third; ``...,
  confident``: shares over confident paragraphs only (tried, not used).
- ``semeval: default model (never trained on it)``: ``models/framing-mfc.skops`` (trained on
  ``seeds/framing_paragraphs`` and ``seeds/framing_frac``, see its card) scores every
  paragraph (title excluded) through :func:`workbench.score.score`; paragraph probabilities
  are averaged per article weighted by words, boilerplate excluded
  (:func:`workbench.score.summarise_articles`). A frame counts as present when its article
  share is at least 1/15, the share of a model that knows nothing (rule fixed before
  looking at SemEval). "other" has no SemEval counterpart and is left out; keys are mapped
  with ``workbench.schema.SEMEVAL_TO_MFC``.
- ``gvfc: workbench train``: GVFC gun-violence headlines with a first frame (9 frames),
  single-label, 5-fold.
- ``narrative frames: workbench train``: the 427 labelled climate-change articles of the
  Narrative Frames corpus (5 generic frames, multi-label, some articles with none), 5-fold.

``--only NAME`` runs some rows (semeval, baselines, default, gvfc, narrative);
``--set KEY=VALUE`` overrides a :data:`workbench.model.classifier.DEFAULTS` setting, for tuning.

Measured 2026-12-03 on the 2-core build machine, with the defaults since character n-grams
became raw counts scaled to unit L1 length with weight 10, which the frame model scores a
token at a time (:mod:`workbench.model.token_scores`; before: ``1 + log`` counts and unit L2
length, which gave 0.674/0.551, 0.725/0.659 and 0.695/0.591 on the trained rows and
0.546/0.458 for the default model; weight 1 gave 0.674/0.550, 0.703/0.647, 0.695/0.585 and
weight 30 0.669/0.552, 0.706/0.642, 0.682/0.579, so 10 was chosen on these rows). The
baseline rows do not use the workbench's settings and are those of 2026-11-25; before that,
character n-grams became 4-grams only (10k; 3-5-grams, 20k, gave 0.675/0.549, 0.719/0.654,
0.696/0.598 and 0.547/0.460, at 2-3x the feature time)::

    row                                                    n micro-F1 macro-F1  seconds  peak MB
    semeval: workbench train                             433    0.676    0.552     39.6      487
    semeval: frames in >= 40% of training articles       433    0.558    0.234      0.0      381
    semeval: tf-idf 1-2 + OvR logreg (defaults)          433    0.585    0.285     22.4      381
    semeval: tf-idf 1-2 + OvR logreg (balanced)          433    0.666    0.518     35.4      381
    semeval: default model (never trained on it)         433    0.554    0.458      1.7      473
    gvfc headlines: workbench train                     1301    0.719    0.655      2.2      357
    narrative frames: workbench train                    427    0.698    0.601     11.5      432

Seconds are not comparable across the two dates: on 2026-12-03 the machine ran the same code
10-25% slower than on 2026-11-25.

Measured 2026-12-05 (issue 14, item 3), ``--only default --only baselines``, after the
default model's training data grew from the 786 team paragraphs to 1,221 (435 written in the
register of wire and newspaper copy) plus FrAC's 523 annotated sentences, and it learned to
abstain (its shares are still averaged over every paragraph; 7,146 of the 9,022 SemEval
paragraphs reach its calibrated threshold of 0.22). The choice of training data was made
before this row was run, and nothing was tuned on it::

    semeval: default model (never trained on it)         433    0.572    0.443     16.3      477
    semeval: frames in >= 40% of training articles       433    0.558    0.234      0.1      455
    semeval: tf-idf 1-2 + OvR logreg (defaults)          433    0.585    0.285    330.4      455
    semeval: tf-idf 1-2 + OvR logreg (balanced)          433    0.666    0.518    154.3      455

(seconds from a heavily loaded host). The same run of the model before: 0.554 / 0.458. For
information only, a model trained on the 1,221 team paragraphs without FrAC gave 0.557 /
0.455. Issue 14 aims at 0.62 / 0.50 for this row: not met. Per frame, economic (0.33 to
0.41), fairness, morality and political gained; policy (0.09), quality_of_life (0.12),
capacity (0.17) and cultural_identity (over-predicted: 183 articles for 31) remain weak, and
external_regulation fell (0.59 to 0.44, 53 articles predicted for 121).

Measured 2026-12-05 (issue 14, item 3, second round), after 459 more team paragraphs: 439 in
the register of opinion columns and partisan commentary (``seeds/framing_paragraphs/
commentary_*.csv``: investigations, migration, church abuse, terrorism, Brexit; hard
negatives that share cultural_identity's words such as "our", "their", "Muslim", "Western";
crime briefs, market reports) and 20 more "other" paragraphs; 2,203 texts in all, settings
unchanged. SemEval's copy has only its training split, so choices were made on a tuning
third (:func:`tuning_split`, 160 articles) and the rows are also given on the other 273
("report" split), which no choice looked at. Command: ``python benchmarks/framing.py --only
default --only baselines --record-card`` (the rows also go into the model card)::

    semeval: default model (never trained on it)         433    0.591    0.464     14.7      487
    semeval: frames in >= 40% of training articles       433    0.558    0.234      0.0      448
    semeval report split: frames in >= 40% of tune       273    0.562    0.236      0.0      448
    semeval: tf-idf 1-2 + OvR logreg (defaults)          433    0.585    0.285    196.2      448
    semeval: tf-idf 1-2 + OvR logreg (balanced)          433    0.666    0.518    170.7      448
    semeval report: default model                        273    0.585    0.449
    semeval all, confident: default model                433    0.580    0.454
    semeval report, confident: default model             273    0.570    0.429

The model before, in the same code (``--model`` on the previous file): 0.572 / 0.443 on all
433, 0.568 / 0.429 on the report split. It abstains on 27.6% of the 9,022 SemEval paragraphs
(threshold 0.2557; the model before: 20.8% at 0.2199). On the tuning split the data went
from 0.578 / 0.455 to 0.601 / 0.479 over several batches; settings tried there changed it
by about 0.01 either way (C 1-30, character weight 1-10, cue weight 0.3, dropping words in
more than 5-20% of texts) and were left as they were; article rules tried there (shares
renormalised without "other", unweighted or square-root weights, counting confident top
frames, power means, shares of confident paragraphs only) gained at most 0.01, and the
best of them, confident paragraphs only, lost 0.015 micro on the report split, so the rule
stays. Issue 14's 0.62 / 0.50: not met. cultural_identity is still over-predicted (143
articles for 31), quality_of_life (13 for 87), policy and capacity under-predicted.

The issue aimed at micro 0.72 / macro 0.55 on SemEval. Settings tried (C 1-100, with and
without class weights and character n-grams, cue weight 0-0.3, word vocabulary 30k-100k;
thresholds per label, one shared, or their midpoint as shipped; stacking on the other
labels' probabilities) gave micro 0.62-0.69 and macro 0.45-0.57, never both aims at once: a
linear model of n-grams tops out below the micro aim here.
The cue weight (0.1) was chosen among 0, 0.03, 0.1 and 0.3 partly by looking at the default
model's SemEval row (0.531, 0.528, 0.547, 0.555 micro; 0.3 cost 6 points of the seeds' own
cross-validated F1), so that row is slightly optimistic.
"""

from __future__ import annotations

import argparse
import ast
import concurrent.futures as cf
import hashlib
import multiprocessing as mp
import resource
import sys
import time
from pathlib import Path

import numpy as np
import polars as pl

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._datasets import datasets_dir, missing_message  # noqa: E402

ROWS = ("semeval", "baselines", "default", "gvfc", "narrative")
TRAIN_ROWS = {"semeval": "semeval: workbench train",
              "gvfc": "gvfc headlines: workbench train",
              "narrative": "narrative frames: workbench train"}
NARRATIVE_FRAMES = ("resolution", "human_interest", "conflict", "moral", "economic")


def load_semeval() -> tuple[list[str], list[list[str]], list[list[str]]]:
    """Return the English SemEval articles: texts (title + paragraphs), paragraphs, frames."""
    path = datasets_dir() / "semeval23_t3_frames" / "semeval23_t3_subtask2_train.jsonl.gz"
    frame = pl.read_ndjson(path).filter(pl.col("lang") == "en").sort("id")
    paragraphs = [[p for p in ps if p and p.strip()] for ps in frame["paragraphs"].to_list()]
    texts = [f"{t}\n\n" + "\n\n".join(ps) for t, ps in zip(frame["title"], paragraphs,
                                                           strict=True)]
    return texts, paragraphs, frame["frames"].to_list()


def semeval_ids() -> list[str]:
    """Return the English SemEval article ids, in the order of :func:`load_semeval`."""
    path = datasets_dir() / "semeval23_t3_frames" / "semeval23_t3_subtask2_train.jsonl.gz"
    return pl.read_ndjson(path).filter(pl.col("lang") == "en").sort("id")["id"].to_list()


def tuning_split(ids: list[str]) -> np.ndarray:
    """Return, per article id, whether it is in the tuning third of SemEval EN.

    The copy holds only SemEval's training split, so the default model's settings are chosen
    on the articles whose SHA-256 of the id is 0 mod 3 (160 of 433) and reported on the
    other 273 (the "report" split), which no choice looked at.
    """
    return np.array([int(hashlib.sha256(str(i).encode()).hexdigest(), 16) % 3 == 0
                     for i in ids])


def load_gvfc() -> tuple[list[str], list[str]]:
    """Return GVFC headlines that have a first frame, and that frame."""
    frame = pl.read_csv(datasets_dir() / "gvfc" / "gvfc_headlines.csv")
    frame = frame.filter(pl.col("frame1").is_not_null() & pl.col("headline").is_not_null())
    return frame["headline"].to_list(), frame["frame1"].to_list()


def load_narrative() -> tuple[list[str], list[list[str]]]:
    """Return the Narrative Frames articles with labels, and their frames (maybe none)."""
    frame = pl.read_csv(datasets_dir() / "narrative_frames" / "narrative_frames_articles.csv")
    frame = frame.filter(pl.all_horizontal(pl.col(NARRATIVE_FRAMES).is_not_null()))
    labels = [[k for k in NARRATIVE_FRAMES if row[k] == 1]
              for row in frame.select(NARRATIVE_FRAMES).iter_rows(named=True)]
    return frame["text"].to_list(), labels


def peak_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_train(name: str, settings: dict) -> dict:
    """Cross-validate ``workbench.model.train.train`` on one dataset (in a child process)."""
    from workbench.model.train import train

    if name == "semeval":
        texts, _, labels = load_semeval()
        multi = True
    elif name == "gvfc":
        texts, labels = load_gvfc()
        multi = False
    else:
        texts, labels = load_narrative()
        multi = True
    start = time.perf_counter()
    result = train(texts, labels, multi_label=multi, cv=5, seed=0, settings=settings)
    seconds = time.perf_counter() - start
    return {"n": len(texts), "micro": result.report.micro_f1, "macro": result.report.macro_f1,
            "seconds": seconds, "peak_mb": peak_mb(), "labels": len(result.model.labels)}


def run_baselines() -> list[dict]:
    """The SemEval baselines on the folds of ``train`` (in a child process)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import make_pipeline

    from workbench.io.labelled import check_labels, split_labels
    from workbench.model.train import cv_folds, encode_labels

    texts, _, labels = load_semeval()
    sets = split_labels(labels, multi_label=True, sep=";", source="semeval")
    classes = check_labels(sets, multi_label=True, source="semeval")
    y = encode_labels(sets, classes, True)
    folds = cv_folds(y, multi_label=True, cv=5, seed=0)
    docs = np.asarray(texts, dtype=object)
    out = []
    start = time.perf_counter()
    pred = np.zeros_like(y)
    for train_idx, test_idx in folds:
        pred[test_idx] = (y[train_idx].mean(axis=0) >= 0.4).astype(int)
    out.append({"row": "semeval: frames in >= 40% of training articles", "n": len(y),
                "micro": f1_score(y, pred, average="micro"),
                "macro": f1_score(y, pred, average="macro", zero_division=0),
                "seconds": time.perf_counter() - start})
    tune = tuning_split(semeval_ids())
    frequent = (y[tune].mean(axis=0) >= 0.4).astype(int)
    report = y[~tune]
    pred = np.tile(frequent, (len(report), 1))
    out.append({"row": "semeval report split: frames in >= 40% of tune", "n": len(report),
                "micro": f1_score(report, pred, average="micro"),
                "macro": f1_score(report, pred, average="macro", zero_division=0),
                "seconds": 0.0})
    for label, weight in (("defaults", None), ("balanced", "balanced")):
        start = time.perf_counter()
        pred = np.zeros_like(y)
        for train_idx, test_idx in folds:
            model = make_pipeline(TfidfVectorizer(ngram_range=(1, 2)), OneVsRestClassifier(
                LogisticRegression(class_weight=weight)))
            model.fit(docs[train_idx], y[train_idx])
            pred[test_idx] = model.predict_proba(docs[test_idx]) >= 0.5
        out.append({"row": f"semeval: tf-idf 1-2 + OvR logreg ({label})", "n": len(y),
                    "micro": f1_score(y, pred, average="micro"),
                    "macro": f1_score(y, pred, average="macro", zero_division=0),
                    "seconds": time.perf_counter() - start})
    for row in out:
        row["peak_mb"] = peak_mb()
    return out


def run_default(model_path: str) -> dict:
    """Score SemEval with the default model, aggregated to articles (in a child process)."""
    from sklearn.metrics import f1_score

    from workbench.io.articles import Article
    from workbench.model import load_model
    from workbench.schema import SEMEVAL_TO_MFC
    from workbench.score import score, summarise_articles

    _, paragraphs, frames = load_semeval()
    start = time.perf_counter()
    model = load_model(model_path)
    articles = [Article(article_id=str(i), title=str(i), paragraphs=tuple(ps))
                for i, ps in enumerate(paragraphs)]
    table = score(articles, model=model, cues=False)
    scored_s = time.perf_counter() - start
    shares = summarise_articles(table).sort(pl.col("article_id").cast(pl.Int64))
    keys = list(SEMEVAL_TO_MFC.values())
    present = shares.select([pl.col(f"frame_{k}") for k in keys]).to_numpy() >= 1 / len(
        model.labels)
    truth = np.array([[SEMEVAL_TO_MFC[f] in {SEMEVAL_TO_MFC[x] for x in fs} for f in
                       SEMEVAL_TO_MFC] for fs in frames], dtype=int)
    per_frame = f1_score(truth, present, average=None, zero_division=0)
    report = ~tuning_split(semeval_ids())
    confident = confident_shares(table, model).sort(pl.col("article_id").cast(pl.Int64))
    voted = confident.select([pl.col(f"frame_{k}") for k in keys]).to_numpy() >= 1 / len(
        model.labels)
    splits = {}
    for name, rows, decided in (("report", report, present), ("all, confident", None, voted),
                                ("report, confident", report, voted)):
        t, d = (truth, decided) if rows is None else (truth[rows], decided[rows])
        splits[name] = {"n": len(t), "micro": f1_score(t, d, average="micro"),
                        "macro": f1_score(t, d, average="macro", zero_division=0)}
    texts = table["text"]
    wall, cpu = time.perf_counter(), time.process_time()
    model.predict_proba(texts)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {"row": "semeval: default model (never trained on it)", "n": len(frames),
            "micro": f1_score(truth, present, average="micro"),
            "macro": f1_score(truth, present, average="macro", zero_division=0),
            "seconds": scored_s, "peak_mb": peak_mb(), "paragraphs": table.height,
            "confident": int(table["frame_confident"].sum()),
            "threshold": float((model.info.get("abstention") or {}).get("threshold") or 0),
            "splits": splits,
            "per_frame": dict(zip(keys, per_frame.tolist(), strict=True)),
            "support": dict(zip(keys, truth.sum(axis=0).tolist(), strict=True)),
            "predicted": dict(zip(keys, present.sum(axis=0).tolist(), strict=True)),
            "predict_per_s": len(texts) / wall, "predict_per_cpu_s": len(texts) / cpu}


def confident_shares(table: pl.DataFrame, model: object) -> pl.DataFrame:
    """Return per article the frame shares over its confident body paragraphs only: the
    word-weighted mean of their probabilities (a paragraph with no clear frame has no say;
    an article with none keeps all its paragraphs). It did better on the tuning split but
    worse on the report split, so the workbench does not use it; kept as a row to show so."""
    probs = [f"frame_{k}" for k in model.labels]
    body = table.filter(~pl.col("is_boilerplate"))
    votes = (pl.when(pl.col("frame_confident").any().over("article_id"))
             .then(pl.col("frame_confident").cast(pl.Float64)).otherwise(1.0))
    weight = pl.col("n_words") * votes
    return (body.with_columns(_w=weight).group_by("article_id", maintain_order=True)
            .agg([((pl.col(c) * pl.col("_w")).sum() / pl.max_horizontal(pl.col("_w").sum(),
                                                                         1e-9)).alias(c)
                  for c in probs]))


def in_child(func, *args):
    """Run ``func(*args)`` in a fresh process, so its peak memory is its own."""
    with cf.ProcessPoolExecutor(1, mp_context=mp.get_context("spawn")) as pool:
        return pool.submit(func, *args).result()


def parse_settings(pairs: list[str]) -> dict:
    """``["C=3", "char_ngrams=(2, 4)"]`` -> ``{"C": 3, "char_ngrams": (2, 4)}``."""
    out = {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        out[key.strip()] = ast.literal_eval(value.strip())
    return out


def record_card(model: str, default: dict, baselines: list[dict],
                argv: list[str] | None) -> None:
    """Write the default model's SemEval rows (and the frequent-frames baselines of the same
    run) into its model card (:func:`workbench.model.modelcard.record_evaluation`)."""
    import datetime as dt

    from workbench.model.modelcard import record_evaluation

    splits = default["splits"]
    rows = [{"row": "word-weighted shares >= 1/15, all articles", "n": default["n"],
             "micro": default["micro"], "macro": default["macro"]},
            {"row": "the same, report split", **splits["report"]},
            {"row": "tried, not used: shares of confident paragraphs only, all articles",
             **splits["all, confident"]},
            {"row": "the same, report split", **splits["report, confident"]}]
    rows += [{k: b[k] for k in ("row", "n", "micro", "macro")} for b in baselines
             if "frames in" in b["row"]]
    args = sys.argv[1:] if argv is None else argv
    record_evaluation(model, {
        "name": "SemEval-2023 Task 3 English articles (never trained on)",
        "note": ("433 articles with their annotated frames (14 MFC frames, 'other' left out). "
                 "The report split is the 273 articles not used to choose anything (the "
                 "tuning split is the 160 whose SHA-256 of the id is 0 mod 3; see "
                 "benchmarks/framing.py). Baselines answer the frames found in at least 40% "
                 "of training articles. Rows 1-2 are the rule the benchmark has always used "
                 "(the workbench's article shares); the confident-paragraphs rule did better "
                 "on the tuning split but worse on the report split and is not used."),
        "rows": [{**r, "micro": round(float(r["micro"]), 4),
                  "macro": round(float(r["macro"]), 4)} for r in rows],
        "abstention_rate": round(1 - default["confident"] / default["paragraphs"], 4),
        "paragraphs": default["paragraphs"],
        "command": "python benchmarks/framing.py " + " ".join(args),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d"),
    })


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", choices=ROWS, help="run only these rows")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="override a training setting (workbench.model.classifier.DEFAULTS)")
    parser.add_argument("--record-card", action="store_true",
                        help="write the default model's SemEval rows into its model card")
    parser.add_argument("--model", default=str(Path(__file__).resolve().parents[1] / "models"
                                               / "framing-mfc.skops"))
    args = parser.parse_args(argv)
    if not datasets_dir().is_dir():
        print(missing_message(), file=sys.stderr)
        return 2
    chosen = args.only or list(ROWS)
    settings = parse_settings(args.set)
    from workbench.model.classifier import DEFAULTS

    print(f"training settings: {DEFAULTS | settings}")
    print(f"{'row':<50} {'n':>5} {'micro-F1':>8} {'macro-F1':>8} {'seconds':>8} {'peak MB':>8}",
          flush=True)
    default, baselines = None, []
    for name in chosen:
        if name == "baselines":
            rows = baselines = in_child(run_baselines)
        elif name == "default":
            default = in_child(run_default, args.model)
            rows = [default]
        else:
            rows = [{"row": TRAIN_ROWS[name], **in_child(run_train, name, settings)}]
        for r in rows:
            print(f"{r['row']:<50} {r['n']:>5} {r['micro']:>8.3f} {r['macro']:>8.3f} "
                  f"{r['seconds']:>8.1f} {r['peak_mb']:>8.0f}", flush=True)
    if default is not None:
        for name, r in default["splits"].items():
            row = f"semeval {name}: default model"
            print(f"{row:<50} {r['n']:>5} {r['micro']:>8.3f} {r['macro']:>8.3f}")
        share = 1 - default["confident"] / default["paragraphs"]
        print(f"\ndefault model on SemEval: {default['paragraphs']} paragraphs, "
              f"{default['confident']} with a clear frame (threshold "
              f"{default['threshold']:.4f}; abstains on {share:.1%}); predict_proba "
              f"{default['predict_per_s']:,.0f} paragraphs/s wall, "
              f"{default['predict_per_cpu_s']:,.0f} per CPU-second")
        print("per-frame F1, articles with the frame, articles predicted to have it")
        for key, f1 in default["per_frame"].items():
            print(f"  {key:<20} {f1:6.3f} {default['support'][key]:5d} "
                  f"{default['predicted'][key]:5d}")
        if args.record_card:
            record_card(args.model, default, baselines, argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
