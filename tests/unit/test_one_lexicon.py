"""One role lexicon (configs/roles.yaml) for detection, policy and the final check (issues 40 and 49)."""

from __future__ import annotations

import inspect

from redactor.config import RedactorConfig, load_config
from redactor.detect.regions import portrait, signature_labels
from redactor.ingest.ocr.watch import form_labels
from redactor.model import BBox
from redactor.ownership.labels import read_role
from redactor.ownership.lexicon import Owner, lexicon
from redactor.ownership.signatures import label_owner, signature_labels as gate_signature_labels
from redactor.registry import REGION_DETECTORS, resolve


def test_detection_policy_and_the_gate_read_signature_roles_from_the_lexicon():
    """Every role noun of a person the lexicon prints is a label detection looks for, and policy and the gate
    give its signature the lexicon's owner."""
    lex = lexicon()
    for role in lex.person_roles():
        assert role + "签名" in signature_labels.SIGNATURE_LABELS, role
        owner, _ = label_owner(role + "签名", None, None)
        expected = read_role(role + "签名")
        assert expected is not None and (owner is expected.owner or expected.owner is Owner.UNKNOWN), role
        text = f"{role}签名："
        boxes = [BBox(10 * i, 0, 10 * i + 9, 10) for i in range(len(text))]
        found = gate_signature_labels(text, boxes, None)
        assert found and found[0][0] == (owner is Owner.APPLICANT), role
    for role in ("鉴定人", "证明人", "导师", "推荐人", "审核人"):     # the labels detection used to lack, and others'
        assert role in signature_labels.SIGNATURE_LABELS or role + "签名" in signature_labels.SIGNATURE_LABELS


def test_photo_cells_and_the_ocr_watch_come_from_the_lexicon():
    lex = lexicon()
    assert set(portrait.PHOTO_LABELS) == set(lex.photo_words())
    assert set(form_labels().words) == set(lex.grammar.ocr_watch)
    for w in lex.grammar.ocr_watch:       # every word the watch reads in full is a word of the lexicon
        assert any(read_role(w + tail) is not None for tail in ("", "意见", "签名")) or w in lex.photo_words(), w


def test_the_loaded_defaults_are_the_models_defaults():
    """configs/default.yaml and the pydantic models say the same thing, and every detector parameter the yaml
    sets is that detector's own default: a default lives in one place."""
    loaded = load_config()
    assert loaded.model_dump(exclude={"detect": {"region_params"}}) == RedactorConfig().model_dump(
        exclude={"detect": {"region_params"}})
    for name, params in loaded.detect.region_params.items():
        defaults = inspect.signature(resolve(REGION_DETECTORS, name, "region detector")).parameters
        for key, value in params.items():
            assert defaults[key].default == value, f"{name}.{key}: yaml {value}, constructor {defaults[key].default}"


def test_a_seal_override_reaches_the_signature_detectors_stamp_exclusion(tmp_path):
    """The signature detector tells a stamp's ring from pen ink with the pipeline's seal detector, so a
    ``seal.v1`` parameter set in the config is the one both use (it used to build its own with the defaults)."""
    from redactor.detect import Detector

    cfg_file = tmp_path / "cfg.yaml"
    cfg_file.write_text("detect:\n  region_params:\n    seal.v1:\n      faint_ink_level: 25\n")
    det = Detector(load_config(cfg_file))
    seal = next(d for d in det.regions if d.name == "seal.v1")
    signature = next(d for d in det.regions if d.name == "signature.v1")
    assert signature.seal_detector is seal and seal.faint_ink_level == 25
