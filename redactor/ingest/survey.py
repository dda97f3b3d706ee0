"""A cheap look at an input for planning (``redactor batch --dry-run``): pages and
how many of them will need OCR, without building the page model.

The routing mirrors ``route_page`` roughly (text length and image coverage
only); the real routing happens at ingest.
"""

from __future__ import annotations

from dataclasses import dataclass

import pymupdf

from redactor.config import RedactorConfig
from redactor.errors import InputFileError
from redactor.ingest.triage import check_pdf_tail, classify


@dataclass(frozen=True)
class Survey:
    kind: str            # born_digital | scanned | mixed | image
    pages: int
    digital_pages: int   # trustworthy text layer, no large image
    mixed_pages: int     # text layer plus large images (only the images are OCRed)
    scanned_pages: int   # OCR of the whole page


def survey(path: str, cfg: RedactorConfig) -> Survey:
    """Raises InputFileError for inputs that ingest would reject at once."""
    if classify(path) == "image":
        return Survey("image", 1, 0, 0, 1)
    check_pdf_tail(path)
    try:
        doc = pymupdf.open(path, filetype="pdf")
    except Exception as exc:
        raise InputFileError("corrupt PDF, cannot be opened", path=path) from exc
    try:
        if doc.needs_pass:
            raise InputFileError("PDF is password-protected", path=path)
        counts = [0, 0, 0]
        for page in doc:
            area = page.rect.width * page.rect.height or 1.0
            chars = len("".join(page.get_text("text").split()))
            unrotated = page.rect * page.derotation_matrix      # image boxes are unrotated
            images = sum(abs(pymupdf.Rect(i["bbox"]) & unrotated) for i in page.get_image_info())
            big = images / area >= cfg.ocr.min_image_area_ratio
            digital = chars >= cfg.ocr.text_layer_min_chars
            counts[0 if digital and not big else 1 if digital else 2] += 1
    finally:
        doc.close()
    n = sum(counts)
    if n == 0:
        raise InputFileError("PDF has no pages", path=path)
    kind = "born_digital" if counts[0] == n else "scanned" if counts[2] == n else "mixed"
    return Survey(kind, n, *counts)
