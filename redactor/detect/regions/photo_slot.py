"""Photo slots: photo-shaped pictures where a form or résumé puts its holder's photo.

A face detector misses what it was not trained on: a drawn avatar, an
anime-style portrait, a photo printed too dark, a face turned away.  Where a
document's layout reserves a place for its holder's photo -- next to a 照片
label, or in the header band of a page, beside the holder's name -- the picture
in that place is a candidate whatever it shows.  Whose it is (the applicant's,
or a co-author's beside their own bio) is for policy to decide from the text
around it; a candidate that a face, QR, seal or signature detector also found
is that detector's.

Two sources of pictures:

- born-digital and mixed pages: the embedded image placements;
- scans and photos: dense non-paper blobs of the rendering that no OCR text
  covers (a photo is a filled rectangle; print is thin strokes).
"""

from __future__ import annotations

import re

import cv2
import numpy as np

from redactor.model import BBox, Finding, Page, PageKind
from redactor.ownership.structure import reading_frame, runs_from_chars
from redactor.protocols import OcrEngine

from .base import char_pixel_rects, grey_percentile, label_hits, make_region_finding, px_per_pt
from .planes import PagePlanes, planes_of
from .portrait import PHOTO_LABELS, PORTRAIT_WORDS


_CAPTION = re.compile(r"(?:图|Fig\.?|Figure)\s*[0-9０-９一二三四五六七八九十]+(?:[-–.．][0-9]+)?", re.IGNORECASE)


def figure_captions(page: Page) -> list[BBox]:
    """Boxes of the figure numbers on the page (图1, 图 2-3, Fig. 4): a picture with one right above or below
    it, in its columns, is a figure of the text, not a holder's photo."""
    out = []
    for m in _CAPTION.finditer(page.text):
        boxes = [c.bbox for c in page.chars[m.start():m.end()] if c.bbox is not None]
        if boxes:        # (two figures side by side: OCR may read both captions as one line)
            out.append(BBox.enclosing(boxes))
    return out


def _captions(picture: BBox, caption: BBox) -> bool:
    """``caption`` lies right under or over ``picture`` (within two of its own heights), starting inside the
    picture's columns."""
    reach = 2.0 * max(caption.height, 6.0)
    touch = -0.5 * caption.height       # an OCR box may reach a point or two into the picture's edge
    below = touch <= caption.y0 - picture.y1 <= reach
    above = touch <= picture.y0 - caption.y1 <= reach
    return (below or above) and picture.x0 - reach <= caption.x0 <= picture.x1


