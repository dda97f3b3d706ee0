"""A phone photo of a landscape 资格证书 (issue #10, "others' seals kept"): the issuing authority's
seal stamped over the corner of the holder's photo stays, the holder's photo and signature go.

Two ways it went, both on the corpus generator's own photographs of the certificate (dev seeds,
``benchmarks.corpus``; synthetic people only):

- seed 8: the faint red ring's arc below the photo, just above 持证人签名, was read by verification's
  scan signature channel as the holder's pen strokes; the repair loop painted it away;
- seed 11: the seal's ring text could not be read, and the 工作单位 <employer> line off the stamp's
  corner was taken for "the employer's name beside it": removed as the employer's seal.

Outcomes are judged on the output's pixels: the seal's red ink in its box.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import cv2
import numpy as np
import pymupdf
import pytest

pytestmark = pytest.mark.models


def _photographed_certificate(seed: int):
    """The corpus's phone photo of ``seed``'s zige_landscape (as ``benchmarks.corpus.generate`` makes it)."""
    from benchmarks.corpus import build, make_cast, render
    from redactor.config import profile_from_mapping

    cast = make_cast(seed, 0)
    bd = build("zige_landscape", cast)
    rng = random.Random(f"render:{seed}:0:zige_landscape:phone_photo")
    (rf,) = render("phone_photo", bd.pdf, bd.instance_dicts, rng, pages=[1])
    seal = next(i for i in rf.instances if i["category"] == "seal" and i["id"].endswith("-002"))
    photo = next(i for i in rf.instances if i["category"] == "photo")
    return rf.data, profile_from_mapping(cast.applicant.profile()), seal, photo


def _red_ink(pix_rgb: np.ndarray) -> int:
    rgb = pix_rgb.astype(np.int16)
    return int(((rgb[:, :, 0] - np.maximum(rgb[:, :, 1], rgb[:, :, 2])) >= 25).sum())


def _ink_in(path: str, box, hole=None) -> int:
    """Red ink in ``box`` of the output, leaving out ``hole`` (the photo: policy.seal_over_photo
    removes the whole photo, and the part of the seal over it with it)."""
    doc = pymupdf.open(path)
    pix = doc[0].get_pixmap(dpi=150, clip=pymupdf.Rect(*box))
    rgb = np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width, pix.n)[:, :, :3].copy()
    if hole is not None:
        k = 150 / 72
        u0, v0 = max(0, int((hole[0] - box[0]) * k)), max(0, int((hole[1] - box[1]) * k))
        u1, v1 = max(0, int((hole[2] - box[0]) * k) + 1), max(0, int((hole[3] - box[1]) * k) + 1)
        rgb[v0:v1, u0:u1] = 255
    return _red_ink(rgb)


@pytest.mark.issue(10)
@pytest.mark.parametrize("seed", [8, 11])
def test_authority_seal_over_the_photo_corner_stays_on_a_phone_photo(seed, tmp_path, region_pipeline):
    data, profile, seal, photo = _photographed_certificate(seed)
    src = tmp_path / "zige.jpg"
    src.write_bytes(data)
    img = cv2.cvtColor(cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB)
    x0, y0, x1, y1 = (int(v) for v in seal["bbox_px"])
    px0, py0, px1, py1 = (int(v) for v in photo["bbox_px"])
    img = img.copy()
    img[py0:py1 + 1, px0:px1 + 1] = 255          # the seal's ink off the photo (see _ink_in)
    before = _red_ink(img[y0:y1, x0:x1])
    assert before > 300, "premise: the seal's red ink"
    outcome = region_pipeline.run(str(src), profile, str(tmp_path / "out"), "zige")
    audit = json.loads(Path(outcome.audit_json).read_text(encoding="utf-8"))
    assert audit["verification"]["passed"]
    cats = {r["category"] for r in audit["redactions"]}
    assert {"photo", "signature"} <= cats                                   # the holder's photo and signature go
    assert "seal" not in cats, [r["rule"] for r in audit["redactions"]]     # the authority's seal is nobody's here
    assert not [r for r in audit["repairs"] if r["category"] != "signature" or
                _overlaps(r["bbox"], seal["bbox"])], audit["repairs"]
    after = _ink_in(outcome.output_pdf, seal["bbox"], photo["bbox"])
    assert after >= 0.8 * before, (before, after)


def _overlaps(a, b) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])
