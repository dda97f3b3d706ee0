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
    ("unknown_key.yaml", "valid keys here: det_limit_side_len"),
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
