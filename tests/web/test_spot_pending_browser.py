"""抽检 · 待定 in a real browser (issue 82): Debian's chromium driven by Playwright, as tests/web/test_browser.py.

Open the queue, open the held paper, decide its two places (删除, 保留), see it released; the released PDF read
back with PyMuPDF.  Screenshot: ``spotcheck-pending.png`` in $REDACTOR_SCREENSHOTS (default: a tmp dir;
docs/screenshots/ holds the committed one).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("pytest_playwright")

from tests.integration.test_batch_held import FORMER_NAMES, HELD_STEM, make_held_batch, run_in_process  # noqa: E402
from tests.web.test_spot_pending import AID, ledger_row, page_text  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [pytest.mark.browser, pytest.mark.issue(82),
              pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (make install-test)")]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": ["--no-sandbox"]}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "viewport": {"width": 1360, "height": 900}, "locale": "zh-CN"}


@pytest.fixture
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = Path(os.environ.get("REDACTOR_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    d.mkdir(parents=True, exist_ok=True)
    return d


@pytest.fixture
def held_server(make_app, tmp_path: Path, text_cfg, text_pipeline):
    import uvicorn

    out = tmp_path / "out"
    code, log = run_in_process(make_held_batch(tmp_path), out, text_cfg, text_pipeline)
    assert code == 0 and ledger_row(out, AID, HELD_STEM)["state"] == "held", log
    app = make_app(batch_dir=str(out))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    end = time.time() + 30
    while not srv.started and time.time() < end:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", out
    srv.should_exit = True
    thread.join(15)


def test_the_pending_queue_decides_each_place_and_releases_the_document(held_server, page, shots: Path) -> None:
    url, out = held_server
    page.set_default_timeout(90_000)
    page.goto(url + "/spot/pending")
    rows = page.locator("#pending-list tr[data-key]")
    assert rows.count() == 1 and HELD_STEM in rows.first.inner_text() and "待决定" in rows.first.inner_text()
    page.click("#pending-list a")
    page.wait_for_selector("#places li")
    page.wait_for_function("Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)")
    items = page.locator("#places li")
    assert items.count() == 2
    assert "无法确定这处姓名是否属于申请人本人" in items.first.inner_text()
    # each place drawn on the original and on the held output, numbered as listed
    assert page.locator("g.pending-mark").count() == 4
    assert page.locator(".side").first.locator("h3").first.inner_text().startswith("原件")

    # no reviewer named: nothing is sent
    items.nth(0).locator("button[data-decision=redact]").click()
    assert "请先填写核对人" in page.inner_text("#pending-state")
    assert ledger_row(out, AID, HELD_STEM)["state"] == "held"
    page.fill("#reviewer", "质检员乙")
    top, bottom = sorted(range(2), key=lambda k: float(items.nth(k).get_attribute("data-top")))
    items.nth(top).locator("button[data-decision=redact]").click()
    page.wait_for_function("document.querySelector('#saved').textContent.includes('删除')")
    assert "chosen" in (items.nth(top).locator("button[data-decision=redact]").get_attribute("class") or "")
    assert page.inner_text("#decided-count") == "1"
    assert page.locator("g.pending-mark.decided").count() == 2
    page.screenshot(path=str(shots / "spotcheck-pending.png"), full_page=False)

    items.nth(bottom).locator("button[data-decision=keep]").click()
    page.wait_for_selector("#released:not([hidden])")
    assert "已发布" in page.inner_text("#pending-state")
    row = ledger_row(out, AID, HELD_STEM)
    assert row["state"] == "done"
    pdf = out / AID / f"{HELD_STEM}.redacted.pdf"
    text = page_text(pdf)
    # which former name is on top: the paper writes them in FORMER_NAMES order, top to bottom
    assert FORMER_NAMES[0] not in text and FORMER_NAMES[1] in text
    audit = json.loads((out / AID / f"{HELD_STEM}.audit.json").read_text(encoding="utf-8"))
    assert sorted(d["decision"] for d in audit["reviewer_decisions"]) == ["keep", "redact"]
    assert {d["reviewer"] for d in audit["reviewer_decisions"]} == {"质检员乙"}

    page.goto(url + "/spot/pending")
    assert page.locator("#pending-empty").is_visible()
