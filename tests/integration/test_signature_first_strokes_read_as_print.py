"""A signature whose first strokes OCR read as a line of print, and an ID card's portrait grazed by the number.

Fresh variety seed 68161 (both silent leaks on main eb45b31; generated, synthetic people and strokes):

* applicant 0, a Word 申报表 scanned sideways: OCR read 王 of the applicant's pen-written name as 二 (0.98, of body
  size), a line apart from 申请人签名.  The label's window stopped at it, the rest of the signature fell into the
  window of 审核人 on the row below, merged with the reviewer's and was kept as theirs; the label itself was
  reported unsigned.  A short line whose dark pixels run on past it is the pen's
  (``signature_labels.pen_read_as_its_own_line``).
* applicant 1, a phone photo of an ID card: the number's line, grazing the portrait's lower left corner, drew the
  portrait's left edge 21 pt in (0.79 covered); the foot moves instead, the edge that gives up least of the photo
  (``photo_edges.clear_of_print``).
"""

from __future__ import annotations

import pytest

from tests.corpus_case import covered, redact_corpus_file

pytestmark = pytest.mark.models


def test_the_applicants_signature_is_removed_and_the_reviewers_kept(tmp_path, region_pipeline):
    f, audit, outcome = redact_corpus_file(region_pipeline, tmp_path, 68161, 0, "scanned", "word_shenbao")
    sigs = [i for i in f.instances if i["category"] == "signature"]
    mine = [i for i in sigs if i["owner"] == "applicant"]
    others = [i for i in sigs if i["owner"] != "applicant"]
    assert len(mine) == 1 and len(others) == 4
    removed = [r["bbox"] for r in audit["redactions"] if r["category"] == "signature"]
    assert covered(mine[0]["bbox"], removed) >= 0.95, (mine[0]["bbox"], removed)
    for o in others:         # others' signatures stay on the page (the reviewer's beside the applicant's above all)
        assert covered(o["bbox"], removed) <= 0.2, (o["text"], o["bbox"])
    kept = [k["bbox"] for k in audit["kept"] if k["category"] == "signature"]
    reviewer = next(o for o in others if o["role"] == "reviewer")
    assert covered(reviewer["bbox"], kept) >= 0.9, "the reviewer's signature is no longer found as theirs"
    assert outcome.ok and audit["repairs"] == []


def test_the_id_cards_portrait_is_covered_whole(tmp_path, region_pipeline):
    f, audit, outcome = redact_corpus_file(region_pipeline, tmp_path, 68161, 1, "phone_photo", "id_card_sheet")
    (portrait,) = [i for i in f.instances if i["category"] == "photo" and i["owner"] == "applicant"]
    removed = [r["bbox"] for r in audit["redactions"] if r["category"] == "photo"]
    assert covered(portrait["bbox"], removed) >= 0.95, (portrait["bbox"], removed)
    number = [i for i in f.instances if i["category"] == "id_number" and i["owner"] == "applicant"]
    assert number and outcome.ok
