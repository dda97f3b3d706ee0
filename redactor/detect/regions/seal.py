"""Round and oval seals (公章) in red, blue or purple ink, with their curved text read through OCR.

Pipeline (numbers in docs/regions.md), one module per concept: ink masks (``seal_ink``),
finding shapes (``seal_shapes``), reading the ring (``seal_ring``), the seal's place on the
page -- labels and print around it, evidence of whose it is for the policy (``seal_place``):

1. Ink masks, one per stamp-pad ink (``INKS``): red (hue red, saturated, red
   clearly above green/blue; dark red and orange-red included), blue, purple --
   each robust to JPEG chroma noise and to black text printed under or over the
   seal.  Each ink's mask goes through the steps below on its own.  A page without
   a pixel of colour (``PagePlanes.colourless``: a greyscale scan) has no ink there,
   nor any on its smoothed or white-balanced amounts: it goes to the grey search alone.
2. Closing (about 2.5 pt) joins the ring where text breaks it; each external
   contour of plausible size (default 28-230 pt) gets an ellipse fit.
3. A seal must have a *ring*: red along at least ``min_ring_coverage`` of the
   ellipse's circumference (angles off the page are not counted, so half
   seals at a page edge still count), not be a filled disc, and have an axis
   ratio of at least 0.45 (>= 0.85: round, else oval).  A pale, mottled or
   double-ring impression leaves its ring in pieces on the mask: the search is
   repeated on the ink's smoothed amount (``faint_ink_level``), where a ring
   on ``min_faint_ring_coverage`` of its angles suffices (a partial impression
   fades out on one side).  Greyscale
   pages: circles by a Hough search, ovals by the outline search on grey ink.
4. Reading: the red ink is turned into black-on-white, ovals are stretched
   to circles, the text band inside the ring is unwrapped with
   ``cv2.warpPolar`` into a strip whose columns run clockwise, the strip is
   cut at the largest angular gap (normally the bottom, whatever the seal's
   rotation) so the organisation name runs left to right, and the strip goes
   through the OCR engine.  Ovals are also unwrapped along scaled copies of
   the outline (text set on a scaled ellipse) and the better reading is kept.  The seal's straight
   text (e.g. 专用章, department names) is found in its ink and recognised line by line
   (``seal_lines``, ``ink_lines``); where the ink gives no clean lines or the ring was not read, the
   seal crop itself is OCRed for it.

``text`` is the best reading (may be ""); the detector does not decide whose
seal it is.
"""

from __future__ import annotations

import copy
from dataclasses import replace

import cv2
import numpy as np

from redactor.dither import dotted
from redactor.ink_components import colourless
from redactor.marks.ink import white_balanced
from redactor.model import BBox, Finding, Page, PageKind
from redactor.normalize import is_cjk
from redactor.protocols import OcrEngine
from redactor.variants.rival_orgs import explained, letters, printed_org_names

from .base import make_region_finding, pixel_rect_for_bbox, px_per_pt
from .planes import PagePlanes, planes_of
from .seal_ink import (
    INKS, _without_print, blue_mask, blueness, is_grayscale, needs_colour, purple_mask, purpleness, red_mask, redness,
    seal_faint_gray_ink, seal_gray_ink, stamp_ink_mask, without_rules,
)
from .seal_place import page_heading
from .seal_ring import RingReader, _lines_read_at_ingest
from .seal_shapes import SealShapes, _Seal, _same_seal

__all__ = ["SealDetector", "seal_ink", "INKS", "red_mask", "redness", "blue_mask", "blueness", "purple_mask",
           "purpleness", "stamp_ink_mask", "is_grayscale", "seal_gray_ink"]

_PAPER_GREY = 245           # a pixel this light on the page made white is paper (its tint is the faintest level's noise)
_INK_BELOW_PAPER = 10       # levels under paper white (page made white) where a line's pixel is ink
_PRINT_GREY = 110           # grey level under which ink is as dark as print (black toner, a pen)
_MIN_LINE_INK_PX = 20       # ink pixels a line needs before its tint is measured
_ARC_MAX_DENSITY = 0.35     # share of its box an arc of a ring inks at most (half a ring 3 pt thick, 60 pt across: 0.15)
_FAINT_RING_PX = 300        # ink pixels between the faintest and the pale level worth a search (a small ring's share)


