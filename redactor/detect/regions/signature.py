"""Handwritten signatures next to signature labels (申报人签字, 审核人, ...).

Pipeline (numbers in docs/regions.md):

1. Labels: occurrences of signature labels in ``page.text`` with boxes from
   ``page.chars`` (longest label first; "申报人（签字）" is merged into one
   label).  Labels without 签 (申报人, 审核人, 负责人 ...) count only when a
   colon, bracket or the end of the line follows, so running text such as
   "申报人自参加工作以来" is no label.  A page without boxed characters is
   OCRed with the given engine to find labels.
2. Search window per label: to the right (up to the next printed text on the
   line, at most ``right_pt``) and below (``below_pt``), both taller than the
   text line because signatures rise above and sink below it.
3. Ink: dark or blue pixels that are not red (seals), not under printed
   characters (text layer; OCR characters only when they look like print:
   confident and of the label's size -- OCR often "reads" a signature), and not
   part of long straight rules (underlines, table lines).
4. Ink is grouped (dilation about half a text line), groups close to each
   other are merged, and each group must look handwritten: size, thin strokes,
   sparse ink.  Each group goes to the nearest label whose window it lies in.

``explanation`` carries the label (a form label, not personal data) and the
distance; the detector never decides whose signature it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import cv2
import numpy as np

from redactor.model import BBox, Char, Finding, Page, PageKind, TextOrigin
from redactor.protocols import OcrEngine

from .base import upright, TextHit, make_region_finding, page_pixels, pixel_rect_for_bbox, px_per_pt, to_gray
from .seal import red_mask, seal_ink

SIGNATURE_LABELS = (
    "申报人签字", "申报人签名", "申请人签字", "申请人签名", "本人签字", "本人签名", "承诺人签字", "承诺人签名",
    "审核人签字", "审核人签名", "负责人签字", "负责人签名", "推荐人签字", "推荐人签名", "专家签字", "专家签名",
    "评审人签字", "评审人签名", "经办人签字", "法定代表人签字", "持证人签名", "持证人签字", "签字", "签名", "签章",
    "承诺人", "申报人", "申请人", "报告人", "述职人", "审核人", "负责人", "推荐人", "审批人", "经办人", "评审人", "法定代表人",
)
_PUNCT_BETWEEN = re.compile(r"^[\s（）()【】\[\]：:、/／]*$")
_LABEL_END = re.compile(r"^[ \t\u3000]*(?:[：:（(]|\n|$)")


@dataclass
class _Label:
    text: str
    bbox: BBox
    window: list[tuple[int, int, int, int]]     # pixel rects
    px_box: tuple[int, int, int, int]
    line_h_px: float


@dataclass
class _Ink:
    rect: tuple[int, int, int, int]
    pixels: int


class SignatureDetector:
    """Handwriting-like ink near signature labels -> SIGNATURE findings."""

    name = "signature.v1"

    def __init__(
        self,
        *,
        labels: tuple[str, ...] = SIGNATURE_LABELS,
        right_pt: float = 330.0,            # a Word table's signature cell runs across most of the page
        below_pt: float = 70.0,
        above_lines: float = 1.8,
        below_lines: float = 1.8,
        min_height_pt: float = 5.0,
        max_width_pt: float = 320.0,
        max_height_pt: float = 60.0,
        max_height_lines: float = 5.0,
        ink_contrast: float = 0.5,
        min_ink_delta: float = 35.0,
        max_mixed_ink: float = 0.3,
        rule_lines: float = 6.0,
        rule_lines_vertical: float = 2.5,
        max_stroke_pt: float = 4.0,
        hairline_pt: float = 1.0,
        max_density: float = 0.4,
        min_ink_px: int = 25,
        print_ocr_min_score: float = 0.9,
        ocr_fallback: bool = True,
    ) -> None:
        self.labels = labels
        self.right_pt = right_pt
        self.below_pt = below_pt
        self.above_lines = above_lines
        self.below_lines = below_lines
        self.min_height_pt = min_height_pt
        self.max_width_pt = max_width_pt
        self.max_height_pt = max_height_pt
        self.max_height_lines = max_height_lines
        self.ink_contrast = ink_contrast
        self.min_ink_delta = min_ink_delta
        self.max_mixed_ink = max_mixed_ink
        self.rule_lines = rule_lines
        self.rule_lines_vertical = rule_lines_vertical
        self.max_stroke_pt = max_stroke_pt
        self.hairline_pt = hairline_pt
        self.max_density = max_density
        self.min_ink_px = min_ink_px
        self.print_ocr_min_score = print_ocr_min_score
        self.ocr_fallback = ocr_fallback

    # -- public ---------------------------------------------------------------

    def detect(self, page: Page, ocr: OcrEngine | None = None) -> list[Finding]:
        page = upright(page)      # a sheet scanned sideways: look at it the right way up
        rgb = page_pixels(page)
        if rgb is None:
            return []
        assert page.raster is not None
        # a page without boxed characters: OCR it for labels -- unless ingest OCRed it already (a scan
        # on which OCR found nothing, e.g. a blank page: a second pass would read the same nothing)
        if (self.ocr_fallback and ocr is not None and page.kind is PageKind.BORN_DIGITAL
                and not any(c.bbox is not None for c in page.chars)):
            page = _with_ocr_text(page, ocr)
        hits = self.find_labels(page)
        if not hits:
            return []
        ppt = px_per_pt(page.raster)
        printed = self._printed_chars(page, hits)
        labels = [lab for lab in (self._label(page, h, printed, rgb.shape, ppt) for h in hits) if lab is not None]
        if not labels:
            return []
        ink, rules = self._ink_mask(page, rgb, labels, printed, ppt)
        figures = self._figure_rects(page, rgb)
        groups = self._groups(ink, labels, ppt, rgb, figures, rules)
        out: list[Finding] = []
        for lab, g, dist_px, quality in groups:
            u0, v0, u1, v1 = g.rect
            pad = max(1.5 * ppt, 0.25 * lab.line_h_px)    # strokes on an erased rule
            box = page.raster.point_box(u0 - pad, v0 - pad, u1 + pad, v1 + pad)
            out.append(make_region_finding(
                page, entity_type="SIGNATURE", box=box, recognizer=self.name, score=quality,
                explanation=(("label", lab.text), ("label_distance_pt", round(float(dist_px) / ppt, 1)),
                             ("label_box", tuple(round(float(v), 1) for v in lab.bbox.as_tuple()))),
            ))
        return out

    # -- labels ---------------------------------------------------------------------

    def find_labels(self, page: Page) -> list[TextHit]:
        words = sorted(set(self.labels), key=len, reverse=True)
        pattern = "|".join(r"[ \t\u3000]*".join(re.escape(ch) for ch in w) for w in words)
        raw: list[TextHit] = []
        for m in re.finditer(pattern, page.text):
            label = re.sub(r"\s+", "", m.group(0))
            strong = "签" in label
            # a table cell ends the label too: extraction joins a row's cells with a
            # box-less space ("审核人 日期 …"), unlike running text ("申报人自参加工作以来")
            cell_end = m.end() < len(page.chars) and page.chars[m.end()].bbox is None
            if not strong and not cell_end and not _LABEL_END.match(page.text[m.end():m.end() + 4]):
                continue
            boxes = page.boxes_for_span(m.start(), m.end())
            if not boxes:
                continue
            raw.append(TextHit(label, m.start(), m.end(), BBox.enclosing(list(boxes))))
        # merge "申报人（签字）", "签字（盖章）" ... into one label
        merged: list[TextHit] = []
        for h in raw:
            if merged:
                prev = merged[-1]
                between = page.text[prev.end:h.start]
                # ... but not two labels in separate table cells (审核人 | 负责人): the
                # gap between them is at most about a character's width
                gap = h.bbox.x0 - prev.bbox.x1
                near = gap <= 1.5 * max(prev.bbox.height, h.bbox.height)
                if (h.start - prev.end <= 3 and _PUNCT_BETWEEN.match(between) and "\n" not in between
                        and near):
                    boxes = page.boxes_for_span(prev.start, h.end)
                    merged[-1] = TextHit(page.text[prev.start:h.end].replace(" ", "").replace("\u3000", ""),
                                         prev.start, h.end, BBox.enclosing(list(boxes)))
                    continue
            merged.append(h)
        # include a closing bracket right after the label ("申报人（签字）")
        out = []
        for h in merged:
            end = h.end
            while end < len(page.text) and page.text[end] in "）)】" and end - h.end < 2:
                end += 1
            if end != h.end:
                boxes = page.boxes_for_span(h.start, end)
                h = TextHit(page.text[h.start:end], h.start, end, BBox.enclosing(list(boxes)))
            out.append(h)
        return out

    def _printed_chars(self, page: Page, hits: list[TextHit]) -> list[Char]:
        """Characters that are print: text layer, or OCR that is confident and of body-text size.

        OCR often "reads" a signature (low score, odd size); those characters must
        not hide the ink.  Body-text size is the median character height of the page.
        """
        heights = [c.bbox.height for c in page.chars if c.bbox is not None and c.c.strip()]
        ref = float(np.median(heights)) if heights else 10.0
        out = []
        for ch in page.chars:
            if ch.bbox is None or not ch.c.strip():
                continue
            if ch.origin is TextOrigin.TEXT_LAYER:
                out.append(ch)
            elif ch.score >= self.print_ocr_min_score and 0.5 * ref <= ch.bbox.height <= 2.0 * ref:
                out.append(ch)
        return out

    def _label(self, page: Page, hit: TextHit, printed: list[Char], shape, ppt: float) -> _Label | None:
        """Search windows in raster pixels (the raster is upright, so 'right' is +u)."""
        assert page.raster is not None
        pb = pixel_rect_for_bbox(page.raster, hit.bbox, shape)
        if pb is None:
            return None
        H, W = shape[0], shape[1]
        u0, v0, u1, v1 = pb
        # the label's line height: the smaller side of a multi-character label
        lh = max(min(u1 - u0, v1 - v0) if len(hit.label) > 1 else v1 - v0, 6.0 * ppt)
        # the right window stops at the next printed text on the label's line
        right_end = min(W, u1 + int(self.right_pt * ppt))
        for ch in printed:
            r = pixel_rect_for_bbox(page.raster, ch.bbox, shape)  # type: ignore[arg-type]
            if r is None or ch.c in "：:（）()_":
                continue
            if r[0] >= u1 + 0.8 * lh and r[0] < right_end:
                ov = min(r[3], v1) - max(r[1], v0)
                if ov > 0.5 * min(r[3] - r[1], v1 - v0):
                    right_end = r[0] - 1
        win = []
        right = (u1, max(0, int(v0 - self.above_lines * lh)), right_end, min(H, int(v1 + self.below_lines * lh)))
        below = (max(0, int(u0 - 2 * lh)), v1, min(W, int(max(u1 + 160 * ppt, u0 + 200 * ppt))),
                 min(H, int(v1 + self.below_pt * ppt)))
        for r in (right, below):
            if r[2] - r[0] > 1 and r[3] - r[1] > 1:
                win.append(tuple(int(x) for x in r))
        if not win:
            return None
        return _Label(hit.label, hit.bbox, win, pb, float(lh))

    # -- ink ----------------------------------------------------------------------------

    def _ink_mask(self, page: Page, rgb: np.ndarray, labels: list[_Label], printed: list[Char],
                  ppt: float) -> tuple[np.ndarray, np.ndarray]:
        """The pen ink in the labels' windows, and the table rules erased from it."""
        assert page.raster is not None
        h, w = rgb.shape[:2]
        roi = np.zeros((h, w), np.uint8)
        for lab in labels:
            for u0, v0, u1, v1 in lab.window:
                roi[v0:v1, u0:u1] = 1
        ys, xs = np.nonzero(roi)
        if ys.size == 0:
            return roi, roi
        y0, y1, x0, x1 = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
        sub = rgb[y0:y1, x0:x1]
        gray = to_gray(sub)
        lh = float(np.median([lab.line_h_px for lab in labels]))
        # local paper level (closing removes strokes; follows uneven light in
        # phone photos) and the ink contrast of the printed label itself: pen
        # ink darker than half-way between paper and print counts
        k = max(15, int(1.5 * lh)) | 1
        bg = cv2.morphologyEx(gray, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
        diff = bg.astype(np.int16) - gray.astype(np.int16)
        gray_page = to_gray(rgb)
        contrasts = []
        for lab in labels:
            u0, v0, u1, v1 = lab.px_box
            patch = gray_page[v0:v1, u0:u1]
            if patch.size:
                contrasts.append(float(np.percentile(patch, 95) - np.percentile(patch, 3)))
        contrast = float(np.median(contrasts)) if contrasts else 200.0
        delta = max(self.min_ink_delta, self.ink_contrast * contrast)
        hsv = cv2.cvtColor(sub, cv2.COLOR_RGB2HSV)
        blue = (hsv[:, :, 0] >= 95) & (hsv[:, :, 0] <= 135) & (hsv[:, :, 1] >= 80) & (diff > self.min_ink_delta)
        dark = diff > delta
        # red ink is a seal's; so is blue or purple ink in a seal's ring
        stamp = (red_mask(sub) > 0) | (seal_ink(sub, ppt) > 0)
        ink = ((dark | blue) & ~stamp).astype(np.uint8)
        ink &= roi[y0:y1, x0:x1]
        # printed characters (slightly grown) are not handwriting
        grow = int(round(0.8 * ppt))
        for ch in printed:
            r = pixel_rect_for_bbox(page.raster, ch.bbox, (h, w))  # type: ignore[arg-type]
            if r is None or r[2] <= x0 or r[0] >= x1 or r[3] <= y0 or r[1] >= y1:
                continue
            ink[max(0, r[1] - grow - y0):max(0, r[3] + grow - y0),
                max(0, r[0] - grow - x0):max(0, r[2] + grow - x0)] = 0
        # long straight rules (underlines, table lines), found on a lenient ink mask
        # of the whole area (faint, skewed, broken rules included): an opening
        # after thickening across the rule tolerates a few degrees of skew, a
        # probabilistic Hough transform bridges gaps left by noise
        klen = max(15, int(self.rule_lines * lh))
        vlen = max(15, int(self.rule_lines_vertical * lh))
        faint = ((diff > self.min_ink_delta) & ~stamp).astype(np.uint8)
        t = max(3, int(round(1.2 * ppt)) | 1)
        thick_h = cv2.dilate(faint, cv2.getStructuringElement(cv2.MORPH_RECT, (1, t)))
        thick_v = cv2.dilate(faint, cv2.getStructuringElement(cv2.MORPH_RECT, (t, 1)))
        horiz = cv2.morphologyEx(thick_h, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (klen, 1)))
        vert = cv2.morphologyEx(thick_v, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, vlen)))
        lines = cv2.dilate(horiz | vert, np.ones((3, 3), np.uint8))
        segs = cv2.HoughLinesP(faint * 255, 1, np.pi / 720, threshold=int(0.6 * vlen), minLineLength=vlen,
                               maxLineGap=max(3, int(1.0 * ppt)))
        if segs is not None:
            for xa, ya, xb, yb in segs[:, 0]:
                ang = abs(np.degrees(np.arctan2(yb - ya, xb - xa))) % 180
                length = float(np.hypot(xb - xa, yb - ya))
                if (min(ang, 180 - ang) <= 6 and length >= klen) or abs(ang - 90) <= 6:
                    cv2.line(lines, (int(xa), int(ya)), (int(xb), int(yb)), 1, t + 2)
        ink &= 1 - lines
        # pieces of a seal's ring that the seal detector could not take whole (a
        # faint or partial impression, half over a photo): arcs of a large circle
        n, lab_img, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
        for i in range(1, n):
            x, y, cw, ch, area = stats[i]
            if max(cw, ch) >= 15 * ppt and area >= 20:
                ys, xs = np.nonzero(lab_img[y:y + ch, x:x + cw] == i)
                if _is_ring_arc(xs.astype(np.float64), ys.astype(np.float64), ppt):
                    ink[lab_img == i] = 0
        # specks left over by noise and by the erased rules
        n, lab_img, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
        small = np.nonzero(stats[:, cv2.CC_STAT_AREA] < max(4, int((0.12 * lh) ** 2)))[0]
        if small.size > 1 or (small.size == 1 and small[0] != 0):
            ink[np.isin(lab_img, small[small != 0])] = 0
        full = np.zeros((h, w), np.uint8)
        full[y0:y1, x0:x1] = ink
        rules = np.zeros((h, w), np.uint8)
        rules[y0:y1, x0:x1] = lines
        return full, rules

    def _figure_rects(self, page: Page, rgb: np.ndarray) -> list[tuple[tuple[int, int, int, int], np.ndarray]]:
        """Embedded images smaller than half the page, with their non-paper pixel masks."""
        assert page.raster is not None
        out = []
        page_area = page.width * page.height
        for im in page.images:
            if im.bbox.area <= 0 or im.bbox.area > 0.5 * page_area:
                continue
            r = pixel_rect_for_bbox(page.raster, im.bbox, rgb.shape)
            if r is None:
                continue
            sub = rgb[r[1]:r[3], r[0]:r[2]]
            hsv = cv2.cvtColor(sub, cv2.COLOR_RGB2HSV)
            content = (to_gray(sub) < 215) | (hsv[:, :, 1] > 40)
            out.append((r, content))
        return out

    def _groups(self, ink: np.ndarray, labels: list[_Label], ppt: float, rgb: np.ndarray,
                figures: list, rules: np.ndarray | None = None) -> list[tuple[_Label, _Ink, float, float]]:
        if int(ink.sum()) < self.min_ink_px:
            return []
        lh = float(np.median([lab.line_h_px for lab in labels]))
        kx, ky = max(3, int(0.7 * lh)), max(3, int(0.45 * lh))
        joined = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (kx, ky)))
        if rules is not None:
            # a table rule separates two cells' signatures (申请人签名 above 审核人)
            joined &= 1 - rules
        n, lab_img, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
        cands: list[_Ink] = []
        for i in range(1, n):
            x, y, w, h, _ = stats[i]
            sub = ink[y:y + h, x:x + w] & (lab_img[y:y + h, x:x + w] == i)
            cnt = int(sub.sum())
            if cnt < self.min_ink_px:
                continue
            ys, xs = np.nonzero(sub)
            rect = (x + int(xs.min()), y + int(ys.min()), x + int(xs.max()) + 1, y + int(ys.max()) + 1)
            cands.append(_Ink(rect, cnt))
        # assign to the nearest label whose window holds most of the group; a label on
        # the group's own row first (in a form table the row above has its own label,
        # and its "below" window reaches into this row)
        assigned: dict[int, list[_Ink]] = {}
        for c in cands:
            best, best_d = -1, (True, float("inf"))
            for li, lab in enumerate(labels):
                if _share_in(c.rect, lab.window) < 0.5:
                    continue
                d = _gap(c.rect, lab.px_box)
                if c.rect[2] <= lab.px_box[0]:
                    d += 10 * lh              # left of the label: unlikely its signature
                other_row = min(c.rect[3], lab.px_box[3]) <= max(c.rect[1], lab.px_box[1])
                if (other_row, d) < best_d:
                    best, best_d = li, (other_row, d)
            if best >= 0:
                assigned.setdefault(best, []).append(c)
        out = []
        for li, inks in assigned.items():
            lab = labels[li]
            for g in _merge_close(inks, 2.5 * lh, 1.0 * lh):
                if _part_of_figure(g.rect, figures, lab.px_box):
                    continue
                pasted = self._pasted_picture(ink, g, figures, lab, ppt)
                if pasted is not None:
                    g = pasted        # the ink inside a pasted signature picture, not the cell's rules beside it
                q = self._quality(ink, g, lab, ppt, rgb, pasted=pasted is not None)
                if q is None:
                    # a blue signature merged with black print OCR could not read
                    # ("签名：" swallowed into the signature's line): the pen's pieces alone
                    g, q = self._pen_only(ink, g, inks, lab, ppt, rgb)
                if q is None:
                    continue
                out.append((lab, g, _gap(g.rect, lab.px_box), q))
        return out

    def _pasted_picture(self, ink: np.ndarray, g: _Ink, figures: list, lab: _Label, ppt: float) -> _Ink | None:
        """The part of ``g`` inside a signature-sized picture placement that holds most of its ink.

        A signature pasted into a Word form's cell is a picture of its own: a scan
        or tablet export scaled down into the cell, so its strokes are thin (0.5-1 pt)
        and sparse, like a chart's hairlines; and the cell's short borders beside it
        (shorter than a rule) join its ink group.  Ink inside the picture placement
        is the signature; what lies outside it is the form's.
        """
        u0, v0, u1, v1 = g.rect
        max_h = max(self.max_height_pt * ppt, self.max_height_lines * lab.line_h_px)
        inside = np.zeros((v1 - v0, u1 - u0), bool)
        for (a0, b0, a1, b1), _content in figures:
            if a1 - a0 > self.max_width_pt * ppt or b1 - b0 > max_h:
                continue
            if _share_in(lab.px_box, [(a0, b0, a1, b1)]) >= 0.5:
                continue              # the label is in the picture: a pasted scan of the form
            x0, y0, x1, y1 = max(u0, a0), max(v0, b0), min(u1, a1), min(v1, b1)
            if x1 > x0 and y1 > y0:
                inside[y0 - v0:y1 - v0, x0 - u0:x1 - u0] = True
        sel = inside & (ink[v0:v1, u0:u1] > 0)
        count = int(np.count_nonzero(sel))
        if count < self.min_ink_px or count < 0.5 * g.pixels:
            return None
        ys, xs = np.nonzero(sel)
        return _Ink((u0 + int(xs.min()), v0 + int(ys.min()), u0 + int(xs.max()) + 1, v0 + int(ys.max()) + 1), count)

    def _pen_only(self, ink: np.ndarray, g: _Ink, inks: list[_Ink], lab: _Label, ppt: float,
                  rgb: np.ndarray) -> tuple[_Ink, float | None]:
        """The chromatic (pen-coloured) pieces of a group that mixes them with black ones."""
        members = [c for c in inks if _inside(c.rect, g.rect)]
        if len(members) < 2:
            return g, None
        pen = []
        for c in members:
            u0, v0, u1, v1 = c.rect
            sel = ink[v0:v1, u0:u1] > 0
            sat = cv2.cvtColor(np.ascontiguousarray(rgb[v0:v1, u0:u1]), cv2.COLOR_RGB2HSV)[:, :, 1]
            if sel.any() and float(sat[sel].mean()) >= 40:
                pen.append(c)
        if not pen or len(pen) == len(members):
            return g, None
        merged = _merge_close(pen, float("inf"), float("inf"))[0]
        return merged, self._quality(ink, merged, lab, ppt, rgb)

    def _quality(self, ink: np.ndarray, g: _Ink, lab: _Label, ppt: float, rgb: np.ndarray,
                 pasted: bool = False) -> float | None:
        u0, v0, u1, v1 = g.rect
        w, h = u1 - u0, v1 - v0
        if h < self.min_height_pt * ppt or w < 0.6 * self.min_height_pt * ppt:
            return None
        max_h = max(self.max_height_pt * ppt, self.max_height_lines * lab.line_h_px)
        if w > self.max_width_pt * ppt or h > max_h:
            return None
        # one pen: stroke pieces are either chromatic (blue) or black, not a mix of
        # coloured curves and black labels (charts, figures); judged per connected
        # piece because scanned blue strokes have grey edges
        sel = (ink[v0:v1, u0:u1] > 0).astype(np.uint8)
        hsv = cv2.cvtColor(rgb[v0:v1, u0:u1], cv2.COLOR_RGB2HSV)
        n, lab_img = cv2.connectedComponents(sel, connectivity=8)
        if n > 2:
            sat = hsv[:, :, 1].astype(np.float32)
            counts = np.bincount(lab_img.ravel(), minlength=n)[1:]
            sums = np.bincount(lab_img.ravel(), weights=sat.ravel(), minlength=n)[1:]
            chromatic = (sums / np.maximum(counts, 1)) >= 40
            share = float(counts[chromatic].sum()) / max(1, int(counts.sum()))
            if min(share, 1.0 - share) > self.max_mixed_ink:
                return None
        hues = hsv[:, :, 0][(sel > 0) & (hsv[:, :, 1] >= 60)]
        # many hues: a colour figure -- judged only when a real share of the ink is
        # chromatic (JPEG and phone-photo colour fringes tint a few pixels of black ink)
        if hues.size > max(20, 0.15 * int(sel.sum())) and _hue_spread(hues) > 20:
            return None
        density = g.pixels / float(w * h)
        if density > self.max_density:
            return None
        sub = ink[v0:v1, u0:u1]
        ys, xs = np.nonzero(sub)
        if xs.size >= 10:
            # a straight stroke is a rule remnant, not a signature
            cov = np.cov(np.stack([xs, ys]).astype(np.float64))
            minor = float(np.sqrt(max(np.linalg.eigvalsh(cov)[0], 0.0)))
            if minor < 0.6 * ppt:
                return None
        # stroke width from area and outline length (a pen line is about 0.8-2 pt;
        # chart curves and hairlines are thinner, brush blobs and photos thicker)
        contours, _ = cv2.findContours(sub, cv2.RETR_LIST, cv2.CHAIN_APPROX_NONE)
        perimeter = sum(cv2.arcLength(c, True) for c in contours)
        stroke = 2.0 * g.pixels / max(perimeter, 1.0)
        if stroke > max(0.3 * h, self.max_stroke_pt * ppt):
            return None
        if stroke < self.hairline_pt * ppt and density < 0.1 and not pasted:
            return None               # a chart's hairline (a pasted signature picture's strokes are thin too)
        score = 0.5
        score += 0.15 if h >= 0.9 * lab.line_h_px else 0.0
        score += 0.15 if 0.02 <= density <= 0.3 else 0.0
        score += 0.1 if stroke <= 2.5 * ppt else 0.0
        score += 0.1 if _gap(g.rect, lab.px_box) <= 3 * lab.line_h_px else 0.0
        return min(1.0, score)


