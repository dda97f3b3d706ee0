"""A photo's box stops at the print it runs into (detect/regions/photo_edges.clear_of_print).

realdocs2 R19, a scanned 干部任免审批表: the applicant's photo, grown a few points past its cell's bottom rule,
took the top of the next row's 南京农业大学资源与环 with it, and a school's name was lost.  A line of print mostly
outside the box that crosses its foot, head or sides draws that edge back to it; never past the face, and not for
a sideways scan's vertical lines.
"""

from __future__ import annotations

from redactor.detect.regions.photo_edges import clear_of_print
from redactor.model import BBox

PHOTO = BBox(426.8, 84.6, 539.9, 235.2)
FACE = BBox(450.0, 110.0, 515.0, 180.0)


def test_the_next_rows_print_is_left_out_of_the_photo():
    below = BBox(376.0, 229.0, 527.0, 246.0)            # 南京农业大学资源与环, crossing the photo's foot
    left = BBox(370.0, 91.0, 429.1, 109.0)              # 1978.03 in the cell left of it
    inside = BBox(440.0, 200.0, 470.0, 210.0)           # OCR noise on the photo: mostly inside, no print
    out = clear_of_print(PHOTO, FACE, [below, left, inside])
    assert out.y1 == 229.0 and out.x0 == 429.1
    assert out.y0 == PHOTO.y0 and out.x1 == PHOTO.x1
    assert out.contains_point(*FACE.center) and out.y1 >= FACE.y1


def test_never_past_the_face_nor_along_a_sideways_line():
    across_face = BBox(300.0, 150.0, 600.0, 165.0)      # a line over the face itself: the face stays whole
    vertical = BBox(530.0, 60.0, 545.0, 300.0)          # a sideways scan's line
    assert clear_of_print(PHOTO, FACE, [across_face, vertical]) == PHOTO


def test_a_bio_line_grazing_the_photos_corner_is_beside_it():
    """Fresh seed 52966's scanned paper: the applicant's bio line 曹敏（1980—）… starts 1 pt inside the portrait's
    box, level with its top; drawing the top down to it moved the portrait away from its own bio, and the
    co-author 曹敏东's bio below made it theirs."""
    photo, face = BBox(54.7, 587.3, 112.3, 668.0), BBox(62.0, 605.0, 105.0, 650.0)
    bio = BBox(111.0, 584.0, 540.0, 597.0)
    out = clear_of_print(photo, face, [bio])
    assert out.y0 == photo.y0 and out.y1 == photo.y1, "the bio line took the portrait's top"
    assert face.x1 <= out.x1 <= photo.x1


def test_a_line_at_the_corner_moves_the_edge_that_gives_up_least():
    """Fresh seed 68161's phone photo of an ID card: the number's line 150204… ends inside the portrait's box
    at its lower left and starts well left of it; drawing the left edge back to it left 21 pt of the portrait
    (0.79 covered), drawing the foot up to it gives up 5 pt of background under the shoulders."""
    photo, face = BBox(410.5, 198.6, 520.3, 351.9), BBox(438.7, 236.6, 500.6, 298.6)
    number = BBox(281.0, 347.0, 434.0, 378.0)
    out = clear_of_print(photo, face, [number])
    assert out.x0 == photo.x0 and out.y1 == number.y0
    assert out.intersection_area(number) == 0
