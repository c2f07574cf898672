"""The team's same-event gold set over PolNeAR articles (``benchmarks/data/story_groups.tsv``)
and the article texts it points to, read from the shared datasets folder (never copied).

How the set was made: every PolNeAR article (train, dev, annotator-training) was compared with
every other dated within 3 days by plain TF-IDF cosine; pairs above 0.2 were joined into
candidate blocks (65 blocks, 178 articles), and a person read each block's titles and leads
and grouped the articles that report the same specific happening (one primary night, one
debate, one tweet and the reactions to it), not merely the same topic (the campaign, the
email inquiry). Blocks are independent, so the split alternates blocks in date order:
``dev`` fixes the method's parameters, ``test`` is held out.

Caveat: the candidate blocks came from TF-IDF similarity, so a same-event pair with little
shared vocabulary is not in the set; the set measures telling same-event from same-topic
neighbours, not recall of lexically distant coverage.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _datasets import datasets_dir, missing_message  # noqa: E402

GOLD = Path(__file__).resolve().parent / "data" / "story_groups.tsv"


def load_gold() -> pl.DataFrame:
    """Return ``article, block, event, split`` (comment lines skipped)."""
    return pl.read_csv(GOLD, separator="\t", comment_prefix="#")


def load_polnear_articles() -> pl.DataFrame:
    """Return every PolNeAR article as ``article_id, outlet, date, title, text``."""
    base = datasets_dir() / "polnear" / "original" / "data"
    if not base.is_dir():
        raise SystemExit(missing_message())
    with open(base / "metadata.tsv", encoding="utf-8") as f:
        meta = {r["filename"]: r for r in csv.DictReader(f, delimiter="\t")}
    rows = []
    for path in sorted(base.glob("*/text/*.txt")):
        key = path.stem
        if key not in meta or key in {r["article_id"] for r in rows[-3:]}:
            continue
        raw = path.read_text(encoding="utf-8")
        title, _, body = raw.partition("\n\n")
        rows.append({"article_id": key, "outlet": meta[key]["publisher"],
                     "date": meta[key]["publication_date"], "title": title.strip(),
                     "text": body})
    return pl.DataFrame(rows).unique("article_id", keep="first", maintain_order=True)
