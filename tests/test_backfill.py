"""Backfill: partitions, Parquet shards, idempotent load; a 2-process Dask LocalCluster equals one process."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from scale_fixtures import article

from dossier.backfill import backfill, partition
from dossier.store import Store


def make_inputs(root: Path) -> Path:
    src = root / "in"
    src.mkdir()
    for i in range(9):
        (src / f"a{i:02d}.txt").write_text(f"TITLE: Report {i}\nDATE: 2023-03-{i + 1:02d}\n\n" + article(i, "ru" if i % 4 == 0 else "en"))
    (src / "batch.jsonl").write_text("\n".join(json.dumps({"text": article(100 + i), "url": f"http://x/{i}"})
                                               for i in range(3)) + "\n{broken\n")
    (src / "empty.txt").write_text("   \n")
    return src


def snapshot(store: Store) -> dict[str, tuple]:
    out = {}
    for row in store.documents(limit=1000):
        ex = store.extraction(row.id)
        out[row.id] = (row.source, row.duplicate_of, json.dumps(ex.to_dict(), sort_keys=True))
    return out


def test_partitions_are_stable_and_archives_stand_alone(tmp_path: Path) -> None:
    src = make_inputs(tmp_path)
    parts, missing = partition([src, tmp_path / "nope"], files_per_partition=4)
    # sorted: a00-a03, a04-a07, batch.jsonl alone, then a08 + empty.txt
    assert [len(p.files) for p in parts] == [4, 4, 1, 2]
    assert parts[2].files[0].endswith("batch.jsonl") and [m.reason for m in missing] == ["missing"]
    keys = [p.key for p in parts]
    again, _ = partition([src], files_per_partition=4)
    assert [p.key for p in again] == keys
    (src / "a00.txt").write_text("TITLE: Edited\n\n" + article(50))
    edited = [p.key for p in partition([src], files_per_partition=4)[0]]
    assert edited[0] != keys[0] and edited[1:] == keys[1:]


def test_in_process_backfill_is_idempotent(tmp_path: Path) -> None:
    src = make_inputs(tmp_path)
    store = Store(tmp_path / "d.db")
    rep = backfill([src], store, tmp_path / "shards", local=0, files_per_partition=4)
    assert rep.partitions == 4 and rep.extracted == 4
    assert rep.ingest.new == 12 and {r.reason for r in rep.ingest.failed} == {"json", "empty"}
    assert store.counts()["documents"] == 12
    first = snapshot(store)
    rerun = backfill([src], store, tmp_path / "shards", local=0, files_per_partition=4)
    assert rerun.extracted == 0 and rerun.ingest.new == 0 and rerun.ingest.unchanged == 12
    assert snapshot(store) == first


@pytest.mark.slow
def test_dask_local_cluster_equals_single_process(tmp_path: Path) -> None:
    src = make_inputs(tmp_path)
    single, dist = Store(tmp_path / "one.db"), Store(tmp_path / "dask.db")
    backfill([src], single, tmp_path / "s1", local=0, files_per_partition=3)
    rep = backfill([src], dist, tmp_path / "s2", local=2, files_per_partition=3)
    assert rep.extracted == rep.partitions == 5
    assert snapshot(dist) == snapshot(single)
    assert len(snapshot(dist)) == 12
