"""Names written in words (阿拉坦·巴根): common among Inner Mongolia's applicants.

The profile writes the dot; papers write the name without it and in Latin letters word by word
("Alatan Bagen", "Bagen Alatan"). A colleague who shares one word (额尔敦·巴根) stays.
"""

from __future__ import annotations

import pymupdf
import pytest

from redactor.config import profile_from_mapping
from redactor.normalize import compact

PROFILE = {"name": "阿拉坦·巴根", "employers": ["内蒙古农业大学", "Inner Mongolia Agricultural University"]}
COLLEAGUE = "额尔敦·巴根"


def _paper(path):
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    lines = [
        "论文作者：阿拉坦巴根，乌日娜，张海峰",
        "通讯作者：阿拉坦.巴根",
        "Authors: Alatan Bagen, Wurina, Haifeng Zhang",
        "Corresponding author: BAGEN Alatan",
        f"审核人：{COLLEAGUE}    推荐人：苏和巴特尔",
        "Reviewer: Bagen Eerdun",
    ]
    for i, line in enumerate(lines):
        page.insert_text((50, 80 + 26 * i), line, fontname="china-s", fontsize=12)
    doc.save(path)


@pytest.mark.issue(10)
def test_dotted_name_removed_in_every_spelling_and_colleague_kept(text_pipeline, tmp_path):
    src = tmp_path / "paper.pdf"
    _paper(src)
    outcome = text_pipeline.run(str(src), profile_from_mapping(PROFILE), str(tmp_path / "out"), "paper")
    assert outcome.ok
    with pymupdf.open(outcome.output_pdf) as out:
        text = out[0].get_text()
    flat = compact(text).lower()
    for gone in ("阿拉坦", "alatan"):
        assert gone not in flat, gone
    assert COLLEAGUE in text and "Bagen Eerdun" in text and "苏和巴特尔" in text


@pytest.mark.issue(11)
def test_verify_finds_a_latin_spelling_of_a_dotted_name(tmp_path):
    from redactor.verify import verify_pdf

    src = tmp_path / "left.pdf"
    doc = pymupdf.open()
    doc.new_page().insert_text((50, 80), "Authors: Bagen Alatan, Wurina", fontsize=12)
    doc.save(src)
    report = verify_pdf(str(src), profile_from_mapping(PROFILE))
    assert not report.passed
    assert any(h.category == "name" for h in report.failures), report
