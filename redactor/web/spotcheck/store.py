"""Spot-check sessions, samples, verdicts and marked places in ``spotcheck.sqlite`` inside the batch folder.

One connection per call (request threads come and go); WAL so that a report
can be read while a reviewer records the next verdict.  A file written by an
older version (without the ``marks`` table, without a session's ``reviewer`` or
pooled kinds) is brought up to date when it is opened; nothing in it is lost.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

VERDICTS = ("ok", "leak", "over_redaction", "other")
MARK_KINDS = ("leak", "over_redaction")     # what a reviewer marks a place as: 泄露, 过度脱敏

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY, created REAL, seed INTEGER, size INTEGER, review_first INTEGER, by_type INTEGER,
    population TEXT, reviewer TEXT DEFAULT '', pooled TEXT DEFAULT '{}', pool_below INTEGER DEFAULT 0);
CREATE TABLE IF NOT EXISTS sample (
    session_id TEXT, pos INTEGER, applicant_id TEXT, stem TEXT, stratum TEXT, PRIMARY KEY (session_id, pos));
CREATE TABLE IF NOT EXISTS verdicts (
    session_id TEXT, pos INTEGER, verdict TEXT, note TEXT, at REAL, PRIMARY KEY (session_id, pos));
CREATE TABLE IF NOT EXISTS marks (
    id INTEGER PRIMARY KEY AUTOINCREMENT, session_id TEXT NOT NULL, pos INTEGER NOT NULL, applicant_id TEXT NOT NULL,
    stem TEXT NOT NULL, page INTEGER NOT NULL, x0 REAL NOT NULL, y0 REAL NOT NULL, x1 REAL NOT NULL, y1 REAL NOT NULL,
    kind TEXT NOT NULL, note TEXT DEFAULT '', at REAL);
CREATE INDEX IF NOT EXISTS marks_by_doc ON marks (session_id, pos);
"""

# columns added after the first release: (table, column, declaration) -- an older file gets them on open
_ADDED_COLUMNS = (
    ("sessions", "reviewer", "TEXT DEFAULT ''"),
    ("sessions", "pooled", "TEXT DEFAULT '{}'"),
    ("sessions", "pool_below", "INTEGER DEFAULT 0"),
)


class SpotStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        with self._db() as con:
            con.execute("PRAGMA journal_mode=WAL")
            con.executescript(_SCHEMA)        # IF NOT EXISTS: an older file gains the tables it lacks (marks)
            for table, column, decl in _ADDED_COLUMNS:
                columns = {r["name"] for r in con.execute(f"PRAGMA table_info({table})")}
                if column not in columns:     # a folder spot-checked by an older version
                    con.execute(f"ALTER TABLE {table} ADD COLUMN {column} {decl}")

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
               population: dict[str, int], sample: list[tuple[str, str, str]], reviewer: str = "",
               pooled: dict[str, int] | None = None, pool_below: int = 0) -> None:
        with self._db() as con:
            con.execute("INSERT INTO sessions (id, created, seed, size, review_first, by_type, population, reviewer, "
                        "pooled, pool_below) VALUES (?,?,?,?,?,?,?,?,?,?)",
                        (sid, time.time(), seed, size, int(review_first), int(by_type), json.dumps(population),
                         reviewer, json.dumps(pooled or {}, ensure_ascii=False), pool_below))
            con.executemany("INSERT INTO sample VALUES (?,?,?,?,?)",
                            [(sid, k, a, s, st) for k, (a, s, st) in enumerate(sample, 1)])

    def session(self, sid: str) -> dict | None:
        with self._db() as con:
            row = con.execute("SELECT * FROM sessions WHERE id=?", (sid,)).fetchone()
        if row is None:
            return None
        out = dict(row)
        out["population"] = json.loads(out["population"])
        out["pooled"] = json.loads(out.get("pooled") or "{}")
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

    # --- marked places: a box on a page of the redacted output, in PDF points (top-left origin) ----------------

    def add_mark(self, sid: str, pos: int, applicant_id: str, stem: str, page: int,
                 bbox: tuple[float, float, float, float], kind: str, note: str) -> dict:
        if kind not in MARK_KINDS:
            raise ValueError(kind)
        with self._db() as con:
            cur = con.execute("INSERT INTO marks (session_id, pos, applicant_id, stem, page, x0, y0, x1, y1, kind, note, "
                              "at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                              (sid, pos, applicant_id, stem, page, *bbox, kind, note, time.time()))
            mark_id = cur.lastrowid
        return next(m for m in self.marks(sid, pos) if m["id"] == mark_id)

    def marks(self, sid: str, pos: int | None = None) -> list[dict]:
        """The marks of a session (of one sampled document with ``pos``), in the order they were made."""
        query = "SELECT * FROM marks WHERE session_id=?" + (" AND pos=?" if pos is not None else "") + " ORDER BY pos, id"
        with self._db() as con:
            rows = con.execute(query, (sid,) if pos is None else (sid, pos)).fetchall()
        return [{"id": r["id"], "pos": r["pos"], "applicant_id": r["applicant_id"], "stem": r["stem"],
                 "page": r["page"], "bbox": [r["x0"], r["y0"], r["x1"], r["y1"]], "kind": r["kind"],
                 "note": r["note"] or "", "at": r["at"]} for r in rows]

    def delete_mark(self, sid: str, pos: int, mark_id: int) -> bool:
        with self._db() as con:
            return con.execute("DELETE FROM marks WHERE session_id=? AND pos=? AND id=?",
                               (sid, pos, mark_id)).rowcount > 0
