"""A photo printed in a thin frame, its background as pale as the paper: the frame bounds it (a phone photo
of a 资格证书, seed 61507: a guess of ID proportions around the face ran 90 pt past the photo, over the
issuer's seal at its corner and the signature below).  Drawn in code: a frame, dark clothes touching it, a
stamp's pale ring over its corner, a slight lean as in a phone photo."""

from __future__ import annotations

import cv2
import numpy as np

from redactor.detect.regions.photo_edges import frame_reached, framed_photo

FRAME = (360, 414, 586, 722)        # pixels, as in the phone photo (u0, v0, u1, v1)
FACE = (397, 531, 568, 701)


def _page(frame: tuple[int, int, int, int] | None = FRAME, lean: float = 0.6) -> np.ndarray:
    g = np.full((1400, 1200), 214, np.uint8)
    rng = np.random.default_rng(7)
    if frame is not None:
        u0, v0, u1, v1 = frame
        cv2.rectangle(g, (u0, v0), (u1, v1), 110, 3)
        g[v1 - 60:v1, u0:u0 + 90] = 40                                  # dark clothes touching the frame
        cv2.ellipse(g, (470, 600), (60, 80), 0, 0, 360, 120, -1)        # hair and face, darker than the paper
    cv2.circle(g, (600, 740), 80, 165, 4)                               # a stamp's pale ring over the corner
    g = np.clip(g.astype(int) + rng.normal(0, 6, g.shape), 0, 255).astype(np.uint8)
    m = cv2.getRotationMatrix2D((600, 600), lean, 1.0)
    return cv2.warpAffine(g, m, (g.shape[1], g.shape[0]), borderValue=214)


def test_the_frame_bounds_the_photo_through_clothes_and_a_stamps_ring():
    r = framed_photo(_page(), FACE)
    assert r is not None
    assert all(abs(a - b) <= 8 for a, b in zip(r, FRAME)), r


def test_no_frame_and_a_frame_far_larger_than_a_photo_say_nothing():
    assert framed_photo(_page(frame=None), FACE) is None
    assert framed_photo(_page(frame=(20, 20, 1180, 1380)), FACE) is None


# A phone photo of a 资格证书 (variety seed 14827, applicant 1): the holder's grey photo on a pale ground, dark
# clothes across its foot, a faint frame line, the issuer's stamp over its lower corner.  Growth from the face
# stopped where the clothes begin (the pale ground either side is paper to it), and the box left the lower third
# of the photo.  The frame round the growth, reached through the clothes, is the photo's.
PALE = (360, 380, 560, 722)
PALE_FACE = (415, 470, 505, 560)


def _pale_photo(cell_margin: int = 0, lean: float = 0.8) -> tuple[np.ndarray, np.ndarray]:
    g = np.full((1400, 1200), 214, np.uint8)
    rng = np.random.default_rng(11)
    u0, v0, u1, v1 = PALE
    g[v0:640, u0:u1] = 140                                              # the photo's grey ground ...
    g[640:v1, u0:u1] = 206                                              # ... paler at its foot: paper to growth
    cv2.ellipse(g, (460, 490), (60, 50), 0, 0, 360, 70, -1)             # hair
    cv2.ellipse(g, (460, 520), (45, 55), 0, 0, 360, 170, -1)            # the face
    g[640:v1, 415:505] = 45                                             # dark clothes down to the photo's foot
    if cell_margin:      # a white-background photo inside a form cell: paper between it and the cell's rules
        g[v0:v1, u0:u1] = np.where(g[v0:v1, u0:u1] > 120, 214, g[v0:v1, u0:u1])
        u0, v0, u1, v1 = u0 - cell_margin, v0 - cell_margin, u1 + cell_margin, v1 + cell_margin
    cv2.rectangle(g, (u0, v0), (u1, v1), 110, 2)                        # a thin frame line (or the cell's rules)
    cv2.circle(g, (565, 730), 70, 165, 4)                               # the issuer's stamp over the corner
    g = np.clip(g.astype(int) + rng.normal(0, 5, g.shape), 0, 255).astype(np.uint8)
    m = cv2.getRotationMatrix2D((600, 600), lean, 1.0)
    g = cv2.warpAffine(g, m, (g.shape[1], g.shape[0]), borderValue=214)
    return g, cv2.cvtColor(g, cv2.COLOR_GRAY2RGB)


GROWN = (PALE[0] + 4, PALE[1] + 6, PALE[2] - 4, 645)      # where growth stopped: at the pale foot beside the clothes


