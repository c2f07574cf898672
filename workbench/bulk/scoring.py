"""Corpus-scale scoring: articles read in chunks, scored in worker processes, written as they go.

:func:`score_corpus` is what ``workbench score`` runs on corpora. Memory stays bounded
whatever the corpus size: rows are read a chunk at a time (:func:`read_chunks`), at most a
few chunks are in flight, and finished chunks are appended to the output in input order
(:mod:`workbench.bulk.collector`). Every chunk goes through :func:`score_chunk`, which builds the
per-paragraph table and calls :func:`workbench.score.score`, the same function the
in-memory path uses: a paragraph's row does not depend on which chunk it was in, so the
results equal scoring the articles one by one. :mod:`workbench.bulk.distributed` runs the same
:func:`score_chunk` on a Dask cluster.
"""

from __future__ import annotations

import gc
import logging
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from pathlib import Path

from workbench.bulk.collector import BulkReport, ChunkResult, Collector
from workbench.errors import WorkbenchError
from workbench.io.reader import CHUNK_BYTES, Chunk, chunk_table, read_chunks
from workbench.io.tables import TableWriter
from workbench.types import Granularity

log = logging.getLogger(__name__)

WORKER_ALLOCATOR = "dirty_decay_ms:10000,muzzy_decay_ms:10000"
"""jemalloc settings of the worker processes (polars' allocator): polars' own default hands
freed pages back after 0.5 s, less than a chunk takes, so every chunk faulted its memory in
again (measured in docs/scaling.md). A ``_RJEM_MALLOC_CONF`` of the user's own is left alone."""

_POLARS_ALLOCATOR = "dirty_decay_ms:500,muzzy_decay_ms:1000"  # what polars sets if unset

__all__ = ["CHUNK_BYTES", "BulkReport", "Collector", "score_chunk", "score_corpus"]


def score_chunk(chunk: Chunk, *, model: object | None = None, cues: bool = True,
                by: Granularity = "paragraph") -> ChunkResult:
    """Score one chunk with :func:`workbench.score.score`; the unit of work of every engine."""
    from workbench.score import article_sums, score

    t0 = time.perf_counter()
    read = chunk_table(chunk)
    table = read.table
    t1 = time.perf_counter()
    scored = score(table, model=model, cues=cues)
    t2 = time.perf_counter()
    if by == "article":  # the collector adds up an article's sums across chunks
        scored = article_sums(scored)
    n_articles = int((table["paragraph_index"] == 0).sum())  # every article has a paragraph 0
    return ChunkResult(scored, read.bad_rows, n_articles, table.height,
                       {"segment": t1 - t0, "score": t2 - t1,
                        "summarise": time.perf_counter() - t2}, read.warned_rows)


_WORKER: dict = {}


def _init_worker(model: object | None, cues: bool, by: Granularity) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if isinstance(model, str | Path):
        from workbench.model import load_model

        model = load_model(model)
    _WORKER.update(model=model, cues=cues, by=by)
    gc.freeze()  # the model's objects need no more garbage-collector passes


def _work(chunk: Chunk) -> ChunkResult:
    return score_chunk(chunk, **_WORKER)


