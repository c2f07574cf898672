"""Stage 6, corpus-scale scoring: chunks read (:mod:`workbench.io.reader`), scored in worker
processes (:mod:`workbench.bulk.scoring`) or on Dask (:mod:`workbench.bulk.distributed`), and
written in input order (:mod:`workbench.bulk.collector`)."""

from __future__ import annotations

from workbench.bulk.scoring import score_corpus

__all__ = ["score_corpus"]
