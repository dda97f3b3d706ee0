"""Issue #14: verification locates PDFium's characters only where a needle could be, and finds
every leak it found when it located them all; ingest tells redaction whether any text is hidden."""

from __future__ import annotations

from pathlib import Path

import pymupdf

from redactor.ingest.pdf import read_text_layer
from redactor.verify import needles_for
from redactor.verify.pdfium_reader import open_pdf, read_pages
from redactor.verify.text_layer import needle_possible, text_layer_leaks
from tests.synth import APPLICANT

FILLER = "本研究针对复杂工况下的结构健康监测问题，提出了一种基于多源数据融合的损伤识别方法。"


def _pdf(path: Path, applicant_profile) -> Path:  # noqa: ANN001
    doc = pymupdf.open()
    plain = doc.new_page()
    for j in range(20):
        plain.insert_text((40, 50 + 18 * j), FILLER, fontname="china-s", fontsize=10)
    scattered = doc.new_page()      # the name's characters drawn right to left: only reading order finds it
    name = APPLICANT.name
    for k in reversed(range(len(name))):
        scattered.insert_text((100 + 11 * k, 100), name[k], fontname="china-s", fontsize=11)
    scattered.insert_text((40, 140), FILLER, fontname="china-s", fontsize=10)
    hidden = doc.new_page()         # the phone in an invisible layer
    hidden.insert_text((40, 100), f"电话 {APPLICANT.mobile}", fontname="china-s", fontsize=10, render_mode=3)
    doc.save(path)
    return path


def test_needle_possible_wants_every_character_of_a_needle(applicant_profile):
    test = needle_possible(needles_for(applicant_profile))
    assert test(FILLER) is False
    assert test(FILLER + APPLICANT.name[::-1]) is True          # any order
    assert test(FILLER + APPLICANT.name[:-1]) is False


def test_lazy_boxes_find_the_same_leaks(tmp_path, applicant_profile):
    pdf_path = _pdf(tmp_path / "v.pdf", applicant_profile)
    needles = needles_for(applicant_profile)
    with open_pdf(str(pdf_path)) as pdf:
        every = read_pages(pdf)
        lazy = read_pages(pdf, needle_possible(needles))
    assert all(c.bbox is None for c in lazy[0].chars)          # nothing to place on the plain page
    assert [c.c for c in lazy[0].chars] == [c.c for c in every[0].chars]
    assert lazy[1].chars == every[1].chars and lazy[2].chars == every[2].chars
    found = [[(lk.category, lk.where, lk.page, lk.bbox) for lk in text_layer_leaks(p, needles)] for p in lazy]
    assert found == [[(lk.category, lk.where, lk.page, lk.bbox) for lk in text_layer_leaks(p, needles)] for p in every]
    assert found[0] == [] and any(c == "name" for c, *_ in found[1]) and any(c == "phone" for c, *_ in found[2])


def test_ingest_knows_which_pages_hide_text(tmp_path, applicant_profile):
    pdf_path = _pdf(tmp_path / "i.pdf", applicant_profile)
    with pymupdf.open(pdf_path) as doc:
        flags = [read_text_layer(page)[2] for page in doc]
    assert flags == [False, False, True]
