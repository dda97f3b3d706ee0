"""A Ray cluster of one or two nodes on loopback, for tests and the batch benchmark.

Ray rewrites 127.0.0.1 to the host's own address, so the head listens on
127.0.0.2 and a second node on 127.0.0.3; one CPU per node, so one actor per
node.  Each node is a ``ray start --block`` in its own session: stopping it
stops exactly the processes it started (never ``ray stop``, which would stop
every Ray on the machine).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEAD, SECOND = "127.0.0.2", "127.0.0.3"


def ray_env() -> dict[str, str]:
    return {**os.environ, "RAY_AUTH_MODE": "disabled"}


class LoopbackCluster:
    def __init__(self) -> None:
        self.ray_bin = str(Path(sys.executable).with_name("ray"))
        self.temp = tempfile.mkdtemp(prefix="rt", dir="/tmp")     # short: Ray's socket paths must fit in 107 bytes
        with socket.socket() as s:
            s.bind((HEAD, 0))
            self.port = s.getsockname()[1]
        self.address = f"{HEAD}:{self.port}"
        self.procs: list[subprocess.Popen] = []

    def __enter__(self) -> LoopbackCluster:
        self._start(["--head", f"--node-ip-address={HEAD}", f"--port={self.port}", "--include-dashboard=false",
                     f"--temp-dir={self.temp}"])
        self.wait_for_nodes(1)
        return self

    def add_node(self) -> None:
        self._start([f"--address={self.address}", f"--node-ip-address={SECOND}"])
        self.wait_for_nodes(2)

    def _start(self, args: list[str]) -> None:
        self.procs.append(subprocess.Popen(
            [self.ray_bin, "start", *args, "--num-cpus=1", "--disable-usage-stats", "--block"], env=ray_env(),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True))

    def wait_for_nodes(self, n: int, timeout: float = 120) -> None:
        code = (f"import ray; ray.init(address={self.address!r}, log_to_driver=False); "
                "print(sum(1 for x in ray.nodes() if x['Alive']))")
        deadline = time.time() + timeout
        while time.time() < deadline:
            r = subprocess.run([sys.executable, "-c", code], env=ray_env(), capture_output=True, text=True, timeout=60)
            if r.returncode == 0 and r.stdout.strip().endswith(str(n)):
                return
            time.sleep(1)
        raise RuntimeError(f"Ray cluster at {self.address} did not reach {n} nodes")

    def __exit__(self, *exc: object) -> None:
        for p in reversed(self.procs):
            _stop(p)
        shutil.rmtree(self.temp, ignore_errors=True)


def _stop(proc: subprocess.Popen) -> None:
    """SIGTERM, then SIGKILL, to the node's own process group (the daemons `ray start` left in it too)."""
    for sig, wait in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(wait)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
