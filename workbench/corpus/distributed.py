"""Story grouping and outlet statistics on a Dask cluster, the way
:mod:`workbench.bulk.distributed` scores: the same functions as on one machine, submitted as
futures on the cluster of a ``dask.distributed.Client``.

Grouping: the article vectors are built on the client (hashed features, so bounded by the
corpus, not the vocabulary), sent to the workers once, and each date-ordered block of
:meth:`~workbench.corpus.stories.StoryGrouper.block_links` is one task; the links come back
and are clustered on the client (:meth:`~workbench.corpus.stories.StoryGrouper.components`)
into the stories, identical to the local result. Outlet statistics: one
task per outlet (its own seed), so the intervals equal ``outlet_intervals`` run per outlet.

Example (``articles``: one row per article, as ``workbench.corpus.tables`` reads them)::

    from dask.distributed import Client, LocalCluster
    with LocalCluster(n_workers=4) as cluster, Client(cluster) as client:
        groups = group_on_dask(articles, client=client)
        table = intervals_on_dask(articles, client=client, stories=groups)
"""

from __future__ import annotations

import polars as pl

from workbench.corpus.outlets import outlet_intervals
from workbench.corpus.stories import StoryGrouper

__all__ = ["group_on_dask", "intervals_on_dask"]


def group_on_dask(articles: pl.DataFrame, *, client: object,
                  grouper: StoryGrouper | None = None) -> pl.DataFrame:
    """Return ``article_id, story_id`` as :meth:`StoryGrouper.fit_predict`, on the cluster."""
    grouper = grouper or StoryGrouper()
    vectors, days = grouper.prepare(articles)
    shared_vectors, shared_days = client.scatter([vectors, days], broadcast=True)
    futures = [client.submit(grouper.block_links, shared_vectors, shared_days, start,
                             pure=False)
               for start in range(0, articles.height, grouper.block_rows)]
    parts = client.gather(futures)
    return grouper.components(articles, grouper.graph(parts, articles.height))


def intervals_on_dask(articles: pl.DataFrame, *, client: object, by: str = "outlet",
                      stories: pl.DataFrame | None = None, seed: int = 0,
                      **options: object) -> pl.DataFrame:
    """Return :func:`~workbench.corpus.outlets.outlet_intervals`, one outlet per task (outlet
    ``i`` in sorted order uses seed ``seed + i``)."""
    outlets = sorted(articles[by].drop_nulls().unique().to_list())
    futures = [client.submit(outlet_intervals, articles.filter(pl.col(by) == o), by=by,
                             stories=stories, seed=seed + i, pure=False, **options)
               for i, o in enumerate(outlets)]
    return pl.concat(client.gather(futures))
