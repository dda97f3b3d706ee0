"""The OCR cascade (``ocr.rec_cascade``): the tiny recogniser reads every line, the full one again where the line
could hold the applicant's data (their name's or employer's characters, an ID- or phone-length run of digits,
their pinyin or e-mail, a doubtful reading).  Every value of the applicant's is then read by the full model,
exactly as without the cascade; prose is read by the tiny one.  Fake values only."""

from __future__ import annotations

import pytest

from redactor.ingest.ocr.watch import watch_for
from redactor.model import ApplicantProfile

PROFILE = ApplicantProfile(name="王淑珺", id_number="150203198508287647", phones=("13912345678",),
                           employers=("包头钢铁（集团）有限责任公司", "包钢"), emails=("wangsj@btsteel.com",))


def test_the_watch_holds_the_applicants_characters_and_latin_pieces_only():
    w = watch_for(PROFILE)
    assert {"王", "淑", "珺", "钢", "铁"} <= w.chars
    assert not {"有", "限", "公", "司"} & w.chars            # the legal form is every company's
    assert {"wang", "shujun", "btsteel"} <= w.latin and "com" not in w.latin


@pytest.mark.parametrize("line, again", [
    ("本人承诺所填材料真实有效，如有不实，愿承担相应责任。", False),
    ("主要从事连铸坯表面缺陷识别方法研究", False),
    ("申报人 王淑珺", True),                       # the name
    ("工作单位 包头钢铁（集团）有限责任公司", True),   # the employer
    ("身份证号 150203198508287647", True),         # an ID-length run of digits
    ("联系电话 139 1234 5678", True),              # spaced phone
    ("E-mail: wangsj@btsteel.com", True),
    ("Wang Shujun, Zhang Wei", True),              # pinyin
    ("2024年6月15日", False),                       # a date is no ID
    ("推荐人签名", True),                           # a label that says whose signature is beside it
    ("推停人签名", True),                           # ... as tiny read it on a thresholded scan, at 0.955
    ("律核人", True),                               # 审核人 with one character misread
    ("单位（盖章）", True),                          # the employer's seal goes here
    ("照片", True),
    ("本人从事冶金工艺研究十余年", False),           # 本人 labels only with a verb (本人签字)
])
def test_which_lines_are_read_again(line, again):
    assert watch_for(PROFILE).needs_second_reading(line, 0.99) is again


def test_a_doubtful_reading_is_read_again():
    assert watch_for(PROFILE).needs_second_reading("主要从事连铸坯表面缺陷识别方法研究", 0.6)


def test_the_watch_fingerprint_changes_with_the_applicant():
    other = ApplicantProfile(name="李明", employers=("内蒙古科技大学",))
    assert watch_for(PROFILE).fingerprint != watch_for(other).fingerprint
    assert watch_for(PROFILE).fingerprint == watch_for(PROFILE).fingerprint


@pytest.mark.models
def test_the_applicants_lines_read_as_the_full_model_reads_them():
    import pymupdf

    from redactor.config import OcrConfig
    from redactor.ingest.images import render_page
    from redactor.ingest.ocr.rapidocr_engine import RapidOcrEngine
    from tests.pages import draw_text

    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    lines = ["专业技术资格评审表", "申报人 王淑珺", "身份证号 150203198508287647", "工作单位 包头钢铁（集团）有限责任公司",
             "本人承诺所填材料真实有效如有不实愿承担相应责任", "主要从事连铸坯表面缺陷识别方法研究工作多年"]
    lines += ["近五年来参与完成多项重点课题研究", "相关成果已在生产中推广应用效果良好", "指导青年技术人员开展技术攻关",
              "参加继续教育培训并取得合格证书", "积极参与行业标准的编制与修订工作", "取得了良好的经济效益和社会效益"]
    # (the orientation probe reads the eight longest lines in full: a page needs more for the cascade to show)
    for i, t in enumerate(lines):
        draw_text(page, 60, 80 + 30 * i, t, size=12)
    raster = render_page(doc[0], 200)
    full = RapidOcrEngine(OcrConfig(rec_batch_num=1))
    fast = RapidOcrEngine(OcrConfig(rec_batch_num=1, rec_cascade=True))
    watch = watch_for(PROFILE)
    by_full = {ln.text: ln for ln in full.recognize(raster)}
    got = fast.watching(watch).recognize(raster)
    stats = fast.last_stats
    assert stats.first_read >= 4 and 0 < stats.read_again < stats.first_read       # prose stayed with tiny
    for ln in got:
        if watch.needs_second_reading(ln.text, 1.0):
            assert ln.text in by_full                           # the applicant's lines: the full model's reading
    texts = "".join(ln.text for ln in got)
    assert "王淑珺" in texts and "150203198508287647" in texts and "包头钢铁" in texts
