"""The synthetic evaluation corpus (benchmarks.corpus): determinism, valid and invalid
IDs, ground-truth boxes that really cover what was drawn, and image-only renderings."""

from __future__ import annotations

import hashlib
import json
import random
import re
from pathlib import Path

import numpy as np
import pymupdf
import pytest

from benchmarks.corpus import CLASSIC, build, generate_dossier, make_cast, render
from benchmarks.corpus.generate import main as generate_main
from redactor.config import load_profile, profile_from_mapping
from redactor.normalize import fold, id_number_valid, phone_valid

ROOT = Path(__file__).resolve().parents[2]
TEXT_CATEGORIES = {"name", "id_number", "phone", "employer", "email"}
REGION_CATEGORIES = {"photo", "qr_code", "seal", "signature"}


def _digest(d) -> str:
    h = hashlib.sha256()
    for f in d.files:
        h.update(f.name.encode())
        h.update(f.data)
    h.update(json.dumps(d.truth(), sort_keys=True, ensure_ascii=False).encode())
    return h.hexdigest()


def _squash(s: str) -> str:
    return "".join(fold(s).split())


def _chars(page: pymupdf.Page) -> list[tuple[str, tuple[float, float, float, float]]]:
    return [(ch["c"], ch["bbox"]) for b in page.get_text("rawdict")["blocks"] for ln in b.get("lines", [])
            for sp in ln["spans"] for ch in sp["chars"]]


@pytest.fixture(scope="module")
def digital():
    """Every born-digital document of the first five scenarios (seed 7)."""
    return [generate_dossier(7, i) for i in range(5)]


# --- people -------------------------------------------------------------------------------

def test_generation_is_deterministic_per_seed():
    a = generate_dossier(7, 1, ("born_digital", "scanned"), doc_types=["lunwen", "zige_zhengshu"],
                         render_kw={"scanned": {"dpi": 72}})
    b = generate_dossier(7, 1, ("born_digital", "scanned"), doc_types=["lunwen", "zige_zhengshu"],
                         render_kw={"scanned": {"dpi": 72}})
    assert _digest(a) == _digest(b)
    c = generate_dossier(8, 1, ("born_digital",), doc_types=["lunwen"])
    assert c.applicant.id_number != a.applicant.id_number


@pytest.mark.parametrize("seed", [7, 11, 2024])
def test_ids_valid_and_decoy_numbers_invalid(seed):
    for i in range(8):
        cast = make_cast(seed, i)
        a = cast.applicant
        assert re.fullmatch(r"15\d{15}[\dX]", a.id_number)
        assert id_number_valid(a.id_number), a.id_number
        # the birth date and gender digit agree with the person
        assert a.id_number[6:14] == a.birth.strftime("%Y%m%d")
        assert int(a.id_number[16]) % 2 == (1 if a.gender == "男" else 0)
        for p in cast.everyone_else:
            assert id_number_valid(p.id_number), (p.name, p.id_number)
            assert p.id_number != a.id_number
        for n in cast.contract_numbers:
            assert re.fullmatch(r"15\d{16}", n) and not id_number_valid(n), n
        for ph in a.phones + [p.mobile for p in cast.everyone_else] + [cast.hr_landline, cast.authority_landline]:
            assert phone_valid(ph), ph
        for ph in [a.mobile] + [p.mobile for p in cast.everyone_else]:
            assert re.fullmatch(r"1[3-9]\d{9}", ph)
        assert re.fullmatch(r"047[12]-[2-8]\d{6}", cast.hr_landline)
        # the profile passes the redactor's own validation
        prof = profile_from_mapping(a.profile())
        assert prof.name == a.name and prof.employers[0] == a.employer.official


