"""A photo's rectangle from its own edges where growth from the face found none (``photo_edges.edge_rect``).

realdocs D11 (a 300-dpi colour scan of a résumé): the portrait is an anime drawing whose face and hair are as pale
as the paper, so growth from the face stopped at once and the box was guessed from an ID photo's proportions --
8 pt short of the photo's right edge; the check's ring proof caught the strip left (a repair).  The photo's ground
runs round the face to every edge of the picture, and the picture is printed on paper: the rectangle those parts
span is the photo's.  Drawn in code: a tinted ground, a pale face and hair, paper round it.
"""

from __future__ import annotations

import numpy as np

from redactor.detect.regions.photo_edges import edge_rect

PHOTO = (300, 200, 500, 420)          # u0, v0, u1, v1 in pixels
FACE = (350, 250, 440, 340)


def _scan(photo=PHOTO, face=FACE, white_top: bool = False) -> tuple[np.ndarray, np.ndarray]:
    rgb = np.full((900, 900, 3), 250, np.uint8)
    u0, v0, u1, v1 = photo
    rng = np.random.default_rng(5)
    ground = np.clip(rng.normal((190, 160, 130), 12, (v1 - v0, u1 - u0, 3)), 0, 255).astype(np.uint8)
    rgb[v0:v1, u0:u1] = ground
    a0, b0, a1, b1 = face
    rgb[b0 - 40:b1 + 10, a0 - 20:a1 + 50] = 246            # pale hair and face, reaching past the face's right
    rgb[b0 + 30:b0 + 36, a0 + 20:a0 + 30] = 60             # eyes
    rgb[b0 + 30:b0 + 36, a1 - 30:a1 - 20] = 60
    if white_top:
        rgb[v0:v0 + 25, u0:u1] = 250                       # a ground as white as the paper along the top
    gray = rgb.mean(axis=2).astype(np.uint8)
    return rgb, gray


def test_the_photo_is_bounded_by_its_own_edges() -> None:
    rgb, gray = _scan()
    got = edge_rect(rgb, gray, FACE)
    assert got is not None
    assert all(abs(g - w) <= 2 for g, w in zip(got, PHOTO)), got


def test_no_rectangle_where_an_edge_is_not_the_photos_own() -> None:
    rgb, gray = _scan(white_top=True)                       # the top edge shows paper: no edge of its own there
    assert edge_rect(rgb, gray, FACE) is None
    rgb, gray = _scan(photo=(300, 200, 900, 420))           # cut by the page's edge
    assert edge_rect(rgb, gray, FACE) is None


def test_a_block_of_print_much_larger_than_a_photo_is_none() -> None:
    rgb, gray = _scan(photo=(100, 100, 890, 890))
    assert edge_rect(rgb, gray, FACE) is None
