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
from benchmarks.corpus.marks import build_diploma_turned
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
    "pingshen_opinions": {("name", "applicant"): 1, ("employer", "applicant"): 2, ("seal", "applicant"): 1,
                          ("seal", "other"): 2, ("employer", "other"): 3, ("signature", "other"): 2},
    "diploma_pair": {("photo", "applicant"): 2, ("name", "applicant"): 2, ("id_number", "applicant"): 2,
                     ("seal", "other"): 2, ("name", "other"): 1, ("employer", "other"): 2},
    "diploma_turned": {("photo", "applicant"): 1, ("name", "applicant"): 1, ("id_number", "applicant"): 1,
                       ("seal", "other"): 1, ("employer", "other"): 1},
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


def _common_run(a: str, b: str) -> int:
    """The longest run of characters ``a`` and ``b`` share."""
    return max((n for i in range(len(a)) for n in range(1, len(a) - i + 1) if a[i:i + n] in b), default=0)


def test_the_units_own_seal_goes_and_the_other_bodies_seals_stay_in_their_cells(built):
    cast, docs = built
    bd = docs["pingshen_opinions"]
    page = pymupdf.open("pdf", bd.pdf)[0]
    seals = [u for u in bd.instance_dicts if u["category"] == "seal"]
    by_cell = {u["cell"]: u for u in seals}
    assert sorted(by_cell) == ["review_board_opinion", "supervisor_opinion", "unit_opinion"] and len(seals) == 3
    unit = by_cell["unit_opinion"]
    assert (unit["owner"], unit["form"], unit["text"]) == ("applicant", "seal_employer", cast.applicant.employer.official)
    assert unit["design"].startswith("round") and "red" in unit["design"]
    assert (by_cell["supervisor_opinion"]["owner"], by_cell["review_board_opinion"]["owner"]) == ("other", "other")
    assert by_cell["review_board_opinion"]["text"] == cast.review_board
    # each seal lies in its own cell, over that cell's （…盖章） label
    for cell, label in (("unit_opinion", "（单位盖章）"), ("supervisor_opinion", "（主管部门盖章）"),
                        ("review_board_opinion", "（评审委员会盖章）")):
        (r,) = page.search_for(label)
        assert _overlap(tuple(r), by_cell[cell]["bbox"]) > 0.5, (cell, tuple(r), by_cell[cell]["bbox"])
    # one above the other: the unit's cell first, then the supervising body's, then the review board's
    (supervisor_text,) = page.search_for("经审核")
    assert unit["bbox"][3] < supervisor_text.y0 < by_cell["supervisor_opinion"]["bbox"][1] \
        < by_cell["review_board_opinion"]["bbox"][1]


def test_the_units_cell_prints_words_its_seal_shares_with_other_bodies(built):
    """What fooled the old code: near the unit's seal, printed names that share words with its ring text -- the
    unit's own short name (goes) and a partner's or prefix-sharing body's full name (stays)."""
    cast, docs = built
    bd = docs["pingshen_opinions"]
    emp = cast.applicant.employer
    unit = next(u for u in bd.instance_dicts if u.get("cell") == "unit_opinion")
    near = [u for u in bd.instance_dicts if u["category"] == "employer" and u["bbox"][1] < unit["bbox"][3]]
    own = [u for u in near if u["owner"] == "applicant"]
    assert own and all(u["text"] == emp.short and u["form"] == "employer_alias" for u in own)
    lookalikes = [u for u in near if u["owner"] == "other" and u["text"] != emp.official]
    assert lookalikes, near
    assert max(_common_run(u["text"], emp.official) for u in lookalikes) >= 2, (lookalikes, emp.official)
    # the seal covers the paragraph's last line: printed text under its ring besides its own label and the date
    page = pymupdf.open("pdf", bd.pdf)[0]
    under = "".join(page.get_textbox(pymupdf.Rect(unit["bbox"])).split())
    assert "单位盖章" in under and len(under) > len("（单位盖章）") + 8, under


