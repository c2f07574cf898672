"""On a Dask cluster the corpus scores to the same file as on one machine."""

from __future__ import annotations

import json

import polars as pl
import pytest

from workbench.bulk import scoring as bulk

distributed = pytest.importorskip("dask.distributed")

TEXTS = [
    "Officials said the talks might resume, according to two sources familiar with the matter.",
    '"We will not give up our land," Maria Keller, a spokeswoman, said on Monday.',
    "Mr. Smith met Gen. Lee in the U.S. on Jan. 5. They reportedly discussed taxes.",
    "Kyiv — Zelenskyy’s office clearly rejected the plan, the ministry said.",
    "Read more: Kremlin says the call never happened",
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("dask")
    rows = [{"id": f"n{k}" if k % 7 else "", "outlet": f"O{k % 3}",
             "text": "\n\n".join(TEXTS[(k + j) % len(TEXTS)] for j in range(1 + k % 4))}
            for k in range(60)]
    rows.insert(5, {"id": "empty", "text": ""})
    (root / "a.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    pl.DataFrame({"id": range(20), "text": [TEXTS[k % 5] + "\n" + TEXTS[(k + 2) % 5]
                                            for k in range(20)]}).write_parquet(root / "b.parquet")
    return root


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_cluster_output_equals_local_output(corpus, client, tmp_path, suffix):
    from workbench.bulk.distributed import score_on_dask

    local = tmp_path / f"local{suffix}"
    remote = tmp_path / f"dask{suffix}"
    expected = bulk.score_corpus([corpus], local, workers=1, chunk_bytes=700, progress=False)
    report = score_on_dask([corpus], remote, client=client, chunk_bytes=700)
    assert remote.read_bytes() == local.read_bytes() if suffix == ".csv" else \
        pl.read_parquet(remote).equals(pl.read_parquet(local))
    assert (report.paragraphs, report.articles) == (expected.paragraphs, expected.articles)
    assert [str(e) for e in report.errors] == [str(e) for e in expected.errors]
    assert report.workers == 2


def test_chunks_run_on_both_workers(corpus, client, tmp_path):
    from workbench.bulk.distributed import score_on_dask

    with distributed.get_task_stream(client) as stream:
        score_on_dask([corpus], tmp_path / "o.parquet", client=client, chunk_bytes=200)
    scored = [t for t in stream.data if t["key"].startswith("score_chunk_with")]
    assert len(scored) > 4
    assert len({t["worker"] for t in scored}) == 2


@pytest.mark.parametrize("as_path", [True, False])
def test_frame_model_on_the_cluster(corpus, client, tmp_path, dashboard_model_path, as_path):
    from workbench.bulk.distributed import score_on_dask
    from workbench.model import load_model

    model = load_model(dashboard_model_path)
    bulk.score_corpus([corpus], tmp_path / "local.parquet", model=model, workers=1,
                      chunk_bytes=700, progress=False)
    score_on_dask([corpus], tmp_path / "dask.parquet", client=client, chunk_bytes=700,
                  model=dashboard_model_path if as_path else model)
    got = pl.read_parquet(tmp_path / "dask.parquet")
    assert "frame_primary" in got.columns
    assert got.equals(pl.read_parquet(tmp_path / "local.parquet"))