def test_scenarios_and_decoys():
    c0 = make_cast(7, 0)
    assert c0.applicant.name == "王淑珺"
    assert c0.applicant.employer.official == "包头钢铁（集团）有限责任公司"
    assert c0.applicant.profile()["employers"] == ["包头钢铁（集团）有限责任公司", "包钢集团", "包钢"]
    assert "李明华" in [p.name for p in c0.coauthors]
    assert "包头钢铁职业技术学院" in [o.official for o in c0.decoy_orgs]
    for seed in (7, 11):
        names = [make_cast(seed, i).applicant.name for i in range(5)]
        assert any(len(n) == 2 for n in names) and any(len(n) == 3 for n in names)
        c1, c2, c3 = make_cast(seed, 1), make_cast(seed, 2), make_cast(seed, 3)
        assert c1.name_decoy.name.startswith(c1.applicant.name) and c1.name_decoy.name != c1.applicant.name
        assert c2.applicant.surname in ("欧阳", "司马", "上官", "诸葛")
        assert c3.applicant.name.startswith(c3.name_decoy.name) and c3.name_decoy.name != c3.applicant.name
        for c in (c1, c2, c3):
            assert c.colleagues[0].surname == c.applicant.surname
            assert c.colleagues[0].name != c.applicant.name


# --- born-digital ground truth ---------------------------------------------------------------

def test_every_document_type_has_both_owners(digital):
    for d in digital:
        assert {f.doc_type for f in d.files} == set(CLASSIC)
        owners = {i["owner"] for f in d.files for i in f.instances}
        assert owners == {"applicant", "other"}
        cats = {i["category"] for f in d.files for i in f.instances if i["owner"] == "applicant"}
        assert cats == TEXT_CATEGORIES | REGION_CATEGORIES, cats
    forms = {i["form"] for d in digital for f in d.files for i in f.instances}
    for needed in ("chinese_name", "pinyin_name", "spaced_name", "split_name", "employer_official", "employer_alias",
                   "employer_english", "id_fullwidth", "id_spaced", "phone_plus86", "phone_0086", "decoy_invalid_checksum",
                   "decoy_org_prefix", "hotline", "seal_employer", "seal_authority", "qr_application"):
        assert needed in forms, needed


def test_text_bboxes_cover_the_drawn_text(digital):
    checked = 0
    for d in digital:
        for f in d.files:
            if f.path != "born_digital":
                continue
            doc = pymupdf.open("pdf", f.data)
            pages = [(p, _chars(p)) for p in doc]
            for inst in f.instances:
                page, chars = pages[inst["page"] - 1]
                x0, y0, x1, y1 = inst["bbox"]
                assert 0 <= x0 < x1 <= page.rect.width + 0.5 and 0 <= y0 < y1 <= page.rect.height + 0.5, inst
                if inst["category"] not in TEXT_CATEGORIES or inst.get("in_raster"):
                    continue
                r = pymupdf.Rect(inst["bbox"]) + (-0.5, -0.5, 0.5, 0.5)
                if d is digital[0] and checked % 3 == 0:   # PyMuPDF's own text-in-rectangle (slow): a sample
                    got = _squash(page.get_textbox(r))
                else:
                    got = _squash("".join(c for c, b in chars if r.contains(((b[0] + b[2]) / 2, (b[1] + b[3]) / 2))))
                want = _squash(inst["text"])
                assert want in got, (f.name, inst, got)
                # tight: at most a neighbouring character or two besides the value
                assert len(got) <= len(want) + 2, (f.name, inst, got)
                checked += 1
    assert checked > 500


def test_split_name_pieces_join_to_the_name(digital):
    assert digital
    for d in digital:
        f = d.file("yeji_baogao")
        pieces = [i for i in f.instances if i["form"] == "split_name"]
        assert len(pieces) == 2 and pieces[0]["group"] == pieces[1]["group"]
        assert pieces[0]["text"] + pieces[1]["text"] == d.applicant.name
        assert pieces[1]["bbox"][1] > pieces[0]["bbox"][3]      # the second piece is on the next line
        spaced = [i for i in f.instances if i["form"] == "spaced_name"]
        assert spaced and spaced[0]["text"] == " ".join(d.applicant.name)


