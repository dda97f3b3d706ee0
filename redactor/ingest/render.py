"""Page images for people: PNGs of an input or output, in the page space of the audit's boxes.

The web app shows pages with the removed (red) and kept (blue) candidates drawn
over them.  Those boxes are in PDF points on the *unrotated* page with a
top-left origin, so pages are rendered unrotated too; an image input is first
turned into the same working PDF that ingest builds, so its boxes line up.
Only ingest and redact may import PyMuPDF, hence this helper lives here.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import pymupdf

from redactor.config import IngestConfig
from redactor.ingest.triage import classify

__all__ = ["PageImage", "page_count", "render_pages"]


@dataclass(frozen=True)
class PageImage:
    page: int            # 1-based
    width: float         # points, unrotated
    height: float
    png: str             # path of the rendered image


def page_count(path: str | Path, cfg: IngestConfig) -> int:
    """Pages of a PDF or frames of an image, without reading any content."""
    if classify(path) == "pdf":
        with pymupdf.open(str(path)) as doc:
            return doc.page_count
    from PIL import Image

    with Image.open(str(path)) as im:
        return int(getattr(im, "n_frames", 1) or 1)


def render_pages(path: str | Path, out_dir: str | Path, cfg: IngestConfig, *, dpi: float = 110,
                 prefix: str = "page") -> list[PageImage]:
    """Write ``out_dir/<prefix>-<n>.png`` for every page and return their geometry."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="redactor-render-") as tmp:
        pdf = str(path)
        if classify(path) == "image":
            from redactor.ingest.images import image_to_pdf

            pdf = str(Path(tmp) / "image.pdf")
            image_to_pdf(str(path), pdf, cfg.image_dpi_fallback, cfg.max_image_pixels)
        pages = []
        with pymupdf.open(pdf) as doc:
            for page in doc:
                page.set_rotation(0)          # boxes are in unrotated page space (the file is not saved)
                png = out / f"{prefix}-{page.number + 1}.png"
                page.get_pixmap(dpi=int(round(dpi))).save(str(png))
                pages.append(PageImage(page.number + 1, round(page.rect.width, 2), round(page.rect.height, 2),
                                       str(png)))
    return pages
