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

import cv2
import numpy as np

from redactor.model import Finding, Page, PageKind
from redactor.protocols import OcrEngine

from .base import TextHit, make_region_finding, pixel_rects_for_bboxes, px_per_pt
from .planes import PagePlanes, planes_of
from .seal import SealDetector
from .signature_ink import Ink, figure_rects, gap, ink_mask, inside, merge_close, share_in, with_fainter_strokes, with_flourish
from .signature_labels import (
    SIGNATURE_LABELS, Label, find_labels, label_window, pen_read_as_its_own_line, pen_read_on_the_label_line, printed_chars,
    with_ocr_text,
)
from .signature_strokes import quality

__all__ = ["SIGNATURE_LABELS", "SignatureDetector"]


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
        faint_strokes: float = 0.5,          # a stroke's fainter pixels (this share of the bar) that continue it count
        min_ink_delta: float = 35.0,
        max_mixed_ink: float = 0.3,
        rule_lines: float = 6.0,
        rule_lines_vertical: float = 2.5,
        max_stroke_pt: float = 4.0,
        hairline_pt: float = 1.0,
        max_density: float = 0.4,
        min_ink_px: int = 25,
        print_ocr_min_score: float = 0.9,
        hue_min_chroma: float = 25.0,       # RGB levels (0-255) between a pixel's strongest and weakest channel
                                            # for its hue to count in the colour-figure test (darker: noise)
        ocr_fallback: bool = True,
        pad_chars: float = 0.25,            # the box's margin round the strokes (strokes on an erased rule), in the
                                            # label's character sizes (``Label.char_px``)
        label_square_slack: float = 1.3,    # a label's characters are about as tall as wide: a line read this much
                                            # taller than the label's pitch holds the pen strokes beside it
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
        self.faint_strokes = faint_strokes
        self.min_ink_delta = min_ink_delta
        self.max_mixed_ink = max_mixed_ink
        self.rule_lines = rule_lines
        self.rule_lines_vertical = rule_lines_vertical
        self.max_stroke_pt = max_stroke_pt
        self.hairline_pt = hairline_pt
        self.max_density = max_density
        self.min_ink_px = min_ink_px
        self.print_ocr_min_score = print_ocr_min_score
        self.hue_min_chroma = hue_min_chroma
        self.ocr_fallback = ocr_fallback
        self.pad_chars = pad_chars
        self.label_square_slack = label_square_slack
        self.seal_detector: SealDetector | None = None      # the configured one, set by ``with_seal_detector``

    def with_seal_detector(self, seal: SealDetector | None) -> SignatureDetector:
        """A copy that tells stamp ink from pen ink with the pipeline's configured seal detector (a ``seal.v1``
        override reaches the stamp exclusion too), not one with the defaults."""
        import copy

        out = copy.copy(self)
        out.seal_detector = seal
        return out

    # -- public ---------------------------------------------------------------

    def detect(self, page: Page, ocr: OcrEngine | None = None, planes: PagePlanes | None = None) -> list[Finding]:
        planes = planes_of(page, planes).upright()      # a sheet scanned sideways: look at it the right way up
        page, rgb = planes.page, planes.rgb
        if rgb is None:
            return []
        assert page.raster is not None
        # a page without boxed characters: OCR it for labels -- unless ingest OCRed it already (a scan
        # on which OCR found nothing, e.g. a blank page: a second pass would read the same nothing)
        if (self.ocr_fallback and ocr is not None and page.kind is PageKind.BORN_DIGITAL
                and not any(c.bbox is not None for c in page.chars)):
            page = with_ocr_text(page, ocr)
        hits = self.find_labels(page)
        if not hits:
            return []
        ppt = px_per_pt(page.raster)
        printed = printed_chars(page, self.print_ocr_min_score, hits)
        # the printed characters' pixel rectangles, once for every label, the ink and the rows
        printed_rects = pixel_rects_for_bboxes(page.raster, [ch.bbox for ch in printed], rgb.shape)
        gray = planes.gray
        pen = pen_read_as_its_own_line(page, hits, printed, printed_rects, gray, self.min_ink_delta,
                                       self.right_pt * ppt)
        if pen:        # a signature's first strokes OCR read as a line of print: ink, and no end to the label's window
            printed = [ch for i, ch in enumerate(printed) if i not in pen]
            printed_rects = [r for i, r in enumerate(printed_rects) if i not in pen]
        pen_tails = [pen_read_on_the_label_line(page, h, rgb.shape) for h in hits]
        windows = [(h, t, label_window(self, page, h, printed, rgb.shape, ppt, printed_rects, t))
                   for h, t in zip(hits, pen_tails)]
        labels = [lab for _, _, lab in windows if lab is not None]
        if not labels:
            return []
        tails = {id(lab): t for _, t, lab in windows if lab is not None}
        ink, rules, fainter, on_rules = ink_mask(self, page, rgb, labels, printed, ppt, printed_rects, gray)
        figures = figure_rects(page, rgb)
        printed_px = [r for r in printed_rects if r is not None]
        groups, tried = self._groups(ink, labels, ppt, rgb, figures, rules, printed_px)
        out: list[Finding] = []
        for lab, g, dist_px, score in groups:
            u0, v0, u1, v1 = g.rect
            if self.faint_strokes < 1.0:
                u0, v0, u1, v1 = with_fainter_strokes(
                    g.rect, ink, fainter, self.max_width_pt * ppt,
                    max(self.max_height_pt * ppt, self.max_height_lines * lab.line_h_px), rules)
                u0, v0, u1, v1 = with_flourish((u0, v0, u1, v1), on_rules, self.max_width_pt * ppt, ink)
            u0, v0, u1, v1 = _with_the_pen_read_as_text((u0, v0, u1, v1), tails.get(id(lab), []), lab.line_h_px)
            pad = max(1.5 * ppt, self.pad_chars * lab.char_px)    # strokes on an erased rule
            box = page.raster.point_box(u0 - pad, v0 - pad, u1 + pad, v1 + pad)
            out.append(make_region_finding(
                page, entity_type="SIGNATURE", box=box, recognizer=self.name, score=score,
                explanation=(("label", lab.text), ("label_distance_pt", round(float(dist_px) / ppt, 1)),
                             ("label_box", tuple(round(float(v), 1) for v in lab.bbox.as_tuple()))),
            ))
        signed = {id(lab) for lab, *_ in groups}
        out += [self._unsigned(page, li, lab, li in tried) for li, lab in enumerate(labels)
                if "签" in lab.text and id(lab) not in signed]
        return out

    def _unsigned(self, page: Page, li: int, lab: Label, had_ink: bool) -> Finding:
        """A label that asks for a signature (申请人签名, 签字) with no handwriting next to it.

        Weak evidence either way: the form is unsigned, or the pen is too faint,
        too far or too unlike handwriting for the tests.  The finding (ink
        ``none`` or ``not_handwriting``) marks the place beside the label for a
        reviewer; it removes nothing."""
        assert page.raster is not None
        u0, v0, u1, v1 = lab.window[0]
        return make_region_finding(
            page, entity_type="SIGNATURE", box=page.raster.point_box(u0, v0, u1, v1), recognizer=self.name,
            score=0.0, explanation=(("label", lab.text), ("ink", "not_handwriting" if had_ink else "none"),
                                    ("label_box", tuple(round(float(v), 1) for v in lab.bbox.as_tuple()))))

    def find_labels(self, page: Page) -> list[TextHit]:
        return find_labels(page, self.labels)

    def _groups(self, ink: np.ndarray, labels: list[Label], ppt: float, rgb: np.ndarray,
                figures: list, rules: np.ndarray | None = None, printed_px: list | None = None
                ) -> tuple[list[tuple[Label, Ink, float, float]], set[int]]:
        """The handwriting groups with their labels, and the labels that had any ink assigned."""
        if int(ink.sum()) < self.min_ink_px:
            return [], set()
        # the writing's scale: the labels' character size (at the height OCR gave a label read with the pen beside
        # it, a signature took in the employer's grey stamp four characters past it on a two-up scan)
        lh = float(np.median([lab.char_px for lab in labels]))
        kx, ky = max(3, int(0.7 * lh)), max(3, int(0.45 * lh))
        joined = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (kx, ky)))
        if rules is not None:
            # a table rule separates two cells' signatures (申请人签名 above 审核人)
            joined &= 1 - rules
        n, lab_img, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
        cands: list[Ink] = []
        for i in range(1, n):
            x, y, w, h, _ = stats[i]
            sub = ink[y:y + h, x:x + w] & (lab_img[y:y + h, x:x + w] == i)
            cnt = int(sub.sum())
            if cnt < self.min_ink_px:
                continue
            ys, xs = np.nonzero(sub)
            rect = (x + int(xs.min()), y + int(ys.min()), x + int(xs.max()) + 1, y + int(ys.max()) + 1)
            if _rule_remnant(rect, ppt):
                continue
            cands.append(Ink(rect, cnt))
        # assign to the nearest label whose window holds most of the group; a label on
        # the group's own row first (in a form table the row above has its own label,
        # and its "below" window reaches into this row)
        assigned: dict[int, list[Ink]] = {}
        for c in cands:
            best, best_d = -1, (True, float("inf"))
            own_row = _row_label(c.rect, labels, printed_px or [], self.right_pt * ppt)
            for li, lab in enumerate(labels):
                if share_in(c.rect, lab.window) < 0.5 and li != own_row:
                    continue
                if rules is not None and rows_between(rules, lab.px_box, c.rect) >= 2:
                    continue              # two table rows further down: another row's (its label unread)
                d = gap(c.rect, lab.px_box)
                if c.rect[2] <= lab.px_box[0]:
                    d += 10 * lh              # left of the label: unlikely its signature
                # on the label's row: sharing a good part of its height (on a skewed scan the row
                # above touches the ink by a pixel or two)
                shared = min(c.rect[3], lab.px_box[3]) - max(c.rect[1], lab.px_box[1])
                other_row = shared < 0.3 * min(c.rect[3] - c.rect[1], lab.px_box[3] - lab.px_box[1])
                if (other_row, d) < best_d:
                    best, best_d = li, (other_row, d)
            if best >= 0:
                assigned.setdefault(best, []).append(c)
        out = []
        for li, inks in assigned.items():
            lab = labels[li]
            if rules is not None:
                inks = self._without_next_rows_signature(ink, inks, lab, ppt, rgb, rules, lh)
            for g in merge_close(inks, 2.5 * lh, 1.0 * lh):
                # a signature-sized picture beside the label holding the ink is a pasted signature, whatever share
                # of its strokes the ink caught (a pale pen's thin strokes on a tinted ground: the rest of the
                # picture is the same signature, not a figure's other content)
                pasted = self._pasted_picture(ink, g, figures, lab, ppt)
                if pasted is None and _part_of_figure(g.rect, figures, lab.px_box):
                    continue
                if pasted is not None:
                    g = pasted        # the ink inside a pasted signature picture, not the cell's rules beside it
                q = quality(self, ink, g, lab, ppt, rgb, pasted=pasted is not None)
                if q is None:
                    # a blue signature merged with black print OCR could not read
                    # ("签名：" swallowed into the signature's line): the pen's pieces alone
                    g, q = self._pen_only(ink, g, inks, lab, ppt, rgb)
                if q is None:
                    continue
                out.append((lab, g, gap(g.rect, lab.px_box), q))
        return out, set(assigned)

    def _without_next_rows_signature(self, ink: np.ndarray, inks: list[Ink], lab: Label, ppt: float,
                                     rgb: np.ndarray, rules: np.ndarray, lh: float) -> list[Ink]:
        """``inks`` less a signature one table rule further down, when the label's own row is signed.

        A label's window reaches past the rule under its row (a signature written in the cell
        below it), so where the next row's label went unread the next row's signature was this
        label's too, and merged with the one beside the label: an eroded 审核人,
        whose reviewer's signature was removed with the applicant's.  Only a group that is a
        signature on its own, and no more than twice the own row's, is dropped: a stroke of the
        label's own signature crossing the rule stays with it."""
        rows = [rows_between(rules, lab.px_box, c.rect) for c in inks]
        own = [c for c, r in zip(inks, rows) if r == 0]
        below = [c for c, r in zip(inks, rows) if r >= 1]
        if not own or not below:
            return inks
        signed = [g for g in merge_close(own, 2.5 * lh, 1.0 * lh) if quality(self, ink, g, lab, ppt, rgb) is not None]
        if not signed:
            return inks
        most = max(g.pixels for g in signed)
        others = [g for g in merge_close(below, 2.5 * lh, 1.0 * lh)
                  if g.pixels <= 2 * most and quality(self, ink, g, lab, ppt, rgb) is not None]
        return [c for c in inks if not any(inside(c.rect, g.rect) for g in others)]

    def _pasted_picture(self, ink: np.ndarray, g: Ink, figures: list, lab: Label, ppt: float) -> Ink | None:
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
        pictures = []
        for (a0, b0, a1, b1), content in figures:
            if a1 - a0 > self.max_width_pt * ppt or b1 - b0 > max_h:
                continue
            if share_in(lab.px_box, [(a0, b0, a1, b1)]) >= 0.5:
                continue              # the label is in the picture: a pasted scan of the form
            x0, y0, x1, y1 = max(u0, a0), max(v0, b0), min(u1, a1), min(v1, b1)
            if x1 > x0 and y1 > y0:
                inside[y0 - v0:y1 - v0, x0 - u0:x1 - u0] = True
                pictures.append(((a0, b0, a1, b1), content))
        sel = inside & (ink[v0:v1, u0:u1] > 0)
        count = int(np.count_nonzero(sel))
        if count < self.min_ink_px or count < 0.5 * g.pixels:
            return None
        ys, xs = np.nonzero(sel)
        rect = (u0 + int(xs.min()), v0 + int(ys.min()), u0 + int(xs.max()) + 1, v0 + int(ys.max()) + 1)
        # the picture's strokes where they cross printed text (郑雅琴 written over 年 月 日) are not in ``ink``,
        # which leaves print out: the signature is the pasted picture, all of it
        for (a0, b0, a1, b1), _content in pictures:
            rect = (min(rect[0], a0), min(rect[1], b0), max(rect[2], a1), max(rect[3], b1))
        return Ink(rect, count)

    def _pen_only(self, ink: np.ndarray, g: Ink, inks: list[Ink], lab: Label, ppt: float,
                  rgb: np.ndarray) -> tuple[Ink, float | None]:
        """The chromatic (pen-coloured) pieces of a group that mixes them with black ones."""
        members = [c for c in inks if inside(c.rect, g.rect)]
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
        merged = merge_close(pen, float("inf"), float("inf"))[0]
        return merged, quality(self, ink, merged, lab, ppt, rgb)


