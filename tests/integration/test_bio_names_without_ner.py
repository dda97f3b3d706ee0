"""Seed 137, applicant 1 (杨玲) on a paper whose co-author 杨玲军's name starts with the applicant's and whose
authors' bios each have a thumbnail portrait.  LAC tagged neither co-author's bio name, and read the author
line 杨玲军YANG\\xa0Lingjun (a no-break space in the romanisation) into an organisation: the applicant's 杨玲
was removed inside 杨玲军 twice, and both co-authors' portraits were removed as the applicant's.  Judged on
the generator's truth and the output's own text.  Synthetic people only."""

from __future__ import annotations

import unicodedata

import pymupdf
import pytest

from tests.corpus_case import covered, redact_corpus_file

pytestmark = pytest.mark.models


def test_co_authors_whose_names_ner_missed_keep_their_names_and_portraits(tmp_path, region_pipeline):
    f, audit, outcome = redact_corpus_file(region_pipeline, tmp_path, 137, 1, "born_digital", "lunwen_b")
    boxes = [b for r in audit["redactions"] for b in r["boxes"]]
    photos = [i for i in f.instances if i["category"] == "photo"]
    assert [covered(p["bbox"], boxes) >= 0.95 for p in photos if p["owner"] == "applicant"] == [True]
    others = [p for p in photos if p["owner"] == "other"]
    assert len(others) == 2 and all(covered(p["bbox"], boxes) < 0.05 for p in others), others
    with pymupdf.open(outcome.output_pdf) as doc:
        text = unicodedata.normalize("NFKC", doc[0].get_text())   # the font maps some characters to compatibility forms
    assert text.count("杨玲军") == 2                     # the author line and the bio
    assert "杨玲（" not in text and "杨玲YANG" not in text.replace("\xa0", "")
