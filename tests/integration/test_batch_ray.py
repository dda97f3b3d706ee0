"""`redactor batch --executor ray` on a two-node Ray cluster on loopback (issue 12).

Ray rewrites 127.0.0.1 to the host's own address, so the head listens on
127.0.0.2 and the second node on 127.0.0.3.  Each node has one CPU and each
actor needs one, so two workers means one actor on each node.  Skipped when
the ``ray`` extra is not installed.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.integration.test_batch import _batch_cmd, _env, assert_complete, make_batch

ray = pytest.importorskip("ray")
pytestmark = [pytest.mark.ray, pytest.mark.issue(12)]


@pytest.fixture(scope="module")
def two_node_cluster():
    from benchmarks.loopback_ray import LoopbackCluster

    with LoopbackCluster() as cluster:
        cluster.add_node()
        yield cluster.address


def _decisions(out: Path) -> dict[str, dict]:
    """Every audit minus what legitimately differs between runs (the output file's bytes)."""
    got = {}
    for f in sorted(out.glob("*/*.audit.json")):
        audit = json.loads(f.read_text(encoding="utf-8"))
        audit.pop("output")
        audit["verification"].pop("seconds", None)       # timings differ from run to run
        got[str(f.relative_to(out))] = audit
    return got


def test_two_node_ray_cluster_gives_the_local_pool_decisions(tmp_path, two_node_cluster):
    m = make_batch(tmp_path, forms_per_applicant=2)
    env = {**_env(), "RAY_AUTH_MODE": "disabled"}      # loopback only; never on a reachable network
    local = subprocess.run(_batch_cmd(m, tmp_path / "local", "--jobs", "1"), env=env, capture_output=True,
                           text=True, timeout=300)
    distributed = subprocess.run(_batch_cmd(m, tmp_path / "ray", "--executor", "ray", "--ray-address",
                                            two_node_cluster, "--jobs", "2"), env=env, capture_output=True,
                                 text=True, timeout=300)
    assert local.returncode == distributed.returncode == 3, distributed.stderr     # the broken upload fails in both
    assert_complete(tmp_path / "ray", 4)
    assert "failed JX2026-0001/姓名-证书" in distributed.stderr
    a, b = _decisions(tmp_path / "local"), _decisions(tmp_path / "ray")
    assert len(a) == 4 and a == b
