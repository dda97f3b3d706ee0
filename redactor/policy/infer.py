"""Infer the applicant from the labelled fields of an application form.

Used when no ``--profile`` is given: the value after 姓名 / 身份证号 / 工作单位 /
联系电话 on a page that is a form (评审表, 申报表…) is the applicant's.  The
answer must be unambiguous — one name, at most one ID — or we stop.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from redactor.errors import ProfileError
from redactor.model import ApplicantProfile, Finding
from redactor.normalize import id_number_valid, normalize_phone, phone_valid

FORM_TITLES = ("评审表", "申报表", "送审表", "考核表", "登记表", "审验卡", "推荐表", "呈报表")
LABELS = {
    "PERSON": ("姓名",),
    "CN_RESIDENT_ID": ("身份证号", "身份证", "公民身份号码", "证件号码"),
    "CN_MOBILE": ("联系电话", "手机", "移动电话"),
    "ORGANIZATION": ("工作单位", "所在单位", "单位名称", "申报单位"),
}
_WINDOW = 8   # label must end within this many characters before the value, on the same line


def _labelled(text: str, f: Finding) -> bool:
    labels = LABELS.get(f.entity_type)
    if not labels or f.start is None:
        return False
    before = text[max(0, f.start - _WINDOW - 6):f.start].split("\n")[-1]
    return any(lab in before[-(_WINDOW + len(lab)):] for lab in labels)


@dataclass(frozen=True)
class InferenceEvidence:
    document: str            # sanitised display name of the document the form is in
    page: int
    fields: tuple[str, ...]  # which fields were read (no values)


def infer_profile(
    candidates: list[tuple[str, str, list[Finding]]],
) -> tuple[ApplicantProfile, InferenceEvidence]:
    """``candidates``: (display name, page text, findings of that page) for every page."""
    names: Counter[str] = Counter()
    ids: Counter[str] = Counter()
    phones: Counter[str] = Counter()
    employers: Counter[str] = Counter()
    first: tuple[str, int] | None = None
    for display, text, findings in candidates:
        if not any(t in text for t in FORM_TITLES):
            continue
        for f in findings:
            if not _labelled(text, f):
                continue
            value = "".join(f.text.split())
            if f.entity_type == "PERSON" and 2 <= len(value) <= 4:
                names[value] += 1
                first = first or (display, f.page)
            elif f.entity_type == "CN_RESIDENT_ID" and id_number_valid(value):
                ids[value.upper()] += 1
            elif f.entity_type == "CN_MOBILE" and phone_valid(value):
                phones[normalize_phone(value)] += 1
            elif f.entity_type == "ORGANIZATION":
                employers[value] += 1
    if not names:
        raise ProfileError(
            "no --profile given and no application form (评审表/申报表…) with a 姓名 field was found among the "
            "inputs; pass --profile PROFILE.yaml"
        )
    if len(names) > 1 or len(ids) > 1:
        raise ProfileError(
            f"no --profile given and the forms among the inputs name {len(names)} different applicants "
            f"({len(ids)} ID numbers); pass --profile PROFILE.yaml"
        )
    fields = ["name"] + (["id_number"] if ids else []) + (["phones"] if phones else []) + (["employers"] if employers else [])
    profile = ApplicantProfile(
        name=next(iter(names)),
        id_number=next(iter(ids), ""),
        phones=tuple(phones),
        employers=tuple(e for e, _ in employers.most_common(1)),
    )
    assert first is not None
    return profile, InferenceEvidence(first[0], first[1], tuple(fields))
