"""Average-link clustering on a sparse similarity graph, against SciPy's dense average
linkage on the same similarities (absent pairs as similarity 0)."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from workbench.corpus.linkage import average_link
from workbench.corpus.metrics import pairwise_scores


def _dense_average(sims: np.ndarray, threshold: float) -> np.ndarray:
    dist = 1.0 - sims
    np.fill_diagonal(dist, 0.0)
    tree = linkage(squareform(dist, checks=False), "average")
    return fcluster(tree, 1.0 - threshold, "distance")


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("threshold", [0.15, 0.3, 0.5])
def test_same_clusters_as_dense_average_linkage(seed, threshold):
    rng = np.random.default_rng(seed)
    n = 60
    sims = rng.random((n, n)) ** 3          # mostly weak, a few strong pairs
    sims[rng.random((n, n)) < 0.7] = 0.0    # most pairs have no link
    sims = np.triu(sims, 1)
    sims = sims + sims.T
    ours = average_link(sp.csr_matrix(sims), threshold)
    theirs = _dense_average(sims, threshold)
    # same partition: every pair together in one is together in the other
    assert pairwise_scores(theirs.tolist(), ours.tolist())["f1"] == 1.0
    assert len(set(ours)) == len(set(theirs))


def test_a_bridge_does_not_chain_two_groups():
    # {0,1,2} and {3,4,5} are tight; node 2 also links to 3 (a bridging article)
    r = [0, 0, 1, 3, 3, 4, 2]
    c = [1, 2, 2, 4, 5, 5, 3]
    v = [0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.6]
    g = sp.csr_matrix((v, (r, c)), shape=(6, 6))
    labels = average_link(g, 0.5)
    assert labels.tolist() == [0, 0, 0, 3, 3, 3]
    # the bridge alone is above the bar, but its mean over the 9 cross pairs is 0.6 / 9
    assert len(set(average_link(g, 0.6 / 9).tolist())) == 1


def test_directed_links_count_once_and_isolated_nodes_stay_alone():
    g = sp.csr_matrix(([0.7], ([1], [0])), shape=(3, 3))
    assert average_link(g, 0.5).tolist() == [0, 0, 2]
