"""A scanned bio flows around its portrait: the upper lines start right of the picture, the line under the
picture runs from the column's left edge, both justified to one right edge.  The employer's English name wraps
from one such line into the next (realdocs2 R08: "... at the Institute of Automation, / Chinese Academy of
Sciences. He ..."), and OCR reads the other column's lines in between.  The two lines are paired by their
right edges (``detect.stacked_lines``); the English name is no "twin" of itself (``detect.letterhead``), so
the lines beside it -- another university, a co-author -- stay.  All synthetic; no OCR engine."""

from __future__ import annotations

from redactor.config import profile_from_mapping
from redactor.detect.stacked_lines import stacked_pairs, wrapped_values
from redactor.fields import applicant_forms
from redactor.model import Action, BBox, Document, Page
from redactor.policy import decide
from redactor.variants import find_forms
from tests.pages import ocr_lines_page

EN = "Institute of Automation, Chinese Academy of Sciences"
PROFILE = profile_from_mapping({"name": "尚书林", "employers": ["中国科学院自动化研究所", EN],
                                "name_aliases": ["SHANG Shu-Lin"]})
CW = 5.0          # a Latin character's width, points
LH = 11.0         # a line's height


def _page(lines: list[tuple[float, float, str]]) -> Page:
    """OCR lines (x0, top, text) in the order given (OCR's row order: two columns interleaved)."""
    return ocr_lines_page(lines, CW, LH)


# the right column's bio beside a portrait (x 300-376, down to y 419), its last lines under the portrait;
# the left column's lines at the same heights come first in OCR's order
UPPER = "date at the Institute of Automation,"           # 36 characters from x 380: right edge 560
LOWER = "Chinese Academy of Sciences. He received his bache"   # 51 characters from x 305: right edge 560
NEXT = "gree from Beijing Normal University in 2002. His re"    # the line under it, the same column
BIO = [(60.0, 405.0, "文章发表，因此而导致的后果和发生的费用将由作"), (380.0, 405.0, UPPER),
       (60.0, 419.0, "者承担."), (305.0, 419.0, LOWER),
       (60.0, 433.0, "4) 在修改稿加工格式方面若有其他不明事宜，"), (305.0, 433.0, NEXT)]


def test_the_line_under_the_portrait_continues_the_line_beside_it():
    page = _page(BIO)
    assert not find_forms(page.text, applicant_forms(PROFILE))       # interleaved: the plain text misses it
    pairs = {(page.text[a.start:a.end], page.text[b.start:b.end]) for a, b in stacked_pairs(page)}
    assert (UPPER, LOWER) in pairs and (LOWER, NEXT) in pairs
    found = wrapped_values(page, applicant_forms(PROFILE))
    assert len(found) == 1 and found[0].explain("profile_field") == "employers"
    box = BBox.enclosing(list(found[0].boxes))
    assert box.y0 < 406 and box.y1 > 429                                # both halves
    assert min(b.x0 for b in found[0].boxes) < 310                     # the lower half from the column's edge


def test_a_lower_line_starting_further_right_is_not_the_same_paragraph():
    """Right edges alone do not pair lines: a right-aligned short line (a date, a signature line) under a
    longer one starts further right and stays apart."""
    page = _page([(305.0, 405.0, "date at the Institute of Automation,"),
                  (430.0, 419.0, "Chinese Academy o")])                # right edge 515 vs 485: not aligned either
    page2 = _page([(305.0, 405.0, "date at the Institute of Automation,"),
                   (400.0, 419.0, "Chinese Academy of Scien")])       # right edges aligned (520), starts right
    for p in (page, page2):
        assert stacked_pairs(p) == []


def test_the_lines_beside_the_english_name_are_not_its_twin(detector, text_cfg):
    """The employer's English name, found across the wrap, takes nothing beside it: another university on
    the next line and the co-author's line above stay."""
    page = _page([(380.0, 391.0, "(SHANG Shu-Lin Ph.D. candi-"), *BIO])
    doc = Document(source="t", working_pdf="", input_kind="image", pages=(page,), input_sha256="")
    plan = decide(detector.detect(doc, PROFILE), PROFILE, text_cfg.policy)
    covered: set[int] = set()
    for d in plan.decisions:
        if d.action is Action.REDACT:
            for b in d.finding.boxes:
                covered |= {i for i, c in enumerate(page.chars) if c.bbox is not None and c.c.strip()
                            and b.intersection_area(c.bbox) > 0.5 * c.bbox.area}

    def gone(s: str) -> bool:
        i = page.text.index(s)
        return all(k in covered for k in range(i, i + len(s)) if not page.text[k].isspace())

    def intact(s: str) -> bool:
        i = page.text.index(s)
        return not any(k in covered for k in range(i, i + len(s)))

    assert gone("Institute of Automation,") and gone("Chinese Academy of Sciences")
    assert intact("Beijing Normal University") and intact("He received his bache")
    assert gone("SHANG Shu-Lin")
