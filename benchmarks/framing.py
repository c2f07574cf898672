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
- ``semeval report ...`` / ``semeval tuning ...``: the same on the 273 articles outside the
  tuning third (:func:`tuning_split`) and on the tuning third itself, beside the frames found
  in >= 40% of the tuning third.
- ``semeval: default model (never trained on it)``: ``models/framing-mfc.skops`` (trained on
  ``seeds/framing_paragraphs`` and ``seeds/framing_frac``, see its card) scores every
  paragraph (title excluded) through :func:`workbench.score.score`; paragraph probabilities
  are averaged per article weighted by words, boilerplate excluded
  (:func:`workbench.score.summarise_articles`). A frame is found when its article share
  reaches the model's threshold for that frame
  (:func:`workbench.model.article_frames.found_matrix`, the rule ``workbench compare`` and
  the dashboard use). A model without thresholds uses 1/15 for every frame (the share of a
  model that knows nothing; the rule before 2026-12-06, printed beside it as "1/15 for every
  frame"). ``--calibrate-articles`` also scores a temporary copy whose thresholds
  are set on the tuning third (:func:`run_calibrate`: matched to each frame's frequency
  there); the shipped model never carries them, since it must be rebuilt from what the
  repository holds. "other" has no SemEval counterpart and is left out; keys are mapped with
  ``workbench.schema.SEMEVAL_TO_MFC``.
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

Measured 2026-12-06 (issue 14, item 3, third round): the article rule, not the model. The
classifier is unchanged (``make model`` rebuilt the same bytes); what changed is how article
shares become frames. One threshold of 1/15 found cultural_identity in 143 articles for 31
annotated and quality_of_life in 13 for 87, and under-found policy, capacity and
external_regulation, because a single-label paragraph model spreads its probability unevenly
across frames. A model may carry its own threshold per frame
(:mod:`workbench.model.article_frames`, used by ``workbench compare`` and the dashboard too).
Here a copy of the default model got thresholds matched to each frame's frequency on the
tuning third (scale 1.1, chosen there among 0.8-1.5); the shipped model carries none (it must
be rebuilt from what the repository holds, ../shared/datasets/README.md), so its figures stay
the "1/15 for every frame" rows and the "calibrated on tune" rows below are the copy's.
Command: ``python benchmarks/framing.py --only default --only baselines --calibrate-articles
--record-card`` (``make model-card``)::

    semeval: default model (never trained on it)         433    0.591    0.464      2.2      428
    semeval: frames in >= 40% of training articles       433    0.558    0.234      0.0      376
    semeval tuning split: frames in >= 40% of tune       160    0.551    0.230      0.0      376
    semeval report split: frames in >= 40% of tune       273    0.562    0.236      0.0      376
    semeval: tf-idf 1-2 + OvR logreg (defaults)          433    0.585    0.285     36.2      376
    semeval: tf-idf 1-2 + OvR logreg (balanced)          433    0.666    0.518     36.8      376
    semeval tune, 1/15 for every frame                   160    0.601    0.480
    semeval report, 1/15 for every frame                 273    0.585    0.449
    semeval all, 1/15 for every frame                    433    0.591    0.464
    semeval tune, calibrated on tune (not shipped)       160    0.645    0.525
    semeval report, calibrated on tune (not shipped)     273    0.627    0.495
    semeval all, calibrated on tune (not shipped)        433    0.634    0.510

The "all" rows include the tuning third, so they are optimistic; the report split is the
honest figure: the calibrated copy meets issue 14's 0.62 micro there and misses 0.50 macro by
0.005; the shipped model (1/15 for every frame) meets neither. Abstention is unchanged: no
clear frame on 27.6% of the 9,024 paragraphs. (Run 2026-12-06 at 09d8600+; the copy's
thresholds are floored to 4 decimals by the library, 0.001 below the first, rounded run.)
Per frame (all 433), economic 0.42 to 0.45, capacity 0.22 to 0.31, policy 0.14 to 0.19,
crime 0.67 to 0.77, quality_of_life 0.12 to 0.26, cultural_identity 0.25 to 0.30,
external_regulation 0.48 to 0.59; fairness (0.48 to 0.45) lost a little. Tried on the tuning
third and not used (micro / macro there, against 0.646 / 0.525 for this rule before rounding
the thresholds): one global threshold (best 0.06: 0.609 / 0.498), thresholds maximising F1
per frame (0.620 / 0.552 on tune but 0.585 / 0.486 on report: over-fitted), top-k frames by
share, shares of each paragraph's top frame or top two, mean of the top paragraph
probabilities or share plus a part of the maximum, unweighted or square-root weights,
shares without "other", sharpened or flattened probabilities (all at or below 0.638 / 0.523
with matched thresholds). Paragraphs with no clear frame weighted 0.3 instead of 1 gave
0.651 / 0.529 there: within noise of the plain shares on 160 articles, one more setting, and
the previous round saw its extreme (confident paragraphs only) lose on the report split, so
the shares stay those the dashboard shows. Settings, each retrained and matched the same
way: C 1, 3, 30; character weight 3, character n-grams off, 3-5-grams, sublinear L2
character n-grams at weight 0.5, 1 or 2; words 1-1 or 1-3; min_df 1; cue weight 0 (tune
0.611-0.648 micro, 0.497-0.531 macro; the best, sublinear L2 characters at weight 1, gained
0.002 / 0.006, within noise, and would lose the token-at-a-time scoring, so the settings
stay). 100 new team paragraphs in news register (32 policy, 28 quality_of_life, 20 capacity,
20 public_opinion), each set alone and together: tune 0.639-0.644 / 0.516-0.524, all below
the model without them, so none was added.

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
import shutil
import sys
import tempfile
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
    pred = np.tile(frequent, (int(tune.sum()), 1))
    out.append({"row": "semeval tuning split: frames in >= 40% of tune", "n": len(pred),
                "micro": f1_score(y[tune], pred, average="micro"),
                "macro": f1_score(y[tune], pred, average="macro", zero_division=0),
                "seconds": 0.0})
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


def semeval_truth(frames: list[list[str]]) -> np.ndarray:
    """Return 0/1 (articles x the 14 MFC keys of ``SEMEVAL_TO_MFC``): the annotated frames."""
    from workbench.schema import SEMEVAL_TO_MFC

    return np.array([[SEMEVAL_TO_MFC[f] in {SEMEVAL_TO_MFC[x] for x in fs} for f in
                      SEMEVAL_TO_MFC] for fs in frames], dtype=int)


def semeval_shares(model: object) -> tuple[pl.DataFrame, pl.DataFrame, list[list[str]]]:
    """Score SemEval's paragraphs (title excluded) with ``model``; return the paragraph table,
    the article summary (in article order) and the annotated frames."""
    from workbench.io.articles import Article
    from workbench.score import score, summarise_articles

    _, paragraphs, frames = load_semeval()
    articles = [Article(article_id=str(i), title=str(i), paragraphs=tuple(ps))
                for i, ps in enumerate(paragraphs)]
    table = score(articles, model=model, cues=False)
    shares = summarise_articles(table).sort(pl.col("article_id").cast(pl.Int64))
    return table, shares, frames


def f1s(truth: np.ndarray, decided: np.ndarray) -> dict:
    """Micro and macro F1 of 0/1 article decisions, with the number of articles."""
    from sklearn.metrics import f1_score

    return {"n": len(truth), "micro": f1_score(truth, decided, average="micro"),
            "macro": f1_score(truth, decided, average="macro", zero_division=0)}


SCALES = (0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.5)
"""Frequency scales :func:`run_calibrate` tries on the tuning split."""


def run_calibrate(model_path: str) -> dict:
    """Set the per-frame article thresholds of the model file at ``model_path`` (a temporary
    copy, never the shipped model) on the tuning split, in a child process.

    For each scale in :data:`SCALES`, the thresholds come from the library call a user runs
    (:func:`workbench.model.article_frames.with_calibrated_thresholds`, as ``workbench
    calibrate`` does) on the 160 tuning articles; the scale with the best micro + macro F1 on
    those same articles is kept and written into the file. The report split is never looked at.
    """
    from workbench.model import load_model, save_model
    from workbench.model.article_frames import (
        article_thresholds,
        found_matrix,
        with_calibrated_thresholds,
    )
    from workbench.schema import SEMEVAL_TO_MFC

    model = load_model(model_path)
    _, shares, frames = semeval_shares(model)
    tune = tuning_split(semeval_ids())
    truth = semeval_truth(frames)[tune]
    keys = list(SEMEVAL_TO_MFC.values())
    tuned = shares.filter(pl.Series(tune))
    labelled = {a: [SEMEVAL_TO_MFC[f] for f in fs] for a, fs, t in
                zip(shares["article_id"].to_list(), frames, tune, strict=True) if t}
    tried = []
    for scale in SCALES:
        fitted = with_calibrated_thresholds(model, tuned, labelled, scale=scale,
                                            source="SemEval-2023 English, tuning third")
        found = found_matrix(tuned, article_thresholds(fitted), keys)
        tried.append((scale, fitted, f1s(truth, found)))
    scale, fitted, best = max(tried, key=lambda t: t[2]["micro"] + t[2]["macro"])
    save_model(fitted, model_path)
    return {"scale": scale, "thresholds": article_thresholds(fitted), "tune": best,
            "tried": [(s, r["micro"], r["macro"]) for s, _, r in tried]}


def run_default(model_path: str) -> dict:
    """Score SemEval with the default model, aggregated to articles (in a child process)."""
    from workbench.model import load_model
    from workbench.model.article_frames import article_thresholds, found_matrix
    from workbench.schema import SEMEVAL_TO_MFC

    start = time.perf_counter()
    model = load_model(model_path)
    table, shares, frames = semeval_shares(model)
    scored_s = time.perf_counter() - start
    keys = list(SEMEVAL_TO_MFC.values())
    thresholds = article_thresholds(model)
    present = found_matrix(shares, thresholds, keys)
    uniform = found_matrix(shares, dict.fromkeys(model.labels, 1 / len(model.labels)), keys)
    truth = semeval_truth(frames)
    per_frame = f1_score_per_frame(truth, present)
    tune = tuning_split(semeval_ids())
    splits = {}
    for rule, decided in (("model's thresholds", present), ("1/15 for every frame", uniform)):
        for name, rows in (("tune", tune), ("report", ~tune), ("all", None)):
            t, d = (truth, decided) if rows is None else (truth[rows], decided[rows])
            splits[f"{name}, {rule}"] = f1s(t, d)
    texts = table["text"]
    wall, cpu = time.perf_counter(), time.process_time()
    model.predict_proba(texts)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {"row": "semeval: default model (never trained on it)", **f1s(truth, present),
            "seconds": scored_s, "peak_mb": peak_mb(), "paragraphs": table.height,
            "confident": int(table["frame_confident"].sum()),
            "threshold": float((model.info.get("abstention") or {}).get("threshold") or 0),
            "calibrated": bool((model.info.get("article_frames") or {}).get("thresholds")),
            "splits": splits,
            "per_frame": dict(zip(keys, per_frame.tolist(), strict=True)),
            "support": dict(zip(keys, truth.sum(axis=0).tolist(), strict=True)),
            "predicted": dict(zip(keys, present.sum(axis=0).tolist(), strict=True)),
            "predict_per_s": len(texts) / wall, "predict_per_cpu_s": len(texts) / cpu}


def f1_score_per_frame(truth: np.ndarray, decided: np.ndarray) -> np.ndarray:
    """F1 per column of 0/1 article decisions."""
    from sklearn.metrics import f1_score

    return f1_score(truth, decided, average=None, zero_division=0)


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
                argv: list[str] | None, calibrated: dict | None = None) -> None:
    """Write the default model's SemEval rows (and the frequent-frames baselines of the same
    run, and the rows of a copy calibrated on the tuning split, when given) into its model
    card (:func:`workbench.model.modelcard.record_evaluation`)."""
    import datetime as dt

    from workbench.model.modelcard import record_evaluation

    names = {"tune": "tuning split", "report": "report split", "all": "all articles"}
    rule = "model's thresholds" if default["calibrated"] else "1/15 for every frame"
    rows = [{"row": f"shipped model, {names[split]}", **default["splits"][f"{split}, {rule}"]}
            for split in ("report", "all", "tune")]
    if calibrated is not None:
        rows += [{"row": (f"per-frame thresholds calibrated on the tuning split (not shipped), "
                          f"{names[split]}"),
                  **calibrated["splits"][f"{split}, model's thresholds"]}
                 for split in ("report", "all", "tune")]
    rows += [{k: b[k] for k in ("row", "n", "micro", "macro")} for b in baselines
             if "frames in" in b["row"]]
    args = sys.argv[1:] if argv is None else argv
    record_evaluation(model, {
        "name": "SemEval-2023 Task 3 English articles (never trained on)",
        "note": ("433 articles with their annotated frames (14 MFC frames, 'other' left out). "
                 "A frame is found when its word-weighted share reaches its threshold "
                 "(workbench.model.article_frames; the shipped model carries none, so 1/15 "
                 "for every frame). The 'calibrated' rows are a copy of this model whose "
                 "per-frame thresholds were matched to frame frequencies on the tuning split "
                 "(the 160 articles whose SHA-256 of the id is 0 mod 3; see "
                 "benchmarks/framing.py): what calibrating on a few hundred labelled articles "
                 "of one's own gives. It is not shipped, because the shipped model must be "
                 "rebuilt from what the repository holds; its 'tuning split' and 'all "
                 "articles' rows are optimistic, its report split (273 articles) is not. "
                 "Baselines answer the frames found in at least 40% of training articles."),
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
    parser.add_argument("--calibrate-articles", action="store_true",
                        help="also score a copy of the model whose per-frame article "
                             "thresholds are set on the tuning split (never saved into it)")
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
    default, baselines, calibrated = None, [], None
    if args.calibrate_articles:
        # never into the shipped model: it must be trainable from what the repository holds
        work = Path(tempfile.mkdtemp(prefix="wb-calibrated-")) / "calibrated.skops"
        shutil.copyfile(args.model, work)
        found = in_child(run_calibrate, str(work))
        tried = ", ".join(f"{s:g}: {mi:.3f}/{ma:.3f}" for s, mi, ma in found["tried"])
        print(f"article thresholds on the tuning split, scale: micro/macro F1 {tried}; "
              f"kept {found['scale']:g}: {found['thresholds']}", flush=True)
        calibrated = in_child(run_default, str(work))
        shutil.rmtree(work.parent, ignore_errors=True)
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
        if not default["calibrated"]:
            print("(the model has no article thresholds: 1/15 for every frame)")
        for name, r in default["splits"].items():
            row = f"semeval {name}"
            print(f"{row:<50} {r['n']:>5} {r['micro']:>8.3f} {r['macro']:>8.3f}")
        for name, r in (calibrated or {}).get("splits", {}).items():
            if "model's thresholds" in name:
                row = f"semeval {name.split(',')[0]}, calibrated on tune (not shipped)"
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
            record_card(args.model, default, baselines, argv, calibrated)
    return 0


if __name__ == "__main__":
    sys.exit(main())