def default_workers() -> int:
    """Worker processes to use: the CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def score_corpus(paths: Iterable[str | Path], out: str | Path | None, *,
                 model: object | None = None, cues: bool = True,
                 by: Granularity = "paragraph", workers: int | None = None,
                 chunk_bytes: int = CHUNK_BYTES, progress: bool | None = None) -> BulkReport:
    """Score every article under ``paths`` and stream the table to ``out``.

    Parameters
    ----------
    paths : files or folders, as for :func:`workbench.io.articles.read_articles`
        Corpora (JSONL, CSV, Parquet) are read in chunks; other files whole.
    out : path of a ``.csv`` or ``.parquet`` file, or None for CSV on standard output
        Written to a temporary file and moved into place when complete.
    model : a fitted frame model, the path of one (loaded once per worker), or None
    cues : bool
        Add the cue columns (about six times slower; see :func:`workbench.score.score`).
    by : ``"paragraph"`` or ``"article"``
        Per-article rows merge every paragraph of an article (same id, outlet, title, date
        and url), wherever they stand, as :func:`workbench.score.summarise_articles` does on
        a whole table; they are written when every chunk is scored.
    workers : int, optional
        Worker processes; default :func:`default_workers`. 1 scores in this process.
    chunk_bytes : int
        Text per chunk (see :data:`CHUNK_BYTES`).
    progress : bool, optional
        Show a progress bar on standard error; default: when it is a terminal.

    Returns
    -------
    BulkReport
        Counts, inputs that failed (the rest was scored) and seconds per stage.

    Raises
    ------
    WorkbenchError
        When no article could be read; nothing is written then.
    """
    from tqdm import tqdm

    report = BulkReport(workers=workers or default_workers())
    show = sys.stderr.isatty() if progress is None else progress
    with TableWriter(out) as writer, tqdm(unit=" articles", disable=not show, file=sys.stderr,
                                          smoothing=0.1) as bar:
        collector = Collector(writer, report, bar, by=by)
        chunks = read_chunks(paths, errors=report.errors, chunk_bytes=chunk_bytes,
                             on_total=collector.set_total)
        _run(_timed(chunks, collector.stages, "read"), collector, workers=report.workers,
             initargs=(model, cues, by))
        collector.finish()
    return report


def _run(chunks: Iterator[Chunk], collector: Collector, *, workers: int,
         initargs: tuple) -> None:
    """Score ``chunks`` in order: in this process, or in ``workers`` spawned processes."""
    first = next(chunks, None)
    second = next(chunks, None) if first is not None else None
    if first is None:
        return
    if workers <= 1 or second is None:  # one chunk: not worth starting processes
        collector.report.workers = 1
        model, cues, by = initargs
        if isinstance(model, str | Path):
            from workbench.model import load_model

            model = load_model(model)
        for chunk in _prepend((first, second), chunks):
            collector.add(score_chunk(chunk, model=model, cues=cues, by=by))
        return
    import multiprocessing

    # spawn, not fork: polars' thread pool does not survive a fork of a process using it
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                               initargs=initargs)
    pending: deque[Future] = deque()
    log.info("scoring in %d worker processes", workers)
    try:
        with environment(worker_env(workers)):  # submits start the workers
            for chunk in _prepend((first, second), chunks):
                pending.append(pool.submit(_work, chunk))
                while len(pending) > workers + 1:
                    _collect(pending.popleft(), collector)
        while pending:
            _collect(pending.popleft(), collector)
    except BaseException:
        for process in list(getattr(pool, "_processes", {}).values()):
            process.terminate()  # the pool's own workers, started above
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def worker_env(workers: int) -> dict[str, str]:
    """Return the environment settings worker processes get, beside the user's own: the
    allocator's :data:`WORKER_ALLOCATOR`, and polars threads per worker, this machine's CPUs
    shared among ``workers`` (docs/scaling.md). A variable the user set is left as it is."""
    env = {}
    if "POLARS_MAX_THREADS" not in os.environ:
        env["POLARS_MAX_THREADS"] = str(max(1, default_workers() // workers))
    if os.environ.get("_RJEM_MALLOC_CONF") in (None, _POLARS_ALLOCATOR):
        env["_RJEM_MALLOC_CONF"] = WORKER_ALLOCATOR
    return env


@contextmanager
def environment(settings: dict[str, str]) -> Iterator[None]:
    """Within the block, ``os.environ`` holds ``settings`` (so processes started inherit
    them); it is restored after."""
    old = {key: os.environ.get(key) for key in settings}
    os.environ.update(settings)
    try:
        yield
    finally:
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _collect(future: Future, collector: Collector) -> None:
    t0 = time.perf_counter()
    try:
        result = future.result()
    except BrokenProcessPool:
        raise WorkbenchError("a worker process died (killed, or out of memory?); nothing was "
                             "written. Try fewer --workers or a smaller chunk") from None
    collector.stages["wait"] += time.perf_counter() - t0
    collector.add(result)


def _prepend(head: Sequence[Chunk | None], rest: Iterator[Chunk]) -> Iterator[Chunk]:
    yield from (c for c in head if c is not None)
    yield from rest


def _timed(items: Iterator[Chunk], stages: dict[str, float], key: str) -> Iterator[Chunk]:
    """Yield from ``items``, adding the time spent producing them to ``stages[key]``."""
    while True:
        t0 = time.perf_counter()
        item = next(items, None)
        stages[key] += time.perf_counter() - t0
        if item is None:
            return
        yield item
