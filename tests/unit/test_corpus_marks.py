"""The corpus's marks documents (``benchmarks/corpus/marks.py``, ``--subset marks``, issue 80): marks and values
placed the way real producers place them.  Their structure must be what the issue names -- a thesis page with no
/MediaBox of its own and signatures that are images placed by a transform, an AcroForm flattened to page content, a
contract whose parties and signatures lie on different pages, a seal over the holder's name -- and their truth must
tag every mark and value that goes or stays."""

from __future__ import annotations

import random
from collections import Counter

import numpy as np
import pymupdf
import pytest

from benchmarks.corpus import catalog
from benchmarks.corpus.people import make_cast
from benchmarks.corpus.render import scanned

# what each type's truth must tag at least: (category, owner) -> how many
EXPECTED = {
    "thesis_declaration": {("name", "applicant"): 1, ("name", "other"): 1, ("signature", "applicant"): 2,
                           ("signature", "other"): 1, ("employer", "other"): 1},
    "acroform_certificate": {("name", "applicant"): 1, ("id_number", "applicant"): 1, ("employer", "applicant"): 1,
                             ("photo", "applicant"): 1, ("seal", "other"): 1, ("employer", "other"): 1},
    "id_card_copy_pale": {("name", "applicant"): 1, ("id_number", "applicant"): 1, ("photo", "applicant"): 1,
                          ("employer", "other"): 1, ("signature", "applicant"): 1},
    "labor_contract": {("employer", "applicant"): 1, ("name", "applicant"): 1, ("id_number", "applicant"): 1,
                       ("phone", "applicant"): 1, ("name", "other"): 1, ("seal", "applicant"): 1,
                       ("signature", "applicant"): 1, ("signature", "other"): 1},
    "cert_stamped_over_holder": {("name", "applicant"): 1, ("employer", "applicant"): 1, ("seal", "other"): 1,
                                 ("employer", "other"): 1},
}


@pytest.fixture(scope="module")
def built():
    cast = make_cast(11, 0)
    return cast, {t: catalog.build(t, cast) for t in catalog.MARKS}


def _of(bd, category: str, owner: str) -> list[dict]:
    return [u for u in bd.instance_dicts if u["category"] == category and u["owner"] == owner]


def _overlap(a, b) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return max(0.0, w) * max(0.0, h) / ((a[2] - a[0]) * (a[3] - a[1]))


def test_the_marks_are_their_own_subset():
    assert set(catalog.MARKS) == set(EXPECTED)
    assert not set(catalog.MARKS) & (set(catalog.VARIETY) | set(catalog.CLASSIC) | set(catalog.STRUCTURE))


def test_every_mark_and_value_that_goes_or_stays_is_tagged(built):
    cast, docs = built
    for doc_type, want in EXPECTED.items():
        have = Counter((u["category"], u["owner"]) for u in docs[doc_type].instance_dicts)
        for key, n in want.items():
            assert have[key] >= n, (doc_type, key, have)
        for u in docs[doc_type].instance_dicts:
            if u["owner"] == "applicant" and u["category"] == "name":
                assert u["text"] == cast.applicant.name, (doc_type, u)


def test_the_thesis_pages_inherit_their_media_box_and_its_signatures_are_placed_images(built):
    _, docs = built
    bd = docs["thesis_declaration"]
    doc = pymupdf.open("pdf", bd.pdf)
    root = int(doc.xref_get_key(doc.pdf_catalog(), "Pages")[1].split()[0])
    assert doc.xref_get_key(root, "MediaBox")[0] == "array"
    for page in doc:
        assert doc.xref_get_key(page.xref, "MediaBox")[0] == "null", "the page dictionary has a /MediaBox"
        assert "/MediaBox" not in doc.xref_object(page.xref)
        assert abs(page.rect.width - 595.276) < 0.01 and abs(page.rect.height - 841.89) < 0.01
    sigs = [u for u in bd.instance_dicts if u["category"] == "signature"]
    assert {u["owner"] for u in sigs} == {"applicant", "other"}
    for u in sigs:
        images = doc[u["page"] - 1].get_image_info()
        match = [im for im in images if _overlap(u["bbox"], im["bbox"]) > 0.9]
        assert match, f"no image under the signature {u['id']}"
        a, b, c, d, _, _ = match[0]["transform"]
        assert abs(a) > 1 and abs(d) > 1 and b == c == 0, "the signature is not placed by a transform"
    text = doc[1].get_text()
    assert "学位论文作者签名" in text and "作者签名" in text and "导师签名" in text
    name = _of(bd, "name", "applicant")[0]
    assert name["page"] == 1 and name["text"] in doc[0].get_text()


