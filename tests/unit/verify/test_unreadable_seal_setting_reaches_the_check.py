"""``policy.unreadable_seal`` reaches the final check as it reaches the plan (issue 81: the check's stamp decision
used its default whatever the config said)."""

from __future__ import annotations

import numpy as np

from redactor.config import load_config
from redactor.model import BBox, Raster
from redactor.verify import seals


def test_the_check_decides_a_stamp_with_the_configured_setting(monkeypatch) -> None:
    seen: list[str] = []

    def decision(*args, unreadable_seal: str = "?", **kw):  # noqa: ANN202
        seen.append(unreadable_seal)
        return _keep(args[0], args[1])

    monkeypatch.setattr(seals, "stamp_readings", lambda raster, ocr, painted: [(BBox(10, 10, 60, 60), "", 0.0)])
    monkeypatch.setattr(seals, "stamp_decision", decision)
    raster = Raster(pixels=np.full((100, 100, 3), 255, np.uint8), to_points=(1, 0, 0, 1, 0, 0), dpi=72.0)
    for setting in ("keep", "redact"):
        seals.seal_leaks(raster, 1, object(), ["某某市第一医院"], (), None, (), setting)
    assert seen == ["keep", "redact"]


def test_the_pipelines_check_is_given_the_policys_setting(monkeypatch) -> None:
    from redactor import pipeline as pl

    cfg = load_config()
    cfg = cfg.model_copy(update={"policy": cfg.policy.model_copy(update={"unreadable_seal": "keep"})})
    got = {}
    monkeypatch.setattr(pl, "verify_pdf", lambda pdf, profile, engine, options, records, name: got.update(
        setting=options.unreadable_seal))
    pl.Pipeline(cfg, regions=False).verify("x.pdf", None, use_ocr=False)      # type: ignore[arg-type]
    assert got == {"setting": "keep"}


def _keep(page: int, box: BBox):  # noqa: ANN202
    from redactor.model import Action, Decision, Finding

    return Decision(Finding(page=page, entity_type="SEAL", boxes=(box,), recognizer="t", score=1.0), Action.KEEP,
                    "review.seal.unreadable", "")
