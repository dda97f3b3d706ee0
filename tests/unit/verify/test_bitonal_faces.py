"""The gate's face channel on a black-and-white scan (a 1-bit page: a copier's or a scanning app's 黑白 mode).

Seed 181's bitonal run released a paper whose author bio kept the applicant's thumbnail, thresholded to
blobs, beside the applicant's removed name, and the gate called it clean: a face beside the applicant's text
must be confirmed by mid-tones, which a thresholded photo has none of, and at the gate's reduced size the
cascade missed the 25 pt face.  Searched crop by crop, the same thumbnail came and went with the
neighbourhood's bounds.  Synthetic bio; the portraits ship with matplotlib."""

from __future__ import annotations

import functools
import io

import pymupdf
import pytest
from PIL import Image

from redactor.model import Action, BBox, Decision, Finding
from redactor.verify.faces import face_leaks
from tests.one_bit import one_bit_scan
from tests.pages import _hopper, draw_text, page_from_pdf

OWN_PHOTO = pymupdf.Rect(60, 200, 122, 280)
OTHER_PHOTO = pymupdf.Rect(60, 330, 122, 410)
OWN_NAME = BBox(130, 205, 160, 220)          # painted over, as the redaction left it
OTHER_NAME = BBox(130, 335, 174, 350)


@functools.lru_cache(maxsize=None)
def _bio_page(mode: str) -> bytes:
    """A paper's 作者简介: two thumbnails, each beside its author's line; the first author's name painted
    out.  Scanned to 1 bit at 150 dpi: ``mode`` "threshold" (grey 128) or "dither" (Floyd-Steinberg)."""
    doc = pymupdf.open()
    p = doc.new_page(width=595, height=842)
    draw_text(p, 60, 185, "作者简介", size=12)
    buf = io.BytesIO()
    Image.fromarray(_hopper()).save(buf, "PNG")
    for photo, y, line in ((OWN_PHOTO, 217, "（1989—），女，硕士，主治医师。"), (OTHER_PHOTO, 347, "李明杰（1974—），男，博士，工程师。")):
        p.insert_image(photo, stream=buf.getvalue(), keep_proportion=False)
        draw_text(p, 130 if photo is OTHER_PHOTO else 162, y, line, size=10)
    p.draw_rect(pymupdf.Rect(*OWN_NAME.as_tuple()), color=(0, 0, 0), fill=(0, 0, 0))
    return one_bit_scan(p, mode)


def _records(own, others):
    """The plan's decisions as the audit records them: the applicant's name removed, the co-author's kept (its
    text read back from the output's print)."""
    out = [Decision(Finding(1, "PERSON", (b,), "applicant_value.v1", 1.0, start=0, end=0), Action.REDACT, "own.name", "")
           for b in own]
    out += [Decision(Finding(1, "PERSON", (b,), "lac_ner.v1", 1.0, text="李明杰", start=0, end=0), Action.KEEP,
                     "other.person", "") for b in others]
    return tuple(out)


def _leaks(mode: str, own=(OWN_NAME,), others=(OTHER_NAME,)):
    raster = page_from_pdf(_bio_page(mode), 150).raster
    whole = (BBox(0, 0, 595, 842),)
    return face_leaks(raster, 1, (OWN_NAME,), whole, _records(own, others), None, whole)


def _inside(leak, photo: pymupdf.Rect) -> bool:
    cx, cy = leak.bbox.center
    return photo.contains(pymupdf.Point(cx, cy))


@pytest.mark.parametrize("mode", ["threshold", "dither"])
def test_the_applicants_thumbnail_beside_the_removed_name_fails_the_gate(mode):
    leaks = _leaks(mode)
    failing = [lk for lk in leaks if lk.severity != "review"]
    assert any(_inside(lk, OWN_PHOTO) for lk in failing), leaks
    # the co-author's thumbnail beside their own kept name is theirs: at most a note for the reviewer
    assert not any(_inside(lk, OTHER_PHOTO) for lk in failing), leaks


def test_the_same_thumbnail_whatever_the_text_beside_it():
    """The face found, and whose the photo decision says it is, do not depend on other removed text on the page."""
    found = []
    for own in ((OWN_NAME,), (OWN_NAME, BBox(400, 190, 520, 205)), (OWN_NAME, BBox(130, 260, 300, 275))):
        found.append(any(_inside(lk, OWN_PHOTO) and lk.severity != "review" for lk in _leaks("threshold", own)))
    assert len(found) == 3 and all(found), found
