"""Draw the ground-truth boxes of a generated file onto its pages, for eyeballing.

    python -m benchmarks.corpus.overlay DOSSIER_DIR FILE_NAME --out /tmp/overlay [--dpi 100]

Applicant-owned instances are outlined red, other people's blue; each box is
labelled with its category and form.  Writes one PNG per page.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Sequence

import pymupdf
from PIL import Image, ImageDraw

from .draw import pil_font


def overlay_pages(data: bytes, media: str, instances: list[dict[str, Any]], dpi: float = 100) -> list[Image.Image]:
    out = []
    if media == "pdf":
        doc = pymupdf.open("pdf", data)
        frames = []
        for page in doc:
            # draw in unrotated space, as the truth is
            page.set_rotation(0)
            pix = page.get_pixmap(dpi=int(dpi))
            frames.append((Image.frombytes("RGB", (pix.width, pix.height), pix.samples), pix.width / page.rect.width))
    else:
        import io
        im = Image.open(io.BytesIO(data))
        frames = []
        n = getattr(im, "n_frames", 1)
        for k in range(n):
            im.seek(k)
            fdpi = im.info.get("dpi", (72, 72))[0]
            frames.append((im.convert("RGB"), float(fdpi) / 72.0))
    font = pil_font(12)
    for i, (im, s) in enumerate(frames):
        d = ImageDraw.Draw(im)
        for inst in instances:
            if inst["page"] != i + 1:
                continue
            x0, y0, x1, y1 = (v * s for v in inst["bbox"])
            col = (220, 0, 0) if inst["owner"] == "applicant" else (0, 70, 220)
            d.rectangle([x0, y0, x1, y1], outline=col, width=2)
            d.text((x0, max(0, y0 - 13)), f"{inst['category']}:{inst['form']}", fill=col, font=font)
        out.append(im)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.corpus.overlay")
    ap.add_argument("dossier", help="folder with truth.json")
    ap.add_argument("file", help="file name inside it")
    ap.add_argument("--out", default="/tmp/overlay")
    ap.add_argument("--dpi", type=float, default=100)
    a = ap.parse_args(argv)
    folder = Path(a.dossier)
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    doc = next(d for d in truth["documents"] if d["file"] == a.file)
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    for i, im in enumerate(overlay_pages((folder / a.file).read_bytes(), doc["media"], doc["instances"], a.dpi)):
        p = out / f"{Path(a.file).stem}.p{i + 1}.png"
        im.save(p)
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
