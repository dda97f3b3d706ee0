"""A scan's invisible OCR layer holds the employer twice (a paper's two affiliations); our OCR read it at one
of them only.  The hidden copy beside our reading goes as text only (our box covers its pixels); the copy at
the other affiliation is boxed itself -- a reading elsewhere on the page covers none of its pixels (issue 41,
seed 83617: such a copy was removed from the text and its pixels stayed legible).  Synthetic, fake names."""

from __future__ import annotations

import json

import numpy as np
import pymupdf

from redactor.config import RedactConfig
from redactor.model import Action, BBox, Decision, Finding, RedactionPlan
from redactor.redact import apply_plan

EMPLOYER = "鄂尔多斯市第三中学"
FIRST = (72, 130)       # baseline of the first affiliation, where our OCR read the employer
SECOND = (72, 400)      # the second affiliation: only the hidden layer has it
SIZE = 10.0


def _scan(path: str) -> None:
    """A 150-dpi picture of the two affiliations with an invisible text layer (render mode 3) over it."""
    src = pymupdf.open()
    sp = src.new_page(width=595, height=842)
    for x, y in (FIRST, SECOND):
        sp.insert_text((x, y), EMPLOYER, fontname="china-s", fontsize=SIZE)
    png = sp.get_pixmap(dpi=150).tobytes("png")
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_image(page.rect, stream=png)
    for x, y in (FIRST, SECOND):
        page.insert_text((x, y), EMPLOYER, fontname="china-s", fontsize=SIZE, render_mode=3)
    doc.save(path)


def _line(baseline: tuple[float, float]) -> BBox:
    x, y = baseline
    return BBox(x, y - SIZE, x + SIZE * len(EMPLOYER), y + 2)


def _decision(box: BBox, source: str) -> Decision:
    f = Finding(page=1, entity_type="ORGANIZATION", boxes=(box,), recognizer="applicant_value.v1", score=1.0,
                text=EMPLOYER, start=0, end=len(EMPLOYER), explanation=(("source", source),))
    return Decision(f, Action.REDACT, "own.employer", "test", profile_field="employers")


def _ink(page: pymupdf.Page, box: BBox) -> float:
    """Share of the line's pixels that still differ from both paper and box (legible strokes)."""
    pix = page.get_pixmap(dpi=150, clip=pymupdf.Rect(*box.as_tuple()), colorspace=pymupdf.csGRAY)
    a = np.frombuffer(pix.samples, np.uint8)
    black_box = (a < 30).mean()
    return 0.0 if black_box > 0.9 else float(((a > 30) & (a < 200)).mean() + (a <= 30).mean())


def test_the_copy_at_an_affiliation_our_ocr_did_not_read_is_boxed(tmp_path):
    src, out = str(tmp_path / "paper.pdf"), str(tmp_path / "out.pdf")
    _scan(src)
    first, second = _line(FIRST), _line(SECOND)
    with pymupdf.open(src) as before:
        assert _ink(before[0], second) > 0.05            # the second affiliation is legible in the input
    plan = RedactionPlan("paper.pdf", (
        _decision(BBox(first.x0 - 1, first.y0 - 2, first.x1 + 1, first.y1 + 1), "ocr"),
        _decision(first, "hidden_layer"),
        _decision(second, "hidden_layer"),
    ))
    apply_plan(plan, src, out, RedactConfig())
    with pymupdf.open(out) as done:
        page = done[0]
        assert EMPLOYER not in page.get_text().replace("\n", "")
        assert _ink(page, first) == 0.0
        assert _ink(page, second) == 0.0                  # failed before: text gone, pixels legible


def test_the_audit_says_which_removals_painted_nothing(tmp_path, text_pipeline):
    """The whole pipeline on the scan: our OCR reads the employer at both affiliations and boxes them; the hidden
    layer's copies beside those readings go as text only, and the audit marks exactly those ``painted: false``
    (a scorer or reviewer counting painted area must not count them)."""
    from redactor.config import profile_from_mapping
    from tests.synth import APPLICANT

    src = str(tmp_path / "paper.pdf")
    _scan(src)
    profile = profile_from_mapping({**APPLICANT.profile(), "employers": [EMPLOYER]})
    outcome = text_pipeline.run(src, profile, str(tmp_path / "out"), "paper")
    assert outcome.ok
    with pymupdf.open(outcome.output_pdf) as done:
        page = done[0]
        assert EMPLOYER not in page.get_text().replace("\n", "")
        assert _ink(page, _line(FIRST)) == 0.0 and _ink(page, _line(SECOND)) == 0.0
    audit = json.loads(open(outcome.audit_json, encoding="utf-8").read())
    employer = [r for r in audit["redactions"] if r["category"] == "employer"]
    unpainted = [r for r in employer if r.get("painted") is False]
    painted = [r for r in employer if "painted" not in r]
    assert unpainted and all(r["source"] == "hidden_layer" for r in unpainted), employer
    assert {r["source"] for r in painted} == {"ocr"}, employer
    for r in unpainted:          # each copy's pixels lie under a painted box of our own reading
        x0, y0, x1, y1 = r["bbox"]
        assert any(b[0] < x1 and x0 < b[2] and b[1] < y1 and y0 < b[3] for p in painted for b in p["boxes"])
