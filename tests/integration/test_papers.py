"""Papers: the applicant's affiliation line (found through the author marker) goes,
in Chinese and in English, even though the profile has no English employer name."""

from __future__ import annotations

import pymupdf
import pytest

from redactor.config import profile_from_mapping
from redactor.normalize import compact


@pytest.fixture(scope="module")
def paper(tmp_path_factory, text_pipeline):
    from benchmarks.corpus import generate_dossier

    d = tmp_path_factory.mktemp("paper")
    dossier = generate_dossier(7, 0, paths=("born_digital",), doc_types=["lunwen"], name_in_filename=False)
    f = dossier.files[0]
    src = d / "paper.pdf"
    src.write_bytes(f.data)
    profile = profile_from_mapping(dossier.profile)
    outcome = text_pipeline.run(str(src), profile, str(d / "out"), "paper")
    doc = pymupdf.open(outcome.output_pdf)
    text = "\n".join(p.get_text() for p in doc)
    doc.close()
    return f, text


@pytest.mark.issue(6)
def test_applicant_affiliation_line_removed_in_both_languages(paper):
    f, text = paper
    flat = compact(text)
    assert "baotouironandsteel" not in flat
    own_employer = [i for i in f.instances if i["owner"] == "applicant" and i["category"] == "employer"]
    assert own_employer
    for inst in own_employer:
        if inst["text"]:
            assert compact(inst["text"]) not in flat, inst["form"]


@pytest.mark.issue(6)
def test_other_authors_affiliations_and_names_stay(paper):
    f, text = paper
    flat = compact(text)
    assert "universityofscienceandtechnologybeijing" in flat
    others = [i for i in f.instances if i["owner"] == "other" and i["category"] in ("name", "employer") and i["text"]]
    assert others
    missing = [i["text"] for i in others if compact(i["text"]) not in flat]
    assert not missing, missing


@pytest.mark.issue(6)
def test_bio_line_birth_year_and_birthplace_removed(paper):
    f, text = paper
    bio = text[text.index("作者简介"):text.index("通信作者")].replace("\n", "")
    birth = next(i["text"] for i in f.instances if i["form"] == "chinese_name" and i["owner"] == "applicant")
    assert birth not in bio
    assert not any(ch.isdigit() for ch in bio.split("E-mail")[0]), bio     # no birth year left
    assert "包头人" not in bio and "女" in bio and "工程师" in bio           # gender and title are not identifying
    assert "通信作者" in text and "（1981—）" in text.replace(" ", "")     # the corresponding author's line stays


def test_bio_details_detected_only_after_a_bio_label(text_pipeline):
    from redactor.detect.author_bio import bio_details
    from redactor.model import BBox, Char, Finding, Page

    def page(t):
        return Page(1, 500, 100, t, tuple(Char(c, None if c == "\n" else BBox(i, 0, i + 1, 1)) for i, c in enumerate(t)))

    t = "作者简介：王淑珺（1985—），女，内蒙古包头人，工程师。"
    name = Finding(1, "PERSON", (BBox(5, 0, 8, 1),), "applicant_value.v1", 1.0, "王淑珺", 5, 8)
    got = {(f.explain("detail"), f.text) for f in bio_details(page(t), name)}
    assert got == {("birth_year", "1985"), ("birthplace", "内蒙古包头人")}
    t2 = "申请人王淑珺（1985—）在包头工作。"
    name2 = Finding(1, "PERSON", (BBox(3, 0, 6, 1),), "applicant_value.v1", 1.0, "王淑珺", 3, 6)
    assert bio_details(page(t2), name2) == []
