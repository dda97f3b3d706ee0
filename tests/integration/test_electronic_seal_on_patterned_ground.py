"""An electronic seal: a light stamp placed as a picture with its own transparency over a certificate printed
on a patterned ground.  On the page's rendering (a scan-like ground makes the page one to OCR, its rendering
resampled for the region search) no ring is found (realdocs2 R24: the employer's seal on its own honour
certificate, only the line under it removed).  Ingest renders such a picture alone, on white (``ImagePlacement.own``), and the seal search looks
there too: the employer's seal goes, another body's beside it stays.  Checked on the output: the employer's
seal's pixels are painted, the other body's picture is untouched.  Synthetic organisations only."""

from __future__ import annotations

import json
import numpy as np
import pymupdf
import pytest

from redactor.config import load_config, profile_from_mapping
from redactor.pipeline import Pipeline
from tests.pages import FONT, draw_seal

pytestmark = pytest.mark.models

EMPLOYER = "内蒙古示例新材料科技有限公司"
ISSUER = "呼和浩特市示例行业协会"
PROFILE = {"name": "乌兰其其格", "id_number": "", "phones": [], "employers": [EMPLOYER]}


def _ground_png(w: int, h: int) -> bytes:
    """A certificate's ground: red and gold guilloche-like waves and dots over cream paper."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    waves = (np.sin(xx / 7.0 + 3 * np.sin(yy / 23.0)) + np.sin(yy / 5.0 + 2 * np.cos(xx / 31.0))) > 0.6
    dots = ((xx % 9) < 3) & ((yy % 9) < 3)
    px = np.empty((h, w, 3), np.uint8)
    px[:] = (250, 238, 215)
    px[waves] = (214, 60, 52)
    px[dots & ~waves] = (226, 178, 70)
    pix = pymupdf.Pixmap(pymupdf.csRGB, w, h, px.tobytes(), False)
    return pix.tobytes("png")


def _seal_png(text: str) -> bytes:
    """A stamp as an electronic seal: ring, star and name in light red ink on a transparent background, at
    80 dpi (R24's is 150 px across 132 pt)."""
    doc = pymupdf.open()
    page = doc.new_page(width=130, height=130)
    draw_seal(page, (65, 65), 60, text, opacity=0.6)
    return page.get_pixmap(dpi=80, alpha=True).tobytes("png")


def _certificate(tmp_path) -> str:
    doc = pymupdf.open()
    page = doc.new_page(width=842, height=595)
    page.insert_image(page.rect, stream=_ground_png(420, 297))
    page.insert_text((330, 110), "荣 誉 证 书", fontname=FONT, fontsize=32)
    page.insert_text((150, 200), "乌兰其其格 同志：", fontname=FONT, fontsize=18)
    page.insert_text((190, 250), "在2025年度技术创新工作中表现突出，被评为先进个人。", fontname=FONT, fontsize=16)
    page.insert_text((540, 440), EMPLOYER, fontname=FONT, fontsize=14)
    page.insert_text((560, 465), "二〇二五年十二月", fontname=FONT, fontsize=14)
    page.insert_text((130, 440), ISSUER, fontname=FONT, fontsize=14)
    page.insert_image(pymupdf.Rect(585, 385, 715, 515), stream=_seal_png(EMPLOYER))    # over its name and date
    page.insert_image(pymupdf.Rect(160, 385, 290, 515), stream=_seal_png(ISSUER))
    path = tmp_path / "certificate.pdf"
    doc.save(path)
    return str(path)


def _painted(pdf: str, box: pymupdf.Rect) -> float:
    """Share of the box's inner 70 % rendered black in the output."""
    with pymupdf.open(pdf) as doc:
        inner = pymupdf.Rect(box.x0 + 0.15 * box.width, box.y0 + 0.15 * box.height,
                             box.x1 - 0.15 * box.width, box.y1 - 0.15 * box.height)
        pix = doc[0].get_pixmap(dpi=72, clip=inner)
        px = np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width, pix.n)[:, :, :3]
        return float((px.max(axis=2) < 40).mean())


def test_the_employers_electronic_seal_goes_and_the_issuers_stays(tmp_path):
    src = _certificate(tmp_path)
    pipe = Pipeline(load_config())
    profile = profile_from_mapping(PROFILE)
    outcome = pipe.run(src, profile, str(tmp_path / "out"), "cert")
    assert outcome.ok
    assert _painted(outcome.output_pdf, pymupdf.Rect(585, 385, 715, 515)) > 0.9
    assert _painted(outcome.output_pdf, pymupdf.Rect(160, 385, 290, 515)) < 0.05
    with pymupdf.open(outcome.output_pdf) as out:
        text = out[0].get_text()
    assert EMPLOYER not in text.replace(" ", "") and ISSUER in text.replace(" ", "")
    assert pipe.verify(outcome.output_pdf, profile).passed
    # decided by policy from the seal's reading, not left to the final check's repair (which boxes it wider)
    audit = json.loads(open(outcome.audit_json, encoding="utf-8").read())
    seals = [r for r in audit["redactions"] if r["category"] == "seal"]
    assert seals and all(r["rule"].startswith("own.seal") for r in seals)
    assert not [r for r in audit["repairs"] if r["channel"] == "seal"]
    # nor anything else: 先进个人 at a line's end is an honour, not the applicant's signature label
    assert audit["repairs"] == []


def test_on_the_page_alone_the_seal_is_not_found(tmp_path):
    """The class this guards: without the picture alone, the page's rendering shows no ring there."""
    from redactor.config import RedactorConfig
    from redactor.context import RunContext

    src = _certificate(tmp_path)
    base = load_config()
    cfg = RedactorConfig.model_validate({**base.model_dump(), "ingest": {**base.ingest.model_dump(),
                                                                           "transparent_pictures": False}})
    pipe = Pipeline(cfg)
    a = pipe.analyze(src, profile_from_mapping(PROFILE), RunContext(cfg, str(tmp_path), "x"))
    employer_box = pymupdf.Rect(585, 385, 715, 515)
    seals = [f for f in a.findings if f.entity_type == "SEAL"
             and any(pymupdf.Rect(*b.as_tuple()).intersect(employer_box).get_area() > 0.5 * employer_box.get_area()
                     for b in f.boxes)]
    assert seals == []