def test_region_instances_sit_on_images_and_qr_payloads_decode(digital):
    import zxingcpp
    d = digital[0]
    checked = 0
    for f in d.files:
        if f.path != "born_digital":
            continue
        doc = pymupdf.open("pdf", f.data)
        for inst in f.instances:
            if inst["category"] not in ("photo", "qr_code", "seal", "figure") or inst.get("in_raster"):
                continue
            page = doc[inst["page"] - 1]
            r = pymupdf.Rect(inst["bbox"])
            imgs = [pymupdf.Rect(i["bbox"]) for i in page.get_image_info()]
            assert any((im & r).get_area() >= 0.8 * r.get_area() for im in imgs), (f.name, inst)
            checked += 1
            if inst["category"] == "qr_code":
                pix = page.get_pixmap(dpi=200, clip=r + (-8, -8, 8, 8), colorspace=pymupdf.csGRAY)
                arr = np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width)
                res = zxingcpp.read_barcodes(arr)
                assert [x.text for x in res] == [inst["payload"]]
                if inst["owner"] == "applicant":
                    assert d.applicant.id_number in inst["payload"] or d.applicant.application_no in inst["payload"]
    assert checked, "no region instance on a born-digital file"



def test_fonts_referenced_and_embedded(digital):
    kinds = set()
    for f in digital[0].files:
        doc = pymupdf.open("pdf", f.data)
        for page in doc:
            for xref, ext, typ, name, *_ in page.get_fonts():
                kinds.add((ext, name.split("+")[-1]))
    assert ("n/a", "Heiti") in kinds                              # china-s, referenced by name
    assert any(e == "ttf" and "Droid" in n for e, n in kinds)     # embedded subset


# --- rendering paths ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def rendered():
    return generate_dossier(7, 0, ("scanned", "scan_with_hidden_text", "phone_photo", "mixed", "image_file"),
                            doc_types=["pingshen_biao", "zige_zhengshu"],
                            render_kw={"scanned": {"dpi": 100, "quarter_turns": 1, "page_rotation": "upright"},
                                       "scan_with_hidden_text": {"dpi": 100},
                                       "phone_photo": {"dpi": 72}, "image_file": {"fmt": "tif", "dpi": 72},
                                       "mixed": {"dpi": 100}})


def _photo_darkness(img: np.ndarray, box_px) -> float:
    x0, y0, x1, y1 = (int(round(v)) for v in box_px)
    return float(255 - img[y0:y1, x0:x1].mean())


def test_scans_are_image_only_and_boxes_follow_the_geometry(rendered):
    assert any(f.path in ("scanned", "scan_with_hidden_text") for f in rendered.files)
    for f in rendered.files:
        if f.path not in ("scanned", "scan_with_hidden_text"):
            continue
        doc = pymupdf.open("pdf", f.data)
        for page in doc:
            imgs = page.get_image_info()
            assert len(imgs) == 1
            # the image fills the (unrotated) page exactly
            assert list(imgs[0]["bbox"]) == pytest.approx(list(page.cropbox), abs=0.01)
            assert page.get_drawings() == []
            if f.path == "scanned":
                assert page.get_text().strip() == ""
                if f.params["quarter_turns"] % 2:
                    assert page.cropbox.width > page.cropbox.height or f.doc_type == "zige_zhengshu"
        # the portrait box lands on dark pixels in the scan, page background is light
        photo = next(i for i in f.instances if i["category"] == "photo")
        page = doc[photo["page"] - 1]
        rot = page.rotation
        page.set_rotation(0)
        pix = page.get_pixmap(dpi=72, colorspace=pymupdf.csGRAY)
        img = np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width)
        s = pix.width / page.rect.width
        assert _photo_darkness(img, [v * s for v in photo["bbox"]]) > 2 * float(255 - img.mean())
        page.set_rotation(rot)


def test_hidden_text_layer_is_invisible_and_in_place(rendered):
    f = rendered.file("pingshen_biao", "scan_with_hidden_text")
    doc = pymupdf.open("pdf", f.data)
    spans = [sp for page in doc for sp in page.get_texttrace()]
    assert spans and all(sp["type"] == 3 for sp in spans)
    assert any(inst["category"] in TEXT_CATEGORIES for inst in f.instances)
    for inst in f.instances:
        if inst["category"] in TEXT_CATEGORIES:
            got = _squash(doc[inst["page"] - 1].get_textbox(pymupdf.Rect(inst["bbox"]) + (-1, -1, 1, 1)))
            assert _squash(inst["text"]) in got, (inst, got)


