"""The leak zoo's seal channel on a greyscale and a black-and-white scan (issue 11).

A photocopied or greyscale-scanned dossier prints the employer's red seal as a
grey (or, thresholded, black) ring: no stamp-pad colour is left.  Detection finds
such seals by shape; verification must too, with its own code, or a seal that
detection missed on such a scan would pass the gate unseen.  Each leaky page
keeps the applicant's employer seal; its clean twins keep another
organisation's grey seal, or a plain grey circle, or have the seal painted away.
Synthetic people only.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import cv2
import numpy as np
import pymupdf
import pytest
from typer.testing import CliRunner

from redactor.cli import app
from tests.synth import APPLICANT
from tests.pages import draw_seal, draw_text

OTHER_ORG = "呼和浩特市第一中学"
SEAL_AT, SEAL_R = (400.0, 560.0), 62.0

runner = CliRunner()


def _form(seal_text: str | None, circle: bool = False, oval: bool = False) -> pymupdf.Document:
    """A 评审表-like page: a few lines of print, the unit's opinion row and (optionally) a red seal
    (``oval``: the corpus' 1.5 : 1 oval seal, a thin ring with the date stamped across it)."""
    doc = pymupdf.open()
    p = doc.new_page(width=595, height=842)
    draw_text(p, 200, 80, "专业技术职务任职资格评审表", size=16)
    for i, line in enumerate(("申报人基本情况已核实，材料真实有效。", "该同志工作认真负责，业绩突出。",
                              "经单位研究，同意推荐申报高级工程师资格。")):
        draw_text(p, 70, 180 + 30 * i, line)
    p.draw_rect(pymupdf.Rect(50, 480, 545, 650), color=(0, 0, 0), width=0.8)
    draw_text(p, 60, 520, "单位意见：")
    draw_text(p, 360, 630, "二〇二四年六月十七日")
    if seal_text is not None and oval:
        from benchmarks.corpus.styles import SealStyle, seal_png_styled

        png, (fx, _), (iw, ih) = seal_png_styled(seal_text, "技术中心", SealStyle("oval", 1, True, ink="red"),
                                                 random.Random(5), 8.0)
        w, (x, y) = 2 * SEAL_R / fx, SEAL_AT
        p.insert_image(pymupdf.Rect(x - w / 2, y - w * ih / iw / 2, x + w / 2, y + w * ih / iw / 2), stream=png)
    elif seal_text is not None:
        draw_seal(p, SEAL_AT, SEAL_R, seal_text)
    if circle:           # a round grey mark without text (a logo's ring, a hole punch's guide)
        p.draw_circle(pymupdf.Point(*SEAL_AT), SEAL_R - 2, color=(0.85, 0.08, 0.1), width=4)
    return doc


def _scan(doc: pymupdf.Document, path: Path, bw: bool = False, paint: bool = False) -> Path:
    """The page as a greyscale (``bw``: black-and-white) scan: one full-page JPEG/PNG, no text layer.
    ``paint``: the seal painted white first (a redaction that removed it)."""
    from benchmarks.corpus.render import scanned

    if paint:
        x, y = SEAL_AT
        doc[0].draw_rect(pymupdf.Rect(x - SEAL_R - 4, y - SEAL_R - 4, x + SEAL_R + 4, y + SEAL_R + 4),
                         color=None, fill=(1, 1, 1))
    data = scanned(doc.tobytes(), [], random.Random(4), dpi=200, angle=0.4, quarter_turns=0,
                   grayscale=True, jpeg_quality=80)[0].data
    if bw:              # a fax / photocopier's black-and-white: every pixel black or white
        src = pymupdf.open("pdf", data)
        pix = src[0].get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
        grey = np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width)
        _, binary = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
        ok, png = cv2.imencode(".png", binary)
        assert ok
        out = pymupdf.open()
        page = out.new_page(width=src[0].rect.width, height=src[0].rect.height)
        page.insert_image(page.rect, stream=png.tobytes())
        data = out.tobytes()
    path.write_bytes(data)
    return path


def _verify(path: Path, profile: Path) -> tuple[int, list[dict]]:
    result = runner.invoke(app, ["verify", str(path), "--profile", str(profile), "--json"])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)["leaks"]


@pytest.mark.issue(11)
@pytest.mark.parametrize(("bw", "oval"), [(False, False), (True, False), (False, True)],
                         ids=["grey_round", "black_white_round", "grey_oval"])
def test_the_employers_seal_on_a_greyscale_scan_fails_verify(tmp_path, profile_file, bw, oval):
    """(A black-and-white oval is left out: the threshold erases its thin ring text, nothing is readable.)"""
    path = _scan(_form(APPLICANT.employer, oval=oval), tmp_path / "seal_scan.pdf", bw=bw)
    code, leaks = _verify(path, profile_file)
    assert code == 1
    seal = [lk for lk in leaks if lk["channel"] == "seal" and lk["severity"] == "leak"]
    assert seal and {lk["category"] for lk in seal} == {"employer"}, leaks
    b = seal[0]["bbox"]
    assert abs((b[0] + b[2]) / 2 - SEAL_AT[0]) < 20 and abs((b[1] + b[3]) / 2 - SEAL_AT[1]) < 20


TWINS = [(bw, twin) for bw in (False, True) for twin in ("other_org", "other_oval", "plain_circle", "painted")
         if (bw, twin) != (True, "other_oval")]


@pytest.mark.issue(11)
@pytest.mark.parametrize(("bw", "twin"), TWINS, ids=[("black_white-" if b else "grey-") + t for b, t in TWINS])
def test_its_clean_twins_pass(tmp_path, profile_file, bw, twin):
    """(No black-and-white oval: its ring text is erased, so it is an unread stamp in the unit's
    单位意见 row -- "an unread stamp at the employer's place", a leak by design, whoever's it was.)"""
    doc = {"other_org": lambda: _form(OTHER_ORG), "other_oval": lambda: _form(OTHER_ORG, oval=True),
           "plain_circle": lambda: _form(None, circle=True),
           "painted": lambda: _form(APPLICANT.employer)}[twin]()
    path = _scan(doc, tmp_path / "twin.pdf", bw=bw, paint=twin == "painted")
    code, leaks = _verify(path, profile_file)
    assert code == 0, [lk for lk in leaks if lk["severity"] == "leak"]