class PhotoSlotDetector:
    """Photo-shaped pictures in a photo's place -> PHOTO_SLOT (no face required)."""

    name = "photo_slot.v1"

    def __init__(
        self,
        *,
        min_side_pt: float = 36.0,          # smaller than a 1-inch photo printed at 70 %
        max_side_pt: float = 260.0,         # larger than a 2-inch photo by a wide margin
        min_aspect: float = 0.6,            # height / width: square avatars to tall ID photos
        max_aspect: float = 1.8,
        header_band: float = 0.3,           # share of the page height counted as its header
        label_distance_pt: float = 60.0,
        photo_labels: tuple[str, ...] = PHOTO_LABELS,
        min_fill: float = 0.45,             # scans: share of non-paper pixels in a picture blob
        max_text_cover: float = 0.15,       # scans: share of a blob covered by OCR characters
        figure_max_side_pt: float = 560.0,  # a captioned figure may run across a page's text width ...
        figure_max_page_share: float = 0.5, # ... and fill up to this share of the page (a photo slot: 0.12)
    ) -> None:
        self.min_side_pt = min_side_pt
        self.max_side_pt = max_side_pt
        self.min_aspect = min_aspect
        self.max_aspect = max_aspect
        self.header_band = header_band
        self.label_distance_pt = label_distance_pt
        self.photo_labels = photo_labels
        self.min_fill = min_fill
        self.max_text_cover = max_text_cover
        self.figure_max_side_pt = figure_max_side_pt
        self.figure_max_page_share = figure_max_page_share

    def detect(self, page: Page, ocr: OcrEngine | None = None, planes: PagePlanes | None = None) -> list[Finding]:
        labels = [h.bbox for h in label_hits(page, self.photo_labels, unambiguous=PORTRAIT_WORDS)]
        if page.kind in (PageKind.BORN_DIGITAL, PageKind.MIXED):
            boxes = [(im.bbox, "embedded_image") for im in page.images]
        else:
            boxes = [(b, "picture_blob") for b in self._blobs(page, planes_of(page, planes))]
        # "under a picture" and "the page's header" as the page is read: a sideways scan is read turned upright
        frame = reading_frame(runs_from_chars((c.c, c.bbox) for c in page.chars), page.width, page.height)
        captions = [frame.up(c) for c in figure_captions(page)]
        out = []
        for box, source in boxes:
            upright = frame.up(box)
            # (a figure by its caption whatever its shape: a photo of coins 262 pt tall, on the applicant's work
            # summary, was no photo slot and no figure, and the final check gave the heads on the coins to the
            # page's subject)
            if self._figure_sized(box, page) and any(_captions(upright, c) for c in captions):
                # a figure (图2 试样显微照片 under it): evidence, in nobody's photo place -- said, so that a face
                # found in it later (the final check's) is decided as the figure's
                out.append(make_region_finding(
                    page, entity_type="FIGURE", box=box, recognizer=self.name, score=0.5,
                    explanation=(("kind", "figure"), ("box_source", source))))
                continue
            if not self._photo_shaped(box, page):
                continue
            near = any(_gap(box, lb) <= self.label_distance_pt for lb in labels)
            header = upright.y0 <= self.header_band * frame.size[1]
            if not (near or header):
                continue
            out.append(make_region_finding(
                page, entity_type="PHOTO_SLOT", box=box, recognizer=self.name, score=0.5,
                explanation=(("kind", "photo_slot"), ("box_source", source), ("photo_label_near", near),
                             ("header_band", header)),
            ))
        return out

    def _figure_sized(self, box: BBox, page: Page) -> bool:
        return min(box.width, box.height) >= self.min_side_pt and max(box.width, box.height) <= self.figure_max_side_pt \
            and box.area <= self.figure_max_page_share * page.width * page.height

    def _photo_shaped(self, box: BBox, page: Page) -> bool:
        w, h = box.width, box.height
        if min(w, h) < self.min_side_pt or max(w, h) > self.max_side_pt:
            return False
        if box.area > 0.12 * page.width * page.height:
            return False
        return self.min_aspect <= h / max(w, 1e-6) <= self.max_aspect

    def _blobs(self, page: Page, planes: PagePlanes) -> list[BBox]:
        """Filled, untexted non-paper rectangles of a scan's rendering."""
        rgb = planes.rgb
        if rgb is None or page.raster is None:
            return []
        gray, hsv = planes.gray, planes.hsv
        paper = grey_percentile(gray, 90)
        ink = (gray < paper - 40) | (hsv[:, :, 1] > 60)
        text = np.zeros(gray.shape, np.uint8)
        for u0, v0, u1, v1 in char_pixel_rects(page, gray.shape, min_score=0.5):
            text[v0:v1, u0:u1] = 1
        ppt = px_per_pt(page.raster)
        k = max(3, int(round(4 * ppt)))
        mask = cv2.morphologyEx((ink & (text == 0)).astype(np.uint8), cv2.MORPH_CLOSE, np.ones((k, k), np.uint8))
        n, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
        out = []
        for i in range(1, n):
            x, y, w, h, _ = stats[i]
            if min(w, h) < self.min_side_pt * ppt or max(w, h) > max(self.max_side_pt, self.figure_max_side_pt) * ppt:
                continue
            fill = float(ink[y:y + h, x:x + w].mean())
            covered = float(text[y:y + h, x:x + w].mean())
            if fill < self.min_fill or covered > self.max_text_cover:
                continue
            out.append(page.raster.point_box(float(x), float(y), float(x + w), float(y + h)))
        return out


def _gap(a: BBox, b: BBox) -> float:
    dx = max(a.x0 - b.x1, b.x0 - a.x1, 0.0)
    dy = max(a.y0 - b.y1, b.y0 - a.y1, 0.0)
    return max(dx, dy)