def test_mixed_page_has_text_and_a_pasted_scan(rendered):
    f = rendered.file("pingshen_biao", "mixed")
    doc = pymupdf.open("pdf", f.data)
    pno = f.params["page"]
    assert f.pages[pno - 1]["kind"] == "mixed"
    page = doc[pno - 1]
    assert page.get_text().strip()
    pasted = [i for i in f.instances if i.get("in_raster")]
    assert pasted and any(i["category"] == "photo" or i["category"] == "id_number" for i in pasted)
    for inst in pasted:
        if inst["category"] in TEXT_CATEGORIES:     # only pixels there now
            assert _squash(inst["text"]) not in _squash(page.get_textbox(pymupdf.Rect(inst["bbox"])))
    kept = [i for i in f.instances if i["page"] == pno and not i.get("in_raster") and i["category"] in TEXT_CATEGORIES]
    for inst in kept:
        assert _squash(inst["text"]) in _squash(page.get_textbox(pymupdf.Rect(inst["bbox"]) + (-0.5, -0.5, 0.5, 0.5)))


def test_image_outputs(rendered):
    from PIL import Image
    import io
    tif = rendered.file("pingshen_biao", "image_file")
    im = Image.open(io.BytesIO(tif.data))
    assert tif.media == "tif" and im.n_frames == 3 and len(tif.pages) == 3
    photo = rendered.file("zige_zhengshu", "phone_photo")
    im = Image.open(io.BytesIO(photo.data))
    assert im.format == "JPEG" and round(im.info["dpi"][0]) == 72
    w, h = im.size
    for inst in photo.instances:
        x0, y0, x1, y1 = inst["bbox_px"]
        assert 0 <= x0 < x1 <= w and 0 <= y0 < y1 <= h
        assert inst["bbox"] == pytest.approx([v * 72 / 72 for v in inst["bbox_px"]], abs=0.1)
    face = next(i for i in photo.instances if i["category"] == "photo")
    gray = np.asarray(im.convert("L"))
    assert _photo_darkness(gray, face["bbox_px"]) > 60


def test_render_rejects_unknown_path():
    cast = make_cast(7, 0)
    bd = build("gongshi", cast)
    with pytest.raises(ValueError):
        render("fax", bd.pdf, bd.instance_dicts, random.Random(0))


# --- CLI and sample_docs --------------------------------------------------------------------------

def test_cli_writes_dossiers(tmp_path):
    assert generate_main(["--out", str(tmp_path), "--seed", "3", "--applicants", "1", "--first", "2",
                          "--paths", "born_digital", "--docs", "lunwen,gongshi"]) == 0
    folder = tmp_path / "applicant_02"
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    assert truth["schema"] == "redactor-corpus-truth/1" and len(truth["documents"]) == 2
    for doc in truth["documents"]:
        assert (folder / doc["file"]).is_file()
    assert any(truth["profile"]["name"] in doc["file"] for doc in truth["documents"])
    assert load_profile(folder / "profile.yaml").name == truth["profile"]["name"]


def test_sample_docs_match_their_truth():
    folder = ROOT / "sample_docs"
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    prof = load_profile(folder / "profile.yaml")
    assert prof.name == "王淑珺" and prof.employers[:3] == ("包头钢铁（集团）有限责任公司", "包钢集团", "包钢")
    for doc in truth["documents"]:
        assert (folder / doc["file"]).is_file(), doc["file"]
    assert (folder / "王淑珺-论文.pdf").is_file()
    for name in ("encrypted.pdf", "truncated.pdf", "empty.pdf", "not_a_pdf.pdf"):
        assert (folder / "hostile" / name).is_file()
    assert pymupdf.open(folder / "hostile" / "encrypted.pdf").needs_pass
    total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    assert total < 3.2e6
