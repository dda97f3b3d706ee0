"""Per-document run context: passed explicitly, picklable (process pools, Ray)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from redactor.config import RedactorConfig


@dataclass(frozen=True)
class RunContext:
    config: RedactorConfig
    work_dir: str                    # private scratch directory for this document
    document_id: str                 # stable, PII-free id (hash of the input bytes)

    def get_path(self, name: str) -> str:
        return str(Path(self.work_dir) / name)


def document_id_for(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
