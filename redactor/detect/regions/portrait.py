"""Portraits, ID photos and faces in group photos (a learned face detector, then OpenCV Haar cascades).

Pipeline (see docs/regions.md for the numbers):

1. Candidates: the learned detector (CenterFace, ``redactor.faces``) where a face can be, and
   the ``frontalface_alt2`` cascade there too, plus on upscaled crops of embedded images
   (small faces in group photos).  Measured by ``benchmarks/faces.py``: the network finds the
   faces the cascade path finds, at a fifth of its CPU, and no face on print, seals or figures;
   the cascades stay for what a network trained on photos does not see (a photo thresholded to
   black and white).
2. Verification of the cascade's candidates, because Haar fires on dense CJK text, seals and
   textures: the box must not be covered by text-layer/OCR characters, must be mostly
   mid-tone (not black-on-white), and must be confirmed by the learned detector, a second
   cascade (``frontalface_default``) or an eye cascade; colour photos must also show
   some skin-coloured pixels.  A face the network scores ``learned_threshold`` or more needs
   only not to be print's text.
3. Grouping: faces are grouped by the embedded image they lie in (or, on
   scans, by proximity).  Two or more faces -> one ``FACE`` per face
   (``group_face``); a single face -> ``PORTRAIT`` whose box is the whole photo
   (the image placement, else a rectangle grown from the face plus ID-photo
   proportions, else a generous head-and-shoulders box).

The detector never decides whose face it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
import threading

import cv2
import numpy as np

from redactor.faces import FaceSearch, LearnedFace, find_faces
from redactor.model import PageKind, BBox, Finding, ImagePlacement, Page, TextOrigin
from redactor.models_manifest import check as check_model, model_path
from redactor.protocols import OcrEngine

from .photo_edge_params import PhotoEdgeParams
from .photo_edges import (clear_of_print, edge_rect, frame_reached, framed_photo, grow_photo_rect,
                          ground_in_top_corners, growth_past, id_photo_frame, paper_between, photo_box, photo_like,
                          printed_lines, to_frame, white_background_box)
from .planes import PagePlanes, planes_of
from redactor.rects import merge_overlapping
from redactor.ownership.lexicon import lexicon

from .base import (
    bitonal,
    char_pixel_rects,
    grey_percentile,
    label_hits,
    make_region_finding,
    nms_rects,
    overlap_of_smaller,
    pixel_rect_for_bbox,
    pixel_rects_for_bboxes,
    px_per_pt,
    quarter_turns,
)

_Rect = tuple[int, int, int, int]


def _area(r: _Rect) -> int:
    return (r[2] - r[0]) * (r[3] - r[1])


def _holds(outer: _Rect, inner: _Rect, slack: int = 2) -> bool:
    return (outer[0] - slack <= inner[0] and outer[1] - slack <= inner[1]
            and inner[2] <= outer[2] + slack and inner[3] <= outer[3] + slack)


PHOTO_LABELS = lexicon().photo_words()                  # configs/roles.yaml
PORTRAIT_WORDS = lexicon().grammar.id_photo_words     # name an ID photo even in a sentence


_local = threading.local()


def _cascade(name: str) -> cv2.CascadeClassifier:
    """The cascade ``name``, one per thread: a CascadeClassifier is not safe to share between threads
    (a web server's), and loading one costs ~30 ms, so each thread keeps its own."""
    loaded = getattr(_local, "cascades", None)
    if loaded is None:
        loaded = _local.cascades = {}
    c = loaded.get(name)
    if c is None:
        path = cv2.data.haarcascades + name
        c = cv2.CascadeClassifier(path)
        if c.empty():   # pragma: no cover - broken OpenCV install
            raise RuntimeError(f"OpenCV Haar cascade {name} could not be loaded from {path}")
        loaded[name] = c
    return c


@dataclass
class _Face:
    u0: int
    v0: int
    u1: int
    v1: int
    score: float = 0.0
    agree: bool = False
    eyes: bool = False
    skin: bool = False
    two_tone_only: bool = False     # found only by the two-tone retry: taken as a thresholded photo or not at all
    two_tone: bool = False          # taken as a thresholded photo (``_thresholded_photo``)
    learned: float = 0.0            # the learned detector's score for this face (0: it did not find it)

    @property
    def w(self) -> int:
        return self.u1 - self.u0

    @property
    def h(self) -> int:
        return self.v1 - self.v0

    @property
    def center(self) -> tuple[float, float]:
        return ((self.u0 + self.u1) / 2, (self.v0 + self.v1) / 2)

    def rect(self) -> tuple[int, int, int, int]:
        return (self.u0, self.v0, self.u1, self.v1)


_HAAR_MIN_PX = 24        # the cascade's window is 20 px; a small margin keeps small faces reliable
_PAPER_DROP = 24         # levels under the paper's grey that count as content (a face, hair, a backdrop)
_TWO_TONE_REGION_BLACK = 0.15  # a two-tone picture's patch, paper round it included: black at least (print's: 0.05-0.18)
_PATCH_SHARE = 0.6       # patches covering more of the page than this: search the whole page


def solid_patches(gray: np.ndarray, min_px: int) -> list[_Rect] | None:
    """Where a face of at least ``min_px`` pixels can be on a scan: a face is a solid patch of
    non-paper pixels (skin, hair, a backdrop) at least a third of its size across, which text,
    rules, signatures and seal rings (strokes a few pixels wide) are not.  The pixels darker than
    the paper by ``_PAPER_DROP`` levels, on the grey image shrunk as the cascade shrinks it, are
    opened with a square of a third of the smallest face; what is left, grown by one smallest face
    on every side (the cascade's window needs the face's surroundings), are the rectangles returned
    (page pixels).  None (the whole page) when they cover most of it; [] when there is no patch."""
    f = min(1.0, _HAAR_MIN_PX / max(min_px, 1))
    small = cv2.resize(gray, None, fx=f, fy=f, interpolation=cv2.INTER_AREA) if f < 0.9 else gray
    if small is gray:
        f = 1.0
    paper = grey_percentile(small, 90)
    ink = (small < paper - _PAPER_DROP).astype(np.uint8)
    k = max(3, int(round(min_px * f / 3)))
    solid = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((k, k), np.uint8))
    if not solid.any():
        return []
    n, _, stats, _ = cv2.connectedComponentsWithStats(solid)
    grow = int(round(min_px * f))
    hs, ws = small.shape[:2]
    rects = []
    for i in range(1, n):
        x, y, w, h, _ = stats[i]
        a0, b0 = max(0, x - grow), max(0, y - grow)
        a1, b1 = min(ws, x + w + grow), min(hs, y + h + grow)
        rects.append((int(a0 / f), int(b0 / f), min(gray.shape[1], int(np.ceil(a1 / f))),
                      min(gray.shape[0], int(np.ceil(b1 / f)))))
    rects = merge_overlapping(rects)          # a face is searched in one piece
    if sum((r[2] - r[0]) * (r[3] - r[1]) for r in rects) > _PATCH_SHARE * gray.shape[0] * gray.shape[1]:
        return None
    return rects


