"""抽检: a reviewer marks a place on a redacted page as 泄露 or 过度脱敏 (issue 82).

The mark is stored in DIR/spotcheck.sqlite with the session, the document, the page (1-based, as the audit
counts) and the box in PDF points (converted from the page image's pixels with its own scale); it is listed
and deleted through the API, and the QA report's JSON and HTML and its redo list point at it.
"""

from __future__ import annotations

import json
import sqlite3
import struct
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

from redactor.web.spotcheck.store import SpotStore

# spotcheck.sqlite as the first release wrote it (no reviewer column), and as the release before marks wrote it
OLD_SCHEMAS = {
    "first": """
        CREATE TABLE sessions (id TEXT PRIMARY KEY, created REAL, seed INTEGER, size INTEGER, review_first INTEGER,
            by_type INTEGER, population TEXT);
        CREATE TABLE sample (session_id TEXT, pos INTEGER, applicant_id TEXT, stem TEXT, stratum TEXT,
            PRIMARY KEY (session_id, pos));
        CREATE TABLE verdicts (session_id TEXT, pos INTEGER, verdict TEXT, note TEXT, at REAL,
            PRIMARY KEY (session_id, pos));""",
    "before_marks": """
        CREATE TABLE sessions (id TEXT PRIMARY KEY, created REAL, seed INTEGER, size INTEGER, review_first INTEGER,
            by_type INTEGER, population TEXT, reviewer TEXT DEFAULT '');
        CREATE TABLE sample (session_id TEXT, pos INTEGER, applicant_id TEXT, stem TEXT, stratum TEXT,
            PRIMARY KEY (session_id, pos));
        CREATE TABLE verdicts (session_id TEXT, pos INTEGER, verdict TEXT, note TEXT, at REAL,
            PRIMARY KEY (session_id, pos));""",
}


