"""The bundled scanned certificate goes through the gate and is released.

``make demo`` is a user's first contact; a change to verification once made the repair loop chase the
applicant's signature on this scan for three rounds and withhold it (the `scanverify` merge, seventh stop).
"""

from __future__ import annotations

from pathlib import Path

import pymupdf

from redactor.config import load_profile
from redactor.normalize import compact

SAMPLES = Path(__file__).resolve().parents[2] / "sample_docs"


def test_the_bundled_scanned_certificate_is_released_clean(tmp_path, region_pipeline):
    src = SAMPLES / "zige_zhengshu_scanned.pdf"
    profile = load_profile(SAMPLES / "profile.yaml")
    outcome = region_pipeline.run(str(src), profile, str(tmp_path / "out"), "zige")
    assert outcome.ok, outcome.error
    assert Path(outcome.output_pdf).is_file()
    text = compact("".join(p.get_text() for p in pymupdf.open(outcome.output_pdf)))
    assert compact(profile.name) not in text
    assert profile.id_number[-6:] not in text
    report = region_pipeline.verify(outcome.output_pdf, profile, every_page=True)
    assert report.passed
