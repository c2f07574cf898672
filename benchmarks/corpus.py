"""Build a synthetic news corpus for the throughput benchmark, reproducibly from a seed.

``python benchmarks/corpus.py --n 1000000`` writes ``benchmarks/.cache/corpus-<n>-<seed>.parquet``
(or reuses it). One row per article (``id, outlet, title, date, url, text``), paragraphs
separated by blank lines: the shape ``workbench score`` reads from a JSONL, CSV or Parquet
corpus. The total number of paragraphs is exactly ``n``.

Adapted from ``perf-baseline-scripts/make_corpus.py`` (PERFORMANCE_BASELINE.md), with the
project's own material so that match densities are realistic for *our* extractors:

- sentences come from the seed articles and labelled paragraphs in ``seeds/``, recombined
  into paragraphs of 25-90 words, so Punkt sees real sentence ends and abbreviations;
- about 15% of adjacent words are swapped and 8% replaced from a 60,000-word Zipfian
  vocabulary, so the vocabulary keeps growing as real news does (the hashing features and
  the frame model see unseen words);
- terms of the shipped lexicons (hedges, weasels, boosters, reporting cues, anonymous
  sources, framing cues) are injected at news-like rates, some capitalised;
- 25% of paragraphs get an inserted quotation (straight, curly or guillemets) and 20% an
  inserted non-ASCII name or dash (with the seeds' curly apostrophes, about 40% of
  paragraphs hold non-ASCII text);
- articles have 8-32 paragraphs (mean 20) with occasional sub-headings and page furniture
  ("Advertisement", "Read more: ..."), across 12 outlets and ten months of dates.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import re
import sys
import time
from pathlib import Path

import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(__file__).resolve().parent / ".cache"
SEED = 20241124
VERSION = 1
"""Bump when the generator changes, so that cached corpora are rebuilt."""

OUTLETS = ("Meridian Wire", "The Daily Ledger", "Northern Courier", "Capital Review",
           "Evening Standard-Post", "Global Dispatch", "The Observer Weekly", "Río Noticias",
           "Harbor Times", "Continental Journal", "Frontline News", "Public Record")
NON_ASCII = ("José", "Müller", "Zelenskyy’s", "Kyiv —", "—", "São Paulo", "Łukasz", "Erdoğan",
             "café", "–", "naïve", "Dvořák")
QUOTES = ('"just calling him directly"', "“we will not give up our land”", '"manly"',
          "“a very good conversation,”", "«peace through strength»", '"sends positive signals"',
          "“It is unclear what was agreed.”", '"We may see talks soon," he said.')
FURNITURE = ("Advertisement", "Read more: Kremlin says the call never happened",
             "Related: Five things to know about the talks", "By Jane Doe, Staff Reporter",
             "Photo: Reuters / Meridian Wire Photo Service")
HEADINGS = ("Direct Diplomacy", "What Comes Next", "Market Reaction", "A Divided Response",
            "Energy and Grain", "The View From Kyiv")


def corpus_path(n: int, seed: int = SEED) -> Path:
    """Return the cache path of the corpus of ``n`` paragraphs built from ``seed``."""
    return CACHE / f"corpus-{n}-{seed}-v{VERSION}.parquet"


def seed_sentences(root: Path = ROOT) -> list[list[str]]:
    """Return the sentences (as word lists) of the seed articles and labelled paragraphs."""
    from workbench.io.articles import read_articles
    from workbench.text.segment import sentences

    texts = [p for a in read_articles([root / "seeds"]).articles for p in a.paragraphs]
    labelled = sorted((root / "seeds" / "framing_paragraphs").glob("*.csv"))
    texts += pl.concat([pl.read_csv(f, infer_schema=False) for f in labelled])["text"].to_list()
    found = [s.split() for t in texts for s in sentences(t)]
    return [s for s in found if len(s) >= 4]


def lexicon_pools() -> dict[str, list[str]]:
    """Return the shipped lexicons' terms, grouped the way they are injected."""
    from workbench import lexicons

    def terms(*names: str) -> list[str]:
        return sorted({t for n in names if n in lexicons.names() for t in lexicons.load(n)})

    return {
        "hedge": terms("hedges", "weasels"),
        "booster": terms("boosters"),
        "reporting": terms("reporting_cues"),
        "anonymous": terms("anonymous_sources"),
        "frame": terms(*[n for n in lexicons.names() if n.startswith("framing/")]),
    }