RULE_REMNANT_PT = (1.5, 20.0)     # at most this thick and at least this long: a piece of a printed rule


def _rule_remnant(rect: tuple[int, int, int, int], ppt: float) -> bool:
    """An ink group that is a straight line along the page's axes, thin and long: a piece of a table's
    rule too short to be erased as one (a 41 x 1.4 pt stretch of a scanned row border beside 申请人签名
    joined the signature's group, 34 pt away, and took its box over the label's last character, seed
    167).  A pen's stroke that straight and that long does not stand apart from the rest of the
    signature: it joins the group through the dilation."""
    thick, long = RULE_REMNANT_PT
    w, h = rect[2] - rect[0], rect[3] - rect[1]
    return min(w, h) <= max(1.0, thick * ppt) and max(w, h) >= long * ppt


def _row_label(rect, labels: list[Label], printed_px: list, reach: float) -> int | None:
    """The label on the ink's own line, to its left, with nothing printed between them.

    A label's right window stops at the next printed text on its line, and OCR
    reads a signature as text (反, x6) confidently enough to pass for print: the
    window of 审核人 then stopped at its own signature, and the label of the row
    above (申请人签名, whose window reaches down) took the reviewer's signature.
    Text that overlaps the ink is the ink; only print wholly between label and
    ink separates them (申请人签名 | 日期 | a handwritten date).
    """
    best, best_gap = None, float("inf")
    for li, lab in enumerate(labels):
        u0, v0, u1, v1 = lab.px_box
        if min(rect[3], v1) - max(rect[1], v0) < 0.5 * (v1 - v0) or u1 > rect[0]:
            continue
        g = rect[0] - u1
        if g > reach or g >= best_gap:
            continue
        between = any(r[0] >= u1 and r[2] <= rect[0] and min(r[3], v1) - max(r[1], v0) > 0.5 * (r[3] - r[1])
                      for r in printed_px)
        if not between:
            best, best_gap = li, g
    return best