def seal_ink(rgb: np.ndarray, ppt: float, hsv: np.ndarray | None = None,
             detector: SealDetector | None = None) -> np.ndarray:
    """Pixels (uint8 0/1) of stamp ink inside the seals ``detector`` (the configured one; the
    defaults without) finds on ``rgb``: other detectors use it to tell a seal from pen ink (a blue
    seal beside a signature label is no signature).  ``hsv``: ``rgb`` in HSV, if the caller has it.

    Faint and pale rings count too, found as the detector finds them (on the smoothed amount of
    ink, and on the white-balanced rendering): a pale purple stamp half over a phone photo's ID
    picture left nothing on the plain purple mask, and its lower half joined the holder's blue
    signature below it into one ink group that was painted out whole."""
    out = np.zeros(rgb.shape[:2], np.uint8)
    det = detector or SealDetector()
    if hsv is None:
        hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    if det.faint_ink_level > 0 and det.pale_ink_level > 0 and all(needs_colour(n) for n, _, _ in INKS) \
            and colourless(hsv):
        return out      # not a pixel of colour: no ink mask, amount or pale amount holds one (``PagePlanes.colourless``)
    balanced = None
    for ink_name, mask_fn, amount_fn in INKS:
        mask = mask_fn(rgb, hsv=hsv)
        seals = det.find_seals(mask, ppt) if int(mask.sum()) >= 50 else []
        for pale in (False, True) if ink_name != "red" else ():      # red ink is no pen's: callers drop all of it
            if seals:
                break
            if pale and balanced is None:
                balanced = white_balanced(rgb)
            ring_ink = (cv2.GaussianBlur(amount_fn(balanced if pale else rgb), (5, 5), 0)
                        >= (det.pale_ink_level if pale else det.faint_ink_level)).astype(np.uint8)
            if int(ring_ink.sum()) >= 50:
                seals = det.find_seals(ring_ink, ppt, det.min_faint_ring_coverage)
                mask = mask | ring_ink
        for seal in seals:
            canvas = np.zeros_like(mask)
            cv2.ellipse(canvas, (int(seal.center[0]), int(seal.center[1])),
                        (int(seal.axes[0] * 0.55) + 2, int(seal.axes[1] * 0.55) + 2), seal.angle, 0, 360, 1, -1)
            out |= cv2.dilate(mask, np.ones((3, 3), np.uint8)) & canvas
    return out


