"""Segmentation benchmark: are the paragraphs of every PolNeAR text the ones its layout shows?

Run ``.venv/bin/python benchmarks/segmentation.py``. It reads every text in
``../shared/datasets/polnear/original/data/*/text/`` (or under ``$WORKBENCH_DATASETS``;
nothing is copied into the repository) and prints, per publisher, the share of files whose
paragraph count is right under the old rule (:func:`blank_line_rule`, the rule of
``workbench.text.segment.paragraphs`` before the layout was read) and the new one
(:func:`workbench.text.segment.paragraphs`), the share whose paragraphs are exactly right, the
files still wrong, and how many files the segmentation warning fires on.

The true paragraphing (:func:`gold_paragraphs`): a blank line always ends a paragraph; so
does every other line break, except the ones listed in ``benchmarks/data/
polnear_paragraph_joins.tsv``, labelled by reading each file: a headline line and its deck
(NYT, USA Today: ``Headline;`` then a subtitle, the title block), a sentence broken across
two lines, a pull quote and its attribution line, an HTML embed or a block of CSS broken
across lines. So a HuffPost file laid out as headline, blank line, one paragraph per line
has one paragraph per line. ``polnear_paragraphs.jsonl.gz`` split on blank lines only; its
paragraph counts are printed beside the others.

The same true paragraphs are also laid out again, as the layouts other files use (hard-wrapped
at 72 characters with blank lines between paragraphs; one paragraph per line with no blank
line; wrapped at 72 with no blank line, where only a short line ends a paragraph), and the
share of files whose count each rule recovers is printed: a check on layouts the rule was not
tuned on (the rule and the labels were made while reading these files).

``--speed`` times the corpus path's segmentation
(:func:`workbench.text.segment.paragraph_layouts` and
:func:`~workbench.text.segment.layout_warnings`) on synthetic articles (``benchmarks/corpus.py``)
in three layouts, against ``paragraph_lists`` running the old rule, in the same run:
blank-line paragraphs already clean (polars splits them under both rules), one paragraph per
line, and hard-wrapped blocks (both through Python).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import textwrap
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._datasets import datasets_dir, missing_message  # noqa: E402
from workbench.io.articles import article_from_text  # noqa: E402
from workbench.text.segment import paragraphs  # noqa: E402

JOINS = Path(__file__).with_name("data") / "polnear_paragraph_joins.tsv"
OLD_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


def blank_line_rule(text: str) -> list[str]:
    """The old rule: blank-line blocks (lines joined) if the text has any blank line, else
    one paragraph per line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if OLD_BLANK_LINE.search(text.strip()):
        return [" ".join(b.split()) for b in OLD_BLANK_LINE.split(text) if b.strip()]
    return [line.strip() for line in text.split("\n") if line.strip()]


def read_joins(path: Path = JOINS) -> dict[str, set[int]]:
    """Return the labelled non-breaking line ends: article -> offsets of their ``\\n``."""
    joins: dict[str, set[int]] = defaultdict(set)
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if line and not line.startswith(("#", "article\t")):
            article, offset, _label = line.split("\t")
            joins[article].add(int(offset))
    return joins


def gold_paragraphs(text: str, joins: set[int]) -> list[str]:
    """The true paragraphs: split at every line end but the ``joins``; blank lines end one."""
    out: list[list[str]] = []
    current: list[str] = []
    start = 0
    for line in text.split("\n"):
        if not line.strip():
            if current:
                out.append(current)
            current = []
        elif current and start - 1 not in joins:
            out.append(current)
            current = [line]
        else:
            current.append(line)
        start += len(line) + 1
    if current:
        out.append(current)
    return [" ".join(" ".join(p).split()) for p in out]


RELAYOUTS = {
    "wrapped 72, blank lines": lambda pars: "\n\n".join(textwrap.fill(p, 72) for p in pars),
    "one per line, no blank": lambda pars: "\n".join(pars),
    "wrapped 72, no blank": lambda pars: "\n".join(textwrap.fill(p, 72) for p in pars),
}


@dataclass
class FileResult:
    """One text: its publisher, true, old and new paragraph counts, and the warnings."""

    article: str
    publisher: str
    gold: int
    old: int
    new: int
    exact: bool
    released: int | None
    warnings: list[str]
    old_warnings: list[str]
    relaid: dict[str, tuple[bool, bool]]  # layout -> (old count right, new count right)


def polnear_texts(root: Path) -> list[Path]:
    """Every PolNeAR text file present (train, dev, annotator-training; test if present)."""
    return sorted((root / "polnear" / "original" / "data").glob("*/text/*.txt"))