# --- helpers ---------------------------------------------------------------------------

def _with_ocr_text(page: Page, ocr: OcrEngine) -> Page:
    """The page with OCR text (for pages ingested without characters)."""
    assert page.raster is not None
    text: list[str] = []
    chars: list[Char] = []
    for line in ocr.recognize(page.raster):
        for c, b in zip(line.text, line.char_boxes):
            text.append(c)
            chars.append(Char(c, b, TextOrigin.OCR, float(line.score)))
        text.append("\n")
        chars.append(Char("\n", None, TextOrigin.OCR, float(line.score)))
    return replace(page, text="".join(text), chars=tuple(chars))


def _part_of_figure(rect, figures, label_box=None) -> bool:
    """Ink inside a much larger embedded image with other content: part of a figure.

    A pasted signature image holds little besides the signature; a chart or a
    photo holds content well outside the ink group.  An image that also holds
    the signature label is a pasted scan of the form, not a figure.
    """
    area = max(1, (rect[2] - rect[0]) * (rect[3] - rect[1]))
    for (u0, v0, u1, v1), content in figures:
        iw = min(rect[2], u1) - max(rect[0], u0)
        ih = min(rect[3], v1) - max(rect[1], v0)
        if iw <= 0 or ih <= 0 or iw * ih < 0.8 * area:
            continue
        if label_box is not None and _share_in(label_box, [(u0, v0, u1, v1)]) >= 0.5:
            continue
        if (u1 - u0) * (v1 - v0) < 3 * area:
            continue
        total = int(content.sum())
        if total == 0:
            continue
        inside = int(content[max(0, rect[1] - v0):rect[3] - v0, max(0, rect[0] - u0):rect[2] - u0].sum())
        if (total - inside) / total > 0.3:
            return True
    return False


