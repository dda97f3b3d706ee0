"""The corpus's variety (benchmarks.corpus.layouts / styles / word, the scan_ocrmypdf path):
boxes that cover what was drawn, portraits and seals of other designs where the truth says,
Word forms through LibreOffice, the OCRmyPDF-style layer, and the seeds and bars of the benchmark."""

from __future__ import annotations

import random
import unicodedata
from pathlib import Path

import numpy as np
import pymupdf
import pytest
from PIL import Image

from benchmarks import quality
from benchmarks.corpus import CLASSIC, VARIETY, generate_dossier
from benchmarks.corpus.styles import SealStyle, seal_png_styled
from benchmarks.corpus.web import WEB_UNAVAILABLE_NOTE, chromium
from benchmarks.corpus.word import WORD_UNAVAILABLE_NOTE, soffice
from benchmarks.run import BARS, DEV_SEED, HELDOUT_SEED, spec_for

ROOT = Path(__file__).resolve().parents[2]
TEXT = {"name", "id_number", "phone", "employer", "email"}
LAYOUTS = [t for t in VARIETY if not t.startswith(("word_", "web_"))]


def _key(s: str) -> str:
    s = unicodedata.normalize("NFKC", s)
    return "".join(c for c in s if not c.isspace() and c not in "-‐‑‒–−")


@pytest.fixture(scope="module")
def layouts():
    return generate_dossier(7, 0, ("born_digital",), doc_types=LAYOUTS)


def _check_boxes(files) -> int:
    checked = 0
    for f in files:
        doc = pymupdf.open("pdf", f.data)
        for inst in f.instances:
            page = doc[inst["page"] - 1]
            x0, y0, x1, y1 = inst["bbox"]
            assert 0 <= x0 < x1 <= page.rect.width + 0.5 and 0 <= y0 < y1 <= page.rect.height + 0.5, inst
            r = pymupdf.Rect(inst["bbox"])
            if inst["category"] in TEXT and inst.get("in_raster"):     # drawn as outlines (a letterhead in curves)
                assert not page.get_text(clip=r).strip(), (f.name, inst)
                glyphs = [d for d in page.get_drawings() if d.get("fill") and r.contains(d["rect"].tl)]
                assert len(glyphs) >= len(_key(inst["text"])) // 2, (f.name, inst)
            elif inst["category"] in TEXT:
                rr = r + (-0.6, -0.6, 0.6, 0.6)
                got = _key("".join(ch["c"] for b in page.get_text("rawdict")["blocks"] for ln in b.get("lines", [])
                                   for sp in ln["spans"] for ch in sp["chars"]
                                   if rr.contains(((ch["bbox"][0] + ch["bbox"][2]) / 2, (ch["bbox"][1] + ch["bbox"][3]) / 2))))
                want = _key(inst["text"])
                assert want in got and len(got) <= len(want) + 3, (f.name, inst, got)
            else:   # photo, seal, signature, qr_code: an image under the box
                imgs = [pymupdf.Rect(i["bbox"]) for i in page.get_image_info()]
                assert any((im & r).get_area() >= 0.8 * r.get_area() for im in imgs), (f.name, inst)
            checked += 1
    return checked


def test_layout_boxes_cover_what_was_drawn(layouts):
    assert {f.doc_type for f in layouts.files} == set(LAYOUTS)
    assert _check_boxes(layouts.files) > 80


def test_layouts_carry_the_new_kinds_of_regions(layouts):
    inst = [i for f in layouts.files for i in f.instances]
    forms = {(i["category"], i["owner"], i["form"]) for i in inst}
    for needed in [("photo", "applicant", "portrait_in_cell"), ("photo", "applicant", "bio_portrait"),
                   ("photo", "other", "coauthor_portrait"), ("photo", "applicant", "id_card_portrait"),
                   ("signature", "applicant", "signature_image"), ("signature", "other", "signature_image"),
                   ("seal", "applicant", "seal_employer"), ("seal", "other", "seal_authority"),
                   ("employer", "applicant", "split_employer"), ("name", "applicant", "pinyin_name")]:
        assert needed in forms, needed
    # the employer's name wrapped over two lines: pieces of one group that join to the official name
    groups: dict[str, list[dict]] = {}
    for i in inst:
        if i["form"] == "split_employer":
            groups.setdefault(i["group"], []).append(i)
    assert groups and all("".join(p["text"] for p in g) == layouts.applicant.employer.official for g in groups.values())
    assert all(len(g) >= 2 and g[1]["bbox"][1] > g[0]["bbox"][1] for g in groups.values())
    # the signatures next to other people's labels belong to them
    roles = {i.get("role") for i in inst if i["category"] == "signature" and i["owner"] == "other"}
    assert {"reviewer", "supervisor", "recommender"} <= roles
    sizes = {i.get("photo_size") for i in inst if i["category"] == "photo"}
    assert len(sizes - {None}) >= 2
    designs = {i.get("design") for i in inst if i["category"] == "seal"}
    assert len(designs) >= 3


