"""Scored chunks back from the workers: written in input order, counted and reported."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import polars as pl

from workbench.errors import InputError, NoArticlesError
from workbench.io.reader import packed_frame, unpacked_frame
from workbench.io.tables import TableWriter
from workbench.types import Granularity


@dataclass
class ChunkResult:
    """A scored chunk: its table, the rows without text per file, and stage seconds."""

    table: pl.DataFrame
    bad_rows: dict[str, list[int]]
    articles: int
    paragraphs: int
    stages: dict[str, float]
    warned_rows: dict[str, list[tuple[int | None, str]]] = field(default_factory=dict)

    def __getstate__(self) -> dict:
        """State for pickle (the trip back from a worker): the table as
        :func:`~workbench.io.reader.packed_frame` bytes (docs/scaling.md)."""
        return {**self.__dict__, "table": packed_frame(self.table)}

    def __setstate__(self, state: dict) -> None:  # noqa: D105
        self.__dict__.update({**state, "table": unpacked_frame(state["table"])})


@dataclass
class BulkReport:
    """What :func:`score_corpus` did: counts, failed inputs, seconds per stage."""

    paragraphs: int = 0
    articles: int = 0
    errors: list[InputError] = field(default_factory=list)
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)
    workers: int = 1
    warnings: list[str] = field(default_factory=list)  # "FILE: ...", paragraphs that look wrong

    @property
    def rate(self) -> float:
        """Paragraphs per second of wall time."""
        return self.paragraphs / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        """One line: paragraphs, articles, seconds and throughput."""
        return (f"scored {self.paragraphs:,} paragraphs from {self.articles:,} articles in "
                f"{self.seconds:.1f} s ({self.rate:,.0f} paragraphs/s, {self.workers} "
                f"worker{'s' * (self.workers != 1)})")


def warning_line(source: str, warned: list[tuple[int | None, str]]) -> str:
    """One line for the articles of ``source`` whose paragraphs look wrong.

    Examples
    --------
    >>> warning_line("a.txt", [(None, "paragraph 1 has 300 words")])
    'a.txt: paragraph 1 has 300 words'
    >>> warning_line("c.jsonl", [(4, "x"), (9, "y")])
    'c.jsonl: 2 row(s) have paragraphs that may be split wrongly (rows 4, 9); row 4: x'
    """
    if len(warned) == 1 and warned[0][0] is None:
        return f"{source}: {warned[0][1]}"
    rows = sorted(warned, key=lambda w: w[0] or 0)
    shown = ", ".join(str(r) for r, _ in rows[:10]) + (" ..." if len(rows) > 10 else "")
    return (f"{source}: {len(rows)} row(s) have paragraphs that may be split wrongly "
            f"(rows {shown}); row {rows[0][0]}: {rows[0][1]}")


class Collector:
    """Writes scored chunks in input order and keeps the report: counts, errors, stages."""

    def __init__(self, writer: TableWriter, report: BulkReport, bar: object = None,
                 by: Granularity = "paragraph") -> None:
        self.writer, self.report, self.bar = writer, report, bar
        self.sums: list[pl.DataFrame] | None = [] if by == "article" else None
        self.start = time.perf_counter()
        self.stages = dict.fromkeys(
            ("read", "segment", "score", "summarise", "wait", "write"), 0.0)
        self.bad_rows: dict[str, list[int]] = {}
        self.warned_rows: dict[str, list[tuple[int | None, str]]] = {}

    def set_total(self, articles: int) -> None:
        """Tell the progress bar how many articles are coming."""
        if self.bar is not None:
            self.bar.total = articles

    def add(self, result: ChunkResult) -> None:
        """Write one scored chunk (the next in input order)."""
        t0 = time.perf_counter()
        if self.sums is None:
            self.writer.write(result.table)
        else:  # article sums: merged and written by finish()
            self.sums.append(result.table)
        self.stages["write"] += time.perf_counter() - t0
        for key, value in result.stages.items():
            self.stages[key] += value
        for source, rows in result.bad_rows.items():
            self.bad_rows.setdefault(source, []).extend(rows)
        for source, warned in result.warned_rows.items():
            self.warned_rows.setdefault(source, []).extend(warned)
        self.report.articles += result.articles
        self.report.paragraphs += result.paragraphs
        if self.bar is not None:
            self.bar.set_postfix_str(f"{self.report.paragraphs:,} paragraphs", refresh=False)
            self.bar.update(result.articles)

    def finish(self) -> None:
        """Report rows without text as ``read_corpus`` does; refuse an empty result."""
        for source, rows in self.bad_rows.items():
            rows = sorted(rows)
            shown = ", ".join(map(str, rows[:10])) + (" ..." if len(rows) > 10 else "")
            self.report.errors.append(InputError(
                source, f"{len(rows)} row(s) have no text and were skipped (rows {shown})"))
        for source, warned in self.warned_rows.items():
            self.report.warnings.append(warning_line(source, warned))
        if self.report.paragraphs == 0:
            raise NoArticlesError(self.report.errors)  # the caller reports each error
        if self.sums:
            from workbench.score import finish_summary, merge_sums

            t0 = time.perf_counter()
            self.writer.write(finish_summary(merge_sums(self.sums)))
            self.stages["write"] += time.perf_counter() - t0
        self.report.seconds = time.perf_counter() - self.start
        self.report.stages = self.stages
