"""The gate's face channel and bio thumbnails (issue 10/11, dev seed 8's lunwen_b).

A thumbnail portrait beside the applicant's bio, left in the output because
detection missed it, was only ever ``review`` ("someone else's portrait, or a
missed one"): verification called the output clean.  A face beside text the
plan removed as the applicant's name (nearer than any other person's kept
name) fails the gate, and the repair loop removes it; the co-authors'
portraits beside their own bios stay ``review`` and stay in the output.
All synthetic (tests.synth_bio)."""

from __future__ import annotations

import numpy as np
import pymupdf
import pytest

from redactor.model import Action, BBox, Decision, Finding
from redactor.verify import verify_pdf
from tests.synth_bio import bio_paper, scanned


def _box(r) -> BBox:  # noqa: ANN001 - a pymupdf.Rect
    return BBox(r.x0, r.y0, r.x1, r.y1)


def _records(removed: tuple[BBox, ...], others: tuple[BBox, ...] = (), photos: tuple[BBox, ...] = ()):
    """The plan's decisions as the audit records them: the applicant's name and the header removed (and their
    photo, when ``photos``), the co-authors' names kept (their text read back from the output's print)."""
    out = [Decision(Finding(1, "PERSON", (b,), "applicant_value.v1", 1.0, start=0, end=0), Action.REDACT, "own.name", "")
           for b in removed]
    out += [Decision(Finding(1, "PORTRAIT", (b,), "portrait.v1", 1.0), Action.REDACT, "own.photo.portrait", "")
            for b in photos]
    out += [Decision(Finding(1, "PERSON", (b,), "lac_ner.v1", 0.85, text="李明杰", start=0, end=0), Action.KEEP,
                     "other.person", "") for b in others]
    return tuple(out)


def _hits(report, photo: BBox, severity: str) -> list:
    return [lk for lk in report.leaks if lk.where == "face" and lk.severity == severity and lk.bbox is not None
            and lk.bbox.intersection_area(photo) > 0.3 * lk.bbox.area]


@pytest.fixture(scope="module")
def paper(tmp_path_factory):
    return bio_paper(tmp_path_factory.mktemp("bio") / "paper.pdf")


@pytest.mark.issue(11)
@pytest.mark.parametrize("as_scan", [False, True], ids=["born_digital", "scanned"])
def test_thumbnail_beside_the_applicants_removed_name_fails_the_gate(paper, tmp_path, applicant_profile, as_scan):
    src, block = paper
    own_name, own_photo = block.names[0], block.photos[0]
    removed_name = (_box(own_name), _box(block.header))
    others = tuple(_box(r) for r in block.names[1:])
    if as_scan:
        leaky = scanned(src, tmp_path / "leaky.pdf", paint=(own_name, block.header))
        clean = scanned(src, tmp_path / "clean.pdf", paint=(own_name, block.header, own_photo))
    else:
        leaky, clean = tmp_path / "leaky.pdf", tmp_path / "clean.pdf"
        for path, paint in ((leaky, (own_name, block.header)), (clean, (own_name, block.header, own_photo))):
            with pymupdf.open(src) as d:
                for r in paint:
                    d[0].add_redact_annot(r, fill=(0, 0, 0))
                d[0].apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_PIXELS)
                d.save(path)
    report = verify_pdf(str(leaky), applicant_profile, None, records=_records(removed_name, others))
    assert not report.passed
    assert {lk.where for lk in report.failures} == {"face"}, [lk.as_dict() for lk in report.failures]
    assert _hits(report, _box(own_photo), "leak"), [lk.as_dict() for lk in report.leaks]
    for other in block.photos[1:]:               # the co-authors' portraits beside their own bios
        assert not _hits(report, _box(other), "leak")
    report = verify_pdf(str(clean), applicant_profile, None,
                        records=_records(removed_name, others, photos=(_box(own_photo),)))
    assert report.passed, [lk.as_dict() for lk in report.failures]
    for other in block.photos[1:]:               # the photo decision gives them to their own bios' authors
        assert not _hits(report, _box(other), "leak")


@pytest.mark.issue(11)
def test_applicant_bio_without_portrait_claims_no_co_authors_face(tmp_path, applicant_profile):
    src, block = bio_paper(tmp_path / "paper.pdf", own_photo=False)
    report = verify_pdf(str(scanned(src, tmp_path / "scan.pdf", paint=(block.names[0], block.header))),
                        applicant_profile, None,
                        records=_records((_box(block.names[0]), _box(block.header))))  # even with no other name known
    assert report.passed, [lk.as_dict() for lk in report.failures]


def _pixels(path, rect: pymupdf.Rect) -> np.ndarray:
    with pymupdf.open(path) as d:
        pm = d[0].get_pixmap(dpi=72, clip=rect)
        return np.frombuffer(pm.samples, np.uint8).astype(float)


@pytest.mark.issue(10)
def test_gate_repairs_a_bio_thumbnail_detection_missed(paper, tmp_path, region_pipeline, applicant_profile,
                                                        monkeypatch):
    from redactor.detect.regions.portrait import PortraitDetector

    src, block = paper
    monkeypatch.setattr(PortraitDetector, "detect", lambda self, page, ocr=None: [])    # detection misses them all
    outcome = region_pipeline.run(str(src), applicant_profile, str(tmp_path / "out"), "paper")
    assert outcome.ok
    own = block.photos[0]
    assert float(np.abs(_pixels(src, own) - _pixels(outcome.output_pdf, own)).mean()) > 40, "the face is still there"
    for other in block.photos[1:]:
        assert float(np.abs(_pixels(src, other) - _pixels(outcome.output_pdf, other)).mean()) < 1.0, \
            "a co-author's portrait was blanked"
    import json

    audit = json.loads(open(outcome.audit_json, encoding="utf-8").read())
    assert [r["channel"] for r in audit["repairs"]] == ["face"]


@pytest.mark.issue(11)
def test_verify_command_reads_the_ties_from_the_audit(paper, tmp_path, profile_file):
    import json

    from typer.testing import CliRunner

    from redactor.cli import app

    src, block = paper
    leaky = scanned(src, tmp_path / "leaky.pdf", paint=(block.names[0], block.header))

    def entry(r, category, entity, rule):  # noqa: ANN001, ANN202
        return {"page": 1, "category": category, "entity_type": entity, "rule": rule,
                "bbox": [r.x0, r.y0, r.x1, r.y1], "boxes": [[r.x0, r.y0, r.x1, r.y1]]}

    audit = tmp_path / "leaky.audit.json"
    audit.write_text(json.dumps({
        "redactions": [entry(block.names[0], "name", "PERSON", "own.name"), entry(block.header, "name", "PERSON", "own.name")],
        "kept": [entry(r, "name", "PERSON", "other.person") for r in block.names[1:]]}), encoding="utf-8")
    result = CliRunner().invoke(app, ["verify", str(leaky), "-p", str(profile_file), "--no-ocr", "--json",
                                      "--audit", str(audit)])
    assert result.exit_code == 1, result.stdout
    leaks = [lk for lk in json.loads(result.stdout)["leaks"] if lk["severity"] == "leak"]
    assert [lk["channel"] for lk in leaks] == ["face"]
