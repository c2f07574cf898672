"""Past one machine: the corpus scoring of :mod:`workbench.bulk.scoring`, run on Dask.

The client reads the corpus in chunks (:func:`workbench.io.reader.read_chunks`), Dask runs
:func:`workbench.bulk.scoring.score_chunk` on each chunk on whichever worker is free, and the
client appends the results to one output in input order
(:class:`workbench.io.tables.TableWriter`).
Same reader, same scoring function, same writer as the local path, so the output is the same
file. At most ``in_flight`` chunks are out at once, so client memory stays bounded.

Scoring costs far more than moving the text, so one client can feed on the order of a
hundred worker cores (figures in docs/scaling.md, section "Past one machine (Dask)", with how
to run it on a cluster).

Examples
--------
>>> from dask.distributed import Client, LocalCluster        # doctest: +SKIP
>>> with LocalCluster(n_workers=4, threads_per_worker=1) as cluster, Client(cluster) as client:
...     report = score_on_dask(["corpus.parquet"], "scores.parquet", client=client)
...     print(report.summary())                                # doctest: +SKIP
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterable
from pathlib import Path

from workbench.bulk.collector import BulkReport, ChunkResult, Collector
from workbench.bulk.scoring import CHUNK_BYTES, score_chunk
from workbench.io.reader import read_chunks
from workbench.io.tables import TableWriter
from workbench.types import Granularity

__all__ = ["score_on_dask"]

_MODELS: dict[str, object] = {}


def score_chunk_with(chunk: object, *, model: object | None, cues: bool,
                     by: Granularity) -> ChunkResult:
    """:func:`workbench.bulk.scoring.score_chunk`, loading a model given by path once per worker."""
    if isinstance(model, str | Path):
        key = str(model)
        if key not in _MODELS:
            from workbench.model import load_model

            _MODELS[key] = load_model(key)
        model = _MODELS[key]
    return score_chunk(chunk, model=model, cues=cues, by=by)


def score_on_dask(paths: Iterable[str | Path], out: str | Path | None, *, client: object,
                  model: object | None = None, cues: bool = True,
                  by: Granularity = "paragraph", chunk_bytes: int = CHUNK_BYTES,
                  in_flight: int | None = None) -> BulkReport:
    """Score every article under ``paths`` on the Dask cluster of ``client``; write ``out``.

    Parameters
    ----------
    paths, out, cues, by, chunk_bytes
        As for :func:`workbench.bulk.scoring.score_corpus`.
    client : dask.distributed.Client
        Workers need ``workbench`` installed, and the model file when ``model`` is a path.
    model : a fitted frame model, the path of one, or None
        A path is loaded once on each worker (the file must exist there); a model object is
        sent to every worker once.
    in_flight : int, optional
        Chunks submitted and not yet written; default twice the workers' threads.

    Returns
    -------
    BulkReport
        As :func:`workbench.bulk.scoring.score_corpus`; ``stages["wait"]`` is time spent waiting
        for results, ``workers`` the cluster's threads.
    """
    threads = sum(client.nthreads().values()) or 1
    in_flight = in_flight or 2 * threads
    report = BulkReport(workers=threads)
    if model is not None and not isinstance(model, str | Path):
        model = client.scatter(model, broadcast=True)
    pending: deque = deque()
    with TableWriter(out) as writer:
        collector = Collector(writer, report, by=by)
        stages = collector.stages

        def write_oldest() -> None:
            t0 = time.perf_counter()
            result = pending.popleft().result()
            stages["wait"] += time.perf_counter() - t0
            collector.add(result)

        chunks = read_chunks(paths, errors=report.errors, chunk_bytes=chunk_bytes)
        while True:
            t0 = time.perf_counter()
            chunk = next(chunks, None)
            stages["read"] += time.perf_counter() - t0
            if chunk is None:
                break
            pending.append(client.submit(score_chunk_with, chunk, model=model, cues=cues,
                                         by=by, pure=False))
            while len(pending) >= in_flight:
                write_oldest()
        while pending:
            write_oldest()
        collector.finish()
    return report