def test_the_diploma_pair_puts_two_certificates_with_the_holders_portrait_on_one_sheet(built):
    cast, docs = built
    bd = docs["diploma_pair"]
    doc = pymupdf.open("pdf", bd.pdf)
    assert len(doc) == 1
    page = doc[0]
    text = "".join(page.get_text().split())
    assert "毕业证书" in text and "学位证书" in text
    photos = _of(bd, "photo", "applicant")
    assert sorted(u["certificate"] for u in photos) == ["学位证书", "毕业证书"]
    assert all(u["form"] == "diploma_portrait" for u in photos)
    assert _overlap(photos[0]["bbox"], photos[1]["bbox"]) == 0
    images = page.get_image_info()
    for u in photos:     # the truth box is the whole placed picture
        assert any(_overlap(u["bbox"], im["bbox"]) > 0.95 and _overlap(im["bbox"], u["bbox"]) > 0.95
                   for im in images), u
    ids = _of(bd, "id_number", "applicant")
    assert len(ids) == 2 and {u["text"] for u in ids} == {cast.applicant.id_number}
    assert [u["text"] for u in _of(bd, "name", "applicant")] == [cast.applicant.name] * 2
    seals = _of(bd, "seal", "other")
    assert len(seals) == 2 and {u["form"] for u in seals} == {"seal_university"}
    assert {u["text"] for u in seals} == {cast.applicant.education[1]}
    president = [u for u in bd.instance_dicts if u["owner"] == "other" and u.get("role") == "president"]
    assert {u["category"] for u in president} == {"name", "signature"}
    assert cast.applicant.name not in {u["text"] for u in president}


def test_the_turned_diploma_lies_a_quarter_turn_on_a_portrait_page_with_its_truth_turned_too():
    turns = set()
    for i in range(6):
        cast = make_cast(11, 0)
        bd = build_diploma_turned(cast, random.Random(i))
        doc = pymupdf.open("pdf", bd.pdf)
        page = doc[0]
        turns.add(bd.meta["quarter_turns"])
        assert page.rect.height > page.rect.width and page.rotation == 0       # the content is turned, not the page
        dirs = {tuple(round(v) for v in ln["dir"]) for b in page.get_text("dict")["blocks"] for ln in b.get("lines", [])}
        assert dirs == {(0, -1) if bd.meta["quarter_turns"] == 1 else (0, 1)}, dirs
        (im,) = [im for im in page.get_image_info() if _overlap(im["bbox"], _of(bd, "photo", "applicant")[0]["bbox"]) > 0.95]
        a, b, c, d, _, _ = im["transform"]
        assert abs(a) < 1e-6 and abs(d) < 1e-6 and abs(b) > 1 and abs(c) > 1, "the portrait is not turned"
        # the truth boxes moved with the content: each holder's value reads back from its turned box
        for u in [*_of(bd, "name", "applicant"), *_of(bd, "id_number", "applicant")]:
            got = "".join(page.get_textbox(pymupdf.Rect(u["bbox"])).split())
            assert u["text"] in got and len(got) <= len(u["text"]) + 2, (u, got)
            x0, y0, x1, y1 = u["bbox"]
            assert y1 - y0 > x1 - x0, "a turned line is taller than wide"
    assert turns == {1, 3}


@pytest.mark.parametrize("doc_type", ["diploma_pair", "diploma_turned"])
def test_the_diplomas_scanned_keep_their_truth(built, doc_type):
    _, docs = built
    bd = docs[doc_type]
    (out,) = scanned(bd.pdf, bd.instance_dicts, random.Random(5), dpi=150, quarter_turns=0)
    assert Counter((u["category"], u["owner"]) for u in out.instances) == \
        Counter((u["category"], u["owner"]) for u in bd.instance_dicts)
    page = pymupdf.open("pdf", out.data)[0]
    assert not page.get_text().strip()
    w, h = page.rect.width, page.rect.height
    for u in out.instances:
        x0, y0, x1, y1 = u["bbox"]
        assert 0 <= x0 < x1 <= w and 0 <= y0 < y1 <= h, u


def test_the_marks_subset_scans_the_diplomas():
    from benchmarks.run import spec_for

    plan = spec_for("marks", 1, 1).plan
    assert {"diploma_pair", "diploma_turned"} <= set(plan["scanned"])
    assert set(catalog.MARKS) <= set(plan["born_digital"])
