"""One vocabulary of form labels (configs/labels.yaml) for detection, policy and the verification gate (issue 40)."""

from __future__ import annotations

import inspect

from redactor.config import RedactorConfig, load_config
from redactor.detect.regions import seal_place, signature_labels
from redactor.registry import REGION_DETECTORS, resolve
from redactor.verify import seals as gate_seals
from redactor.verify import signatures as gate_signatures
from redactor.vocabulary import vocabulary


def test_detection_policy_and_the_gate_know_the_same_signature_roles():
    words = vocabulary().signature
    policy = RedactorConfig().policy
    for role in words.other_roles:
        assert gate_signatures.OTHER.search(role), role                    # the gate
        assert any(o in role for o in policy.signature_labels_other), role  # policy
        assert any(role in label for label in signature_labels.SIGNATURE_LABELS), role   # detection
    for role in words.own_roles:
        assert gate_signatures.OWN.search(role + "签名") and gate_signatures.OWN.search(role + "（签字）"), role
        assert any(o in role + "签名" for o in policy.signature_labels_own), role
        assert role + "签名" in signature_labels.SIGNATURE_LABELS, role
    for role in ("鉴定人", "证明人", "导师"):       # the labels detection used to lack
        assert role in signature_labels.SIGNATURE_LABELS


def test_detection_and_the_gate_read_the_same_seal_place_labels():
    assert seal_place.OWN_LABELS == gate_seals._OWN_LABELS
    assert seal_place._OTHER_PREFIX == gate_seals._OTHER_PREFIX


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