def _is_ring_arc(xs: np.ndarray, ys: np.ndarray, ppt: float) -> bool:
    """Ink pixels lying on one arc of a circle of seal size (radius 12-120 pt)
    spanning at least 80 degrees: a piece of a seal's ring, not handwriting."""
    a = np.column_stack([xs, ys, np.ones_like(xs)])
    try:
        sol, *_ = np.linalg.lstsq(a, xs * xs + ys * ys, rcond=None)
    except np.linalg.LinAlgError:
        return False
    cx, cy = sol[0] / 2, sol[1] / 2
    r2 = sol[2] + cx * cx + cy * cy
    if not np.isfinite(r2) or r2 <= 0:
        return False
    r = float(np.sqrt(r2))
    if not 12 * ppt <= r <= 120 * ppt:
        return False
    d = np.hypot(xs - cx, ys - cy)
    if float(np.percentile(np.abs(d - r), 90)) > max(2.0, 0.06 * r):
        return False
    ang = np.degrees(np.arctan2(ys - cy, xs - cx))
    hist = np.histogram(ang, bins=36, range=(-180, 180))[0] > 0
    return int(hist.sum()) >= 8


def _gap(a, b) -> float:
    dx = max(a[0] - b[2], b[0] - a[2], 0)
    dy = max(a[1] - b[3], b[1] - a[3], 0)
    return float(np.hypot(dx, dy))