class Generator:
    """Paragraphs and articles from a fixed seed (see the module docstring)."""

    RATES = {"hedge": 0.9, "booster": 0.3, "reporting": 0.8, "anonymous": 0.3, "frame": 2.0}

    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        self.np_rng = np.random.default_rng(seed)
        self.sentences = seed_sentences()
        self.pools = lexicon_pools()
        syllables = ["ka", "lo", "mi", "ra", "te", "vo", "shi", "an", "er", "in", "ov", "ul",
                     "bre", "st", "dar", "pol", "nik", "gen", "tra", "mon", "sel", "vi", "zu",
                     "ed", "or", "ist", "ach", "el"]
        vocab: set[str] = set()
        while len(vocab) < 60_000:
            vocab.add("".join(self.rng.choice(syllables) for _ in range(self.rng.randint(2, 4))))
        self.vocab = sorted(vocab)
        self.rng.shuffle(self.vocab)
        self.cum = list(itertools.accumulate(1.0 / (i + 1) ** 1.05 for i in range(60_000)))

    def paragraph(self) -> str:
        """One body paragraph."""
        rng = self.rng
        target = rng.randint(25, 90)
        words: list[str] = []
        while len(words) < target:
            words += self.sentences[rng.randrange(len(self.sentences))]
        rolls = self.np_rng.random(2 * len(words)).tolist()
        for i in range(len(words) - 1):
            if rolls[i] < 0.15:
                words[i], words[i + 1] = words[i + 1], words[i]
        replaced = [i for i in range(len(words)) if rolls[len(words) + i] < 0.08]
        for i, word in zip(replaced, rng.choices(self.vocab, cum_weights=self.cum,
                                                 k=len(replaced)), strict=True):
            words[i] = word
        for pool, rate in self.RATES.items():
            for _ in range(sum(1 for _ in range(4) if rng.random() < rate / 4)):
                term = rng.choice(self.pools[pool])
                if rng.random() < 0.15:
                    term = term.capitalize()
                words.insert(rng.randrange(len(words) + 1), term)
        if rng.random() < 0.25:
            words.insert(rng.randrange(len(words) + 1), rng.choice(QUOTES))
        if rng.random() < 0.20:
            words.insert(rng.randrange(len(words) + 1), rng.choice(NON_ASCII))
        words[0] = words[0][:1].upper() + words[0][1:]
        text = " ".join(words)
        return text if text.endswith((".", "!", "?", '"', "”", "»")) else text + "."

    def article(self, n_paragraphs: int) -> list[str]:
        """The paragraphs of one article, furniture and sub-headings included."""
        out = []
        for _ in range(n_paragraphs):
            roll = self.rng.random()
            if roll < 0.03:
                out.append(self.rng.choice(FURNITURE))
            elif roll < 0.05:
                out.append(self.rng.choice(HEADINGS))
            else:
                out.append(self.paragraph())
        return out

    def rows(self, n: int, per_batch: int = 2000):
        """Yield article rows as dicts of columns, ``per_batch`` articles at a time."""
        rng, left, k = self.rng, n, 0
        start = dt.date(2024, 6, 1)
        while left > 0:
            batch: dict[str, list] = {c: [] for c in ("id", "outlet", "title", "date", "url",
                                                      "text")}
            for _ in range(per_batch):
                if left <= 0:
                    break
                size = min(left, rng.randint(8, 32))
                left -= size
                pars = self.article(size)
                outlet = rng.choice(OUTLETS)
                slug = re.sub(r"[^a-z]+", "-", outlet.lower().replace("í", "i")).strip("-")
                title = " ".join(rng.choice(self.sentences)[:12]).rstrip(".,;:")
                day = start + dt.timedelta(days=rng.randrange(300))
                batch["id"].append(f"{slug}-{k:07d}")
                batch["outlet"].append(outlet)
                batch["title"].append(title)
                batch["date"].append(day.isoformat())
                batch["url"].append(f"https://news.example/{slug}/{day:%Y/%m/%d}/{k}")
                batch["text"].append("\n\n".join(pars))
                k += 1
            yield batch


def build(n: int, *, seed: int = SEED, path: Path | None = None, force: bool = False) -> Path:
    """Write (or reuse) the corpus of ``n`` paragraphs; return its path."""
    path = path or corpus_path(n, seed)
    if path.exists() and not force:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part")
    writer = None
    try:
        for batch in Generator(seed).rows(n):
            table = pa.table({c: pa.array(v, pa.string()) for c, v in batch.items()})
            writer = writer or pq.ParquetWriter(tmp, table.schema, compression="zstd")
            writer.write_table(table)
    finally:
        if writer is not None:
            writer.close()
    tmp.replace(path)
    return path


def main(argv: list[str] | None = None) -> int:
    """Build the corpus named on the command line and print what it holds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="paragraphs (default 1M)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--force", action="store_true", help="rebuild even if cached")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    path = build(args.n, seed=args.seed, force=args.force)
    print(f"{path} ({path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - t0:.1f} s")
    print(describe(path))
    return 0


def describe(path: Path) -> str:
    """One line: articles, paragraphs, words per paragraph, UTF-8 size."""
    from workbench.text.segment import paragraphs

    texts = pl.read_parquet(path, columns=["text"])["text"]
    pars = [p for t in texts.head(2000).to_list() for p in paragraphs(t)]
    words = [len(p.split()) for p in pars]
    n_pars = texts.str.count_matches("\n\n", literal=True).sum() + texts.len()
    return (f"{texts.len():,} articles, {n_pars:,} paragraphs, "
            f"{texts.str.len_bytes().sum() / 1e6:.1f} MB of text; "
            f"sample of {len(pars):,} paragraphs: {sum(words) / len(words):.1f} words mean, "
            f"{sum(any(ord(c) > 127 for c in p) for p in pars) / len(pars):.0%} non-ASCII")


if __name__ == "__main__":
    sys.exit(main())
