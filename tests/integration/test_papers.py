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
