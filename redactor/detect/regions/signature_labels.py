"""Signature labels on a page (申请人签名, 申报人（签字）, 审核人 ...) and the windows where their ink is looked for.

Labels without 签 (申报人, 审核人, 负责人 ...) count only when a colon, bracket,
the end of the line or a table cell's end follows, so running text such as
"申报人自参加工作以来" is no label.  The windows are in raster pixels (the
raster is upright, so the visual "right" of a rotated page is +u).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import cv2
import numpy as np

from redactor.model import BBox, Char, Page, TextOrigin
from redactor.protocols import OcrEngine

from redactor.ownership.lexicon import lexicon

from .base import PixelBox, TextHit, pixel_rect_for_bbox, pixel_rects_for_bboxes
from .signature_params import SignatureParams


SIGNATURE_LABELS = lexicon().signature_words()      # configs/roles.yaml: the labels a person signs beside
_PUNCT_BETWEEN = re.compile(r"^[\s（）()【】\[\]：:、/／]*$")
_LABEL_END = re.compile(r"^[ \t\u3000]*(?:[：:（(]|\n|$)")


@dataclass
class Label:
    text: str
    bbox: BBox
    window: list[tuple[int, int, int, int]]     # pixel rects
    px_box: tuple[int, int, int, int]
    line_h_px: float
    char_px: float = 0.0    # a character's size: the line's height (0: that), or the label's pitch where OCR read
    #                         the line as tall as the pen strokes beside it (``label_char_px``)

    def __post_init__(self) -> None:
        if self.char_px <= 0:
            self.char_px = self.line_h_px



def find_labels(page: Page, labels: tuple[str, ...]) -> list[TextHit]:
    words = sorted(set(labels), key=len, reverse=True)
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
        if any(o.label == h.label and _same_place(o.bbox, h.bbox) for o in out):
            continue        # one printed label read twice (a scan's own text layer and our OCR): one label
        out.append(h)
    return out


_SAME_PLACE = 0.5        # share of the smaller box two readings of one printed label overlap, at least


def _same_place(a: BBox, b: BBox) -> bool:
    return a.intersection_area(b) >= _SAME_PLACE * max(min(a.area, b.area), 1e-6)


_HALF_WIDTH_MAX = 1.2    # a printed digit or Latin letter is at most this wide for its height (W, M: ~1.0)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def printed_chars(page: Page, min_score: float, labels: Sequence[TextHit] = ()) -> list[Char]:
    """Characters that are print: text layer, or OCR that is confident and of body-text size -- and the
    characters of the signature ``labels`` found, with the colon after one, whatever OCR's boxes: a label the
    lexicon reads is print, and OCR boxes its line as tall as the pen strokes that share it (签名： twice body
    height beside a scrawled signature on a scan: the label left out of print stayed ink, pen and print mixed in
    one group, and the applicant's signature was kept as unsigned -- a silent leak).

    OCR often "reads" a signature (low score, odd size); those characters must
    not hide the ink.  Body-text size is the median character size *across the
    line* on the upright page: on a sideways scan a box's height in page points
    is the character's advance, and a digit's or a full stop's is half a CJK
    character's, so a printed date (2024.6.9) beside 申请人签名 fell below the size
    test, stayed ink and was removed as the applicant's signature.
    """
    sized = [(ch, _line_extents(page, ch.bbox)) for ch in page.chars if ch.bbox is not None and ch.c.strip()]
    ref = float(np.median([across for _, (_, across) in sized])) if sized else 10.0
    labelled = {id(page.chars[i]) for h in labels for i in range(h.start, _after_colon(page.text, h.end))
                if i < len(page.chars)}
    out = []
    for ch, (along, across) in sized:
        if ch.origin is TextOrigin.TEXT_LAYER or id(ch) in labelled:
            out.append(ch)
        elif ch.score >= min_score and 0.5 * ref <= across <= 2.0 * ref and not (along > 2.0 * ref and across > 1.25 * ref) \
                and not (ch.c.isascii() and ch.c.isalnum() and along > _HALF_WIDTH_MAX * across):
            # (the last: one "character" over two body sizes long and a quarter taller than body text is OCR
            # reading a signature as a glyph -- 4, 51 by 26 pt under 持证人签名 among 18 pt print; a
            # widely spaced label character, 姓    名, is as long but of body height; and a "digit" or
            # Latin letter wider than tall: print's are half-width, narrower than their height -- OCR read
            # a pen's loops as 6 5, 33 by 24 pt each, beside 申请人签名, at 0.91)
            out.append(_full_width(page, ch, along, across))
    return out


_PEN_TAIL_MAX = 4        # characters OCR read after a signature label on its own line, at most, taken for the pen's
PEN_PAST_TAIL_LINES = 1.0  # label line heights a signature's strokes run on past the last character OCR read of it
_DATE_CHARS = re.compile(r"[0-9０-９年月日.．/／\-]")


def pen_read_on_the_label_line(page: Page, hit: TextHit, shape: tuple[int, ...]) -> list[PixelBox]:
    """The pixel boxes of the OCR characters read on a signature label's own line after it: a form leaves room
    to sign after 签字： (a label that asks for a signature), so what OCR joined to the label's line there is the
    pen's strokes read as text (项目负责人（签字）：业, the end of a signature on a two-up scan) -- at most
    ``_PEN_TAIL_MAX`` characters, none a date's (2024年6月9日 printed right after the label is print).  They stay
    print for the label's window and the ink mask (the window then stops at them, short of a stamp further along
    the line); a signature that ends next to them takes them in."""
    if "签" not in hit.label:
        return []           # a bare label (报告人：) is followed by its printed value, the person's name
    line = next((ln for ln in page.ocr_lines if ln.start <= hit.start < ln.end), None)
    if line is None or hit.end >= line.end or page.raster is None:
        return []
    tail = [i for i in range(hit.end, line.end) if page.text[i].strip() and page.text[i] not in "：:"]
    if not tail or len(tail) > _PEN_TAIL_MAX or any(_DATE_CHARS.match(page.text[i]) for i in tail) \
            or any(page.chars[i].origin is TextOrigin.TEXT_LAYER or page.chars[i].bbox is None for i in tail):
        return []
    boxes = [page.chars[i].bbox for i in tail]
    return [r for r in pixel_rects_for_bboxes(page.raster, boxes, shape) if r is not None]


PEN_RUN_ON_LINES = 1.0   # line heights the ink joined to a short OCR line runs on past it, for that line to be pen
PEN_UNDER_LINES = 2.0    # line heights under a signature label within which such a line starts (its signing space)


def _after_colon(text: str, end: int) -> int:
    """``end`` moved past a colon right after a label (签名：)."""
    return end + 1 if end < len(text) and text[end] in "：:" else end


def pen_read_as_its_own_line(page: Page, hits: list[TextHit], printed: list[Char], printed_rects: list,
                             gray: np.ndarray, min_ink_delta: float, right_px: float) -> set[int]:
    """The indices into ``printed`` of characters that are a signature's first strokes read as a short line of
    their own on a signature label's row: OCR read 王 of a pen-written 王淑珺 as 二 (0.98, of body size), a
    line apart from the label, and the label's window stopped at it -- the rest of the signature fell to the
    next row's label's window (审核人), and a silent leak.  Print stands apart from what follows it; a pen's
    stroke runs on.  A line counts when it has at most ``_PEN_TAIL_MAX`` characters, none a date's, all OCR,
    lies to the right of a label that asks for a signature (签) on the label's row -- or starts under it, within
    ``PEN_UNDER_LINES`` line heights and not left of it by more than a line's height (a certificate's 持证人签名 is
    signed below: OCR read a pen's first loop 是 at 0.56 and the ink mask left it out as print, the gate repaired
    it) --, and the dark pixels joined
    to it (print masked, joined as ``_groups`` joins ink) run on ``PEN_RUN_ON_LINES`` line heights past its
    far end."""
    if page.raster is None or not printed:
        return set()
    signing = [(h, pixel_rect_for_bbox(page.raster, h.bbox, gray.shape)) for h in hits if "签" in h.label]
    signing = [(h, pb) for h, pb in signing if pb is not None]
    if not signing:
        return set()
    index = {id(ch): i for i, ch in enumerate(printed)}
    taken = {i for h, _ in signing for i in range(h.start, h.end)}
    out: set[int] = set()
    for ln in page.ocr_lines:
        idx = [i for i in range(ln.start, ln.end) if page.text[i].strip()]
        if not idx or len(idx) > _PEN_TAIL_MAX or any(i in taken for i in idx) \
                or any(_DATE_CHARS.match(page.text[i]) for i in idx) \
                or any(page.chars[i].origin is TextOrigin.TEXT_LAYER or page.chars[i].bbox is None for i in idx):
            continue
        mine = [index[id(page.chars[i])] for i in idx if id(page.chars[i]) in index]
        rects = [printed_rects[j] for j in mine if printed_rects[j] is not None]
        if not rects:
            continue
        r = (min(q[0] for q in rects), min(q[1] for q in rects), max(q[2] for q in rects), max(q[3] for q in rects))
        for _, pb in signing:
            lh = float(min(pb[2] - pb[0], pb[3] - pb[1]))
            on_row = min(r[3], pb[3]) - max(r[1], pb[1]) >= 0.5 * min(r[3] - r[1], pb[3] - pb[1])
            after = on_row and pb[2] <= r[0] <= pb[2] + right_px
            # ... or in the signing space under the label (a certificate's 持证人签名 with the pen below it)
            under = 0 <= r[1] - pb[3] <= PEN_UNDER_LINES * lh and pb[0] - lh <= r[0] <= pb[2]
            if (after or under) and \
                    _runs_on(gray, r, [q for j, q in enumerate(printed_rects) if q is not None and j not in mine],
                             lh, min_ink_delta):
                out.update(mine)
                break
    return out


def _runs_on(gray: np.ndarray, r: PixelBox, others: list, lh: float, min_ink_delta: float) -> bool:
    """Whether the dark pixels joined to ``r`` (other print masked out) run on past its right end."""
    H, W = gray.shape[:2]
    reach = int(PEN_RUN_ON_LINES * lh)
    u0, v0 = max(0, int(r[0] - lh)), max(0, int(r[1] - 0.5 * lh))
    u1, v1 = min(W, int(r[2] + 2 * reach + lh)), min(H, int(r[3] + 0.5 * lh))
    sub = gray[v0:v1, u0:u1]
    if sub.size == 0:
        return False
    k = max(15, int(1.5 * lh)) | 1
    bg = cv2.morphologyEx(sub, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    dark = ((bg.astype(np.int16) - sub.astype(np.int16)) > min_ink_delta).astype(np.uint8)
    for q in others:
        dark[max(0, q[1] - v0):max(0, q[3] - v0), max(0, q[0] - u0):max(0, q[2] - u0)] = 0
    kx, ky = max(3, int(0.7 * lh)), max(3, int(0.45 * lh))
    joined = cv2.dilate(dark, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (kx, ky)))
    n, labels = cv2.connectedComponents(joined, connectivity=8)
    inner = labels[r[1] - v0:r[3] - v0, r[0] - u0:r[2] - u0]
    ids = [i for i in np.unique(inner) if i > 0]
    if not ids:
        return False
    cols = np.nonzero(np.isin(labels, ids).any(axis=0))[0]
    return bool(cols.size) and int(cols.max()) + u0 - kx // 2 >= r[2] + reach


def _full_width(page: Page, ch: Char, along: float, across: float) -> Char:
    """An OCR'd CJK character's box made as long as it is high: a CJK glyph is square, and OCR shares a
    line's width out among its characters, narrower than the glyph -- 管 of a printed 管理号 boxed 10 by
    20 pt left its two sides standing as ink beside 持证人签名 (a 'signature' over print)."""
    if along >= across or not _CJK.match(ch.c) or ch.bbox is None:
        return ch
    grow = (across - along) / 2
    a, b = page.raster.to_points[:2] if page.raster is not None else (1.0, 0.0)
    box = ch.bbox
    if abs(a) >= abs(b):
        box = BBox(box.x0 - grow, box.y0, box.x1 + grow, box.y1)
    else:
        box = BBox(box.x0, box.y0 - grow, box.x1, box.y1 + grow)
    return replace(ch, bbox=box)


def _line_extents(page: Page, bbox: BBox) -> tuple[float, float]:
    """The box's extents (points) along and across its text line: its width and height on the upright
    raster, whose one pixel rightwards and downwards are the page-point vectors (a, b) and (c, d)."""
    if page.raster is None:
        return bbox.width, bbox.height
    a, b, c, d, _, _ = page.raster.to_points
    along, across = float(np.hypot(a, b)) or 1.0, float(np.hypot(c, d)) or 1.0
    return (abs(bbox.width * a / along) + abs(bbox.height * b / along),
            abs(bbox.width * c / across) + abs(bbox.height * d / across))


def label_window(p: SignatureParams, page: Page, hit: TextHit, printed: list[Char], shape, ppt: float,
                 printed_rects: list[PixelBox | None] | None = None,
                 pen_tail: list[PixelBox] | None = None) -> Label | None:
    """Search windows in raster pixels (the raster is upright, so 'right' is +u).  ``printed_rects``:
    the pixel rectangles of ``printed`` (``pixel_rects_for_bboxes``), when the caller has them.  ``pen_tail``:
    the pixel boxes of the label line's characters that are the pen's (``pen_read_on_the_label_line``)."""
    assert page.raster is not None
    pb = pixel_rect_for_bbox(page.raster, hit.bbox, shape)
    if pb is None:
        return None
    H, W = shape[0], shape[1]
    u0, v0, u1, v1 = pb
    # the label's line height: the smaller side of a multi-character label
    lh = max(min(u1 - u0, v1 - v0) if len(hit.label) > 1 else v1 - v0, 6.0 * ppt)
    # the right window stops at the next printed text on the label's line
    right_end = min(W, u1 + int(p.right_pt * ppt))
    if printed_rects is None:
        printed_rects = pixel_rects_for_bboxes(page.raster, [ch.bbox for ch in printed], shape)
    note = _bracketed_note(page, hit.end)
    tail = set(pen_tail or ())

    def next_print(end: int, skip: set) -> tuple[int, PixelBox | None]:
        """The window's right end before ``end``: just before the first printed character on the label's line
        after it (none of ``skip``), and that character."""
        stop = None
        for ch, r in zip(printed, printed_rects):
            if r is None or r in skip or ch.c in "：:（）()_" or any(ch is c for c in note):
                continue
            if u1 + 0.8 * lh <= r[0] < end and min(r[3], v1) - max(r[1], v0) > 0.5 * min(r[3] - r[1], v1 - v0):
                end, stop = r[0] - 1, r
        return end, stop

    right_end, stop = next_print(right_end, set())
    if stop is not None and stop in tail:
        # the window stopped at the pen OCR read as text: the signature's strokes run on past what OCR read of
        # them by what it left unread, a character's room (``PEN_PAST_TAIL_LINES``) -- the window ends there or at
        # the next print, short of a stamp further along the line
        reach = max(r[2] for r in tail) + int(PEN_PAST_TAIL_LINES * lh)
        right_end, _ = next_print(min(W, u1 + int(p.right_pt * ppt), reach), tail)
    # a signature pasted as a picture that starts before that text runs over it (郑雅琴 written across 年 月 日):
    # the window takes the whole picture, whose ink is one signature
    for img in page.images:
        if img.bbox.width > p.max_width_pt or img.bbox.height > p.max_height_pt:
            continue
        r = pixel_rect_for_bbox(page.raster, img.bbox, shape)
        if r is None or not u1 <= r[0] < right_end or r[2] <= right_end:
            continue
        if min(r[3], v1) - max(r[1], v0) > 0:
            right_end = min(W, r[2] + 1)
    win = []
    right = (u1, max(0, int(v0 - p.above_lines * lh)), right_end, min(H, int(v1 + p.below_lines * lh)))
    below = (max(0, int(u0 - 2 * lh)), v1, min(W, int(max(u1 + 160 * ppt, u0 + 200 * ppt))),
             min(H, int(v1 + p.below_pt * ppt)))
    for r in (right, below):
        if r[2] - r[0] > 1 and r[3] - r[1] > 1:
            win.append(tuple(int(x) for x in r))
    if not win:
        return None
    char = label_char_px(hit.label, max(u1 - u0, v1 - v0), lh, p.label_square_slack)
    return Label(hit.label, hit.bbox, win, pb, float(lh), float(char))


def label_char_px(label: str, along_px: float, line_h_px: float, slack: float) -> float:
    """The size of a label's characters (pixels).  Chinese characters are square, so ``n`` of them over ``along_px``
    are about ``along_px / n`` tall (a half-width character: half of one); OCR can read the label into one line
    with the signature written beside it and hand the line the strokes' height (38 pt for a 10 pt 项目负责人（签字）
    on a scan), so a line more than ``slack`` times the pitch is the pitch's.  A label widely spaced (姓    名) has
    a pitch above its height, and keeps the height.  ``along_px``: the box's longer side (a label set in a column
    runs down)."""
    n = sum(0.5 if c.isascii() else 1.0 for c in label if not c.isspace())
    if n < 2:
        return line_h_px
    pitch = along_px / n
    return line_h_px if line_h_px <= slack * pitch else pitch

# A bracketed instruction right after a signature label belongs to it (申报人签字：（不得打印）, 本人签名（手写）): the
# signature follows the note, so the window to the right does not stop at its characters.  At most this many
# characters between the label's end and the note's opening bracket (a colon, a space), and inside the note.
NOTE_GAP_CHARS = 2
NOTE_MAX_CHARS = 10


def _bracketed_note(page: Page, end: int) -> tuple[Char, ...]:
    """The characters of a bracketed note that follows the label ending at ``end`` in ``page.text`` on its line."""
    text = page.text
    j = end
    while j < len(text) and j - end <= NOTE_GAP_CHARS and text[j] in " \u3000：:":
        j += 1
    if j >= len(text) or text[j] not in "（(":
        return ()
    close = next((k for k in range(j + 1, min(len(text), j + NOTE_MAX_CHARS + 2)) if text[k] in "）)"), None)
    if close is None or "\n" in text[j:close]:
        return ()
    return tuple(page.chars[j:close + 1])


# -- ink ----------------------------------------------------------------------------


def with_ocr_text(page: Page, ocr: OcrEngine) -> Page:
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


