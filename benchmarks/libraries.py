"""Where the project keeps a faster re-implementation of a library, measure its gain against
the library call in the same run (issue 13, "libraries first").

``python benchmarks/libraries.py`` prints, for each re-implementation, the library's time, ours
and the ratio, on the same input, checking first that both give the same answer:

- Punkt sentence spans: ``workbench.text.punkt.untrained_spans`` against NLTK's
  ``PunktSentenceTokenizer.span_tokenize`` with the project's abbreviations (the reference
  it is tested against in ``tests/text/test_punkt.py``), on the paragraphs of a synthetic
  corpus (``benchmarks/corpus.py``).

Timings are the best of ``--repeat`` runs, alternated library/ours, so that load on the
shared machine hits both alike.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))


def paragraphs(n: int) -> list[str]:
    """``n`` paragraphs of the synthetic corpus (built or reused by benchmarks/corpus.py)."""
    import corpus as corpus_builder
    import polars as pl

    from workbench.text.segment import paragraph_lists

    path = corpus_builder.build(20_000 if n <= 20_000 else n)
    texts = pl.read_parquet(path, columns=["text"])["text"]
    return paragraph_lists(texts).explode().drop_nulls().head(n).to_list()


def seconds(fn, texts: list[str]) -> float:
    t0 = time.perf_counter()
    for t in texts:
        fn(t)
    return time.perf_counter() - t0


def punkt_ratio(texts: list[str], repeat: int) -> dict[str, float]:
    """Seconds of NLTK's Punkt and of ours on ``texts`` (best of ``repeat``), and the ratio."""
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    from workbench import lexicons
    from workbench.text.punkt import untrained_spans

    abbrevs = set(lexicons.load("abbreviations"))
    params = PunktParameters()
    params.abbrev_types = set(abbrevs)
    nltk = PunktSentenceTokenizer(params)

    def library(text: str) -> list[tuple[int, int]]:
        return list(nltk.span_tokenize(text))

    def ours(text: str) -> list[tuple[int, int]]:
        return untrained_spans(text, abbrevs)

    differ = sum(library(t) != ours(t) for t in texts)
    if differ:
        sys.exit(f"Punkt: {differ} paragraphs split differently from NLTK; no timing")
    lib, own = [], []
    for _ in range(repeat):
        lib.append(seconds(library, texts))
        own.append(seconds(ours, texts))
    return {"library": min(lib), "ours": min(own), "ratio": min(lib) / min(own)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000, help="paragraphs (default 5000)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    texts = paragraphs(args.n)
    r = punkt_ratio(texts, args.repeat)
    print(f"Punkt sentence spans, {len(texts):,} paragraphs (same spans checked first):")
    for name, key in (("NLTK span_tokenize", "library"), ("workbench.punkt", "ours")):
        each = r[key] / len(texts) * 1e6
        print(f"  {name:18s}  {r[key]:7.3f} s  ({each:6.1f} us a paragraph)")
    print(f"  gain x{r['ratio']:.2f} (library / ours, best of {args.repeat}, same run)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
