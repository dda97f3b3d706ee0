"""Issue 52: the page polls the job every 0.8 s; a finished file's verdict, suggestions and candidates are built
once per output, answers and edits (``api._results``), and every change the applicant makes shows at once."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from redactor.model import Action  # noqa: E402
from tests.web.conftest import wait_job  # noqa: E402
from tests.web.test_api import csrf, upload  # noqa: E402


@pytest.mark.issue(52)
def test_a_finished_files_results_are_built_once_and_follow_every_change(make_app, form_file: Path) -> None:
    with TestClient(make_app()) as c:
        app = c.app
        job = wait_job(c, upload(c, form_file)["id"])
        assert job["state"] == "done"
        stored = app.state.jobs._jobs[job["id"]]
        f = stored.files[0]
        first = c.get(f"/api/jobs/{job['id']}").json()["documents"][0]
        built = f.shown[1]
        assert c.get(f"/api/jobs/{job['id']}").json()["documents"][0]["candidates"] == first["candidates"]
        assert f.shown[1] is built                                  # the second poll built nothing
        assert first["candidates"] and first["verdict"]

        # an edit recorded without a new output (a request refused half way) shows as it did before the cache
        i = next(x["id"] for x in first["candidates"] if x["action"] == "redact" and not x.get("repair"))
        f.edits.set_action(f.plan, i, Action.KEEP, f.repairs)
        now = c.get(f"/api/jobs/{job['id']}").json()["documents"][0]
        assert next(x for x in now["candidates"] if x["id"] == i)["action"] == "keep"
        f.edits.set_action(f.plan, i, Action.REDACT, f.repairs)

        # an answer, then a new version: each rebuilt
        f.confirmed.add("some-question")
        c.get(f"/api/jobs/{job['id']}")
        answered = f.shown[1]
        assert answered is not built
        f.version += 1
        again = c.get(f"/api/jobs/{job['id']}").json()["documents"][0]
        assert f.shown[1] is not answered and again["candidates"] == first["candidates"]

        # a rerun drops what the last outputs showed (the suggestions carry the applicant's values)
        r = c.post(f"/api/jobs/{job['id']}/rerun", headers=csrf(c), json={"name": "某某"})
        assert r.status_code == 200, r.text
        assert all(x.shown is None for x in stored.files)


def test_a_suggestion_read_in_pieces_is_offered_whole() -> None:
    """A scan's line read in two pieces offered 工作单位：包钢（集团 where the cell reads 包钢（集团）公司 (issue 82.5):
    the value runs on along its row to its bracket's close; one whose close is not there is marked not whole."""
    from redactor.model import BBox, Char, TextOrigin
    from redactor.web.api import _whole_value

    def chars(text: str, x0: float) -> list[Char]:
        return [Char(c, BBox(x0 + 10 * i, 100, x0 + 10 * i + 9, 110), TextOrigin.OCR, 0.9) for i, c in enumerate(text)]

    row = chars("包钢（集团", 100) + chars("）公司", 152) + chars("联系人", 400)
    assert _whole_value("包钢（集团", [100, 100, 149, 110], row) == ("包钢（集团）公司", True)
    assert _whole_value("包钢（集团", [100, 100, 149, 110], chars("包钢（集团", 100)) == ("包钢（集团", False)
    assert _whole_value("包头钢铁集团", [100, 100, 159, 110], row) == ("包头钢铁集团", True)
