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
from redactor.ownership.labels import read_role
from redactor.variants.rival_orgs import printed_org_names

FORM_TITLES = ("评审表", "申报表", "送审表", "考核表", "登记表", "审验卡", "推荐表", "呈报表")
# entity type -> the labels a form puts before the applicant's value (redactor.fields)
LABELS = {f.match_entity: f.form_labels for f in FIELDS if f.form_labels}
_MOBILE = re.compile(r"1[3-9]\d{9}")   # the applicant's own phone is a mobile; office lines on a form are not
_FORM_MAX_PAGES = 10     # pages of one form after its title page
_WINDOW = 8   # label must end within this many characters before the value
_SEPARATORS = " \t\u3000:：\n"


# labels of a field whose value a recogniser reports as another entity: a 曾用名 is a PERSON
ALIAS_LABELS = ("曾用名",)
# a short name the documents define for the employer: 包头钢铁（集团）有限责任公司（以下简称“包钢集团”）
_DOTS = "·•・．"
_DOTTED_TAIL = re.compile(rf"\s*[{_DOTS}]\s*([\u4e00-\u9fff]{{1,8}})")
_DOT_BEFORE = re.compile(rf"[\u4e00-\u9fff]\s*[{_DOTS}]\s*$")
_SPACED_BEFORE = re.compile(r"(?:^|[^\u4e00-\u9fff])([\u4e00-\u9fff]{2,4})[\u3000 ]+$")
_SHORT_NAME = r"[（(]?\s*(?:以下)?简称[:：]?\s*[“\"「『]?([\u4e00-\u9fffA-Za-z]{{2,12}}?)[”\"」』）)，,。；;\s]"


def _labelled(text: str, f: Finding, labels: tuple[str, ...] | None = None) -> bool:
    """The value follows its label on the same line (姓名：王某) or in the next
    table cell, which text extraction puts on the next line (申报人：\n王某);
    letter-spaced labels (姓  名) count.  ``labels``: these instead of the field's own."""
    labels = labels if labels is not None else LABELS.get(f.entity_type)
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
    aliases: Counter[str] = Counter()
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
            if f.entity_type == "PERSON" and _labelled(text, f, ALIAS_LABELS):
                aliases["".join(f.text.split())] += 1
                continue
            if not _labelled(text, f):
                continue
            value = "".join(f.text.split())
            if read_role(value) is not None:
                continue        # the next cell is another label (a table's header row: 姓名 | 工作单位), no value
            if f.entity_type == "PERSON" and f.start is not None and _second_half(text, f.start):
                continue        # the second half of a dotted name (布和·托娅): the first half carries it
            if f.entity_type == "PERSON" and f.end is not None:
                tail = _DOTTED_TAIL.match(text, f.end)
                if tail:        # a Mongolian or other dotted name, which the word reader splits at the dot
                    value += "·" + tail.group(1)
            if f.entity_type == "PERSON":
                value = re.sub(f"[{_DOTS}]", "·", value)      # one dot for the several a name is written with
            if f.entity_type == "PERSON" and (2 <= len(value) <= 4 or "·" in value):
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
    for short in list(names):
        # a dotted name cut short where its cell wraps (其其格·乌), or read without its dot (塔娜 乌日娜 gives
        # 塔娜): the same person as the whole dotted name another form prints
        longer = [n for n in names if n != short and "·" in n and n.startswith(short if "·" in short else short + "·")]
        if longer:
            names[max(longer, key=len)] += names.pop(short)
    if len(names) > 1 or len(ids) > 1:
        raise ProfileError(
            f"no --profile given and the forms among the inputs name {len(names)} different applicants "
            f"({len(ids)} ID numbers); pass --profile PROFILE.yaml"
        )
    name = next(iter(names))
    units = [e for e, _ in employers.most_common()]      # the form's most frequent unit first: the official one
    profile = ApplicantProfile(
        name=name,
        id_number=next(iter(ids), ""),
        phones=tuple(phones),
        # the other labelled units: as far as they name an organisation (包钢集团移动 of a glued cell: 包钢集团)
        employers=tuple(units[:1]) + tuple(dict.fromkeys(
            [o for u in units[1:] for o in printed_org_names([u])[:1]]
            + _short_names(units[:1], [text for _, text, _ in candidates]))),
        emails=tuple(e for e, _ in emails.most_common(1)),
        name_aliases=tuple(a for a in aliases if a != name),
    )
    assert first is not None
    return profile, InferenceEvidence(first[0], first[1], present_fields(profile))


def _second_half(text: str, start: int) -> bool:
    """The name at ``start`` follows another name's first half: after a dot (布和·托娅), or after a space where
    the font dropped the dot (布和　托娅) -- a space after a word that is no label (姓名　托娅 is a value)."""
    if _DOT_BEFORE.search(text[:start]):
        return True
    m = _SPACED_BEFORE.search(text[:start])
    return m is not None and read_role(m.group(1)) is None


def _short_names(units: list[str], texts: list[str]) -> list[str]:
    """The short names any of the documents defines for the employer right after its full name (以下简称“X”),
    for the applicant to confirm with the rest of the profile."""
    out: list[str] = []
    for unit in units:
        pattern = re.compile(re.escape(unit) + _SHORT_NAME.format())
        for text in texts:
            for m in pattern.finditer("".join(text.split()) + "。"):
                if m.group(1) != unit and m.group(1) not in out:
                    out.append(m.group(1))
    return out
