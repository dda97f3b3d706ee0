"""The naive baseline: exact-string Find & Redact on the text layer.

What a careful applicant does with Acrobat's *Find & Redact*: search every page
for the profile's values exactly as written in the profile (name, ID number,
phones, employers, e-mails — ``page.search_for``, which ignores case), mark every
hit, apply the redactions (PyMuPDF's defaults: text under the box removed,
image pixels under it blanked) and save.  No variants (spaced, pinyin, split,
full-width, dashed phones), no OCR, no regions (photo, QR, seal, signature), no
metadata clean-up.  Image inputs have no text layer: they are only wrapped
into a PDF, like "print to PDF".

The result is described by an audit-like dict (``redactions`` with page, category,
bbox, boxes, rule), so the same scorer measures it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pymupdf

from benchmarks.extract import image_as_pdf

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}


def profile_values(profile: dict[str, Any]) -> list[tuple[str, str]]:
    """(value, category) pairs a person would type into the search box."""
    vals: list[tuple[str, str]] = []
    if profile.get("name"):
        vals.append((str(profile["name"]), "name"))
    if profile.get("id_number"):
        vals.append((str(profile["id_number"]), "id_number"))
    vals += [(str(p), "phone") for p in profile.get("phones") or []]
    vals += [(str(e), "employer") for e in profile.get("employers") or []]
    vals += [(str(e), "email") for e in profile.get("emails") or []]
    return [(v, c) for v, c in vals if v.strip()]


def baseline_redact(src: str | Path, profile: dict[str, Any], out_pdf: str | Path,
                    fill: tuple[float, float, float] = (0.0, 0.0, 0.0)) -> dict[str, Any]:
    """Find & Redact ``src`` into ``out_pdf``; return an audit-like description."""
    src = Path(src)
    out_pdf = Path(out_pdf)
    out_pdf.parent.mkdir(parents=True, exist_ok=True)
    if src.suffix.lower() in IMAGE_SUFFIXES:
        path = image_as_pdf(src, out_pdf.with_suffix(".input.pdf"))
    else:
        path = str(src)
    values = profile_values(profile)
    doc = pymupdf.open(path)
    redactions: list[dict[str, Any]] = []
    page_info = []
    try:
        for page in doc:
            hits = 0
            for value, cat in values:
                for r in page.search_for(value):
                    page.add_redact_annot(r, fill=fill)
                    b = [round(r.x0, 2), round(r.y0, 2), round(r.x1, 2), round(r.y1, 2)]
                    redactions.append({"page": page.number + 1, "category": cat, "bbox": b, "boxes": [b],
                                       "rule": "baseline.exact_search", "recognizer": "search_for", "source": "text_layer"})
                    hits += 1
            if hits:
                page.apply_redactions()
            box = page.cropbox
            page_info.append({"page": page.number + 1, "width": round(box.width, 2), "height": round(box.height, 2)})
        doc.save(str(out_pdf), garbage=3, deflate=True)
    finally:
        doc.close()
    if path != str(src):
        Path(path).unlink(missing_ok=True)
    return {"tool": {"name": "baseline-find-and-redact"}, "redactions": redactions, "kept": [],
            "page_info": page_info, "verification": None}
