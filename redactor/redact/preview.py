"""A PNG preview of a redacted output: removed boxes in red, kept candidates in blue.

Drawn on the *redacted* page, so the preview itself holds no removed data.
"""

from __future__ import annotations

import json

import pymupdf


def write_preview(redacted_pdf: str, audit_json: str, out_png: str, page_number: int = 1, dpi: int = 100) -> str:
    audit = json.loads(open(audit_json, encoding="utf-8").read())
    doc = pymupdf.open(redacted_pdf)
    try:
        page = doc[page_number - 1]
        shape = page.new_shape()
        for entry, colour in [(e, (1, 0, 0)) for e in audit["redactions"]] + [(e, (0, 0, 1)) for e in audit["kept"]]:
            if entry["page"] != page_number:
                continue
            for b in entry.get("boxes", [entry["bbox"]]):
                shape.draw_rect(pymupdf.Rect(b))
                shape.finish(color=colour, width=0.8)
        shape.commit()
        page.get_pixmap(dpi=dpi).save(out_png)
    finally:
        doc.close()
    return out_png
