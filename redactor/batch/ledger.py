"""The batch ledger: ``OUT/ledger.sqlite``, one row per document.

SQLite in WAL mode; only the driver process writes it (workers return
outcomes), so there is never a writer race.  A committed row survives a SIGKILL
of the driver, which is what makes a rerun resume instead of redo.  The 抽检
app's 待定 queue writes a held document's release, holding the folder's lock
(``output_folder.FolderLock``), so it never writes beside a running batch.

States: ``queued`` → ``running`` → ``done`` | ``held`` (done, but its audit
leaves places undecided: its outputs wait in ``OUT/<applicant_id>/held/``
until a person decides, or ``--release-held``) | ``failed`` | ``refused``.
Table ``meta`` holds the manifest's path (the 待定 queue reads the
applicant's profile from it to apply a reviewer's decisions).
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

STATES = ("queued", "running", "done", "held", "failed", "refused")
FINAL = ("done", "held", "failed", "refused")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    applicant_id TEXT NOT NULL,
    stem TEXT NOT NULL,
    input_path TEXT NOT NULL,
    input_sha256 TEXT NOT NULL,
    config_digest TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'held', 'failed', 'refused')),
    output_pdf_sha256 TEXT,
    audit_sha256 TEXT,
    started REAL,
    finished REAL,
    seconds REAL,
    error TEXT,
    PRIMARY KEY (applicant_id, stem)
)
"""
_META = "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"


@dataclass(frozen=True)
class LedgerRow:
    applicant_id: str
    stem: str
    input_path: str
    input_sha256: str
    config_digest: str
    state: str
    output_pdf_sha256: str | None
    audit_sha256: str | None
    started: float | None
    finished: float | None
    seconds: float | None
    error: str | None


class Ledger:
    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")   # WAL + NORMAL: a killed process loses nothing committed
        self._db.execute(_SCHEMA)
        self._db.execute(_META)
        self._allow_held()

    def _allow_held(self) -> None:
        """A ledger written before the state ``held`` existed: its CHECK is rebuilt (SQLite cannot alter one)."""
        sql = self._db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'documents'").fetchone()
        if sql is None or "'held'" in sql[0] or "CHECK" not in sql[0]:
            return
        self._db.execute("BEGIN IMMEDIATE")
        try:
            self._db.execute("ALTER TABLE documents RENAME TO documents_before_held")
            self._db.execute(_SCHEMA)
            self._db.execute("INSERT INTO documents SELECT * FROM documents_before_held")
            self._db.execute("DROP TABLE documents_before_held")
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, applicant_id: str, stem: str) -> LedgerRow | None:
        cur = self._db.execute("SELECT * FROM documents WHERE applicant_id = ? AND stem = ?", (applicant_id, stem))
        row = cur.fetchone()
        return LedgerRow(*row) if row else None

    def rows(self) -> list[LedgerRow]:
        return [LedgerRow(*r) for r in self._db.execute("SELECT * FROM documents ORDER BY applicant_id, stem")]

    def queue(self, applicant_id: str, stem: str, input_path: str, input_sha256: str, config_digest: str) -> None:
        """(Re)register a document to be done; clears what an earlier run recorded for it."""
        self._db.execute(
            "INSERT INTO documents (applicant_id, stem, input_path, input_sha256, config_digest, state) "
            "VALUES (?, ?, ?, ?, ?, 'queued') ON CONFLICT (applicant_id, stem) DO UPDATE SET "
            "input_path = excluded.input_path, input_sha256 = excluded.input_sha256, "
            "config_digest = excluded.config_digest, state = 'queued', output_pdf_sha256 = NULL, "
            "audit_sha256 = NULL, started = NULL, finished = NULL, seconds = NULL, error = NULL",
            (applicant_id, stem, input_path, input_sha256, config_digest))

    def running(self, applicant_id: str, stem: str) -> None:
        self._db.execute("UPDATE documents SET state = 'running', started = ? WHERE applicant_id = ? AND stem = ?",
                         (time.time(), applicant_id, stem))

    def finish(self, applicant_id: str, stem: str, state: str, *, seconds: float, error: str = "",
               output_pdf_sha256: str | None = None, audit_sha256: str | None = None) -> None:
        if state not in FINAL:
            raise ValueError(f"not a final state: {state}")
        self._db.execute(
            "UPDATE documents SET state = ?, finished = ?, seconds = ?, error = ?, output_pdf_sha256 = ?, "
            "audit_sha256 = ? WHERE applicant_id = ? AND stem = ?",
            (state, time.time(), round(seconds, 3), error or None, output_pdf_sha256, audit_sha256, applicant_id, stem))

    def release(self, applicant_id: str, stem: str, *, output_pdf_sha256: str | None = None,
                audit_sha256: str | None = None, note: str = "") -> None:
        """A held document released (``--release-held``, or a reviewer's decisions applied): state ``done``; its
        timings stay those of the run that made it; new hashes where the outputs were made again."""
        self._db.execute(
            "UPDATE documents SET state = 'done', error = ?, output_pdf_sha256 = coalesce(?, output_pdf_sha256), "
            "audit_sha256 = coalesce(?, audit_sha256) WHERE applicant_id = ? AND stem = ? AND state = 'held'",
            (note or None, output_pdf_sha256, audit_sha256, applicant_id, stem))

    def hold(self, applicant_id: str, stem: str, note: str, *, output_pdf_sha256: str | None = None,
             audit_sha256: str | None = None) -> None:
        """A held document stays held: why (``note``, shown in the report and the 待定 queue; never a value), and
        the hashes of new held outputs where they were made again."""
        self._db.execute(
            "UPDATE documents SET error = ?, output_pdf_sha256 = coalesce(?, output_pdf_sha256), "
            "audit_sha256 = coalesce(?, audit_sha256) WHERE applicant_id = ? AND stem = ? AND state = 'held'",
            (note or None, output_pdf_sha256, audit_sha256, applicant_id, stem))

    def set_meta(self, key: str, value: str) -> None:
        self._db.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = "
                         "excluded.value", (key, value))

    def meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None