class SealDetector(SealShapes, RingReader):
    """Round/oval stamps in any stamp-pad ink -> SEAL findings; text = seal text read by OCR."""

    name = "seal.v1"

    def __init__(
        self,
        *,
        min_diameter_pt: float = 28.0,
        max_diameter_pt: float = 230.0,
        min_ring_coverage: float = 0.7,
        min_ring_on_page: float = 0.4,
        round_min_axis_ratio: float = 0.85,
        oval_min_axis_ratio: float = 0.45,
        max_fill: float = 0.25,
        max_stroke_fill: float = 0.4,
        max_solid_fill: float = 0.05,
        max_outline_deviation: float = 0.12,
        close_pt: float = 2.5,
        blob_pt: float = 5.0,
        pad_pt: float = 3.0,
        min_ocr_score: float = 0.6,
        ocr_crop: bool = True,
        ink_lines: bool = True,
        strip_height_px: int = 64,
        read_upscale: float = 2.0,
        gray_seals: bool = True,
        min_gray_ring_coverage: float = 0.8,
        min_gray_diameter_pt: float = 60.0,
        other_inks: bool = True,
        faint_ink_level: int = 40,
        oval_scaled_unwrap: bool = True,
        gray_ovals: bool = True,
        min_faint_ring_coverage: float = 0.6,
        gray_open_pt: float = 2.4,
        pale_ink_level: int = 15,
        faintest_ink_level: int = 8,
        faint_gray_level: int = 12,
        faint_gray_outlines: bool = True,
        colour_ring_arcs: bool = True,
        faint_gray_arcs: bool = True,
        ink_line_max_dark: float = 0.05,
        ink_line_min_tint: float = 6.0,
        ink_line_max_neutral: float = 0.2,
        ink_line_min_lighter: float = 30.0,
        crop_print_share: float = 0.6,
        read_gray_ring_coverage: float = 0.6,
        read_ring_min_chars: int = 4,
        read_filled_ring_coverage: float = 0.9,
        read_filled_max_fill: float = 0.6,
        colour_rule_pt: float = 100.0,
        descreen_pt: float = 0.5,
        dither_lone_share: float = 0.3,
    ) -> None:
        self.colour_rule_pt = colour_rule_pt
        self.descreen_pt = descreen_pt
        self.dither_lone_share = dither_lone_share
        self.read_filled_ring_coverage = read_filled_ring_coverage
        self.read_filled_max_fill = read_filled_max_fill
        self.crop_print_share = crop_print_share
        self.read_gray_ring_coverage = read_gray_ring_coverage
        self.read_ring_min_chars = read_ring_min_chars
        self.ink_line_max_neutral = ink_line_max_neutral
        self.ink_line_min_lighter = ink_line_min_lighter
        self.colour_ring_arcs = colour_ring_arcs
        self.faint_gray_arcs = faint_gray_arcs
        self.ink_line_max_dark = ink_line_max_dark
        self.ink_line_min_tint = ink_line_min_tint
        self.faint_gray_outlines = faint_gray_outlines
        self.faintest_ink_level = faintest_ink_level
        self.faint_gray_level = faint_gray_level
        self.pale_ink_level = pale_ink_level
        self.gray_open_pt = gray_open_pt
        self.min_faint_ring_coverage = min_faint_ring_coverage
        self.gray_ovals = gray_ovals
        self.oval_scaled_unwrap = oval_scaled_unwrap
        self.faint_ink_level = faint_ink_level
        self.other_inks = other_inks
        self.gray_seals = gray_seals
        self.min_gray_diameter_pt = min_gray_diameter_pt
        self.min_gray_ring_coverage = min_gray_ring_coverage
        self.min_diameter_pt = min_diameter_pt
        self.max_diameter_pt = max_diameter_pt
        self.min_ring_coverage = min_ring_coverage
        self.min_ring_on_page = min_ring_on_page
        self.round_min_axis_ratio = round_min_axis_ratio
        self.oval_min_axis_ratio = oval_min_axis_ratio
        self.max_fill = max_fill
        self.max_stroke_fill = max_stroke_fill
        self.max_solid_fill = max_solid_fill
        self.max_outline_deviation = max_outline_deviation
        self.close_pt = close_pt
        self.blob_pt = blob_pt
        self.pad_pt = pad_pt
        self.min_ocr_score = min_ocr_score
        self.ocr_crop = ocr_crop
        self.ink_lines = ink_lines
        self.strip_height_px = strip_height_px
        self.read_upscale = read_upscale

    def _pale_levels(self, amount: np.ndarray, paper: np.ndarray) -> list[int]:
        """The levels of an ink's smoothed amount (on the page made white) where a pale ring is looked for:
        ``pale_ink_level``, then ``faintest_ink_level`` where the paper is clean enough for it (three times
        its own tint, the 99.5th percentile on paper pixels, ``paper``: a mask on every third pixel) and
        there is ink between the two levels to find.  A faint, partial purple stamp on a born-digital
        letter had its ring at 10-25, under the pale level half way round, on paper at 0;
        a blue one on a colour scan at 8-20, on paper at 3."""
        levels = [self.pale_ink_level]
        if self.faintest_ink_level <= 0 or self.faintest_ink_level >= self.pale_ink_level:
            return levels
        sample = amount[::3, ::3]

        def enough_between(level: int) -> bool:
            return int(np.count_nonzero((sample >= level) & (sample < self.pale_ink_level))) * 9 >= _FAINT_RING_PX

        if not enough_between(self.faintest_ink_level):
            return levels           # (most pages: the paper's tint is measured only where there is faint ink)
        tint = float(np.percentile(sample[paper], 99.5)) if paper.any() else float(self.pale_ink_level)
        level = max(self.faintest_ink_level, int(np.ceil(3 * tint)))
        if level < self.pale_ink_level and enough_between(level):
            levels.append(level)
        return levels

    # -- public ---------------------------------------------------------------

    def detect(self, page: Page, ocr: OcrEngine | None = None, planes: PagePlanes | None = None) -> list[Finding]:
        found = self._on_page(page, ocr, planes)
        return found + self._on_pictures(page, ocr, found)

    def _on_pictures(self, page: Page, ocr: OcrEngine | None, found: list[Finding]) -> list[Finding]:
        """Stamps placed as pictures with their own transparency (``ImagePlacement.own``: an electronic
        seal), searched on the picture alone where the page's rendering showed none there: on a
        certificate's red patterned ground the stamp's ink and the pattern are one on the page.  The
        stamp's place (letterhead, form label) is the page's."""
        out: list[Finding] = []
        for im in page.images:
            if im.own is None or any(b.intersection_area(im.bbox) > 0.5 * min(b.area, im.bbox.area)
                                     for f in found + out for b in f.boxes):
                continue
            alone = replace(page, raster=im.own, kind=PageKind.BORN_DIGITAL, text="", chars=(), images=(),
                            ocr_lines=())
            for f in self._on_page(alone, ocr, None):
                place = _place(page, f.boxes[0])
                out.append(replace(f, explanation=f.explanation + place + (("picture_alone", True),)))
        return out

    def _on_page(self, page: Page, ocr: OcrEngine | None = None, planes: PagePlanes | None = None) -> list[Finding]:
        planes = planes_of(page, planes).upright()      # a sheet scanned sideways: look at it the right way up
        page, rgb = planes.page, planes.rgb
        if rgb is None:
            return []
        assert page.raster is not None
        ppt = px_per_pt(page.raster)
        found = self._strokes_second(page, planes, rgb, ppt)
        if found is None:
            return []
        seals, gray_ink = found
        return self._findings(page, rgb, ppt, seals, gray_ink, ocr)

    def _strokes_second(self, page: Page, planes: PagePlanes, rgb: np.ndarray, ppt: float
                        ) -> tuple[list[_Seal], np.ndarray | None] | None:
        """The page's seals with ``max_fill`` alone, then -- only where an outline failed for fill by
        strokes alone (``_filled``) -- with ``max_stroke_fill``: a search that allowed more ink at once
        took rounder, worse fits of stamps that print crosses (a grey oval read as the circle round it),
        before the outline that holds up."""
        if self.max_stroke_fill <= self.max_fill:
            return self._search(page, planes, rgb, ppt)
        strict = copy.copy(self)
        strict._stroke_filled = []
        found = strict._search(page, planes, rgb, ppt)
        seals, gray_ink = found if found is not None else ([], None)
        sure = [f for f in seals if not f.read_to_keep]      # (a ring the strict pass noted only to be read is no find)
        missed = [x for x in strict._stroke_filled if not any(_same_seal(x, f) for f in sure)]
        more = self._search(page, planes, rgb, ppt) if missed else None
        if more is None:
            return found
        extra = [x for x in more[0] if any(_same_seal(x, m) for m in missed) and not any(_same_seal(x, f) for f in sure)]
        if not extra:
            return found
        # a ring the strict pass noted to be read gives way to the strokes' pass's find of it
        seals = [f for f in seals if not (f.read_to_keep and any(_same_seal(f, x) for x in extra))]
        return seals + extra, gray_ink if gray_ink is not None else more[1]

    def _search(self, page: Page, planes: PagePlanes, rgb: np.ndarray, ppt: float
                ) -> tuple[list[_Seal], np.ndarray | None] | None:
        """Seal shapes on the page in every ink, else (a greyscale page) in grey; and the grey ink map
        they were found on.  None: a colour page without seals."""
        gray_ink = None
        seals = []
        # a page without a pixel of colour (a greyscale scan) holds no stamp-pad ink: no ink's mask (``needs_colour``),
        # smoothed amount or pale amount (every channel made white alike: no chroma) holds a pixel there, so none is
        # made, and the page goes to the grey search
        colourless = planes.colourless
        balanced = white_balanced(rgb) if self.pale_ink_level > 0 and not colourless else None
        hsv = planes.hsv        # once for every ink's mask
        arcs: list[tuple[_Seal, str]] = []      # rings of arcs (``_arcs_of_rings``), each with its ink
        read_filled: list[_Seal] = []           # whole rings refused for the ink inside them, each to be read
        for ink_name, mask_fn, amount_fn in INKS:
            if ink_name != "red" and not self.other_inks:
                continue
            if colourless and needs_colour(ink_name):
                continue
            mask = mask_fn(rgb, hsv=hsv)
            inked = int(mask.sum()) >= 50
            notes: list[_Seal] = []
            finder = self._noting_filled(notes)
            found = finder.find_seals(mask, ppt) if inked else []
            if inked and self.colour_rule_pt > 0 and _reaches_past_stamps(mask, self.max_diameter_pt * ppt):
                # the ink runs further than any stamp: a certificate's red frame, a form's red rules; a stamp
                # touching them is one outline with them, found again with the straight runs taken away
                for x in finder.find_seals(without_rules(mask, ppt, self.colour_rule_pt), ppt):
                    if not any(_same_seal(x, f) for f in found):
                        found.append(x)
            for x in notes:
                if not any(_same_seal(x, f) for f in read_filled):
                    x.ink = ink_name
                    read_filled.append(x)
            if inked and self.faint_ink_level > 0:
                # a light or mottled impression (pale purple, pale blue, a double ring) leaves
                # its ring in pieces on the ink mask: the outline is looked for again on the
                # smoothed amount of ink, which joins them
                soft = (cv2.GaussianBlur(amount_fn(rgb), (5, 5), 0) >= self.faint_ink_level).astype(np.uint8)
                for x in self.find_seals(soft, ppt, self.min_faint_ring_coverage):
                    if not any(_same_seal(x, f) for f in found + seals):
                        x.faint = True
                        found.append(x)
                if self.colour_ring_arcs:
                    arcs += [(x, ink_name) for x in self._arcs_of_rings(soft, ppt)]
            for seal in found:
                seal.ink = ink_name
                seals.append(seal)
        if balanced is not None:
            # a pale impression (alpha ~0.45) on tinted paper has 10-20 levels of chroma, visible only
            # once the paper is made white; looked for after every ink's own passes, so a seal found
            # there is not found again (issue #10: pale purple and blue employer seals)
            paper = cv2.cvtColor(balanced[::3, ::3], cv2.COLOR_RGB2GRAY) >= _PAPER_GREY
            for ink_name, _, amount_fn in INKS:
                if ink_name != "red" and not self.other_inks:
                    continue
                amount = cv2.GaussianBlur(amount_fn(balanced), (5, 5), 0)
                for level in self._pale_levels(amount, paper):
                    pale = (amount >= level).astype(np.uint8)
                    for x in self.find_seals(pale, ppt, self.min_faint_ring_coverage):
                        if not any(_same_seal(x, f) for f in seals):
                            x.faint, x.ink = True, ink_name
                            seals.append(x)
                    if self.colour_ring_arcs:
                        arcs += [(x, ink_name) for x in self._arcs_of_rings(pale, ppt)]
        for x, ink_name in arcs:
            # rings found only from their arcs, last: where an outline was fitted, that fit stands
            if not any(_same_seal(x, f) for f in seals):
                x.faint, x.ink = True, ink_name
                seals.append(x)
        for x in read_filled:
            # a whole ring refused for the ink inside it, kept only where its ring reads; any other find of it stands
            if not any(_same_seal(x, f) for f in seals):
                seals.append(x)
        if seals:
            pass
        elif self.gray_seals and is_grayscale(rgb):
            # a greyscale scan: the red seal is a grey ring now
            seals, gray_ink = self._gray_search(page, planes.gray, ppt)
            if self.descreen_pt > 0 and dotted(planes.gray, self.dither_lone_share):
                # a dithered 1-bit scan: a stamp's grey is dots, no ring; smoothed, the dots are grey again.  The
                # smoothed page is searched too (not for faint rings: its dotted paper is faint ink all over), and
                # its ink map reads every ring found
                soft = cv2.GaussianBlur(planes.gray, (0, 0), self.descreen_pt * ppt)
                plain = copy.copy(self)
                plain.faint_gray_level = 0
                more, gray_ink = plain._gray_search(page, soft, ppt)
                seals += [x for x in more if not any(_same_seal(x, f) for f in seals)]
        else:
            return None
        return seals, gray_ink

    def _gray_search(self, page: Page, gray: np.ndarray, ppt: float) -> tuple[list[_Seal], np.ndarray]:
        """The seal shapes of a greyscale page's grey plane ``gray``, and its grey ink map."""
        gray_ink = seal_gray_ink(gray)
        probe = gray
        if page.kind in (PageKind.BORN_DIGITAL, PageKind.MIXED):
            # a text layer: its glyphs (口, 回, 0 ...) are circles to a Hough transform, each a
            # candidate to refute; look for rings with the printed characters painted out
            probe = _without_print(page, gray)
            probe_ink = without_rules(seal_gray_ink(probe), ppt)
            seals = self.find_gray_seals(probe, probe_ink, ppt)
        else:
            probe_ink = without_rules(gray_ink, ppt)
            seals = self.find_gray_seals(gray, probe_ink, ppt)
        if self.gray_ovals:
            seals += [x for x in self.find_gray_ovals(probe_ink, ppt, probe)
                      if not any(_same_seal(x, f) for f in seals if not f.read_to_keep)]
        if self.faint_gray_level > 0:
            # a light impression, its ring above the mid-grey bar: the ring tests again,
            # on fainter ink without print
            faint_ink = without_rules(seal_faint_gray_ink(probe, ppt, self.faint_gray_level, self.gray_open_pt), ppt)
            for x in self.find_gray_seals(probe, faint_ink, ppt, page_proposals=False):
                if not any(_same_seal(x, f) for f in seals if not f.read_to_keep):
                    x.faint = True
                    seals.append(x)
            if self.faint_gray_outlines:
                seals += self._faint_gray_outlines(faint_ink, ppt, [x for x in seals if not x.read_to_keep])
        # a ring kept only if it reads (``read_to_keep``) gives way to any other search's find of that stamp
        seals_found = seals
        sure = [x for x in seals if not x.read_to_keep]
        seals = list(sure)
        for x in (x for x in seals_found if x.read_to_keep):
            if not any(_same_seal(x, f) for f in seals):
                seals.append(x)
        return seals, gray_ink

    def _noting_filled(self, noted: list[_Seal]) -> SealDetector:
        """This detector, noting in ``noted`` the whole rings its outline search refuses for the
        ink inside them (``_filled``) with at most ``read_filled_max_fill`` of their inner 80 % inked: a phone
        photo's blur joins a stamp's star and ring text into blobs an opening keeps, so a real stamp fails the
        fill test a filled disc or a photo fails.  Its ring's reading tells the two apart (``read_to_keep``,
        ``_ring_reads``: realdocs2 R28, an employer's stamp on a photographed certificate, found only by the gate).
        Off (``read_filled_ring_coverage`` 0): this detector itself."""
        if self.read_filled_ring_coverage <= 0:
            return self
        finder = copy.copy(self)
        finder._read_filled = noted
        return finder

    def _arcs_of_rings(self, soft: np.ndarray, ppt: float, dmin_pt: float | None = None,
                       min_coverage: float | None = None) -> list[_Seal]:
        """Coloured rings whose light, mottled ink leaves them in arcs with gaps wider than the outline search
        closes (``close_pt``): its contours are arcs, no closed outline.  The ink closed as that search
        closes it, each large arc's circle or ellipse is tested as a grey ring cut by print is
        (``_cut_rings``): the ink must run round ``min_gray_ring_coverage`` of it (``min_coverage``: a caller's own
        bound) and not fill it; ``dmin_pt``: the smallest seal the caller keeps (default ``min_diameter_pt``)."""
        if int(soft.sum()) < 50:
            return []
        k = max(3, int(round(self.close_pt * ppt)) | 1)
        # the ink's bounding box with a margin the closing cannot cross (as ``find_seals`` searches)
        x, y, bw, bh = cv2.boundingRect(soft)
        h, w = soft.shape
        x0, y0, x1, y1 = max(0, x - k - 2), max(0, y - k - 2), min(w, x + bw + k + 2), min(h, y + bh + k + 2)
        dmin_pt = self.min_diameter_pt if dmin_pt is None else dmin_pt
        if max(x1 - x0, y1 - y0) < dmin_pt * ppt:
            return []
        closed = cv2.morphologyEx(np.ascontiguousarray(soft[y0:y1, x0:x1]), cv2.MORPH_CLOSE,
                                  cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
        probe = cv2.dilate(closed, np.ones((3, 3), np.uint8))
        return [replace(x, rect=(x.rect[0] + x0, x.rect[1] + y0, x.rect[2] + x0, x.rect[3] + y0),
                        center=(x.center[0] + x0, x.center[1] + y0))
                for x in self._cut_rings(closed, probe, ppt, dmin_pt, min_coverage, _ARC_MAX_DENSITY)]

    def _faint_gray_outlines(self, faint_ink: np.ndarray, ppt: float, found: list[_Seal]) -> list[_Seal]:
        """Light rings on a greyscale page by their outline, as coloured seals are found: the circle search
        proposes its centres from the page's strongest circles, and a light impression's ring (a double
        ring, its text between) is not among them where the form's rules and a darker stamp draw theirs
        -- on its own smoothed ink its outline is whole.  A ring of the grey search's coverage and size."""
        soft = (cv2.GaussianBlur(faint_ink, (5, 5), 0) >= self.faint_ink_level).astype(np.uint8)
        if int(soft.sum()) < 50:
            return []
        dmin = max(self.min_diameter_pt, self.min_gray_diameter_pt)
        out: list[_Seal] = []
        for x in self.find_seals(soft, ppt, min_diameter_pt=dmin):
            if x.coverage >= self.min_gray_ring_coverage and x.axes[0] >= dmin * ppt \
                    and not any(_same_seal(x, f) for f in found + out):
                x.faint = True
                out.append(x)
        # a faint, partial ring with print cut out of it is arcs, no outline: judged as faint coloured rings are
        for x in self._arcs_of_rings(soft, ppt, dmin, self.min_faint_ring_coverage) if self.faint_gray_arcs else ():
            if x.axes[0] >= dmin * ppt and not any(_same_seal(x, f) for f in found + out):
                x.faint = True
                out.append(x)
        return out

    def _findings(self, page: Page, rgb: np.ndarray, ppt: float, seals: list[_Seal], gray_ink: np.ndarray | None,
                  ocr: OcrEngine | None) -> list[Finding]:
        assert page.raster is not None
        out: list[Finding] = []
        cache: dict = {}            # the page made white and its lines' ink, where a line at a stamp is tested
        for seal in seals:
            pad = self.pad_pt * ppt
            u0, v0, u1, v1 = seal.rect
            box = page.raster.point_box(u0 - pad, v0 - pad, u1 + pad, v1 + pad)
            ink_lines = self._ink_lines(page, rgb, box, cache, gray_ink is not None)
            text, score, source = ("", 0.0, "none")
            if ocr is not None:
                text, score, source = self.read(rgb, seal, ocr, ppt, ink_map=gray_ink,
                                                read_lines=_lines_read_at_ingest(page, rgb, seal),
                                                upright_crop=page.kind is PageKind.BORN_DIGITAL)
                if source == "crop" and seal.shape in ("round", "oval"):
                    text, score, source = self._less_the_print(text, score, _print_at(page, box, ink_lines))
            readable = bool(text) and len(text) >= 2 and score >= self.min_ocr_score
            if seal.read_to_keep and (not self._ring_reads(text, score, source)
                                      or self._ring_reads_print(text, page, _print_at(page, box, ink_lines))):
                continue        # a partial grey ring whose ring reads as no text, or as the page's print: no stamp
            out.append(make_region_finding(
                page, entity_type="SEAL", box=box, recognizer=self.name,
                score=0.5 + 0.5 * min(1.0, seal.coverage),
                text=text,
                explanation=(("readable", readable), ("shape", seal.shape), ("ink", "grey" if gray_ink is not None else seal.ink),
                             ("ocr_score", round(float(score), 3)),
                             ("text_source", source), ("ring_coverage", round(float(seal.coverage), 3)),
                             ("diameter_pt", round(float(seal.axes[0]) / ppt, 1)))
                            + ((("ink_lines", ink_lines),) if ink_lines else ())
                            + _place(page, box),
            ))
        return out

    def _ring_reads(self, text: str, score: float, source: str) -> bool:
        """The ring's own reading (``arc``, the first word of ``arc+crop``) holds ``read_ring_min_chars`` CJK
        characters or more at ``min_ocr_score``: text round a ring, which a stamp has and a drawn circle, a round
        photo or a chart does not.  Asked of a grey ring inked round only ``read_gray_ring_coverage`` to
        ``min_gray_ring_coverage`` of it (the employer's partial stamp on a two-up copy, inked round 0.76, and on a
        grey 评审表, 0.68-0.71: missed, and the gate repaired one and released the other), and of a whole
        coloured ring refused for the ink inside it (``_noting_filled``)."""
        if not source.startswith("arc") or score < self.min_ocr_score:
            return False
        ring = (text.split() or [""])[0]
        return sum(1 for ch in ring if is_cjk(ch)) >= self.read_ring_min_chars

    def _ring_reads_print(self, text: str, page: Page, printed: list[str]) -> bool:
        """A partial ring's reading (the first word of it) is the page's running print: a line of ``printed`` (the
        page's lines inside the stamp's box) shows ``crop_print_share`` of its letters, in order, and no
        organisation name the page prints does.  A faint "ring" fitted to a textured 1-bit page's prose reads the
        line its band runs along (中断中的应用 of 肌梗死早期诊断中的应用价值, a 194-pt "stamp" over the employer's
        name in a 证明's first sentence); a stamp's ring reads its body's name, which the page prints too (its
        落款 under the stamp), and stays."""
        ring = (text.split() or [""])[0]
        need = self.crop_print_share * len(letters(ring))
        if not need or not any(explained(p, ring) >= need for p in printed):
            return False
        return not any(explained(o, ring) >= need for o in printed_org_names(page.text.split("\n")))

    def _less_the_print(self, text: str, score: float, printed: list[str]) -> tuple[str, float, str]:
        """A round or oval stamp's reading of its upright crop alone (its ring unread) without the lines that are
        the page's print under it: on a greyscale scan a stamp's ink is a grey the print's edges share, and the
        crop read the holder's 工作单位 line and the certificate's sentence through an issuer's stamp (a reading
        that then named the employer).  A line is print when one line of ``printed`` shows
        ``crop_print_share`` or more of its letters, in order."""
        pieces = [t for t in text.split() if t]
        kept = [t for t in pieces if not any(
            explained(p, t) >= self.crop_print_share * len(letters(t)) for p in printed)] if printed else pieces
        if len(kept) == len(pieces):
            return text, score, "crop"
        if not kept:
            return "", 0.0, "none"
        return " ".join(kept), score, "crop"

    def _ink_lines(self, page: Page, rgb: np.ndarray, box: BBox, cache: dict, grey_page: bool
                   ) -> tuple[tuple[float, float, float, float], ...]:
        """The boxes (points) of the lines the page's OCR read inside the stamp that are its own ink, not print.
        Print is black: at most ``ink_line_max_dark`` of a stamp's line's ink is as dark as print.  On a colour page
        the stamp's straight line (技术中心 across a starless stamp's middle) is its pad's tint: at most
        ``ink_line_max_neutral`` of its ink is neutral, of a chroma (on the page made white, levels of 255) under
        ``ink_line_min_tint`` -- print under the stamp shows as neutral strokes among the tint (a scan whose print
        is light grey, a body's name printed across the middle of its own oval stamp); on a greyscale scan it is a
        lighter grey than the page's print, ``ink_line_min_lighter`` levels above the median of the other lines'
        (a washed-out scan's print is light too, and a line of it stays print).  Evidence for ownership: a name the
        page's OCR read there is the stamp's, not a body's printed under it."""
        out = []
        for ln in page.ocr_lines:
            b = ln.bbox
            if b.area <= 0 or b.intersection_area(box) < 0.9 * b.area:
                continue
            ink = _line_ink(page, rgb, b, cache, self.ink_line_min_tint)
            if ink is None or ink[0] > self.ink_line_max_dark:
                continue
            if grey_page:
                if "print" not in cache:
                    levels = [m[2] for ln2 in page.ocr_lines if ln2.bbox.intersection_area(box) <= 0
                              and (m := _line_ink(page, rgb, ln2.bbox, cache, self.ink_line_min_tint)) is not None]
                    cache["print"] = float(np.median(levels)) if levels else None
                if cache["print"] is None or ink[2] < cache["print"] + self.ink_line_min_lighter:
                    continue
            elif ink[1] > self.ink_line_max_neutral:
                continue
            out.append((round(b.x0, 2), round(b.y0, 2), round(b.x1, 2), round(b.y1, 2)))
        return tuple(out)

    # -- finding ------------------------------------------------------------------



def _reaches_past_stamps(mask: np.ndarray, size_px: float) -> bool:
    """Some run of ``mask``'s ink spans more than ``size_px`` (the largest stamp) across or down."""
    x, y, w, h = cv2.boundingRect(mask)
    if max(w, h) <= size_px:
        return False        # all of the ink fits a stamp (most pages): no run can be longer
    # (labelled on the ink's box alone: the paper round it holds no run)
    n, _, stats, _ = cv2.connectedComponentsWithStats(np.ascontiguousarray(mask[y:y + h, x:x + w]), connectivity=8)
    return n > 1 and bool((np.maximum(stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT]) > size_px).any())


