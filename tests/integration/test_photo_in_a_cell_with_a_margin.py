"""A grey-ground photo pasted in a 送审表's 照片 cell with a white margin round it (variety seed 30072, applicant 1,
``songshen_biao_c`` scanned by OCRmyPDF): the cell's rules have an ID photo's proportions round the face, and with
bare paper between, the cell was taken for the photo's own printed frame -- the removal box took the whole cell,
8 000 pt² of blank paper beside the 94 x 137 pt photo.  The photo's ground fills the rectangle growth found up to
its corners, so growth bounded it (``photo_edges.ground_in_top_corners``).  Synthetic people (the corpus
generator's; its portraits are packaged images)."""

from __future__ import annotations

import pytest

from tests.corpus_case import covered, redact_corpus_file

SEED, APPLICANT, PATH, DOC = 30072, 1, "scan_ocrmypdf", "songshen_biao_c"


@pytest.mark.models
def test_the_photo_goes_and_the_blank_cell_round_it_stays(tmp_path, region_pipeline):
    f, audit, outcome = redact_corpus_file(region_pipeline, tmp_path, SEED, APPLICANT, PATH, DOC)
    assert outcome.ok
    photos = [i for i in f.instances if i["category"] == "photo" and i["owner"] == "applicant"]
    assert len(photos) == 1, "premise: the applicant's photo in its cell"
    truth = photos[0]["bbox"]
    boxes = [b for r in audit["redactions"] if r["category"] == "photo" and r["page"] == photos[0]["page"]
             for b in r["boxes"]]
    assert covered(truth, boxes) >= 0.99, (truth, boxes)
    area = sum((b[2] - b[0]) * (b[3] - b[1]) for b in boxes)
    photo = (truth[2] - truth[0]) * (truth[3] - truth[1])
    assert area <= 1.3 * photo, (area, photo, boxes)
    assert not audit["repairs"] and not audit["needs_review"]       # the final check finds nothing of it left
