"""The applicant's unit read in part where a stamp is pressed over the rest (structure seed 79125: a sideways
scanned 继续教育证书, OCR read 工作单位：包头市 and the issuer's stamp hid 中心医院; no recogniser found a unit,
the built-in check passed, a silent leak).  The beginning read in the applicant's own 工作单位 slot, running into
a stamp, goes with the places of the characters still missing.  Pages built in code; a synthetic unit."""

from __future__ import annotations

from redactor.detect.under_stamps import UNDER_STAMP, values_under_stamps
from redactor.model import ApplicantProfile, BBox, Char, Finding, OcrLine, Page, PageKind, TextOrigin

EMPLOYER = "包头市中心医院"
ADVANCE = 14.0                        # points from one character to the next, down the sideways line


def _page(line: str, x: float = 380.0, y0: float = 116.0) -> Page:
    """One upright-reading line turned sideways: characters stacked downwards, as on the scan."""
    chars = tuple(Char(c, BBox(x, y0 + i * ADVANCE, x + 22, y0 + i * ADVANCE + 13), TextOrigin.OCR, 0.99)
                  for i, c in enumerate(line))
    return Page(1, 595, 842, line, chars, PageKind.SCANNED, ocr_lines=(OcrLine(0, len(line), BBox.enclosing(
        [c.bbox for c in chars]), 0.99),))


def _seal(y0: float) -> Finding:
    return Finding(1, "SEAL", (BBox(326, y0, 439, y0 + 112),), "seal.v1", 1.0, explanation=(("readable", True),))


def _found(line: str, seal_y0: float | None, employers: tuple[str, ...] = (EMPLOYER,)) -> list[Finding]:
    page = _page(line)
    regions = [] if seal_y0 is None else [_seal(seal_y0)]
    return values_under_stamps(page, regions, ApplicantProfile("乔永", employers=employers), min_chars=3, reach=1.5)


def test_the_beginning_read_up_to_the_stamp_goes_with_the_rest_of_its_places():
    line = "工作单位：包头市"
    (f,) = _found(line, seal_y0=116 + len(line) * ADVANCE - 4)          # the stamp starts where the line stops
    assert f.text == "包头市" and f.explain(UNDER_STAMP) == 4 and f.explain("profile_field") == "employers"
    under = f.boxes[-1]
    last = 116 + (len(line) - 1) * ADVANCE
    # the four missing characters' places, stepped on down the line
    assert abs(under.y0 - (last + ADVANCE)) < 1 and abs(under.y1 - (last + 4 * ADVANCE + 13)) < 1
    assert 379 <= under.x0 and under.x1 <= 403


def test_no_stamp_a_short_beginning_the_whole_name_or_another_persons_slot_say_nothing():
    line = "工作单位：包头市"
    at = 116 + len(line) * ADVANCE - 4
    assert _found(line, seal_y0=None) == []                             # no stamp: the line ends there
    assert _found(line, seal_y0=at + 6 * ADVANCE) == []                 # a stamp further on: print between
    assert _found("工作单位：包头", seal_y0=at - ADVANCE) == []           # two characters: a place's name as often
    assert _found("工作单位：包头市中心医院", seal_y0=at + 4 * ADVANCE) == []   # read whole: the recognisers' own
    assert _found("推荐人工作单位：包头市", seal_y0=at + 3 * ADVANCE) == []   # the recommender's unit
    assert _found("工作单位：包钢医院", seal_y0=at + ADVANCE) == []         # another unit's beginning
    # an alias read whole, the official name beginning with it: nothing of it is missing
    assert _found("工作单位：包头市中心", seal_y0=at + 2 * ADVANCE, employers=(EMPLOYER, "包头市中心")) == []


# -- the holder's ID number, none of it read (structure seed 60618: 兹证明王淑珺同志（身份证号 read, the issuer's
# ring across the 18 digits hid them from detection's OCR and the final check's; the number was released legible)

HOLDER = "兹证明王淑珺同志（身份证号"
PITCH = 14.6                          # a CJK character's advance on the certificate, left to right


def _holder_page(line: str) -> Page:
    chars = tuple(Char(c, BBox(110 + i * PITCH, 168, 110 + i * PITCH + 13, 185), TextOrigin.OCR, 0.99)
                  for i, c in enumerate(line))
    return Page(1, 842, 595, line, chars, PageKind.SCANNED, ocr_lines=(OcrLine(0, len(line), BBox.enclosing(
        [c.bbox for c in chars]), 0.99),))


def _ids(line: str, seal: BBox | None, name: str = "王淑珺") -> list[Finding]:
    from redactor.detect.under_stamps import ids_under_stamps

    regions = [] if seal is None else [Finding(1, "SEAL", (seal,), "seal.v1", 1.0)]
    profile = ApplicantProfile(name, id_number="150222198502238720", employers=(EMPLOYER,))
    return ids_under_stamps(_holder_page(line), regions, profile, reach=1.5, digit_advance=0.6)


def test_the_holders_unread_id_number_under_a_stamp_goes_its_whole_length():
    end = 110 + len(HOLDER) * PITCH                       # where the label's line stops being read
    (f,) = _ids(HOLDER, BBox(end - 40, 161, end + 72, 274))
    assert f.entity_type == "CN_RESIDENT_ID" and f.explain("profile_field") == "id_number"
    (under,) = f.boxes
    # the separator and 18 digits of 0.6 advances from the label's last character on: past the number's end
    assert abs(under.x0 - (end - PITCH + 13)) < 1 and under.x1 >= end + 18 * 0.55 * PITCH
    assert 166 <= under.y0 and under.y1 <= 187


def test_an_id_label_not_the_applicants_a_read_number_or_no_stamp_say_nothing():
    end = 110 + len(HOLDER) * PITCH
    seal = BBox(end - 40, 161, end + 72, 274)
    assert _ids(HOLDER, None) == []                                       # no stamp: nothing hides it
    assert _ids(HOLDER, BBox(end + 120, 161, end + 232, 274)) == []        # a stamp further on
    assert _ids("兹证明李明华同志（身份证号", seal) == []                    # another holder's certificate
    assert _ids(HOLDER + "：1502", seal) == []                             # digits read: the recognisers' own
    assert _ids("兹证明李明华同志（身份证号", seal, name="李明") == []         # the applicant's 李明 inside 李明华
    assert len(_ids("兹证明李明同志（身份证号", seal, name="李明")) == 1
