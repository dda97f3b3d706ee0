"""A captioned figure too large for a photo's place is still a figure: the heads on its coins are nobody's.

Fresh variety seed 11419, applicant 1 (generated; synthetic people, scikit-image's coins): a work summary scanned
sideways whose 图1 is a photo of coins 262 pt tall.  Photo slots stop at 260 pt, so the picture was no figure
either; the final check's face search found heads on the coins, asked the photo decision whose they are, and the
page's subject (the applicant's summary) took them: four repairs, faces still found, no output.  A picture with a
figure number under or over it is a figure of the text whatever its shape (``PhotoSlotDetector._figure_sized``);
the final check then reads its faces as the figure's."""

from __future__ import annotations

import pytest

from tests.corpus_case import covered, redact_corpus_file

pytestmark = pytest.mark.models


def test_the_coins_figure_is_kept_whole_and_the_output_released(tmp_path, region_pipeline):
    f, audit, outcome = redact_corpus_file(region_pipeline, tmp_path, 11419, 1, "scanned", "yeji_figures")
    assert outcome.ok and audit["repairs"] == []
    (coins,) = [i for i in f.instances if i["form"] == "figure_photo"]
    removed = [r["bbox"] for r in audit["redactions"]]
    assert covered(coins["bbox"], removed) == 0.0
    figures = [k for k in audit["kept"] if k["rule"] == "other.figure"]
    assert figures and covered(coins["bbox"], [k["bbox"] for k in figures]) >= 0.95
    mine = [i for i in f.instances if i["owner"] == "applicant" and i["category"] == "name"]
    assert mine and all(covered(i["bbox"], removed) >= 0.9 for i in mine)