def released_counts(root: Path) -> dict[str, int]:
    """Paragraphs per article in ``polnear_paragraphs.jsonl.gz`` (a blank-line split)."""
    counts: Counter[str] = Counter()
    with gzip.open(root / "polnear" / "polnear_paragraphs.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            counts[json.loads(line)["article"]] += 1
    return dict(counts)


def body_warnings(text: str, path: Path, *, split=None) -> list[str]:
    """The warnings a user sees for the file (headline taken off as ``workbench`` does)."""
    from workbench.text.layout import paragraph_warnings

    if split is None:
        return list(article_from_text(text, source=path).warnings)
    pars = split(text)
    body = pars[1:] if len(pars) > 1 and len(pars[0].split()) <= 30 else pars
    return paragraph_warnings(body)


def evaluate(root: Path) -> list[FileResult]:
    """Score every PolNeAR text against its true paragraphing."""
    joins = read_joins()
    released = released_counts(root)
    results = []
    for path in polnear_texts(root):
        text = path.read_text(encoding="utf-8")
        gold = gold_paragraphs(text, joins.get(path.stem, set()))
        new = paragraphs(text)
        old = blank_line_rule(text)
        results.append(FileResult(
            path.stem, path.stem.split("_")[0], len(gold), len(old), len(new), new == gold,
            released.get(path.stem), body_warnings(text, path),
            body_warnings(text, path, split=blank_line_rule),
            {name: (len(blank_line_rule(t)) == len(gold), len(paragraphs(t)) == len(gold))
             for name, make in RELAYOUTS.items() for t in [make(gold)]}))
    return results


def report(results: list[FileResult]) -> str:
    """The table, the files still wrong and the warnings, as printed."""
    groups: dict[str, list[FileResult]] = defaultdict(list)
    for r in results:
        groups[r.publisher].append(r)
    groups["ALL"] = results
    lines = [f"{'publisher':<13}{'files':>6}{'old count':>11}{'new count':>11}"
             f"{'new exact':>11}{'jsonl':>8}{'warned':>8}"]
    for name, rows in sorted(groups.items(), key=lambda kv: (kv[0] == "ALL", kv[0])):
        n = len(rows)
        with_released = [r for r in rows if r.released is not None]
        lines.append(
            f"{name:<13}{n:>6}{sum(r.old == r.gold for r in rows) / n:>11.1%}"
            f"{sum(r.new == r.gold for r in rows) / n:>11.1%}"
            f"{sum(r.exact for r in rows) / n:>11.1%}"
            f"{_share(sum(r.released == r.gold for r in with_released), len(with_released)):>8}"
            f"{sum(bool(r.warnings) for r in rows):>8}")
    wrong = [r for r in results if r.new != r.gold]
    lines += ["", "count right = the file's paragraph count equals its true count; exact = the "
              "paragraphs themselves are right; jsonl = polnear_paragraphs.jsonl.gz count "
              "(primary annotator; files in it only)", "",
              f"still wrong ({len(wrong)}):"]
    lines += [f"  {r.article}: true {r.gold}, new {r.new}, old {r.old}" for r in wrong]
    old_wrong = [r for r in results if r.old != r.gold]
    caught = sum(bool(r.old_warnings) for r in old_wrong)
    false_old = sum(bool(r.old_warnings) for r in results if r.old == r.gold)
    warned = [r for r in results if r.warnings]
    lines += ["", f"warnings, new rule: {len(warned)} files "
              f"({sum(r.new != r.gold for r in warned)} of them wrongly split)"]
    lines += [f"  {r.article} ({'wrong' if r.new != r.gold else 'right'}): {'; '.join(r.warnings)}"
              for r in warned]
    lines.append(f"warnings on the old rule's paragraphs: {caught} of its {len(old_wrong)} wrong "
                 f"files, and {false_old} of its {len(results) - len(old_wrong)} right ones")
    lines += ["", "true paragraphs laid out again, files with the right count: old / new"]
    lines += [f"  {name:<26}{sum(r.relaid[name][0] for r in results) / len(results):>7.1%}"
              f"{sum(r.relaid[name][1] for r in results) / len(results):>8.1%}"
              for name in RELAYOUTS]
    return "\n".join(lines)


def _share(k: int, n: int) -> str:
    return f"{k / n:.1%}" if n else "-"


def speed(n_articles: int = 2000, repeats: int = 5) -> str:
    """Seconds per 1,000 articles of ``paragraph_lists``, old rule and new, per layout."""
    import polars as pl

    from benchmarks.corpus import Generator
    from workbench import segment
    from workbench.text.layout import Layout

    generator = Generator(seed=5)
    articles = [generator.article(20) for _ in range(n_articles)]
    layouts = {
        "blank-line, clean": ["\n\n".join(a) for a in articles],
        "one per line": ["\n".join(a) for a in articles],
        "hard-wrapped at 72": ["\n\n".join(textwrap.fill(p, 72) for p in a) for a in articles],
    }
    def old_path(series: pl.Series) -> object:
        real = segment.read_layout  # paragraph_layouts calls the module's rule
        segment.read_layout = lambda t: Layout(tuple(blank_line_rule(t)), "old")
        try:
            return segment.paragraph_lists(series)
        finally:
            segment.read_layout = real

    def new_path(series: pl.Series) -> object:
        return segment.layout_warnings(segment.paragraph_layouts(series))

    lines = [f"{'layout':<20}{'old s/1k':>10}{'new s/1k':>10}{'new/old':>9}"]
    for name, texts in layouts.items():
        series = pl.Series("text", texts)
        best: dict[str, float] = {}
        for label, run in (("old", old_path), ("new", new_path)) * repeats:
            start = time.perf_counter()
            run(series)
            took = time.perf_counter() - start
            best[label] = min(best.get(label, took), took)
        per_k = {k: v * 1000 / n_articles for k, v in best.items()}
        lines.append(f"{name:<20}{per_k['old']:>10.3f}{per_k['new']:>10.3f}"
                     f"{per_k['new'] / per_k['old']:>9.2f}")
    return "\n".join(lines) + f"\n(best of {repeats}, {n_articles} articles of 20 paragraphs)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speed", action="store_true",
                        help="time the corpus path, old rule beside new, and stop")
    if parser.parse_args(argv).speed:
        print(speed())
        return 0
    root = datasets_dir()
    if not (root / "polnear").is_dir():
        print(missing_message(), file=sys.stderr)
        return 2
    results = evaluate(root)
    print(f"PolNeAR texts: {len(results)} files under {root / 'polnear/original/data'}")
    print(report(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
