"""`redactor batch --executor ray` on a two-node Ray cluster on loopback (issue 12).

Ray rewrites 127.0.0.1 to the host's own address, so the head listens on
127.0.0.2 and the second node on 127.0.0.3.  Each node has one CPU and each
actor needs one, so two workers means one actor on each node.  Skipped when
the ``ray`` extra is not installed.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.integration.test_batch import _batch_cmd, _env, assert_complete, make_batch

ray = pytest.importorskip("ray")
pytestmark = [pytest.mark.ray, pytest.mark.issue(12)]

HEAD, NODE = "127.0.0.2", "127.0.0.3"


def _free_port(host: str) -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _stop(proc: subprocess.Popen) -> None:
    """Stop one `ray start --block` and every process it started (its own session's group)."""
    for sig, wait in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(wait)
        except subprocess.TimeoutExpired:
            continue
    try:
        os.killpg(proc.pid, signal.SIGKILL)      # daemons the blocking `ray start` left in its group
    except ProcessLookupError:
        pass


@pytest.fixture(scope="module")
def two_node_cluster():
    ray_bin = str(Path(sys.executable).with_name("ray"))
    temp = tempfile.mkdtemp(prefix="rt", dir="/tmp")     # short: Ray's socket paths must fit in 107 bytes
    port = _free_port(HEAD)
    env = {**os.environ, "RAY_AUTH_MODE": "disabled"}
    common = ["--num-cpus=1", "--disable-usage-stats", "--block"]
    procs = [subprocess.Popen([ray_bin, "start", "--head", f"--node-ip-address={HEAD}", f"--port={port}",
                               "--include-dashboard=false", f"--temp-dir={temp}", *common], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)]
    address = f"{HEAD}:{port}"
    try:
        _wait_for_nodes(address, 1, env)
        procs.append(subprocess.Popen([ray_bin, "start", f"--address={address}", f"--node-ip-address={NODE}", *common],
                                      env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                      start_new_session=True))
        _wait_for_nodes(address, 2, env)
        yield address
    finally:
        for p in reversed(procs):
            _stop(p)


def _wait_for_nodes(address: str, n: int, env: dict[str, str], timeout: float = 90) -> None:
    code = (f"import ray; ray.init(address={address!r}, log_to_driver=False); "
            "print(sum(1 for x in ray.nodes() if x['Alive']))")
    deadline = time.time() + timeout
    while time.time() < deadline:
        r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
        if r.returncode == 0 and r.stdout.strip().endswith(str(n)):
            return
        time.sleep(1)
    raise RuntimeError(f"Ray cluster at {address} did not reach {n} nodes")


def _decisions(out: Path) -> dict[str, dict]:
    """Every audit minus what legitimately differs between runs (the output file's bytes)."""
    got = {}
    for f in sorted(out.glob("*/*.audit.json")):
        audit = json.loads(f.read_text(encoding="utf-8"))
        audit.pop("output")
        got[str(f.relative_to(out))] = audit
    return got


def test_two_node_ray_cluster_gives_the_local_pool_decisions(tmp_path, two_node_cluster):
    m = make_batch(tmp_path, forms_per_applicant=2)
    env = {**_env(), "RAY_AUTH_MODE": "disabled"}
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
