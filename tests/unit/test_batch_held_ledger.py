"""The ledger's ``held`` state (issue 82): a ledger written before it existed accepts it after opening."""

from __future__ import annotations

import sqlite3

import pytest

from redactor.batch.ledger import Ledger

pytestmark = pytest.mark.issue(82)

_OLD = """CREATE TABLE documents (applicant_id TEXT NOT NULL, stem TEXT NOT NULL, input_path TEXT NOT NULL,
    input_sha256 TEXT NOT NULL, config_digest TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'refused')),
    output_pdf_sha256 TEXT, audit_sha256 TEXT, started REAL, finished REAL, seconds REAL, error TEXT,
    PRIMARY KEY (applicant_id, stem))"""


def test_an_old_ledger_is_rebuilt_to_allow_held_and_keeps_its_rows(tmp_path):
    path = tmp_path / "ledger.sqlite"
    db = sqlite3.connect(path)
    db.execute(_OLD)
    db.execute("INSERT INTO documents VALUES ('A1', 's', '/in/s.pdf', 'aa', 'cfg', 'done', 'p', 'q', 1, 2, 1, NULL)")
    db.commit()
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE documents SET state = 'held'")
    db.close()
    with Ledger(path) as ledger:
        (row,) = ledger.rows()
        assert (row.applicant_id, row.stem, row.state, row.output_pdf_sha256, row.finished) == ("A1", "s", "done", "p", 2)
        ledger.queue("A1", "t", "/in/t.pdf", "bb", "cfg")
        ledger.finish("A1", "t", "held", seconds=1.0, output_pdf_sha256="x", audit_sha256="y")
        ledger.hold("A1", "t", "仍待定")
        assert (ledger.get("A1", "t").state, ledger.get("A1", "t").error) == ("held", "仍待定")
        ledger.release("A1", "t", output_pdf_sha256="x2")
        t = ledger.get("A1", "t")
        assert (t.state, t.error, t.output_pdf_sha256, t.audit_sha256) == ("done", None, "x2", "y")
        ledger.release("A1", "s", output_pdf_sha256="z")       # only a held row is released
        assert ledger.get("A1", "s").output_pdf_sha256 == "p"
        ledger.set_meta("manifest", "/m.csv")
        assert ledger.meta("manifest") == "/m.csv" and ledger.meta("other") is None
    with Ledger(path) as again:                                    # opening twice rebuilds nothing more
        assert len(again.rows()) == 2
