"""What one ``redactor serve`` process is allowed to do: binding, limits, timeouts."""

from __future__ import annotations

from dataclasses import dataclass

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@dataclass(frozen=True)
class WebSettings:
    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None          # required whenever the host is not a loopback address
    batch_dir: str | None = None      # a `redactor batch` output folder to spot-check
    config_path: str | None = None    # config merged over the packaged defaults
    root: str | None = None           # server temp root (a fresh temporary folder when None)
    max_file_mb: float = 50.0         # per uploaded file
    max_files: int = 20               # per job
    max_pages: int = 80               # per uploaded file
    idle_timeout_s: float = 1800.0    # a job nobody looked at for this long is wiped
    after_download_s: float = 300.0   # a job is wiped this long after its files were downloaded
    render_dpi: float = 110.0         # page images shown in the browser
    file_workers: int = 0             # a job's files at once: this many pipelines (the worker's own and worker
                                      # processes); 0: one per core as the memory holds; 1: one after another

    @property
    def loopback(self) -> bool:
        return self.host in LOOPBACK

    def check(self) -> None:
        """A server reachable from other machines must ask for a token."""
        if not self.loopback and not self.token:
            raise ValueError("a token is required when the server is not bound to 127.0.0.1")