def test_seal_designs_differ_in_shape_and_ink():
    rng = random.Random(1)
    round_png, _, (rw, rh) = seal_png_styled("包头钢铁（集团）有限责任公司", "", SealStyle(), rng, rotate=0)
    oval_png, _, (ow, oh) = seal_png_styled("包头钢铁（集团）有限责任公司", "", SealStyle(shape="oval", star=False, ink="blue"),
                                            rng, rotate=0)
    assert rw == rh and ow > 1.3 * oh
    ink = np.asarray(Image.open(__import__("io").BytesIO(oval_png)).convert("RGBA"))
    px = ink[ink[..., 3] > 128][:, :3].astype(int)
    assert len(px) and (px[:, 2] > px[:, 0] + 60).mean() > 0.9          # blue, not red
    faint_png, *_ = seal_png_styled("某某单位", "", SealStyle(strength=0.45, partial=0.6), rng, rotate=0)
    a_full = np.asarray(Image.open(__import__("io").BytesIO(round_png)))[..., 3]
    a_faint = np.asarray(Image.open(__import__("io").BytesIO(faint_png)))[..., 3]
    assert a_faint.max() < a_full.max() * 0.7


def test_ocrmypdf_layer_is_invisible_word_by_word_and_a_little_off():
    d = generate_dossier(7, 0, ("scan_ocrmypdf", "scan_with_hidden_text"), doc_types=["yeji_baogao"],
                         render_kw={"scan_ocrmypdf": {"dpi": 72, "angle": 0.0}, "scan_with_hidden_text": {"dpi": 72, "angle": 0.0}})
    ocr = pymupdf.open("pdf", d.file("yeji_baogao", "scan_ocrmypdf").data)
    exact = pymupdf.open("pdf", d.file("yeji_baogao", "scan_with_hidden_text").data)
    text = ocr[0].get_text()
    assert _key(d.applicant.name) in _key(text)
    assert b"3 Tr" in ocr[0].read_contents()                              # render mode 3: invisible
    # boxes differ from the exact layer (Tesseract's word boxes are not the glyphs')
    def first(page, s):
        r = page.search_for(s)
        return r[0] if r else None
    a, b = first(ocr[0], "业绩"), first(exact[0], "业绩")
    assert a is not None and b is not None and (abs(a.x0 - b.x0) + abs(a.y1 - b.y1)) > 0.05


@pytest.mark.skipif(soffice() is None, reason=WORD_UNAVAILABLE_NOTE)
def test_word_form_through_libreoffice_has_its_truth():
    d = generate_dossier(7, 1, ("born_digital",), doc_types=["word_shenbao"])
    f = d.file("word_shenbao")
    assert pymupdf.open("pdf", f.data).metadata["producer"].startswith("LibreOffice")
    cats = {(i["category"], i["owner"]) for i in f.instances}
    assert {("photo", "applicant"), ("signature", "applicant"), ("signature", "other"), ("seal", "applicant"),
            ("name", "applicant"), ("id_number", "applicant"), ("phone", "applicant"), ("name", "other")} <= cats
    assert _check_boxes([f]) > 15


