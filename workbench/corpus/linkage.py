"""Average-link clustering on a sparse similarity graph, in bounded memory.

Connected components of the links above a threshold (single link) chain distinct events
through one article that resembles both: the day-after analysis that mentions Tuesday's
primary and Thursday's debate joins the two stories. Average link merges two groups only when
the mean similarity over *all* their article pairs reaches the threshold, with a pair that has
no link counting as 0 — so one bridging article is outvoted by the pairs it does not bridge.

Only the kept links are stored (a sparse graph, at most ``max_neighbours`` per article): an
absent pair is similarity 0. A merge needs some link at or above the threshold (a mean is never
above its largest term), so the clusters lie inside the connected components of the strong
links; each component is clustered on its own, which keeps the work local.

Examples
--------
>>> import scipy.sparse as sp
>>> g = sp.csr_matrix(([0.9, 0.3, 0.9], ([0, 1, 2], [1, 2, 3])), shape=(4, 4))
>>> average_link(g, 0.5).tolist()       # the weak 1-2 link does not join {0,1} and {2,3}
[0, 0, 2, 2]
>>> average_link(g, 0.25).tolist()      # mean over the four cross pairs: 0.3 / 4 < 0.25
[0, 0, 2, 2]
>>> average_link(g, 0.07).tolist()
[0, 0, 0, 0]
"""

from __future__ import annotations

import heapq

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components


def average_link(graph: sp.spmatrix, threshold: float) -> np.ndarray:
    """Return a cluster label per node: average-link agglomeration of the (symmetrised) sparse
    similarity ``graph``, merging while the best pair of clusters has mean similarity of at
    least ``threshold`` (absent pairs count as 0). A cluster's label is its smallest node."""
    graph = sp.csr_matrix(graph)
    graph = graph.maximum(graph.T).tocsr()
    graph.setdiag(0)
    graph.eliminate_zeros()
    n = graph.shape[0]
    strong = graph.multiply(graph >= threshold).tocsr()
    n_comp, comp = connected_components(strong, directed=False)
    labels = np.arange(n)
    sizes = np.bincount(comp, minlength=n_comp)
    order = np.argsort(comp, kind="stable")
    bounds = np.concatenate([[0], np.cumsum(sizes)])
    for c in np.flatnonzero(sizes > 1):
        nodes = order[bounds[c]:bounds[c + 1]]
        sub = graph[nodes][:, nodes].tocoo()
        for group in _agglomerate(len(nodes), sub.row, sub.col, sub.data, threshold):
            labels[nodes[group]] = nodes[group].min()
    return labels


def _agglomerate(n: int, rows: np.ndarray, cols: np.ndarray, sims: np.ndarray,
                 threshold: float) -> list[np.ndarray]:
    """Average-link clusters (as index arrays) of ``n`` nodes with symmetric links."""
    adj: list[dict[int, float]] = [{} for _ in range(n)]
    for i, j, s in zip(rows.tolist(), cols.tolist(), sims.tolist(), strict=True):
        adj[i][j] = s
    size = [1] * n
    members: list[list[int]] = [[i] for i in range(n)]
    heap = [(-s, i, j) for i, j, s in zip(rows.tolist(), cols.tolist(), sims.tolist(),
                                           strict=True) if i < j and s >= threshold]
    heapq.heapify(heap)
    while heap:
        neg, i, j = heapq.heappop(heap)
        if j not in adj[i] or adj[i][j] / (size[i] * size[j]) != -neg:
            continue  # a stale entry: one side was merged since it was pushed
        if len(adj[i]) < len(adj[j]):
            i, j = j, i
        del adj[i][j]
        for k, s in adj[j].items():
            if k != i:
                adj[i][k] = adj[i].get(k, 0.0) + s
                del adj[k][j]
        adj[j] = {}
        size[i] += size[j]
        members[i].extend(members[j])
        members[j] = []
        for k, s in adj[i].items():
            adj[k][i] = s
            mean = s / (size[i] * size[k])
            if mean >= threshold:
                heapq.heappush(heap, (-mean, min(i, k), max(i, k)))
    return [np.asarray(m) for m in members if m]
