import json
from pathlib import Path

import pytest

from redactor.config import RedactorConfig, load_config, load_profile
from redactor.errors import ConfigError, ProfileError
from tests.synth import APPLICANT, CONTRACT_NO

CONF = Path(__file__).parent.parent / "conf"


def test_packaged_defaults_load_and_round_trip_as_json():
    cfg = load_config()
    again = RedactorConfig.model_validate(json.loads(cfg.model_dump_json()))
    assert again == cfg
    assert cfg.ocr.engine == "rapidocr.v1"


def test_user_config_merges_over_defaults(tmp_path):
    p = tmp_path / "c.yaml"
    p.write_text("redact:\n  label: true\n")
    cfg = load_config(p)
    assert cfg.redact.label is True
    assert cfg.ocr.dpi == load_config().ocr.dpi


@pytest.mark.parametrize("name, fragment", [
    ("unknown_key.yaml", "det_limit_side_len, dpi, enabled"),
    ("bad_value.yaml", "ocr.dpi"),
    ("not_yaml.yaml", "not valid YAML"),
])
def test_broken_configs_fail_loudly_naming_the_file(name, fragment):
    with pytest.raises(ConfigError) as exc:
        load_config(CONF / name)
    assert name in exc.value.one_line()
    assert fragment in str(exc.value)


def test_missing_config_is_an_error_not_a_fallback(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.yaml")


def _profile(tmp_path, **changes):
    data = APPLICANT.profile() | changes
    p = tmp_path / "p.json"
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return p


def test_profile_json_and_yaml(tmp_path):
    assert load_profile(_profile(tmp_path)).name == APPLICANT.name
    y = APPLICANT.write_profile(tmp_path / "p.yaml")
    assert load_profile(y).employers[0] == APPLICANT.employer


@pytest.mark.parametrize("changes, fragment", [
    ({"name": ""}, "name"),
    ({"id_number": CONTRACT_NO}, "check digit"),
    ({"phones": ["12345"]}, "phone #1"),
    ({"emails": ["not-an-email"]}, "email #1"),
    ({"employers": [""]}, "employers"),
    ({"nickname": "x"}, "nickname"),
])
def test_invalid_profiles_are_rejected_without_echoing_values(tmp_path, changes, fragment):
    with pytest.raises(ProfileError) as exc:
        load_profile(_profile(tmp_path, **changes))
    msg = exc.value.one_line()
    assert fragment in msg
    assert CONTRACT_NO not in msg and "12345" not in msg and "not-an-email" not in msg


def test_region_detectors_take_their_parameters_from_the_config(tmp_path):
    from redactor.config import load_config
    from redactor.detect import Detector

    cfg_file = tmp_path / "c.yaml"
    cfg_file.write_text("detect:\n  region_params:\n    photo_slot.v1: {header_band: 0.5}\n    portrait.v1: {min_face_pt: 20}\n",
                        encoding="utf-8")
    det = Detector(load_config(cfg_file), regions=True)
    by_name = {d.name: d for d in det.regions}
    assert by_name["photo_slot.v1"].header_band == 0.5
    assert by_name["portrait.v1"].min_face_pt == 20
    assert by_name["qr_code.v1"] is not None


@pytest.mark.parametrize("bad", ["photo_slot.v1: {header_bnad: 0.5}", "portrait.v1: {min_face_pt: big}"])
def test_misspelt_or_mistyped_detector_parameters_are_errors(tmp_path, bad):
    from redactor.config import load_config
    from redactor.detect import Detector
    from redactor.errors import ConfigError

    cfg_file = tmp_path / "c.yaml"
    cfg_file.write_text(f"detect:\n  region_params:\n    {bad}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="valid parameters"):
        Detector(load_config(cfg_file), regions=True)