def _print_at(page: Page, box: BBox, own: tuple[tuple[float, float, float, float], ...]) -> list[str]:
    """The page's lines (its text layer's or its OCR's) with a character inside ``box``, less the lines the
    stamp's own ink makes there (``own``: ``SealDetector._ink_lines``)."""
    own_boxes = [BBox(*b) for b in own]
    out: list[str] = []
    start = 0
    for line in page.text.split("\n"):
        end = start + len(line)
        chars = [c for c in page.chars[start:end] if c.bbox is not None and c.c.strip()]
        if any(box.intersection_area(c.bbox) > 0.5 * c.bbox.area for c in chars) and not any(
                sum(o.intersection_area(c.bbox) for o in own_boxes) > 0.5 * c.bbox.area for c in chars):
            out.append(line)
        start = end + 1
    return out


def _line_ink(page: Page, rgb: np.ndarray, b: BBox, cache: dict, tint: float
              ) -> tuple[float, float, float] | None:
    """(the share of its ink as dark as print, the share of its ink neutral -- of a chroma under ``tint`` --, its
    ink's mean grey) of the line in box ``b`` on the page made white; None where it holds too little ink to tell.
    ``cache`` keeps the page made white and each line's measure."""
    key = b.as_tuple()
    if key in cache:
        return cache[key]
    assert page.raster is not None
    r = pixel_rect_for_bbox(page.raster, b, rgb.shape)
    out = None
    if r is not None and r[2] - r[0] >= 2 and r[3] - r[1] >= 2:
        if "white" not in cache:
            cache["white"] = white_balanced(rgb)
        sub = cache["white"][r[1]:r[3], r[0]:r[2]].astype(np.int16)
        grey = sub.mean(axis=2)
        inked = grey < _PAPER_GREY - _INK_BELOW_PAPER
        if int(inked.sum()) >= _MIN_LINE_INK_PX:
            px = sub[inked]
            out = (float((grey[inked] < _PRINT_GREY).mean()), float((px.max(axis=1) - px.min(axis=1) < tint).mean()),
                   float(grey[inked].mean()))
    cache[key] = out
    return out


def _place(page: Page, box) -> tuple[tuple[str, object], ...]:
    """Explanation keys of the page's letterhead above the seal and of the form label it is stamped under
    (``seal_place``), where there are."""
    heading = page_heading(page, box)
    out: tuple[tuple[str, object], ...] = (("page_heading", heading),) if heading else ()
    if "居民身份证" in page.text and ("签发机关" in page.text or "公民身份号码" in page.text):
        out += (("on_id_card", True),)        # a copy of an ID card: its round red mark is the national emblem
    return out
