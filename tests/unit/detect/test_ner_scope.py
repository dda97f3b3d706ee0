"""Issue #14: LAC reads only the text chunks that hold a candidate of the applicant's data
(``detect.ner_scope``), whole pages where a photo or a code waits for its owner, and gives the
same words and entities there as a whole-page run."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

import numpy as np
import pymupdf
import pytest

from redactor.context import RunContext
from redactor.detect import Detector
from redactor.detect.analyzer import LANG
from redactor.detect.ner_scope import key_spans, lac_artifacts
from redactor.ingest import load_document
from redactor.model import BBox, Finding, Raster
from tests.synth import APPLICANT

FILLER = "本研究针对复杂工况下的结构健康监测问题，提出了一种基于多源数据融合的损伤识别方法。"
COLLEAGUE = "赵志刚"


def _document(cfg, tmp: str, pages: list[list[str]]):  # noqa: ANN001, ANN202
    doc = pymupdf.open()
    for lines in pages:
        page = doc.new_page(width=595, height=842)
        for j, text in enumerate(lines):
            page.insert_text((40, 50 + 18 * j), text, fontname="china-s", fontsize=10)
    path = Path(tmp) / "in.pdf"
    doc.save(path)
    return load_document(str(path), RunContext(cfg, tmp, "t"), None, rasters=False)


def _pages() -> list[list[str]]:
    # page 1: nobody's but a colleague's name; page 2: the applicant's name in the 3rd chunk of
    # many lines; page 3: the applicant's name inside a longer name (a boundary for LAC to judge)
    long_page = [FILLER] * 30
    long_page[25] = f"项目负责人：{APPLICANT.name}，高级工程师。"
    return [[f"审核人：{COLLEAGUE}", FILLER, FILLER], long_page, [f"合作者：{APPLICANT.name}华、{COLLEAGUE}"]]


class _Spy:
    """Records the texts LAC is run on (the spaCy component's ``words``)."""

    def __init__(self, detector: Detector, monkeypatch: pytest.MonkeyPatch) -> None:
        self.texts: list[str] = []
        comp = detector.text.nlp_engine.nlp[LANG].get_pipe("lac_ner")
        orig = comp.words

        def words(text: str):  # noqa: ANN202
            self.texts.append(text)
            return orig(text)

        monkeypatch.setattr(comp, "words", words)


def test_lac_reads_only_the_chunks_with_the_applicants_candidates(text_cfg, applicant_profile, monkeypatch):
    det = Detector(text_cfg, regions=False)
    spy = _Spy(det, monkeypatch)
    with tempfile.TemporaryDirectory() as tmp:
        doc = _document(text_cfg, tmp, _pages())
        findings = det.detect(doc, applicant_profile)
    assert len(spy.texts) == 2                                                  # page 1 not read at all
    assert APPLICANT.name in spy.texts[0] and spy.texts[0].count(FILLER) < 20   # one chunk of page 2
    assert f"{APPLICANT.name}华" in spy.texts[1]                                # page 3
    # the decisions LAC serves are still made: the own name on page 2, the boundary on page 3
    own = [f for f in findings if f.recognizer == "applicant_value.v1" and f.entity_type == "PERSON"]
    assert any(f.page == 2 and not f.explain("boundary") for f in own)
    assert not any(f.page == 3 and not f.explain("boundary") for f in own)
    assert any(f.page == 3 and f.recognizer == "lac_ner.v1" and f.text == f"{APPLICANT.name}华" for f in findings)
    # the colleague beside the boundary case is listed (page 3 was read); page 1's is not
    ner = [f for f in findings if f.recognizer == "lac_ner.v1" and f.text.strip() == COLLEAGUE]
    assert [f.page for f in ner] == [3]


def test_ner_scope_page_reads_every_page(text_cfg, applicant_profile, monkeypatch):
    cfg = text_cfg.model_copy(update={"detect": text_cfg.detect.model_copy(update={"ner_scope": "page"})})
    det = Detector(cfg, regions=False)
    spy = _Spy(det, monkeypatch)
    with tempfile.TemporaryDirectory() as tmp:
        findings = det.detect(_document(cfg, tmp, _pages()), applicant_profile)
    assert COLLEAGUE in spy.texts[0]
    assert sorted(f.page for f in findings if f.recognizer == "lac_ner.v1" and f.text.strip() == COLLEAGUE) == [1, 3]


class _PortraitDetector:
    """A region detector that finds a portrait on every page it is given."""

    def detect(self, page, ocr):  # noqa: ANN001, ANN201
        return [Finding(page=page.number, entity_type="PORTRAIT", boxes=(BBox(400, 30, 480, 130),),
                        recognizer="test_portrait", score=1.0)]


def test_a_page_with_a_portrait_is_read_whole(text_cfg, applicant_profile, monkeypatch):
    """Whose portrait it is depends on the names beside it (policy.photo_owner): LAC reads them."""
    det = Detector(text_cfg, regions=False)
    det.regions = [_PortraitDetector()]
    spy = _Spy(det, monkeypatch)
    with tempfile.TemporaryDirectory() as tmp:
        doc = _document(text_cfg, tmp, [[f"作者：{COLLEAGUE}", FILLER]])
        pixels = np.full((842, 595, 3), 255, np.uint8)
        doc = replace(doc, pages=tuple(replace(p, raster=Raster(pixels)) for p in doc.pages))
        findings = det.detect(doc, applicant_profile)
    assert COLLEAGUE in "".join(spy.texts)
    assert any(f.recognizer == "lac_ner.v1" and f.text.strip() == COLLEAGUE for f in findings)


def test_whole_text_artifacts_give_presidios_results(detector):
    """The artifacts built without spaCy's lemmas give every recogniser what process_text gave."""
    text = (f"申请人：{APPLICANT.name}\n工作单位：包头钢铁（集团）有限责任公司\n"
            f"合作者：{COLLEAGUE}、李明华（内蒙古科技大学）\n联系电话：13912345678\n" + FILLER * 20)
    ta = detector.text

    def key(results):  # noqa: ANN001, ANN202
        return sorted((r.entity_type, r.start, r.end, round(r.score, 4)) for r in results)

    old = ta.engine.analyze(text=text, language=LANG, nlp_artifacts=ta.nlp_engine.process_text(text, LANG),
                            score_threshold=0.0)
    new = ta.engine.analyze(text=text, language=LANG, nlp_artifacts=lac_artifacts(ta.nlp_engine.nlp[LANG], text),
                            score_threshold=0.0)
    assert key(new) == key(old) and any(r.entity_type == "PERSON" for r in new)
    assert (lac_artifacts(ta.nlp_engine.nlp[LANG], text).tokens.user_data["lac_words"]
            == ta.nlp_engine.process_text(text, LANG).tokens.user_data["lac_words"])


def test_key_spans_see_a_name_in_compatibility_ideographs():
    """梁 drawn as U+F97A (a Noto CJK text layer): an NER span over it equals the applicant's name
    once compacted, so its chunk must be read."""
    text = "第一作者：\uf97a 怡怡，女"
    assert key_spans(text, ["梁怡怡"]) == [(5, 9)]
    assert key_spans(text, ["王淑珺"]) == []