def rows_between(rules: np.ndarray, label: tuple[int, int, int, int], rect: tuple[int, int, int, int]) -> int:
    """How many flat table rules run between a label and ink below it, across the ink's columns.

    A label's window reaches down ``below_pt`` for a signature written in the cell under it, past one
    rule.  Past two, the ink is in another row whose label OCR could not read: on a 1-bit
    申报表 the eroded 审核人 had no window, and the top of the employer's dashed stamp two rows under
    申请人签名 was removed as the applicant's signature, which hid the stamp from the gate's ring search."""
    top, bottom = label[3], rect[1]
    if bottom <= top or rect[2] <= rect[0]:
        return 0
    ruled = rules[top:bottom, rect[0]:rect[2]].mean(axis=1) >= 0.5
    return int(np.count_nonzero(ruled[1:] & ~ruled[:-1]) + int(ruled[:1].any()))


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
        if label_box is not None and share_in(label_box, [(u0, v0, u1, v1)]) >= 0.5:
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


def _with_the_pen_read_as_text(rect: tuple[int, int, int, int], tail: list[tuple[int, int, int, int]],
                               line_h_px: float) -> tuple[int, int, int, int]:
    """``rect`` (a signature's pixels) grown over the characters OCR read on its label's own line after the label
    (``pen_read_on_the_label_line``) that lie within a line's height of it: the end of the signature read as text
    (项目负责人（签字）：业), which the ink mask leaves out as print."""
    u0, v0, u1, v1 = rect
    for a0, b0, a1, b1 in tail:
        gap_u = max(a0 - u1, u0 - a1, 0)
        gap_v = max(b0 - v1, v0 - b1, 0)
        if max(gap_u, gap_v) <= line_h_px:
            u0, v0, u1, v1 = min(u0, a0), min(v0, b0), max(u1, a1), max(v1, b1)
    return u0, v0, u1, v1

