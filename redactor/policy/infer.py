"""Infer the applicant from the labelled fields of an application form.

Used when no ``--profile`` is given: the value after 姓名 / 身份证号 / 工作单位 /
联系电话 on a page that is a form (评审表, 申报表…) is the applicant's.  The
answer must be unambiguous — one name, at most one ID — or we stop.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from redactor.errors import ProfileError
from redactor.fields import FIELDS, present_fields
from redactor.model import ApplicantProfile, Finding
from redactor.normalize import id_number_valid, normalize_phone, phone_valid

FORM_TITLES = ("评审表", "申报表", "送审表", "考核表", "登记表", "审验卡", "推荐表", "呈报表")
# entity type -> the labels a form puts before the applicant's value (redactor.fields)
LABELS = {f.match_entity: f.form_labels for f in FIELDS if f.form_labels}
_MOBILE = re.compile(r"1[3-9]\d{9}")   # the applicant's own phone is a mobile; office lines on a form are not
_FORM_MAX_PAGES = 10     # pages of one form after its title page
_WINDOW = 8   # label must end within this many characters before the value
_SEPARATORS = " \t\u3000:：\n"


def _labelled(text: str, f: Finding) -> bool:
    """The value follows its label on the same line (姓名：王某) or in the next
    table cell, which text extraction puts on the next line (申报人：\n王某);
    letter-spaced labels (姓  名) count."""
    labels = LABELS.get(f.entity_type)
    if not labels or f.start is None:
        return False
    before = text[max(0, f.start - _WINDOW - 12):f.start]
    gap = len(before) - len(before.rstrip(_SEPARATORS))
    if before[len(before) - gap:].count("\n") > 1:
        return False
    line = before.rstrip(_SEPARATORS).split("\n")[-1]
    tail = "".join(line.split())[-(_WINDOW + 6):]
    if gap and any(tail.endswith(lab) for lab in labels):
        return not _other_role(tail)
    same_line = before.split("\n")[-1]
    return any(lab in same_line[-(_WINDOW + len(lab)):] for lab in labels) and not _other_role(same_line)


# A label owned by someone else: 推荐人身份证号, 单位联系人 … 联系电话, 配偶姓名.
OTHER_ROLES = ("推荐人", "联系人", "配偶", "父亲", "母亲", "导师", "审核人", "负责人", "担保人", "证明人", "家属")


def _other_role(label_text: str) -> bool:
    return any(r in label_text for r in OTHER_ROLES)


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
    emails: Counter[str] = Counter()
    first: tuple[str, int] | None = None
    form_doc, left = None, 0
    for display, text, findings in candidates:
        # a form's title is on its first page; its 基本情况 table is often on the next
        if any(t in text for t in FORM_TITLES):
            form_doc, left = display, _FORM_MAX_PAGES
        if display != form_doc or left <= 0:
            continue
        left -= 1
        for f in findings:
            if not _labelled(text, f):
                continue
            value = "".join(f.text.split())
            if f.entity_type == "PERSON" and 2 <= len(value) <= 4:
                names[value] += 1
                first = first or (display, f.page)
            elif f.entity_type == "CN_RESIDENT_ID" and id_number_valid(value):
                ids[value.upper()] += 1
            elif f.entity_type == "CN_MOBILE" and phone_valid(value) and _MOBILE.fullmatch(normalize_phone(value)):
                phones[normalize_phone(value)] += 1
            elif f.entity_type == "ORGANIZATION":
                employers[value] += 1
            elif f.entity_type == "EMAIL_ADDRESS" and "@" in value:
                emails[value.lower()] += 1
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
    profile = ApplicantProfile(
        name=next(iter(names)),
        id_number=next(iter(ids), ""),
        phones=tuple(phones),
        employers=tuple(e for e, _ in employers.most_common(1)),
        emails=tuple(e for e, _ in emails.most_common(1)),
    )
    assert first is not None
    return profile, InferenceEvidence(first[0], first[1], present_fields(profile))