class PortraitDetector:
    """Faces -> PORTRAIT (single person, whole photo box) or FACE (group photos)."""

    name = "portrait.v1"

    def __init__(
        self,
        *,
        min_face_px: int = 24,
        min_face_pt: float = 16.0,          # a 1-inch ID photo holds a ~40 pt face; 16 pt keeps a 2.5x margin
        scale_factor: float = 1.15,
        min_neighbors: int = 4,
        max_image_page_ratio: float = 0.5,
        portrait_min_face_ratio: float = 0.15,
        min_face_area_share: float = 0.08,
        photo_labels: tuple[str, ...] = PHOTO_LABELS,
        label_max_distance_pt: float = 60.0,
        max_text_overlap: float = 0.25,
        min_midtone: float = 0.5,
        min_skin: float = 0.08,
        upscale_images: bool = True,
        max_upscale: float = 3.0,
        white_bg_headroom: float = 0.2,      # face heights above the face box: less means a white background
        bitonal_smooth_pt: float = 0.7,      # a black-and-white page is smoothed by this (Gaussian sigma) first
        bitonal_black: tuple[float, float] = (0.2, 0.95),   # a thresholded photo's share of black in the face box
                                                            # (a dark face keeps only its white features: 0.86)
        bitonal_min_blob: float = 0.15,      # ... its largest black blob, as a share of the face box
        bitonal_two_tone: float = 0.8,       # ... and the share of the box near black or white (a grey photo's is less)
        learned_faces: bool = True,          # ask the learned detector (CenterFace) first
        learned_threshold: float = 0.5,      # its score a face needs (the network's own default; benchmarks/faces.py)
        print_min_score: float = 0.8,        # an OCR line read this surely is print a photo's box stops at
        picture_face_min_learned: float = 0.8,   # the network's score at which a face in a placed picture is
                                                 # judged without OCR's reading of that picture (not print)
        picture_reading_share: float = 0.5,      # an OCR character with this share of its box in a placed
                                                 # picture is a reading of that picture
        photo_edges: PhotoEdgeParams = PhotoEdgeParams(),   # where a photo on a scan ends (photo_edge_params.py)
    ) -> None:
        # the config hands a nested model over as the dict of the fields it sets: validated here into the model
        self.photo_edges = PhotoEdgeParams.model_validate(photo_edges)
        self.picture_reading_share = picture_reading_share
        self.picture_face_min_learned = picture_face_min_learned
        self.print_min_score = print_min_score
        self.learned_faces = learned_faces
        self.learned_threshold = learned_threshold
        self.bitonal_two_tone = bitonal_two_tone
        self.bitonal_smooth_pt = bitonal_smooth_pt
        self.bitonal_black = bitonal_black
        self.bitonal_min_blob = bitonal_min_blob
        self.min_face_px = min_face_px
        self.min_face_pt = min_face_pt
        self.scale_factor = scale_factor
        self.min_neighbors = min_neighbors
        self.max_image_page_ratio = max_image_page_ratio
        self.portrait_min_face_ratio = portrait_min_face_ratio
        self.white_bg_headroom = white_bg_headroom
        self.min_face_area_share = min_face_area_share
        self.photo_labels = photo_labels
        self.label_max_distance_pt = label_max_distance_pt
        self.max_text_overlap = max_text_overlap
        self.min_midtone = min_midtone
        self.min_skin = min_skin
        self.upscale_images = upscale_images
        self.max_upscale = max_upscale

    # -- public ---------------------------------------------------------------

    def detect(self, page: Page, ocr: OcrEngine | None = None, planes: PagePlanes | None = None) -> list[Finding]:
        found = self._detect(page, planes)
        turns = quarter_turns(page) if found else 0
        if turns % 2:
            # a sheet scanned sideways: the policy ties a portrait to the text in its row, which runs
            # across the page's y here (a 送审表 photo, tied to the names in the column beside it)
            found = [replace(f, explanation=f.explanation + (("quarter_turns", turns),)) for f in found]
        return found

    def _detect(self, page: Page, planes: PagePlanes | None) -> list[Finding]:
        planes = planes_of(page, planes).upright()      # a sheet scanned sideways: look at it the right way up
        page, rgb = planes.page, planes.rgb
        if rgb is None:
            return []
        assert page.raster is not None
        gray = planes.gray
        ppt = px_per_pt(page.raster)
        unsmoothed = gray
        if self.bitonal_smooth_pt > 0 and bitonal(gray):
            # a black-and-white scan: a photo is black and white dots (dithered) or blobs (thresholded),
            # with no grey for the face tests to read; smoothed, dots have their tones back
            gray = cv2.GaussianBlur(gray, (0, 0), self.bitonal_smooth_pt * ppt)
            rgb = cv2.cvtColor(gray, cv2.COLOR_GRAY2RGB)
        photos = self._photo_placements(page, rgb.shape)
        min_px = max(self.min_face_px, int(round(self.min_face_pt * ppt)))
        regions = self._search_regions(page, rgb.shape, gray, min_px)
        learned = self._learned(rgb, regions, min_px) if self.learned_faces else []
        faces = self._candidates(gray, photos, ppt, regions)
        faces += self._two_tone_candidates(unsmoothed, regions, min_px, ppt, smoothed=gray is not unsmoothed,
                                           found=faces)
        if not faces and not learned:
            return []
        text_rects = char_pixel_rects(page, rgb.shape, min_score=0.6)
        # OCR's characters inside a placed picture are a reading of the picture, not print over it: a face the
        # network is sure of in such a picture is judged against the page's other print only (a certificate's
        # portrait read by OCR as a 'V' and an 'A' across the face was no face at all: realdocs3 R29)
        read = [c for c in page.chars if c.origin is TextOrigin.OCR and c.bbox is not None and c.c.strip()]
        read_rects = pixel_rects_for_bboxes(page.raster, [c.bbox for c in read], rgb.shape)
        for f in faces:
            f.learned = max((lf.score for lf in learned if _same_face(f, lf)), default=0.0)

        def print_near(f: _Face) -> list:
            holders = [r for _, r in photos if _holds(r, f.rect())] if f.learned >= self.picture_face_min_learned else []
            own = {id(c) for c, t in zip(read, read_rects)
                   if t is not None and any(overlap_of_smaller(r, t) >= self.picture_reading_share for r in holders)}
            return char_pixel_rects(page, rgb.shape, min_score=0.6, chars=[c for c in page.chars if id(c) not in own]) \
                if own else text_rects

        faces = [f for f in faces if (not f.two_tone_only and self._verify(f, rgb, gray, print_near(f)))
                 or self._thresholded_photo(f, unsmoothed, text_rects)
                 or (f.learned and not self._text_covered(f, print_near(f)) and self._by_the_network(f))]
        for lf in learned:
            if any(_same_face(g, lf) for g in faces):
                continue
            f = _as_cascade_box(lf, gray.shape)
            if not self._text_covered(f, print_near(f)) and self._by_the_network(f):
                faces.append(f)
        if not faces:
            return []
        keep = nms_rects([f.rect() for f in faces], [f.score for f in faces], 0.3)
        faces = [faces[i] for i in keep]
        return self._describe(page, rgb, gray, faces, photos, ppt)

    # -- candidates -------------------------------------------------------------

    def _learned(self, rgb: np.ndarray, regions: list[_Rect] | None, min_px: int) -> list[LearnedFace]:
        """The learned detector's faces in the search regions (the whole page when None), page pixels."""
        model = model_path("centerface")
        check_model("centerface")
        search = FaceSearch(threshold=self.learned_threshold)
        out = []
        for u0, v0, u1, v1 in regions if regions is not None else [(0, 0, rgb.shape[1], rgb.shape[0])]:
            if u1 - u0 < min_px or v1 - v0 < min_px:
                continue
            for lf in find_faces(rgb[v0:v1, u0:u1], model, 0.6 * min_px, search):
                if lf.width >= 0.6 * min_px:
                    x0, y0, x1, y1 = lf.box
                    out.append(replace(lf, box=(x0 + u0, y0 + v0, x1 + u0, y1 + v0),
                                       landmarks=tuple((x + u0, y + v0) for x, y in lf.landmarks)))
        return out

    @staticmethod
    def _by_the_network(f: _Face) -> bool:
        """A face taken on the network's word: scored as the cascade's best-confirmed face."""
        f.score = max(f.score, 0.55 + 0.45 * min(1.0, f.learned))
        f.agree = True
        return True

    def _photo_placements(self, page: Page, shape: tuple[int, ...]) -> list[tuple[ImagePlacement, _Rect]]:
        """Embedded images that can be photos (not full-page scans), with pixel rects."""
        assert page.raster is not None
        page_area = max(page.width * page.height, 1.0)
        out = []
        for im in page.images:
            if im.bbox.area <= 0 or im.bbox.area > self.max_image_page_ratio * page_area:
                continue
            r = pixel_rect_for_bbox(page.raster, im.bbox, shape)
            if r is None or r[2] - r[0] < 8 or r[3] - r[1] < 8:
                continue
            out.append((im, r))
        return out

    def _haar(self, gray: np.ndarray, min_px: int, cascade: str = "haarcascade_frontalface_alt2.xml",
              scale_factor: float | None = None, min_neighbors: int | None = None) -> list[tuple[int, int, int, int]]:
        if gray.shape[0] < min_px or gray.shape[1] < min_px:
            return []
        # The cascade's cost grows with the pixels it scans at its smallest scale:
        # shrink the image so the smallest face wanted is _HAAR_MIN_PX, no smaller.
        f = min(1.0, _HAAR_MIN_PX / min_px)
        img = cv2.resize(gray, None, fx=f, fy=f, interpolation=cv2.INTER_AREA) if f < 0.9 else gray
        if img is gray:
            f = 1.0
        m = max(1, int(round(min_px * f)))
        found = _cascade(cascade).detectMultiScale(
            img, scaleFactor=scale_factor or self.scale_factor, minNeighbors=min_neighbors or self.min_neighbors,
            minSize=(m, m))
        return [(int(x / f), int(y / f), int((x + w) / f), int((y + h) / f)) for x, y, w, h in (found if len(found) else [])]

    def _search_regions(self, page: Page, shape: tuple[int, ...], gray: np.ndarray | None = None,
                        min_px: int = 0) -> list[_Rect] | None:
        """Where a face can be: on a page whose text is a real text layer, only in its
        images (the cascade over a whole page costs ~0.5 s); on a scan, only around the solid
        patches of non-paper pixels (``solid_patches``); None means the whole page."""
        if page.kind not in (PageKind.BORN_DIGITAL, PageKind.MIXED):
            return solid_patches(gray, min_px) if gray is not None and min_px > 0 else None
        assert page.raster is not None
        rects = [pixel_rect_for_bbox(page.raster, im.bbox, shape) for im in page.images]
        return [r for r in rects if r is not None and r[2] - r[0] >= 8 and r[3] - r[1] >= 8]

    def _candidates(self, gray: np.ndarray, photos: list, ppt: float,
                    regions: list[_Rect] | None = None) -> list[_Face]:
        min_px = max(self.min_face_px, int(round(self.min_face_pt * ppt)))
        if regions is None:
            rects = self._haar(gray, min_px)
        else:
            rects = []
            for u0, v0, u1, v1 in regions:
                rects += [(u0 + a0, v0 + b0, u0 + a1, v0 + b1) for a0, b0, a1, b1 in self._haar(gray[v0:v1, u0:u1], min_px)]
        if self.upscale_images:
            for im, (u0, v0, u1, v1) in photos:
                native = max(im.width_px / max(u1 - u0, 1), im.height_px / max(v1 - v0, 1))
                f = min(self.max_upscale, native if native > 1 else 1.0, 1800 / max(u1 - u0, v1 - v0))
                if f < 1.3:
                    continue
                crop = cv2.resize(gray[v0:v1, u0:u1], None, fx=f, fy=f, interpolation=cv2.INTER_CUBIC)
                small = max(24, int(min_px * 0.6 * f))
                for a0, b0, a1, b1 in self._haar(crop, small):
                    rects.append((u0 + int(a0 / f), v0 + int(b0 / f), u0 + int(a1 / f), v0 + int(b1 / f)))
        return [_Face(*r) for r in rects]

    # -- verification ------------------------------------------------------------

    def _two_tone_candidates(self, gray: np.ndarray, regions: list[_Rect] | None, min_px: int,
                             ppt: float, smoothed: bool = False, found: list[_Face] = ()) -> list[_Face]:
        """Faces in the pictures of a scan that are two-tone (a photo thresholded to black and white,
        rendered below the scan's resolution: not a black-and-white page any more, and the cascade
        misses the face in blobs): searched again smoothed (unless the whole page was, ``smoothed``).
        Where that finds no face either, once more smoothed twice as much and with a finer, less strict
        search of another frontal cascade: a light face thresholded keeps only its eyes, brows and
        mouth (an ID card at 115 grey), a dark one only its white features; the face is then
        taken only as a thresholded photo (``_thresholded_photo``).  A grey photo (mostly mid-tones)
        and a page searched whole are not."""
        if self.bitonal_smooth_pt <= 0 or not regions:
            return []
        out = []
        for u0, v0, u1, v1 in regions:
            g = gray[v0:v1, u0:u1]
            if g.size == 0 or float(np.mean((g < 60) | (g > 200))) < self.bitonal_two_tone \
                    or float(np.mean(g < 128)) < _TWO_TONE_REGION_BLACK:
                continue
            here = []
            if not smoothed:
                smooth = cv2.GaussianBlur(g, (0, 0), self.bitonal_smooth_pt * ppt)
                here = [_Face(u0 + a0, v0 + b0, u0 + a1, v0 + b1) for a0, b0, a1, b1 in self._haar(smooth, min_px)]
            if not here and not any(u0 <= f.center[0] <= u1 and v0 <= f.center[1] <= v1 for f in found):
                smooth = cv2.GaussianBlur(g, (0, 0), 2 * self.bitonal_smooth_pt * ppt)
                here = [_Face(u0 + a0, v0 + b0, u0 + a1, v0 + b1, two_tone_only=True)
                        for a0, b0, a1, b1 in self._haar(smooth, min_px, "haarcascade_frontalface_alt.xml", 1.05, 3)]
            out += here
        return out

    def _thresholded_photo(self, f: _Face, gray: np.ndarray, text_rects: list) -> bool:
        """A face in a photo thresholded to black and white (a black-and-white scan; rendered below the
        scan's resolution, still nearly two-tone): smoothing gives it no mid-tones back (its hair,
        shadows and clothes are solid black), and the second cascade and the eye cascade miss a face
        drawn in two tones.  It is taken on the cascade's word when ``bitonal_two_tone`` of the box is
        near black or near white, and it holds a photo's black (``bitonal_black`` of the box) in blobs,
        not strokes: its largest black blob is ``bitonal_min_blob`` of the box at least (print's
        strokes are small components), and print's text does not cover it."""
        if f.w < 12 or f.h < 12 or self._text_covered(f, text_rects):
            return False
        g = gray[f.v0:f.v1, f.u0:f.u1]
        if float(np.mean((g < 60) | (g > 200))) < self.bitonal_two_tone:
            return False
        black = (g < 128).astype(np.uint8)
        lo, hi = self.bitonal_black
        if not lo <= float(black.mean()) <= hi:
            return False
        n, _, stats, _ = cv2.connectedComponentsWithStats(black, connectivity=8)
        if n < 2 or float(stats[1:, cv2.CC_STAT_AREA].max()) < self.bitonal_min_blob * black.size:
            return False
        f.score, f.two_tone = 0.55, True
        return True

    def _text_covered(self, f: _Face, text_rects: list) -> bool:
        """Print's text covers more than ``max_text_overlap`` of the face box (text the picture itself
        holds, read by OCR, does not count)."""
        box = f.rect()
        covered = sum(overlap_of_smaller(box, t) * (t[2] - t[0]) * (t[3] - t[1]) for t in text_rects
                      if t[2] > box[0] and t[0] < box[2] and t[3] > box[1] and t[1] < box[3]
                      and not _reads_the_picture(t, f))
        return covered / float(f.w * f.h) > self.max_text_overlap

    def _verify(self, f: _Face, rgb: np.ndarray, gray: np.ndarray, text_rects: list) -> bool:
        if f.w < 12 or f.h < 12 or self._text_covered(f, text_rects):
            return False
        g = gray[f.v0:f.v1, f.u0:f.u1]
        mid = float(np.mean((g > 30) & (g < 228)))
        if mid < self.min_midtone or float(g.std()) < 12:
            return False
        # skin: centre of the face, YCrCb box; grey photos are exempt
        inner = rgb[f.v0 + f.h // 5: f.v1 - f.h // 5, f.u0 + f.w // 5: f.u1 - f.w // 5]
        hsv = cv2.cvtColor(inner, cv2.COLOR_RGB2HSV)
        colourful = float(np.mean(hsv[:, :, 1])) > 30
        ycc = cv2.cvtColor(inner, cv2.COLOR_RGB2YCrCb)
        cr, cb = ycc[:, :, 1], ycc[:, :, 2]
        skin = float(np.mean((cr >= 133) & (cr <= 180) & (cb >= 77) & (cb <= 135)))
        f.skin = skin >= self.min_skin
        if colourful and not f.skin:
            return False
        # second opinion: the other frontal cascade around the box, and eyes
        m = int(0.3 * max(f.w, f.h))
        a0, b0 = max(0, f.u0 - m), max(0, f.v0 - m)
        a1, b1 = min(gray.shape[1], f.u1 + m), min(gray.shape[0], f.v1 + m)
        roi = gray[b0:b1, a0:a1]
        scale = 1.0 if f.w >= 60 else 60.0 / f.w
        if scale != 1.0:
            roi = cv2.resize(roi, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
        other = _cascade("haarcascade_frontalface_default.xml").detectMultiScale(
            roi, scaleFactor=1.08, minNeighbors=3, minSize=(int(0.6 * f.w * scale), int(0.6 * f.h * scale)))
        target = ((f.u0 - a0) * scale, (f.v0 - b0) * scale, (f.u1 - a0) * scale, (f.v1 - b0) * scale)
        f.agree = any(overlap_of_smaller(target, (x, y, x + w, y + h)) > 0.5 for x, y, w, h in
                      (other if len(other) else []))
        face = gray[f.v0:f.v0 + int(f.h * 0.6), f.u0:f.u1]
        es = 1.0 if f.w >= 100 else 100.0 / f.w
        if es != 1.0:
            face = cv2.resize(face, None, fx=es, fy=es, interpolation=cv2.INTER_CUBIC)
        eyes = _cascade("haarcascade_eye_tree_eyeglasses.xml").detectMultiScale(
            face, scaleFactor=1.1, minNeighbors=3, minSize=(int(0.12 * f.w * es), int(0.12 * f.w * es)),
            maxSize=(int(0.45 * f.w * es), int(0.45 * f.w * es)))
        f.eyes = len(eyes) >= 1
        if not (f.agree or f.eyes):
            return False
        f.score = 0.55 + 0.15 * f.agree + 0.15 * f.eyes + 0.15 * f.skin
        return True

    # -- description ---------------------------------------------------------------

    def _describe(self, page: Page, rgb: np.ndarray, gray: np.ndarray, faces: list[_Face],
                  photos: list, ppt: float) -> list[Finding]:
        assert page.raster is not None
        raster = page.raster
        pe = self.photo_edges
        groups: dict[int, list[_Face]] = {}
        loose: list[_Face] = []
        faces = [f for f in faces if not _straddles_a_sitters_photo(f, faces, photos)]
        for f in faces:
            cu, cv = f.center
            inside = [i for i, (_, r) in enumerate(photos) if r[0] <= cu <= r[2] and r[1] <= cv <= r[3]]
            if inside:
                # the smallest picture that holds the whole face: a stamp's picture placed over the photo's
                # corner can hold the face's centre too (the second sitter's face sits low)
                whole = [i for i in inside if _holds(photos[i][1], f.rect())]
                best = min(whole or inside, key=lambda i: _area(photos[i][1]))
                groups.setdefault(best, []).append(f)
            else:
                loose.append(f)
        labels = label_hits(page, self.photo_labels, unambiguous=PORTRAIT_WORDS)
        out: list[Finding] = []
        for idx, fs in groups.items():
            im, r = photos[idx]
            if len(fs) >= 2:
                out.extend(self._group_faces(page, fs, r, "embedded_image"))
                continue
            f = fs[0]
            ratio = self.portrait_min_face_ratio
            big = f.w >= ratio * (r[2] - r[0]) or f.h >= ratio * (r[3] - r[1])
            # a pasted scan of a whole ID card or certificate page is not a photo: the face
            # must fill a fair share of the image for the whole placement to go
            big = big and f.w * f.h >= self.min_face_area_share * _area(r)
            if big:
                near = self._label_near(labels, im.bbox)
                aspect = im.bbox.height / max(im.bbox.width, 1e-6)
                id_like = 1.1 <= aspect <= 1.65 and f.w >= 0.3 * (r[2] - r[0])
                kind = "id_photo" if (id_like or near) else "portrait"
                out.append(self._finding(page, "PORTRAIT", im.bbox, f.score, kind, 1, "embedded_image",
                                         "image_placement", near, raster.point_box(*f.rect())))
            else:
                hs = self._head_and_shoulders(f, gray.shape, clip=r)
                grown = grow_photo_rect(rgb, gray, f.rect(), pe)
                photo_found = photo_like(grown, f.rect(), pe)
                rect = hs
                if photo_found:   # the ID photo printed inside the pasted scan: its own edges, as on a page
                    rect = photo_box(grown, hs, f.rect(), self.white_bg_headroom, pe)
                    rect = (max(rect[0], r[0]), max(rect[1], r[1]), min(rect[2], r[2]), min(rect[3], r[3]))
                box = raster.point_box(*rect)
                out.append(self._finding(page, "PORTRAIT", box, f.score, "id_photo" if photo_found else "portrait", 1,
                                         "face_box", "photo_rect" if photo_found else "face_margin", False,
                                         raster.point_box(*f.rect())))
        singles: list[tuple[_Face, tuple, Finding]] = []     # (face, its photo's rect where one was found, finding)
        for cluster in self._clusters(loose, lambda a, b: paper_between(rgb, gray, a.rect(), b.rect(), pe)):
            if len(cluster) >= 2:
                out.extend(self._group_faces(page, cluster, None, "face_box"))
                continue
            f = cluster[0]
            grown = grow_photo_rect(rgb, gray, f.rect(), pe)
            idbox = self._id_proportions(f, gray.shape)
            photo_found = photo_like(grown, f.rect(), pe)
            # the photo's printed frame bounds it where its background is as pale as the paper, and where growth
            # stopped inside it (at pale shoulders, at a stamp over its corner): the frame then lies round the growth
            frame = framed_photo(gray, f.rect(), holds=grown.rect if photo_found else None, p=pe)
            if frame is not None and not photo_found and growth_past(grown.rect, frame, f.rect(), pe):
                # growth ran past the nearest lines (a sideways photo whose dark clothes stopped it short of being
                # photo-like): those lines lie inside the photo; the frame round what growth found bounds it
                frame = framed_photo(gray, f.rect(), holds=grown.rect, p=pe)
                photo_found = frame is not None
            reached = frame_reached(rgb, gray, grown.rect, frame, f.rect(), pe) if photo_found and frame else None
            if reached is not None and not any(reached):
                # paper between growth and the frame: a cell round the photo, which growth bounded where its ground
                # fills its top corners; a white ground tells nothing from paper -- a frame of an ID photo's
                # proportions round the face is then the photo's own edge, any other a cell round it
                own = None if ground_in_top_corners(rgb, gray, grown.rect, f.rect(), pe) else \
                    id_photo_frame(frame, f.rect(), grown.rect, pe)
                frame = None if own is None else (max(0, int(own[0])), max(0, int(own[1])),
                                                  min(gray.shape[1], int(round(own[2]))),
                                                  min(gray.shape[0], int(round(own[3]))))
                reached = None
            white = None if photo_found or frame is not None else white_background_box(grown, f.rect(), pe)
            solid = None
            if not photo_found and frame is None and white is None and f.two_tone:
                solid = _solid_background(gray, f, idbox, ppt)
            if frame is not None and reached is None:
                rect, photo_found = frame, True
            elif solid is not None:     # a thresholded photo's black background: its bounds are the photo's
                rect, photo_found = solid, True
            elif photo_found or white is not None:
                rect = white or photo_box(grown, idbox, f.rect(), self.white_bg_headroom, pe)
                rect = (max(0, rect[0]), max(0, rect[1]), min(gray.shape[1], rect[2]), min(gray.shape[0], rect[3]))
                photo_found = True
                if f.two_tone:
                    rect = _with_blobs(rect, gray, f, idbox)
                if frame is not None and reached is not None:   # out to the frame where the photo reaches it
                    rect = to_frame(rect, frame, reached)
            elif (edged := edge_rect(rgb, gray, f.rect(), pe)) is not None:
                rect, photo_found = edged, True     # growth stopped at a pale face: the photo's own edges bound it
            else:
                g = grown.rect
                rect = (min(g[0], idbox[0]), min(g[1], idbox[1]), max(g[2], idbox[2]), max(g[3], idbox[3]))
            box = raster.point_box(*rect)
            near = self._label_near(labels, raster.point_box(*grown.rect))
            cue = "photo_label" if near else "face_box"
            kind = "id_photo" if (near or photo_found) else "portrait"
            singles.append((f, rect if photo_found else (), self._finding(
                page, "PORTRAIT", box, f.score, kind, 1, cue, "photo_rect" if photo_found else "id_proportions", near,
                raster.point_box(*f.rect()))))
        # a smaller face centred in the photo found round a larger one is part of that sitter (the chin read with
        # a stamp pressed over the photo's corner: its box ran out over the stamp); an ID photo has one sitter, and
        # where more faces share a photo they are no singles (``_clusters``: no paper between them)
        out.extend(x for g, _, x in singles if not any(
            h is not g and r and h.w > g.w and _holds(r, h.rect()) and r[0] <= g.center[0] <= r[2]
            and r[1] <= g.center[1] <= r[3] for h, r, _ in singles))
        return out

    def _finding(self, page: Page, entity: str, box: BBox, score: float, kind: str, n: int, cue: str,
                 source: str, label_near: bool, face: BBox | None = None) -> Finding:
        if entity == "PORTRAIT" and face is not None and source != "image_placement":
            box = clear_of_print(box, face, printed_lines(page, self.print_min_score), self.photo_edges)
        expl: tuple[tuple[str, object], ...] = (("kind", kind), ("faces", n), ("cue", cue), ("box_source", source),
                                                ("photo_label_near", bool(label_near)))
        if face is not None:     # the face itself (points): what must go whatever else lies over the photo
            expl += (("face_box", tuple(round(v, 2) for v in face.as_tuple())),)
        return make_region_finding(page, entity_type=entity, box=box, recognizer=self.name, score=score,
                                   explanation=expl)

    def _group_faces(self, page: Page, fs: list[_Face], clip, cue: str) -> list[Finding]:
        assert page.raster is not None
        out = []
        for f in fs:
            m = max(f.w, f.h)
            rect = (f.u0 - 0.3 * m, f.v0 - 0.45 * m, f.u1 + 0.3 * m, f.v1 + 0.35 * m)
            if clip is not None:
                rect = (max(rect[0], clip[0]), max(rect[1], clip[1]), min(rect[2], clip[2]), min(rect[3], clip[3]))
            out.append(self._finding(page, "FACE", page.raster.point_box(*rect), f.score, "group_face",
                                     len(fs), cue, "face_margin", False))
        return out

    def _label_near(self, labels, box: BBox) -> bool:
        d = self.label_max_distance_pt
        for hit in labels:
            b = hit.bbox
            dx = max(box.x0 - b.x1, b.x0 - box.x1, 0.0)
            dy = max(box.y0 - b.y1, b.y0 - box.y1, 0.0)
            if dx <= d and dy <= d:
                return True
        return False

    @staticmethod
    def _clusters(faces: list[_Face], apart: Callable[[_Face, _Face], bool] | None = None) -> list[list[_Face]]:
        """Faces of similar size close together belong to one (group) photo, unless ``apart`` says paper
        runs between them (two bio thumbnails stacked 11 pt apart, their faces were a "group")."""
        n = len(faces)
        parent = list(range(n))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for i in range(n):
            for j in range(i + 1, n):
                a, b = faces[i], faces[j]
                s = max(a.w, b.w)
                if not 0.5 <= a.w / max(b.w, 1) <= 2.0:
                    continue
                (ax, ay), (bx, by) = a.center, b.center
                if abs(ax - bx) <= 4.0 * s and abs(ay - by) <= 2.0 * s and not (apart and apart(a, b)):
                    parent[find(i)] = find(j)
        out: dict[int, list[_Face]] = {}
        for i in range(n):
            out.setdefault(find(i), []).append(faces[i])
        return list(out.values())

    @staticmethod
    def _head_and_shoulders(f: _Face, shape, clip=None) -> tuple[float, float, float, float]:
        m = max(f.w, f.h)
        rect = (f.u0 - 0.6 * m, f.v0 - 0.6 * m, f.u1 + 0.6 * m, f.v1 + 1.0 * m)
        if clip is not None:
            rect = (max(rect[0], clip[0]), max(rect[1], clip[1]), min(rect[2], clip[2]), min(rect[3], clip[3]))
        return (max(0, rect[0]), max(0, rect[1]), min(shape[1], rect[2]), min(shape[0], rect[3]))

    @staticmethod
    def _id_proportions(f: _Face, shape) -> tuple[float, float, float, float]:
        """A 5:7 ID-photo frame around the face: width 2 face widths, face in the upper half."""
        cu, _ = f.center
        w = 2.0 * f.w
        top = f.v0 - 0.6 * f.h
        rect = (cu - w / 2, top, cu + w / 2, top + 1.4 * w)
        return (max(0, rect[0]), max(0, rect[1]), min(shape[1], rect[2]), min(shape[0], rect[3]))


def _straddles_a_sitters_photo(f: _Face, faces: list[_Face], photos: list) -> bool:
    """``f`` runs out over the edge of a photo that holds its centre and, wholly, a larger face: a part of that
    photo's sitter (the chin) read as a face together with what lies beside the photo (the ring of a stamp
    pressed over its corner), not a second person: a face in a photo lies within it.  (On a scan or a phone
    photo, the end of ``_describe`` drops a smaller face centred in the photo found round a larger one, whether
    or not it runs out: that photo's box covers what lies inside it.)"""
    cu, cv = f.center
    for _, r in photos:
        if not (r[0] <= cu <= r[2] and r[1] <= cv <= r[3]) or _holds(r, f.rect()):
            continue
        if any(g is not f and g.w > f.w and _holds(r, g.rect()) for g in faces):
            return True
    return False


def _same_face(f: _Face, lf: LearnedFace) -> bool:
    """The cascade's box and the network's hold the same face: each holds the other's centre."""
    cu, cv = f.center
    lu, lv = (lf.box[0] + lf.box[2]) / 2, (lf.box[1] + lf.box[3]) / 2
    return lf.box[0] <= cu <= lf.box[2] and lf.box[1] <= cv <= lf.box[3] and f.u0 <= lu <= f.u1 and f.v0 <= lv <= f.v1


def _as_cascade_box(lf: LearnedFace, shape: tuple[int, ...]) -> _Face:
    """The network's face as the cascade would box it: a square (brows to mouth, cheek to cheek), where
    the network's box runs hairline to chin; the photo's bounds are grown from it as from the cascade's."""
    x0, y0, x1, y1 = lf.box
    side = 0.5 * ((x1 - x0) + (y1 - y0))
    cu, cv = (x0 + x1) / 2, (y0 + y1) / 2
    h, w = shape[0], shape[1]
    f = _Face(max(0, int(round(cu - side / 2))), max(0, int(round(cv - side / 2))),
              min(w, int(round(cu + side / 2))), min(h, int(round(cv + side / 2))))
    f.learned = lf.score
    return f


def _with_blobs(rect: tuple, gray: np.ndarray, f: _Face, frame: tuple) -> tuple:
    """``rect`` grown over the black blobs the face's box touches, as far as ``frame`` (the ID photo's
    proportions): a thresholded photo on white paper has no edges of its own, and the photo box found
    round the face stops at its white background (a sideways 送审表: 0.61 of the photo
    covered); its hair and clothes are the blobs that reach out to the photo's bounds."""
    a0, b0, a1, b1 = (int(round(v)) for v in frame)
    black = (gray[b0:b1, a0:a1] < 128).astype(np.uint8)
    if black.size == 0:
        return rect
    n, labels, stats, _ = cv2.connectedComponentsWithStats(black, connectivity=8)
    face = labels[max(0, f.v0 - b0):max(0, f.v1 - b0), max(0, f.u0 - a0):max(0, f.u1 - a0)]
    touched = _touched(face, stats, f)
    if not touched:
        return rect
    x0, y0, x1, y1 = _enclosing(stats, touched, a0, b0)
    return (min(rect[0], x0), min(rect[1], y0), max(rect[2], x1), max(rect[3], y1))


def _touched(face: np.ndarray, stats: np.ndarray, f: _Face) -> list[int]:
    """The components whose labels ``face`` (the face box's cut of a label image) holds, each at least a twentieth
    of the face."""
    return [i for i in np.unique(face) if i and stats[i, cv2.CC_STAT_AREA] >= 0.05 * f.w * f.h]


def _enclosing(stats: np.ndarray, ids: list[int], a0: int, b0: int) -> tuple[int, int, int, int]:
    """The box round components ``ids`` of a label image whose corner is (``a0``, ``b0``) on the page."""
    return (min(stats[i, cv2.CC_STAT_LEFT] for i in ids) + a0, min(stats[i, cv2.CC_STAT_TOP] for i in ids) + b0,
            max(stats[i, cv2.CC_STAT_LEFT] + stats[i, cv2.CC_STAT_WIDTH] for i in ids) + a0,
            max(stats[i, cv2.CC_STAT_TOP] + stats[i, cv2.CC_STAT_HEIGHT] for i in ids) + b0)


_SOLID_PT = 2.0        # a thresholded photo's solid background: what an opening by a disc this wide leaves
_SOLID_OUTSIDE = 0.1   # ... with at most this share of solid dark just outside its box, on every side
_SOLID_MARGIN = 0.06   # ... and the photo taken this much (of its width, of its height) past it on each side


def _solid_background(gray: np.ndarray, f: _Face, frame: tuple, ppt: float) -> tuple | None:
    """The photo round a thresholded face whose background is solid black (a red or blue ID-photo background
    scanned to one bit): that background is one black area, the photo's own bounds, once thin lines (the table's
    rules it touches, print) are opened away.  Its box with the face's, when it is photo-shaped and holds most of
    the face; else None (a white or dithered background: the caller's frame stands).  Only where no photo edges were
    found: there the frame of ID proportions round a face that fills its photo reached 40 pt past the photo on three
    sides and over the form's next rows (22218 pt² of a 申报表).  A photo whose edges were found
    keeps that box: a photo's dark areas need not reach its edges (a light flag beside the sitter)."""
    g = 0.5 * max(f.w, f.h)         # the frame's guess of the photo's bounds, with room round it to see them
    a0, b0 = max(0, int(frame[0] - g)), max(0, int(frame[1] - g))
    a1, b1 = min(gray.shape[1], int(frame[2] + g)), min(gray.shape[0], int(frame[3] + g))
    black = (gray[b0:b1, a0:a1] < 128).astype(np.uint8)
    if black.size == 0:
        return None
    k = max(3, int(round(_SOLID_PT * ppt)) | 1)
    solid = cv2.morphologyEx(black, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(solid, connectivity=8)
    face = labels[max(0, f.v0 - b0):max(0, f.v1 - b0), max(0, f.u0 - a0):max(0, f.u1 - a0)]
    # a face as wide as its photo parts the background in two, above and below it: every solid area the
    # face's box touches, each at least a twentieth of the face
    ids = _touched(face, stats, f)
    if not ids:
        return None
    x0, y0, x1, y1 = _enclosing(stats, ids, a0, b0)
    w, h = x1 - x0, y1 - y0
    area = sum(int(stats[i, cv2.CC_STAT_AREA]) for i in ids)
    held = max(0, min(x1, f.u1) - max(x0, f.u0)) * max(0, min(y1, f.v1) - max(y0, f.v0))
    if not (w >= f.w * 0.9 and h >= 1.3 * f.h and 1.0 <= h / max(w, 1) <= 1.8 and area >= 0.3 * w * h
            and held >= 0.8 * f.w * f.h):
        return None
    # and round it, the photo's surroundings: no solid dark just outside the box (a photo whose dark areas stop
    # short of its edges -- a light flag beside the sitter -- goes on past them; a rule beside it is opened away)
    near, far = int(round(1.0 * ppt)), int(round(3.0 * ppt))
    u0, v0, u1, v1 = x0 - a0, y0 - b0, x1 - a0, y1 - b0
    H, W = solid.shape
    bands = (solid[max(0, v0 - far):max(0, v0 - near), u0:u1], solid[min(H, v1 + near):min(H, v1 + far), u0:u1],
             solid[v0:v1, max(0, u0 - far):max(0, u0 - near)], solid[v0:v1, min(W, u1 + near):min(W, u1 + far)])
    if min(u0, v0, W - u1, H - v1) <= far or any(float(b.mean()) > _SOLID_OUTSIDE for b in bands):
        return None             # (the dark reaching the frame's edge may go on past it)
    # grown a little: an ID card's photo may have a light margin inside its edge that the background stops at
    mx, my = max(1, int(round(_SOLID_MARGIN * w))), max(1, int(round(_SOLID_MARGIN * h)))
    return (max(0, min(x0, f.u0) - mx), max(0, min(y0, f.v0) - my),
            min(gray.shape[1], max(x1, f.u1) + mx), min(gray.shape[0], max(y1, f.v1) + my))


def _reads_the_picture(t: _Rect, f: _Face) -> bool:
    """A "character" at least as large as the face in both directions is OCR reading the picture
    itself (a red-background thumbnail read as one letter ``A``), not text printed over it: the
    cascade fires on dense text through windows that span several glyphs, each smaller than it."""
    return t[2] - t[0] >= f.w and t[3] - t[1] >= f.h