def _share_in(rect, windows) -> float:
    area = max(1, (rect[2] - rect[0]) * (rect[3] - rect[1]))
    best = 0.0
    for w in windows:
        iw = min(rect[2], w[2]) - max(rect[0], w[0])
        ih = min(rect[3], w[3]) - max(rect[1], w[1])
        if iw > 0 and ih > 0:
            best = max(best, iw * ih / area)
    return best


def _inside(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] >= b[0] and a[1] >= b[1] and a[2] <= b[2] and a[3] <= b[3]


def _merge_close(inks: list[_Ink], gap_x: float, gap_y: float) -> list[_Ink]:
    items = sorted(inks, key=lambda i: i.rect[0])
    changed = True
    while changed:
        changed = False
        out: list[_Ink] = []
        for it in items:
            for k, o in enumerate(out):
                dx = max(it.rect[0] - o.rect[2], o.rect[0] - it.rect[2], 0)
                dy = max(it.rect[1] - o.rect[3], o.rect[1] - it.rect[3], 0)
                if dx <= gap_x and dy <= gap_y:
                    r = (min(o.rect[0], it.rect[0]), min(o.rect[1], it.rect[1]),
                         max(o.rect[2], it.rect[2]), max(o.rect[3], it.rect[3]))
                    out[k] = _Ink(r, o.pixels + it.pixels)
                    changed = True
                    break
            else:
                out.append(it)
        items = out
    return items


def _hue_spread(hues: np.ndarray) -> float:
    """Circular standard deviation of OpenCV hues (0-180): navy ink photographed
    under warm light spans blue to magenta and wraps past 180, which a plain
    standard deviation takes for many colours."""
    theta = hues.astype(np.float64) * (np.pi / 90.0)
    r = float(np.abs(np.mean(np.exp(1j * theta))))
    return float(np.degrees(np.sqrt(-2.0 * np.log(max(r, 1e-9))))) / 2.0
