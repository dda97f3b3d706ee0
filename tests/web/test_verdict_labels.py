"""Every channel verification reports has a label in the applicant's words (``web/verdict.WHERE``): the
self-check page never shows an applicant a bare channel name such as ``under_paint``."""

from __future__ import annotations

import re
from pathlib import Path

from redactor.web.verdict import WHERE, verdict

VERIFY = Path(__file__).resolve().parents[2] / "redactor" / "verify"


def test_every_channel_verification_reports_has_a_label():
    source = "\n".join(p.read_text(encoding="utf-8") for p in VERIFY.glob("*.py"))
    channels = set(re.findall(r'(?:where|channel)="([a-z_]+)"', source))
    channels |= set(re.findall(r'^\s+return "([a-z_]+)"$', source, re.M))        # raw_objects' roles
    channels |= {"ocr", "text_layer", "file_name"}                                # passed by name elsewhere
    assert {"vector", "under_paint", "face", "font", "history"} <= channels        # the scan finds them
    assert channels <= set(WHERE), channels - set(WHERE)


def test_a_box_drawn_on_top_reads_in_plain_words():
    audit = {"verification": {"passed": False, "leaks": [
        {"where": "under_paint", "category": "name", "page": 1, "severity": "leak"}]}}
    v = verdict(audit)
    assert not v["passed"] and v["found"][0]["text"] == "第 1 页 · 遮盖框下的图像"


def test_serve_on_all_interfaces_prints_a_link_another_computer_can_open():
    """Issue 42: `redactor serve --host 0.0.0.0` printed http://0.0.0.0:8000/, which no other computer opens."""
    from redactor.web.server import reachable_host

    assert reachable_host("127.0.0.1") == "127.0.0.1" and reachable_host("192.168.3.7") == "192.168.3.7"
    shown = reachable_host("0.0.0.0")
    assert shown and shown != "0.0.0.0"
