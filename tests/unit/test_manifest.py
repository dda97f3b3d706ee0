"""The batch manifest: CSV as Excel/WPS export it (BOM), JSONL, bad rows named by row and field only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from redactor.batch.manifest import read_manifest
from redactor.errors import ManifestError
from tests.synth import APPLICANT, make_id

pytestmark = pytest.mark.issue(12)


def _pdf(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.7\n%%EOF\n")      # the manifest only checks that inputs exist
    return path


def _csv_row(applicant_id: str, inputs: str, **over: str) -> str:
    p = APPLICANT.profile()
    cells = {"name": p["name"], "id_number": p["id_number"], "phones": ";".join(p["phones"]),
             "employers": ";".join(p["employers"]), "emails": ";".join(p["emails"]), **over}
    return ",".join([applicant_id, cells["name"], cells["id_number"], cells["phones"], cells["employers"],
                     cells["emails"], inputs])


HEADER = "applicant_id,name,id_number,phones,employers,emails,inputs"


def test_csv_with_bom_relative_paths_folders_and_globs(tmp_path):
    _pdf(tmp_path / "uploads" / "A1" / f"{APPLICANT.name}-论文.pdf")
    _pdf(tmp_path / "uploads" / "A1" / "sub" / "证书.pdf")
    (tmp_path / "uploads" / "A1" / "readme.txt").write_text("not an input")
    _pdf(tmp_path / "uploads" / "A2" / "a.pdf")
    _pdf(tmp_path / "uploads" / "A2" / "b.pdf")
    m = tmp_path / "m.csv"
    m.write_text("\ufeff" + "\n".join([HEADER, _csv_row("A1", "uploads/A1"), _csv_row("A2", "uploads/A2/*.pdf;uploads/A2/a.pdf")]),
                 encoding="utf-8")
    man = read_manifest(m)
    assert man.errors == ()
    a1, a2 = man.applicants
    assert a1.applicant_id == "A1" and a1.profile.name == APPLICANT.name
    assert a1.profile.employers == tuple(APPLICANT.profile()["employers"])      # ';'-separated list
    assert list(a1.inputs) == sorted(a1.inputs)                                 # a stable order: stems stay stable
    assert {Path(p).name for p in a1.inputs} == {f"{APPLICANT.name}-论文.pdf", "证书.pdf"}   # recursive, PDFs only
    assert all(Path(p).is_absolute() for p in a1.inputs)
    assert [Path(p).name for p in a2.inputs] == ["a.pdf", "b.pdf"]              # glob + duplicate entry, once each


def test_bad_rows_are_named_by_row_and_field_never_by_value_and_others_go_on(tmp_path):
    _pdf(tmp_path / "in" / "x.pdf")
    bad_id = make_id("15020219850612152")[:-1] + "0"
    m = tmp_path / "m.csv"
    m.write_text("\n".join([
        HEADER,
        _csv_row("A1", "in/x.pdf"),
        _csv_row("A2", "in/x.pdf", id_number=bad_id),
        _csv_row("A3", "in/x.pdf", phones="12345"),
        _csv_row("A 4", "in/x.pdf"),
        _csv_row("A5", f"in/{APPLICANT.name}.pdf"),
        _csv_row("A1", "in/x.pdf"),
        _csv_row("A7", ""),
    ]), encoding="utf-8")
    man = read_manifest(m)
    assert [a.applicant_id for a in man.applicants] == ["A1"]
    got = {(e.row, e.field) for e in man.errors}
    assert got == {(3, "id_number"), (4, "phones"), (5, "applicant_id"), (6, "inputs"), (7, "applicant_id"), (8, "inputs")}
    text = "\n".join(e.one_line("m.csv") for e in man.errors)
    assert bad_id not in text and "12345" not in text and APPLICANT.name not in text and "A 4" not in text


def test_jsonl_with_lists_or_strings_and_a_profile_file(tmp_path):
    _pdf(tmp_path / "in" / "x.pdf")
    (tmp_path / "profiles").mkdir()
    APPLICANT.write_profile(tmp_path / "profiles" / "p.yaml")
    p = APPLICANT.profile()
    lines = [
        json.dumps({"applicant_id": "A1", **p, "inputs": ["in/x.pdf"]}, ensure_ascii=False),
        "",
        json.dumps({"applicant_id": 2, "profile": "profiles/p.yaml", "inputs": "in/x.pdf"}),
        "{not json",
        json.dumps({"applicant_id": "A4", "profile": "profiles/missing.yaml", "inputs": "in/x.pdf"}),
        json.dumps({"applicant_id": "A5", "profile": "profiles/p.yaml", "name": p["name"], "inputs": "in/x.pdf"}),
        json.dumps({"applicant_id": "A6", "nmae": "x", "inputs": "in/x.pdf"}),
    ]
    m = tmp_path / "m.jsonl"
    m.write_text("\n".join(lines), encoding="utf-8")
    man = read_manifest(m)
    assert [a.applicant_id for a in man.applicants] == ["A1", "2"]
    assert man.applicants[1].profile.id_number == APPLICANT.id_number
    assert {(e.row, e.field) for e in man.errors} == {(4, "(row)"), (5, "profile"), (6, "profile"), (7, "nmae")}


def test_an_unusable_manifest_stops_before_any_row(tmp_path):
    with pytest.raises(ManifestError, match="not found"):
        read_manifest(tmp_path / "missing.csv")
    m = tmp_path / "m.csv"
    m.write_text("applicant_id,nmae,inputs\nA1,x,y\n", encoding="utf-8")
    with pytest.raises(ManifestError, match="unknown column 'nmae'"):
        read_manifest(m)
    m.write_bytes("applicant_id,name,inputs\nA1,王淑珺,x\n".encode("gbk"))
    with pytest.raises(ManifestError, match="not UTF-8"):
        read_manifest(m)


def test_tab_separated_export_is_read_too(tmp_path):
    _pdf(tmp_path / "in" / "x.pdf")
    m = tmp_path / "m.csv"
    m.write_text("\ufeff" + HEADER.replace(",", "\t") + "\n" + _csv_row("A1", "in/x.pdf").replace(",", "\t") + "\n",
                 encoding="utf-8")
    man = read_manifest(m)
    assert man.errors == () and man.applicants[0].profile.phones == (APPLICANT.mobile,)