@pytest.mark.parametrize("version", sorted(OLD_SCHEMAS))
def test_an_older_spotcheck_file_opens_keeps_its_verdicts_and_takes_marks(tmp_path: Path, version: str) -> None:
    db = tmp_path / "spotcheck.sqlite"
    con = sqlite3.connect(db)
    con.executescript(OLD_SCHEMAS[version])
    con.execute("INSERT INTO sessions (id, created, seed, size, review_first, by_type, population) VALUES "
                "('s1', 1.0, 7, 2, 1, 1, ?)", (json.dumps({"type:论文": 3}),))
    con.executemany("INSERT INTO sample VALUES (?,?,?,?,?)", [("s1", 1, "A001", "姓名-论文", "type:论文"),
                                                              ("s1", 2, "A002", "学位证书", "type:论文")])
    con.execute("INSERT INTO verdicts VALUES ('s1', 1, 'leak', '第1页', 2.0)")
    con.commit()
    con.close()

    store = SpotStore(db)
    s = store.session("s1")
    assert s is not None and s["seed"] == 7 and s["population"] == {"type:论文": 3}
    assert s["reviewer"] == "" and s["pooled"] == {}
    assert [(x["pos"], x["verdict"], x["note"]) for x in store.sample("s1")] == [(1, "leak", "第1页"), (2, None, None)]
    assert store.marks("s1") == []
    m = store.add_mark("s1", 1, "A001", "姓名-论文", 2, (10.0, 20.0, 110.0, 40.5), "leak", "印章旁")
    assert (m["page"], m["bbox"], m["kind"], m["note"]) == (2, [10.0, 20.0, 110.0, 40.5], "leak", "印章旁")
    again = SpotStore(db)                                         # opening twice changes nothing
    assert [x["id"] for x in again.marks("s1", 1)] == [m["id"]] and again.session("s1")["seed"] == 7
    with pytest.raises(ValueError):
        again.add_mark("s1", 1, "A001", "姓名-论文", 1, (0, 0, 5, 5), "ok", "")
    cols = {r[1] for r in sqlite3.connect(db).execute("PRAGMA table_info(sessions)")}
    assert {"reviewer", "pooled", "pool_below"} <= cols


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_marks_are_added_in_points_or_pixels_listed_drawn_and_deleted(make_app, batch_dir: Path) -> None:
    with TestClient(make_app(batch_dir=str(batch_dir))) as c:
        h = {"X-CSRF-Token": c.get("/api/session").json()["csrf"]}
        s = c.post("/api/spot/sessions", headers=h, json={"size": 3, "seed": 11}).json()
        sid = s["id"]
        api = f"/api/spot/sessions/{sid}/docs/1/marks"
        page_html = c.get(f"/spot/{sid}/1").text                  # renders the pages, as a reviewer opens it
        assert 'class="sheet redacted-sheet" data-page="1"' in page_html and 'id="marks-data">[]<' in page_html
        geo = c.app.state.spot.pages(sid, 1)["redacted"][0]
        png = c.get(f"/api/spot/sessions/{sid}/docs/1/pages/redacted/1.png").content
        w_px, h_px = _png_size(png)
        assert w_px > geo["width"]                                # rendered above 72 dpi: pixels are not points

        # CSRF and validation as the other state-changing routes
        assert c.post(api, json={"page": 1, "kind": "leak", "bbox": [1, 1, 50, 50]}).status_code == 403
        for bad in ({"page": 1, "kind": "ok", "bbox": [1, 1, 50, 50]},
                    {"page": 99, "kind": "leak", "bbox": [1, 1, 50, 50]},
                    {"page": 1, "kind": "leak"},
                    {"page": 1, "kind": "leak", "bbox": [1, 1, 50, 50], "pixels": [1, 1, 50, 50]},
                    {"page": 1, "kind": "leak", "bbox": [1, 1, 50]},
                    {"page": 1, "kind": "leak", "bbox": [5000, 5000, 6000, 6000]}):
            r = c.post(api, headers=h, json=bad)
            assert r.status_code == 422 and r.json()["detail"], bad
        assert c.post(f"/api/spot/sessions/{sid}/docs/99/marks", headers=h,
                      json={"page": 1, "kind": "leak", "bbox": [1, 1, 50, 50]}).status_code == 404
        assert c.post("/api/spot/sessions/nope/docs/1/marks", headers=h,
                      json={"page": 1, "kind": "leak", "bbox": [1, 1, 50, 50]}).status_code == 404

        # points, as given (inverted corners sorted, clipped to the page)
        r = c.post(api, headers=h, json={"page": 1, "kind": "leak", "note": "  右上角 仍有姓名 ", "bbox": [200, 120, 60, 90]})
        assert r.status_code == 200
        first = r.json()["mark"]
        assert first["page"] == 1 and first["bbox"] == [60.0, 90.0, 200.0, 120.0] and first["kind"] == "leak"
        assert first["note"] == "右上角 仍有姓名" and first["label"] == "泄露"
        # pixels of the rendered page image, converted with its scale
        px = [100, 300, 500, 420]
        second = c.post(api, headers=h, json={"page": 1, "kind": "over_redaction", "pixels": px}).json()["mark"]
        sx, sy = geo["width"] / w_px, geo["height"] / h_px
        want = [px[0] * sx, px[1] * sy, px[2] * sx, px[3] * sy]
        assert second["bbox"] == pytest.approx(want, abs=0.01) and second["label"] == "过度脱敏"
        assert second["bbox"][2] < px[2]                          # points, not pixels
        clipped = c.post(api, headers=h, json={"page": 1, "kind": "leak", "bbox": [-20, -20, 30, 30]}).json()["mark"]
        assert clipped["bbox"] == [0.0, 0.0, 30.0, 30.0]

        listed = c.get(api).json()["marks"]
        assert [m["id"] for m in listed] == [first["id"], second["id"], clipped["id"]]
        assert all(m["pos"] == 1 and m["applicant_id"] == s["sample"][0]["applicant_id"]
                   and m["stem"] == s["sample"][0]["stem"] for m in listed)
        assert c.get(f"/api/spot/sessions/{sid}/docs/2/marks").json()["marks"] == []
        embedded = c.get(f"/spot/{sid}/1").text.split('id="marks-data">', 1)[1].split("</script>", 1)[0]
        assert [m["bbox"] for m in json.loads(embedded)] == [m["bbox"] for m in listed]

        assert c.delete(f"{api}/{clipped['id']}").status_code == 403
        r = c.delete(f"{api}/{clipped['id']}", headers=h)
        assert r.status_code == 200 and [m["id"] for m in r.json()["marks"]] == [first["id"], second["id"]]
        assert c.delete(f"{api}/{clipped['id']}", headers=h).status_code == 404
        assert c.delete(f"/api/spot/sessions/{sid}/docs/2/marks/{first['id']}", headers=h).status_code == 404

        # stored in the batch folder's spotcheck.sqlite: another store over the file sees them
        stored = SpotStore(batch_dir / "spotcheck.sqlite").marks(sid)
        assert [(m["pos"], m["page"], m["kind"], m["bbox"]) for m in stored] == [
            (1, 1, "leak", [60.0, 90.0, 200.0, 120.0]), (1, 1, "over_redaction", second["bbox"])]