@pytest.mark.skipif(chromium() is None, reason=WEB_UNAVAILABLE_NOTE)
def test_web_form_printed_by_chromium_has_its_truth():
    d = generate_dossier(7, 1, ("born_digital",), doc_types=["web_shenbao"])
    f = d.file("web_shenbao")
    doc = pymupdf.open("pdf", f.data)
    assert "Skia" in doc.metadata["producer"] or "Chrom" in doc.metadata["creator"]
    cats = {(i["category"], i["owner"]) for i in f.instances}
    assert {("photo", "applicant"), ("signature", "applicant"), ("signature", "other"), ("seal", "applicant"),
            ("name", "applicant"), ("id_number", "applicant"), ("phone", "applicant"), ("name", "other"),
            ("qr_code", "other")} <= cats
    assert _check_boxes([f]) > 15


def test_classic_and_variety_are_apart_and_ci_keeps_the_classic():
    assert not set(CLASSIC) & set(VARIETY)
    ci = spec_for("ci")
    assert set(ci.doc_types) == set(CLASSIC) and set(ci.plan["born_digital"]) == set(CLASSIC)
    assert spec_for("full").variety and not spec_for("ci").variety
    v = spec_for("variety")
    assert set(v.plan["born_digital"]) == set(VARIETY) and "scan_ocrmypdf" in v.plan


def test_heldout_seed_is_documented_as_never_used():
    assert HELDOUT_SEED != DEV_SEED
    readme = (ROOT / "benchmarks" / "README.md").read_text(encoding="utf-8")
    assert f"held-out seed {HELDOUT_SEED}" in readme and "never" in readme


def test_issue_bars_count_what_they_say():
    def rec(cat, owner, status, form="x"):
        return {"category": cat, "owner": owner, "status": status, "form": form, "file": "f.pdf", "id": cat,
                "applicant": 0}
    recs = [rec("photo", "applicant", "removed"), rec("photo", "applicant", "leaked"),
            rec("seal", "applicant", "leaked", "seal_employer"), rec("seal", "applicant", "removed", "seal_employer_word"),
            rec("seal", "other", "kept"), rec("signature", "other", "lost"), rec("name", "applicant", "removed"),
            rec("name", "other", "kept"), rec("name", "applicant", "no_output")]
    b = quality.issue_bars(recs, ["a0/x.pdf: refused"], 3)
    assert b["portraits removed"]["rate"] == 0.5 and b["employer seals removed"]["n"] == 2
    assert b["others' signatures kept"]["rate"] == 0.0 and b["others' seals kept"]["rate"] == 1.0
    assert b["recall name"]["n"] == 1 and b["documents without output"]["count"] == 1
    assert b["decoys kept"]["n"] == 3
    assert BARS["portraits removed"] == 1.0 and BARS["decoys kept"] == 0.99


def test_failure_classes_name_units_details_and_refusals(tmp_path):
    from benchmarks.failures import failure_classes
    import json
    (tmp_path / "corpus" / "applicant_00").mkdir(parents=True)
    truth = {"applicant_index": 0, "documents": [{"file": "11-x.pdf", "render": {"font": "wqy-zenhei.ttc"}, "instances": [
        {"id": "x-001", "category": "seal", "owner": "applicant", "form": "seal_employer", "page": 1,
         "design": "oval_1ring_nostar_blue_faint"}]}]}
    (tmp_path / "corpus" / "applicant_00" / "truth.json").write_text(json.dumps(truth), encoding="utf-8")
    rec = {"system": "redactor", "status": "leaked", "applicant": 0, "file": "11-x.pdf", "id": "x-001",
           "pieces": ["x-001"], "category": "seal", "owner": "applicant", "form": "seal_employer",
           "path": "born_digital", "page": 1, "why": "uncovered(0.00)"}
    (tmp_path / "records.jsonl").write_text(json.dumps(rec) + "\n", encoding="utf-8")
    report = {"spec": {"name": "variety", "seed": 7, "applicants": [0]}, "redactor": {
        "failures": [{"applicant": 0, "file": "12-y.pdf", "path": "scanned", "error": "LayoutError: moved"}],
        "refused": [{"applicant": 0, "file": "13-z.pdf", "path": "born_digital", "leaks": ["name@ocr"]}]}}
    (tmp_path / "report.json").write_text(json.dumps(report), encoding="utf-8")
    md = failure_classes(tmp_path)
    assert "a0/11-x.pdf#x-001" in md and "design=oval_1ring_nostar_blue_faint" in md and "font wqy-zenhei.ttc" in md
    assert "LayoutError: moved" in md and "name@ocr" in md and "--subset variety --seed 7 --applicants 1" in md
