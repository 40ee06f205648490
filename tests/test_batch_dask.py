"""`qqtext corpus --scheduler`: the same pipeline on Dask distributed gives the same tables."""

from __future__ import annotations

import distributed
import pytest

from _batch_helpers import TEXT_LIMIT_MB, write_corpus
from conftest import run
from qqtext.batch import build_corpus
from qqtext.batch.schema import TABLES
from qqtext.batch.store import table_path


@pytest.fixture(scope="module")
def cluster():
    """A 2-worker LocalCluster started by the test (threads of this process: quick to start)."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as c:
        yield c


def test_a_dask_cluster_gives_the_tables_of_the_local_run(cluster, tmp_path, monkeypatch):
    monkeypatch.setenv("QQTEXT_MAX_TEXT_MB", TEXT_LIMIT_MB)
    corpus = write_corpus(tmp_path / "corpus")
    local = build_corpus(corpus, tmp_path / "local", jobs=1, near_duplicates=True, threshold=0.6, progress=False)
    on_dask = build_corpus(corpus, tmp_path / "dask", scheduler=cluster.scheduler_address, near_duplicates=True,
                           threshold=0.6, progress=False)
    assert on_dask.engine.startswith(f"dask {cluster.scheduler_address}") and on_dask.processed == local.processed
    assert on_dask.near_duplicates == local.near_duplicates > 0
    for name in TABLES:
        assert table_path(tmp_path / "dask", name).read_bytes() == table_path(tmp_path / "local", name).read_bytes(), name


def test_cli_scheduler_local_starts_its_own_cluster(tmp_path, capsys):
    folder = tmp_path / "c"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.txt").write_text(f"第一条 机关单位工作人员不得接受礼品{n}。", encoding="utf-8")
    code, out, err = run(capsys, "corpus", str(folder), "-o", str(tmp_path / "out"), "--scheduler", "local",
                         "--jobs", "2", "--no-progress")
    assert code == 0 and "3 documents, 0 errors" in err and "on dask tcp://127.0.0.1:" in err
