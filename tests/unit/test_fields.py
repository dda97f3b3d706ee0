"""The one table of the applicant's fields (redactor.fields) reaches every stage.

Each row of ``FIELDS`` must be checked by the PROFILE contract, stored on
``ApplicantProfile``, expanded into surface forms that detection finds, owned by
policy's comparison keys, searched for by verification's needles, and shown under
an audit category with a label.  A field added to the table only half-way (a
row without a builder, a category without a label, an entity type that maps
elsewhere) fails here.  A new field also needs a sample below: synthetic values only.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import redactor
from redactor.audit.export import LABELS as EXPORT_LABELS
from redactor.batch.manifest import COLUMNS as MANIFEST_COLUMNS
from redactor.config import ProfileModel, RedactConfig, profile_from_mapping
from redactor.errors import ProfileError
from redactor.fields import CATEGORY_LABELS, FIELDS, applicant_forms, present_fields, profile_needles
from redactor.model import ENTITY_CATEGORY, ApplicantProfile, Category
from redactor.pipeline import _REPAIR_ENTITY
from redactor.policy import must_vanish
from redactor.policy.naming import safe_stem
from redactor.policy.rules import ProfileKeys
from redactor.variants import find_forms
from redactor.verify.search import FoldedText, find_needles
from redactor.web.edits import CATEGORY_ENTITY

# field -> (a valid value as written in a PROFILE file, a value the contract refuses)
SAMPLES: dict[str, tuple[object, object]] = {
    "name": ("王淑珺", "王"),
    "name_aliases": (["欧阳明玥"], [" "]),
    "id_number": ("11010519491231002X", "110105194912310021"),
    "phones": (["13926481357"], ["1392648"]),
    "employers": (["包头钢铁（集团）有限责任公司"], [" "]),
    "emails": (["shujun.w@example.cn"], ["shujun.w"]),
}
BASE = {"name": "李明"}
IDS = [f.name for f in FIELDS]


def _one_value(raw: object) -> str:
    return raw[0] if isinstance(raw, list) else raw   # type: ignore[index,return-value]


def _profile_with(field: str) -> ApplicantProfile:
    return profile_from_mapping({**BASE, field: SAMPLES[field][0]})


def test_every_field_has_a_sample_and_an_attribute():
    assert set(SAMPLES) == {f.name for f in FIELDS}, "add a synthetic sample for the new field"
    assert {f.name for f in FIELDS} == set(ApplicantProfile.__dataclass_fields__)


@pytest.mark.parametrize("f", FIELDS, ids=IDS)
def test_config_validates_and_stores_the_field(f):
    assert f.name in ProfileModel.model_fields
    good, bad = SAMPLES[f.name]
    profile = _profile_with(f.name)
    stored = getattr(profile, f.name)
    assert (stored if not f.multi else stored[0]) == f.store(f.clean(_one_value(good)))
    with pytest.raises(ProfileError) as err:
        profile_from_mapping({**BASE, f.name: bad} if f.name != "name" else {"name": bad})
    assert f"invalid profile: {f.name}" in str(err.value)
    if _one_value(bad).strip():
        assert _one_value(bad).strip() not in str(err.value)        # the error never echoes the value


@pytest.mark.parametrize("f", FIELDS, ids=IDS)
def test_detection_finds_the_field_in_its_written_form(f):
    profile = _profile_with(f.name)
    value = _one_value(SAMPLES[f.name][0])
    forms = [x for x in applicant_forms(profile) if x.field == f.name]
    assert forms, f"no surface-form builder produced a form of {f.name}"
    text = f"甲方：张三。{value}。"
    matches = [m for m in find_forms(text, applicant_forms(profile)) if m.form.field == f.name]
    assert any(text[m.start:m.end] == value for m in matches)


@pytest.mark.parametrize("f", FIELDS, ids=IDS)
def test_policy_owns_the_field(f):
    profile = _profile_with(f.name)
    value = _one_value(SAMPLES[f.name][0])
    keys = ProfileKeys(profile, applicant_forms(profile))
    assert keys.owns_text(value) == (f.owner or f.name)
    assert any(cat == f.category.value for cat, _ in must_vanish(profile))
    assert f.name in present_fields(profile)


@pytest.mark.parametrize("f", FIELDS, ids=IDS)
def test_verification_searches_for_the_field(f):
    profile = _profile_with(f.name)
    value = _one_value(SAMPLES[f.name][0])
    needles = profile_needles(profile, applicant_forms)
    assert any(n.field == f.name and n.category is f.category for n in needles)
    hits = find_needles(FoldedText.of_string(f"附件：{value}\n"), needles)
    assert any(h.needle.category is f.category for h in hits)


@pytest.mark.parametrize("f", FIELDS, ids=IDS)
def test_audit_category_label_and_entity_types_agree(f):
    assert isinstance(f.category, Category)
    assert f.category in CATEGORY_LABELS
    assert RedactConfig().labels[f.category.value] == CATEGORY_LABELS[f.category]
    assert EXPORT_LABELS[f.category.value] == CATEGORY_LABELS[f.category]
    assert ENTITY_CATEGORY[f.match_entity] is f.category
    assert ENTITY_CATEGORY[f.box_entity] is f.category
    assert ENTITY_CATEGORY[_REPAIR_ENTITY[f.category.value]] is f.category
    assert ENTITY_CATEGORY[CATEGORY_ENTITY[f.category]] is f.category


@pytest.mark.parametrize("f", FIELDS, ids=IDS)
def test_batch_manifest_and_web_form_take_the_field(f):
    assert f.name in MANIFEST_COLUMNS
    template = Path(redactor.__file__).parent / "web" / "templates" / "_profile_fields.html.j2"
    assert f'name="{f.name}"' in template.read_text(encoding="utf-8")


def test_file_names_lose_every_field():
    for f in FIELDS:
        value = _one_value(SAMPLES[f.name][0])
        stem, replaced = safe_stem(f"{value} 材料.pdf", _profile_with(f.name))
        assert value not in stem and f.category.value in replaced
