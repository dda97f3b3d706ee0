"""Spot-check sessions, samples and verdicts in ``spotcheck.sqlite`` inside the batch folder.

One connection per call (request threads come and go); WAL so that a report
can be read while a reviewer records the next verdict.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

VERDICTS = ("ok", "leak", "over_redaction", "other")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY, created REAL, seed INTEGER, size INTEGER, review_first INTEGER, by_type INTEGER,
    population TEXT, reviewer TEXT DEFAULT '');
CREATE TABLE IF NOT EXISTS sample (
    session_id TEXT, pos INTEGER, applicant_id TEXT, stem TEXT, stratum TEXT, PRIMARY KEY (session_id, pos));
CREATE TABLE IF NOT EXISTS verdicts (
    session_id TEXT, pos INTEGER, verdict TEXT, note TEXT, at REAL, PRIMARY KEY (session_id, pos));
"""


class SpotStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        with self._db() as con:
            con.execute("PRAGMA journal_mode=WAL")
            con.executescript(_SCHEMA)
            columns = {r["name"] for r in con.execute("PRAGMA table_info(sessions)")}
            if "reviewer" not in columns:        # a folder spot-checked by an older version
                con.execute("ALTER TABLE sessions ADD COLUMN reviewer TEXT DEFAULT ''")

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        con = sqlite3.connect(self.path, timeout=10)
        con.row_factory = sqlite3.Row
        try:
            with con:
                yield con
        finally:
            con.close()

    def create(self, sid: str, seed: int, size: int, review_first: bool, by_type: bool,
               population: dict[str, int], sample: list[tuple[str, str, str]], reviewer: str = "") -> None:
        with self._db() as con:
            con.execute("INSERT INTO sessions (id, created, seed, size, review_first, by_type, population, reviewer) "
                        "VALUES (?,?,?,?,?,?,?,?)", (sid, time.time(), seed, size, int(review_first), int(by_type),
                                                     json.dumps(population), reviewer))
            con.executemany("INSERT INTO sample VALUES (?,?,?,?,?)",
                            [(sid, k, a, s, st) for k, (a, s, st) in enumerate(sample, 1)])

    def session(self, sid: str) -> dict | None:
        with self._db() as con:
            row = con.execute("SELECT * FROM sessions WHERE id=?", (sid,)).fetchone()
        if row is None:
            return None
        out = dict(row)
        out["population"] = json.loads(out["population"])
        return out

    def sessions(self) -> list[dict]:
        with self._db() as con:
            rows = con.execute("SELECT s.id, s.created, s.seed, s.size, s.reviewer, COUNT(v.pos) AS done FROM sessions s "
                               "LEFT JOIN verdicts v ON v.session_id = s.id GROUP BY s.id ORDER BY s.created DESC").fetchall()
        return [dict(r) for r in rows]

    def sample(self, sid: str) -> list[dict]:
        with self._db() as con:
            rows = con.execute("SELECT s.pos, s.applicant_id, s.stem, s.stratum, v.verdict, v.note, v.at FROM sample s "
                               "LEFT JOIN verdicts v ON v.session_id = s.session_id AND v.pos = s.pos "
                               "WHERE s.session_id=? ORDER BY s.pos", (sid,)).fetchall()
        return [dict(r) for r in rows]

    def record(self, sid: str, pos: int, verdict: str, note: str) -> None:
        if verdict not in VERDICTS:
            raise ValueError(verdict)
        with self._db() as con:
            con.execute("INSERT OR REPLACE INTO verdicts VALUES (?,?,?,?,?)", (sid, pos, verdict, note, time.time()))
