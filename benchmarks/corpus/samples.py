"""Write ``sample_docs/``: a few generated documents of the canonical applicant 王淑珺
(seed 7, applicant 0, employer 包头钢铁（集团）有限责任公司) plus hostile files.

    python -m benchmarks.corpus.samples --out sample_docs
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Sequence

import pymupdf

from .generate import SCHEMA, generate_dossier, write_profile

SEED, INDEX = 7, 0

# sample file name -> (doc_type, path, render kwargs, purpose)
SAMPLES: dict[str, tuple[str, str, dict[str, Any], str]] = {
    "pingshen_biao.pdf": ("pingshen_biao", "born_digital", {},
                          "评审表: table cells (姓名/身份证号/工作单位/联系电话), portrait, QR code, red seal, signatures, recommenders' data to keep"),
    "王淑珺-论文.pdf": ("lunwen", "born_digital", {},
                     "论文首页: applicant among co-authors (李明华 decoy), affiliations, pinyin names, English employer, 作者简介 e-mail; the file name carries the applicant's name"),
    "huojiang_zhengshu.pdf": ("huojiang", "born_digital", {},
                              "获奖证书: several 完成人 and 完成单位, the issuing authority's seal (to keep)"),
    "yeji_baogao.pdf": ("yeji_baogao", "born_digital", {},
                        "业绩总结报告: name split across a line break, spaced name, full-width and spaced ID, +86/0086/dashed phones, invalid-checksum contract number"),
    "zige_zhengshu_scanned.pdf": ("zige_zhengshu", "scanned", {"dpi": 200, "quarter_turns": 0, "grayscale": False},
                                  "资格证书 scanned: image-only page (OCR path), slight skew, JPEG noise"),
    "niandu_kaohe_photo.png": ("niandu_kaohe", "phone_photo", {"fmt": "png", "dpi": 110, "noise": 0.8},
                               "年度考核表 photographed with a phone: perspective, uneven light (image input)"),
}


def write_samples(out: Path) -> dict[str, Any]:
    out.mkdir(parents=True, exist_ok=True)
    kw_by_path: dict[str, dict[str, Any]] = {}
    plan: dict[str, list[str]] = {}
    for _, (t, p, kw, _) in SAMPLES.items():
        kw_by_path.setdefault(p, {}).update(kw)
        plan.setdefault(p, []).append(t)
    d = generate_dossier(SEED, INDEX, (), plan=plan, render_kw=kw_by_path, name_in_filename=False)
    assert d.applicant.name == "王淑珺", d.applicant.name
    docs = []
    for fname, (t, p, _, purpose) in SAMPLES.items():
        f = d.file(t, p)
        (out / fname).write_bytes(f.data)
        entry = f.truth()
        entry["file"] = fname
        entry["purpose"] = purpose
        docs.append(entry)
    write_profile(out / "profile.yaml", d.profile, d)
    truth = d.truth()
    truth["documents"] = docs
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    _hostile(out / "hostile", d.file("yeji_baogao", "born_digital").data)
    assert truth["schema"] == SCHEMA
    return truth


def _hostile(folder: Path, pdf: bytes) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    doc = pymupdf.open("pdf", pdf)
    enc = doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="owner-7", user_pw="user-7",
                      permissions=0, garbage=3, deflate=True, no_new_id=True)
    (folder / "encrypted.pdf").write_bytes(enc)
    (folder / "truncated.pdf").write_bytes(pdf[: len(pdf) // 3])
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "not_a_pdf.pdf").write_text("这不是 PDF 文件，只是一段以 .pdf 结尾的文本。\nThis is plain text named .pdf.\n",
                                          encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.corpus.samples")
    ap.add_argument("--out", default="sample_docs")
    a = ap.parse_args(argv)
    truth = write_samples(Path(a.out))
    total = sum(p.stat().st_size for p in Path(a.out).rglob("*") if p.is_file())
    print(f"wrote {len(truth['documents'])} samples + hostile files to {a.out} ({total / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