def test_the_qa_report_carries_each_marked_place_and_the_redo_list_points_at_it(make_app, batch_dir: Path) -> None:
    """A leak marked on a document judged 合格 puts it on the redo list with the place, and counts it as leaked;
    a document with an over-redaction verdict and no mark is on the list without a place."""
    with TestClient(make_app(batch_dir=str(batch_dir))) as c:
        h = {"X-CSRF-Token": c.get("/api/session").json()["csrf"]}
        s = c.post("/api/spot/sessions", headers=h, json={"size": 4, "seed": 3}).json()
        sid = s["id"]
        for pos, verdict in ((1, "ok"), (2, "ok"), (3, "over_redaction")):
            assert c.post(f"/api/spot/sessions/{sid}/verdicts", headers=h,
                          json={"pos": pos, "verdict": verdict}).status_code == 200
        before = c.get(f"/api/spot/sessions/{sid}/report").json()
        assert before["marks"] == [] and before["leak_rate"]["rate"] == 0 and before["leak_by_mark"] == []
        assert [r["pos"] for r in before["redo"]] == [3] and before["redo"][0]["places"] == []

        c.get(f"/spot/{sid}/2")
        leak = c.post(f"/api/spot/sessions/{sid}/docs/2/marks", headers=h,
                      json={"page": 1, "kind": "leak", "note": "页眉", "bbox": [72, 40, 240, 70]}).json()["mark"]
        c.get(f"/spot/{sid}/4")
        c.post(f"/api/spot/sessions/{sid}/docs/4/marks", headers=h,
               json={"page": 1, "kind": "over_redaction", "bbox": [300, 500, 420, 530]})

        report = c.get(f"/api/spot/sessions/{sid}/report").json()
        marks = {(m["pos"], m["kind"]): m for m in report["marks"]}
        assert set(marks) == {(2, "leak"), (4, "over_redaction")}
        assert marks[(2, "leak")]["page"] == 1 and marks[(2, "leak")]["bbox"] == [72.0, 40.0, 240.0, 70.0]
        assert marks[(2, "leak")]["stem"] == s["sample"][1]["stem"] and marks[(2, "leak")]["label"] == "泄露"
        redo = {r["pos"]: r for r in report["redo"]}
        assert set(redo) == {2, 3, 4}                 # 2: a leak place; 3: its verdict; 4: a place, not yet judged
        assert redo[2]["verdict"] == "ok" and redo[2]["places"] == [
            {"page": 1, "bbox": leak["bbox"], "kind": "leak", "label": "泄露", "note": "页眉"}]
        assert redo[4]["verdict"] is None and redo[4]["places"][0]["bbox"] == [300.0, 500.0, 420.0, 530.0]
        assert report["leak_by_mark"] == [2] and report["leak_rate"]["rate"] > 0
        assert sum(v["leaks"] for v in report["strata"].values()) == 1

        saved = json.loads((batch_dir / f"qa-report-{sid}.json").read_text(encoding="utf-8"))
        assert saved["redo"] == report["redo"] and saved["marks"] == report["marks"]
        html = (batch_dir / f"qa-report-{sid}.html").read_text(encoding="utf-8")
        assert 'id="marks-table"' in html and "第 1 页，72.0, 40.0, 240.0, 70.0（页眉）" in html
        assert "按泄露计" in html and "（未下结论）" in html
        page = c.get(f"/spot/{sid}/report").text
        assert "标记的位置（2）" in page and "300.0, 500.0, 420.0, 530.0" in page