def test_the_acroform_certificate_is_flattened_with_its_values_in_the_page(built):
    cast, docs = built
    bd = docs["acroform_certificate"]
    doc = pymupdf.open("pdf", bd.pdf)
    page = doc[0]
    assert not doc.is_form_pdf and page.first_widget is None and page.first_annot is None
    assert doc.xref_get_key(doc.pdf_catalog(), "AcroForm")[0] == "null"
    text = "".join(page.get_text().split())
    for cat in ("name", "id_number", "employer"):
        for u in _of(bd, cat, "applicant"):
            assert u["text"] in text, (cat, u)
    # the values and the photo live in the form XObjects the widgets left
    assert len(page.get_xobjects()) >= 5
    photo = _of(bd, "photo", "applicant")[0]
    assert any(_overlap(photo["bbox"], im["bbox"]) > 0.95 for im in page.get_image_info())
    seal = _of(bd, "seal", "other")[0]
    holder = [u for u in bd.instance_dicts if u["owner"] == "applicant" and u["category"] != "photo"]
    assert any(seal["bbox"][1] < u["bbox"][3] and u["bbox"][1] < seal["bbox"][3] for u in holder), \
        "the seal crosses none of the holder's lines"


def test_the_contracts_parties_and_signatures_are_on_different_pages(built):
    _, docs = built
    bd = docs["labor_contract"]
    doc = pymupdf.open("pdf", bd.pdf)
    assert len(doc) == 2
    p1, p2 = doc[0].get_text(), doc[1].get_text()
    assert "甲方（用人单位）" in p1 and "乙方（劳动者）" in p1
    assert all(label in p2 and label not in p1 for label in ("甲方（盖章）", "法定代表人（签字）", "乙方（签字）"))
    for cat in ("employer", "name", "id_number", "phone"):
        assert {u["page"] for u in _of(bd, cat, "applicant")} == {1}, cat
    marks = [u for u in bd.instance_dicts if u["category"] in ("seal", "signature")]
    assert {u["page"] for u in marks} == {2}
    assert _of(bd, "seal", "applicant")[0]["form"] == "seal_employer"


def test_the_certificates_seal_lies_over_the_holders_name_and_the_unit_two_lines_below(built):
    _, docs = built
    bd = docs["cert_stamped_over_holder"]
    seal, name, unit = _of(bd, "seal", "other")[0], _of(bd, "name", "applicant")[0], _of(bd, "employer", "applicant")[0]
    assert _overlap(name["bbox"], seal["bbox"]) > 0.3
    assert _overlap(unit["bbox"], seal["bbox"]) == 0
    assert 60 < unit["bbox"][1] - name["bbox"][1] < 100          # two lines (40 pt each) below


def test_the_id_cards_portrait_ground_is_the_cards_and_a_scan_keeps_its_truth(built):
    _, docs = built
    bd = docs["id_card_copy_pale"]
    doc = pymupdf.open("pdf", bd.pdf)
    photo = _of(bd, "photo", "applicant")[0]
    x0, y0, x1, y1 = photo["bbox"]
    pix = doc[0].get_pixmap(dpi=72, clip=pymupdf.Rect(x0 - 6, y0, x1 + 6, y1))
    arr = np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width, pix.n)[..., :3].astype(float)
    inside, outside = arr[4:10, 8:12].mean(axis=(0, 1)), arr[4:10, 0:3].mean(axis=(0, 1))
    assert np.abs(inside - outside).max() < 12, (inside, outside)   # no edge between the photo and the card
    (out,) = scanned(bd.pdf, bd.instance_dicts, random.Random(3), dpi=150, quarter_turns=0)
    got = Counter((u["category"], u["owner"]) for u in out.instances)
    assert got == Counter((u["category"], u["owner"]) for u in bd.instance_dicts)
    assert not pymupdf.open("pdf", out.data)[0].get_text().strip()
