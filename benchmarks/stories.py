"""Same-story grouping on the team's gold set, beside plain TF-IDF agglomerative clustering.

Run: ``PYTHONPATH=. python benchmarks/stories.py``. Both methods group all 928 PolNeAR
articles (dates used by ours, text only by the baseline) and are scored on the gold articles
of each split. Our parameters are chosen on ``dev`` only, then applied unchanged to
``test``, for the default average link and for single link (connected components, the
method before average link: the before/after in one run); the baseline gets its best
threshold on each split separately (an oracle choice, which flatters it).
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import polars as pl
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _story_gold import load_gold, load_polnear_articles  # noqa: E402

from workbench.corpus import StoryGrouper, pairwise_scores  # noqa: E402
from workbench.corpus.stories import day_numbers  # noqa: E402

GRID = {"threshold": {"average": [x / 100 for x in range(4, 32, 2)],
                      "single": [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5]},
        "window_days": [1, 2, 3], "lead_words": [60, 120, 250, 100000],
        "name_weight": [0.0, 0.5, 1.0, 1.5], "outlet_penalty": [0.0, 0.05, 0.1]}


def score(split: pl.DataFrame, labels: dict[str, object]) -> dict[str, float]:
    return pairwise_scores(split["event"].to_list(), [labels[a] for a in split["article"]])


def main() -> None:
    gold = load_gold()
    arts = load_polnear_articles()
    dev, test = gold.filter(pl.col("split") == "dev"), gold.filter(pl.col("split") == "test")
    days = day_numbers(arts["date"], arts.height)
    texts = (arts["title"] + "\n" + arts["text"]).to_list()
    rows, chosen = [], {}
    for linkage in ("average", "single"):
        best = None
        for lead, weight, window in itertools.product(GRID["lead_words"], GRID["name_weight"],
                                                      GRID["window_days"]):
            grouper = StoryGrouper(threshold=min(GRID["threshold"][linkage]),
                                   window_days=window, lead_words=lead, name_weight=weight,
                                   linkage=linkage)
            graph = grouper.links(grouper.vectors(texts), days)
            for pen, t in itertools.product(GRID["outlet_penalty"], GRID["threshold"][linkage]):
                grouper.outlet_penalty = pen
                out = grouper.components(arts, graph, t)
                labels = dict(zip(out["article_id"], out["story_id"], strict=True))
                f1 = score(dev, labels)["f1"]
                if best is None or f1 > best[0]:
                    best = (f1, {"threshold": t, "window_days": window, "lead_words": lead,
                                 "name_weight": weight, "outlet_penalty": pen,
                                 "linkage": linkage})
        chosen[linkage] = params = best[1]
        out = StoryGrouper(**params).fit_predict(arts)
        labels = dict(zip(out["article_id"], out["story_id"], strict=True))
        rows += [(f"ours, {linkage} link (params from dev)", name, score(part, labels))
                 for name, part in (("dev", dev), ("test", test))]

    plain = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(
        (arts["title"] + "\n" + arts["text"]).to_list()).toarray()
    baseline = {}
    for d in [x / 20 for x in range(8, 20)]:
        pred = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average",
                                       distance_threshold=d).fit_predict(plain)
        baseline[d] = dict(zip(arts["article_id"], pred, strict=True))
    for name, part in (("dev", dev), ("test", test)):
        d, s = max(((d, score(part, lab)) for d, lab in baseline.items()),
                   key=lambda ds: ds[1]["f1"])
        rows.append((f"TF-IDF agglomerative (avg, best distance on {name}: {d:.2f})", name, s))
    d_dev = max(baseline, key=lambda d: score(dev, baseline[d])["f1"])
    rows.append((f"TF-IDF agglomerative (avg, distance fixed on dev: {d_dev:.2f})", "test",
                 score(test, baseline[d_dev])))
    print(f"gold: {gold.height} articles, {gold['event'].n_unique()} events; "
          f"dev {dev.height} / test {test.height}; grouped over {arts.height} articles")
    for linkage, params in chosen.items():
        print(f"ours, {linkage} link, parameters fixed on dev: {params}")
    print("| method | split | precision | recall | F1 | ARI | gold pairs |")
    print("|---|---|---|---|---|---|---|")
    for method, name, s in rows:
        print(f"| {method} | {name} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} "
              f"| {s['ari']:.3f} | {s['gold_pairs']} |")


if __name__ == "__main__":
    main()
