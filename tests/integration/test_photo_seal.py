"""A certificate's issuing authority stamps over the corner of the holder's photo (issue #10,
资格证书): by default the whole photo goes, neck and clothes under the seal too (a phone photo of
the development corpus); with ``policy.seal_over_photo: spare_seal`` the applicant's photo goes --
no face left -- while the authority's seal, kept by policy, keeps its ink over the photo too;
born-digital and scanned.  And ``verify`` still reports a face left inside a photo whose box was
cut around a seal.

The portrait and the seal are drawn by the corpus generator (``benchmarks.corpus``); outcomes are
judged on the output's pixels.  Synthetic names only.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import cv2
import numpy as np
import pymupdf
import pytest

from tests.integration.test_oval_seals import _scan
from tests.synth import APPLICANT

pytestmark = pytest.mark.models

AUTHORITY = "内蒙古自治区人力资源和社会保障厅"
PHOTO = (70.0, 120.0, 169.2, 258.9)          # a 2-inch photo
SEAL_D = 76.0
SEAL_C = (PHOTO[2], PHOTO[3] - 6)            # centred on the photo's lower right corner


def _certificate() -> bytes:
    from benchmarks.corpus.styles import SealStyle, portrait_variant, seal_png_styled

    rng = random.Random(3)
    doc = pymupdf.open()
    p = doc.new_page(width=842, height=595)
    p.insert_text((330, 80), "专业技术资格证书", fontname="china-s", fontsize=28)
    data, _ = portrait_variant(rng, 220, style="grey")          # no blue but the seal's
    p.insert_image(pymupdf.Rect(*PHOTO), stream=data)
    png, (fx, fy), (iw, ih) = seal_png_styled(AUTHORITY, "", SealStyle("round", 1, True, ink="blue"), rng, 0.0)
    w = SEAL_D / fx
    h = w * ih / iw
    cx, cy = SEAL_C
    p.insert_image(pymupdf.Rect(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), stream=png)
    rows = [("姓名  ", APPLICANT.name), ("身份证号  ", APPLICANT.id_number), ("工作单位  ", APPLICANT.employer),
            ("资格名称  ", "高级工程师")]
    for i, (label, value) in enumerate(rows):
        p.insert_text((260, 140 + 34 * i), label + value, fontname="china-s", fontsize=13)
    p.insert_text((520, 480), AUTHORITY, fontname="china-s", fontsize=12)
    return doc.tobytes()


def _pixels(pdf: str, rect) -> np.ndarray:
    with pymupdf.open(pdf) as doc:
        pix = doc[0].get_pixmap(dpi=150, clip=pymupdf.Rect(rect))
        return np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width, pix.n)[:, :, :3].copy()


def _blue_ink(pdf: str, rect) -> int:
    hsv = cv2.cvtColor(_pixels(pdf, rect), cv2.COLOR_RGB2HSV)
    return int(((hsv[:, :, 0] >= 100) & (hsv[:, :, 0] < 140) & (hsv[:, :, 1] >= 60) & (hsv[:, :, 2] >= 50)).sum())


def _faces(pdf: str, rect) -> int:
    grey = cv2.cvtColor(_pixels(pdf, rect), cv2.COLOR_RGB2GRAY)
    cascade = cv2.CascadeClassifier(cv2.data.haarcascades + "haarcascade_frontalface_alt2.xml")
    return len(cascade.detectMultiScale(grey, scaleFactor=1.1, minNeighbors=4, minSize=(30, 30)))


# the part of the seal over the photo: its upper left quarter
SEAL_ON_PHOTO = (SEAL_C[0] - SEAL_D / 2, SEAL_C[1] - SEAL_D / 2, PHOTO[2], PHOTO[3])


@pytest.fixture(scope="module")
def certificate() -> bytes:
    return _certificate()


@pytest.fixture(scope="module")
def spare_pipeline(cfg):
    from redactor.pipeline import Pipeline

    return Pipeline(cfg.model_copy(update={"policy": cfg.policy.model_copy(update={"seal_over_photo": "spare_seal"})}))


@pytest.mark.issue(10)
def test_phone_photo_portrait_goes_whole_under_the_authoritys_seal(tmp_path, region_pipeline):
    """Dev seed 8's photographed landscape certificate: the authority's seal over the photo's corner
    no longer opens the photo -- its neck, shoulders and clothes showed under the ring -- while the
    printed labels and values beside the photo and the rest of the seal stay."""
    from benchmarks.corpus import generate_dossier
    from redactor.config import profile_from_mapping

    dossier = generate_dossier(8, 0, paths=("phone_photo",), doc_types=["zige_landscape"], name_in_filename=False)
    f = next(f for f in dossier.files if f.path == "phone_photo")
    src = tmp_path / "photo.jpg"
    src.write_bytes(f.data)
    photo = next(i for i in f.instances if i["category"] == "photo" and i["owner"] == "applicant")
    seal = next(i for i in f.instances if i["category"] == "seal" and _overlap(i["bbox"], photo["bbox"]))
    outcome = region_pipeline.run(str(src), profile_from_mapping(dossier.profile), str(tmp_path / "out"), "photo")
    audit = json.loads(Path(outcome.audit_json).read_text(encoding="utf-8"))
    x0, y0, x1, y1 = photo["bbox"]
    boxes = [b for r in audit["redactions"] if r["category"] == "photo" for b in r["boxes"]]
    assert _painted((x0 + 1, y0 + 1, x1 - 1, y1 - 1), boxes) >= 0.99   # the whole photo, not a cut one
    grey = cv2.cvtColor(_pixels(outcome.output_pdf, (x0 + 1, y0 + 1, x1 - 1, y1 - 1)), cv2.COLOR_RGB2GRAY)
    assert (grey < 40).mean() >= 0.98                                  # and it is painted
    hull = pymupdf.Rect(boxes[0])
    for b in boxes[1:]:
        hull |= pymupdf.Rect(b)
    assert hull.x0 > x0 - 8 and hull.y0 > y0 - 8 and hull.x1 < x1 + 8 and hull.y1 < y1 + 8, hull   # the photo only
    for other in (i for i in f.instances if i["owner"] == "other"):
        share = _share(other["bbox"], boxes)
        assert share < (0.5 if other["category"] == "seal" else 0.05), (other["id"], share)
    assert _share(seal["bbox"], boxes) > 0.05, "premise: the seal lies over the photo"
    assert audit["verification"]["passed"]


def _painted(rect, boxes, step: float = 0.5) -> float:
    """Share of ``rect`` under the union of ``boxes`` (sampled every ``step`` pt)."""
    x0, y0, x1, y1 = rect
    xs, ys = np.arange(x0, x1, step), np.arange(y0, y1, step)
    gx, gy = np.meshgrid(xs, ys)
    under = np.zeros(gx.shape, bool)
    for b in boxes:
        under |= (gx >= b[0]) & (gx <= b[2]) & (gy >= b[1]) & (gy <= b[3])
    return float(under.mean())


def _overlap(a, b) -> bool:
    return not (pymupdf.Rect(a) & pymupdf.Rect(b)).is_empty


def _share(box, boxes) -> float:
    r = pymupdf.Rect(box)
    return sum((r & pymupdf.Rect(b)).get_area() for b in boxes) / max(r.get_area(), 1e-6)


@pytest.mark.issue(10)
@pytest.mark.parametrize("path", ["born_digital", "scanned"])
def test_authority_seal_over_the_photos_corner_survives_the_photos_removal(path, certificate, tmp_path,
                                                                            spare_pipeline, applicant_profile):
    src = tmp_path / "input.pdf"
    src.write_bytes(certificate if path == "born_digital" else _scan(certificate))
    before = _blue_ink(str(src), SEAL_ON_PHOTO)
    assert before > 150 and _faces(str(src), PHOTO) >= 1, "premise: seal ink over the photo, a face in it"
    outcome = spare_pipeline.run(str(src), applicant_profile, str(tmp_path / "out"), "cert")
    audit = json.loads(Path(outcome.audit_json).read_text(encoding="utf-8"))
    photos = [r for r in audit["redactions"] if r["category"] == "photo"]
    assert photos, audit["redactions"]
    assert not any(r["category"] == "seal" for r in audit["redactions"]), "the authority's seal is kept"
    assert _faces(outcome.output_pdf, PHOTO) == 0                   # the portrait is gone
    assert audit["verification"]["passed"]
    after = _blue_ink(outcome.output_pdf, SEAL_ON_PHOTO)
    assert after >= 0.7 * before, (before, after, [p["reason"] for p in photos])   # the seal's ink over the photo stays


@pytest.mark.issue(10)
def test_verify_finds_a_face_left_inside_a_photo_cut_around_a_seal(certificate, tmp_path, region_pipeline,
                                                                   applicant_profile):
    """A cut that wrongly left the face: only a frame round the photo was painted."""
    from redactor.model import Action, BBox, Decision, Finding, RedactionPlan
    from redactor.ownership.records import from_plan

    x0, y0, x1, y1 = PHOTO
    pieces = (BBox(x0, y0, x1, y0 + 6), BBox(x0, y0 + 6, x0 + 6, y1), BBox(x1 - 6, y0 + 6, x1, y1),
              BBox(x0 + 6, y1 - 6, x1 - 6, y1))
    doc = pymupdf.open(stream=certificate, filetype="pdf")
    for b in pieces:
        doc[0].add_redact_annot(pymupdf.Rect(*b.as_tuple()), fill=(0, 0, 0))
    doc[0].apply_redactions()
    leaky = tmp_path / "leaky.pdf"
    doc.save(leaky)
    photo = Finding(page=1, entity_type="PORTRAIT", boxes=pieces, recognizer="portrait.v1", score=0.9)
    plan = RedactionPlan(source="x", decisions=(Decision(photo, Action.REDACT, "own.photo.portrait", "test"),))
    report = region_pipeline.verify(str(leaky), applicant_profile, records=from_plan(plan), use_ocr=False)
    assert any(lk.where == "face" and lk.severity == "leak" for lk in report.leaks), report.leaks