def test_the_frame_round_a_photo_growth_stopped_inside_is_its_own():
    g, rgb = _pale_photo()
    r = framed_photo(g, PALE_FACE, holds=GROWN)
    assert r is not None
    assert all(abs(a - b) <= 8 for a, b in zip(r, PALE)), r
    assert frame_reached(rgb, g, GROWN, r, PALE_FACE) == (False, False, False, True)     # through the clothes


def test_a_cell_round_a_photo_with_paper_between_is_not_its_frame():
    g, rgb = _pale_photo(cell_margin=30)
    r = framed_photo(g, PALE_FACE, holds=(PALE[0], PALE[1], PALE[2], PALE[3]))
    assert r is not None and not any(frame_reached(rgb, g, PALE, r, PALE_FACE)), r


def test_only_a_frame_of_an_id_photos_proportions_round_the_face_is_the_photos_own():
    """A white ground leaves nothing between growth and a frame to tell photo from paper: a frame shaped as an ID
    photo round the face (1.4 high for 1 wide, the face about 0.6 of its width), growth short of it at the top and
    sides, is the photo's own edge, grown by its line; a form cell round a smaller photo (1.26 high: a 送审表's), one
    the face fills too little of, or one a coloured ground's growth ran to at its sides (variety seed 65627's red
    ground 评审表: the cell's bare foot, 13 pt, went with it) is not."""
    from redactor.detect.regions.photo_edges import id_photo_frame

    face = (130, 150, 190, 210)                     # 60 px wide
    grown = (120, 120, 200, 240)                    # head and shoulders, 10 px clear of the frame's top and sides
    own = id_photo_frame((110, 100, 210, 240), face, grown)  # 100 x 140, the face 0.6 of its width
    assert own is not None and own[0] < 110 and own[2] > 210 and own[2] - own[0] <= 1.05 * 100
    assert id_photo_frame((100, 100, 220, 251), face, grown) is None   # 120 x 151: 1.26 high
    assert id_photo_frame((90, 80, 230, 276), face, grown) is None     # 140 x 196: the face 0.43 of its width
    assert id_photo_frame((110, 100, 210, 280), face, grown) is None   # 100 x 180: a tall cell
    # growth ran to the frame's sides and top (a red ground): the photo is where growth stopped, the frame a cell
    # round it, whose bare foot the photo does not reach
    assert id_photo_frame((110, 100, 210, 240), face, (111, 101, 209, 215)) is None


# A grey-ground ID photo pasted in a 送审表's 照片 cell with a white margin (variety seed 30072, applicant 1, the
# OCRmyPDF scan): growth from the face found the photo's own edges, the cell's rules round it have an ID photo's
# shape too (1.36 high, the face 0.57 of its width), and with bare paper between, nothing told that cell from a
# white-ground photo's own printed frame -- the whole cell went, 8 000 pt² of blank cell with the photo.  A ground
# that fills the grown rectangle's top corners is the photo's own, so growth bounded it; a white ground leaves
# them paper beside the head.
CELL_FACE = (440, 330, 583, 473)
CELL_GROWN = (419, 228, 616, 512)                  # the photo: 197 x 284 px
CELL = (392, 201, 641, 539)                        # the cell's rules, 27 px of paper round the photo


def _photo_in_cell(ground: int) -> tuple[np.ndarray, np.ndarray]:
    g = np.full((800, 1000), 236, np.uint8)
    rng = np.random.default_rng(5)
    cv2.rectangle(g, CELL[:2], CELL[2:], 60, 2)                         # the cell's rules
    u0, v0, u1, v1 = CELL_GROWN
    g[v0:v1, u0:u1] = ground                                            # the photo's ground (236: white)
    cv2.ellipse(g, (511, 360), (80, 95), 0, 0, 360, 70, -1)             # hair
    cv2.ellipse(g, (511, 400), (62, 75), 0, 0, 360, 170, -1)            # the face
    cv2.ellipse(g, (517, v1), (98, 60), 0, 180, 360, 50, -1)            # shoulders to the photo's foot
    g = np.clip(g.astype(int) + rng.normal(0, 4, g.shape), 0, 255).astype(np.uint8)
    return g, cv2.cvtColor(g, cv2.COLOR_GRAY2RGB)


def test_a_grey_ground_fills_the_photos_top_corners_and_a_white_one_leaves_them_paper():
    from redactor.detect.regions.photo_edges import ground_in_top_corners

    g, rgb = _photo_in_cell(ground=190)
    assert ground_in_top_corners(rgb, g, CELL_GROWN, CELL_FACE)
    g, rgb = _photo_in_cell(ground=236)
    head = (431, 265, 591, CELL_GROWN[3])                              # where growth stops on a white ground
    assert not ground_in_top_corners(rgb, g, head, CELL_FACE)
