"""Organisation names taken apart: region prefixes, legal suffixes, the distinctive core,
and the weaker (derived) names an employer is also written as."""

from __future__ import annotations

import re

from redactor.variants.gazetteers import (
    CITY_RE,
    CITY_STEMS,
    GROUP_SUFFIXES,
    LEGAL_SUFFIXES,
    PROVINCE_SHORTS,
    PROVINCES,
    SEAL_WORDS,
)
from redactor.variants.text import cjk_key, cjk_len, fold_1to1


def strip_region(body: str) -> list[str]:
    """Prefix chain variants: full, short, dropped for each leading region."""
    results = [body]
    rest = body
    variants = [""]
    while True:
        m_prov = next((p for p in sorted(PROVINCES, key=len, reverse=True) if rest.startswith(p)), None)
        if m_prov:
            opts = [m_prov, PROVINCES[m_prov], ""]
            rest = rest[len(m_prov):]
        else:
            short = next((p for p in sorted(PROVINCE_SHORTS, key=len, reverse=True) if rest.startswith(p)), None)
            m_city = CITY_RE.match(rest)
            if short and not (m_city and len(m_city.group(0)) > len(short)):
                opts = [short, ""]
                rest = rest[len(short):]
            elif m_city:
                opts = [m_city.group(0), m_city.group(1), ""]
                rest = rest[len(m_city.group(0)):]
            else:
                break
        variants = [v + o for v in variants for o in opts]
    if rest != body:
        results.extend(v + rest for v in variants)
    # de-duplicate, keep order
    return list(dict.fromkeys(results))


def distinctive_core(org: str) -> str:
    """An organisation name without its leading region names and trailing legal
    suffix, folded: 包头市中心医院 -> 中心医院, 包头钢铁（集团）有限责任公司 -> 包头钢铁(集团).

    For comparing partial readings (seal rings) where a shared city prefix or
    有限责任公司 alone must not make two organisations look alike."""
    key = "".join(fold_1to1(org).split())
    for word in SEAL_WORDS:
        key = key.replace(word, "")
    variants = strip_region(key)
    core = min(variants, key=len) if variants else key
    for suffix in LEGAL_SUFFIXES:           # anywhere: 某某有限责任公司人事处
        if suffix in core and len(core) > len(suffix) + 1:
            core = core.replace(suffix, "", 1)
            break
    else:  # a partial legal suffix at the end of a truncated reading: 有限责任, 有限责, 有限
        for cut in ("有限责任公", "有限责任", "有限责", "有限"):
            if core.endswith(cut) and len(core) > len(cut) + 1:
                core = core[: -len(cut)]
                break
    return core


def starts_with_region(text: str) -> bool:
    """Does ``text`` begin with a province, city, county or banner name (包头, 呼和浩特市, 内蒙古…)?"""
    key = "".join(fold_1to1(text).split())
    if strip_region(key + "X")[-1] != key + "X":
        return True
    return any(key.startswith(c) for c in CITY_STEMS)


def derived_employer_names(value: str) -> list[str]:
    """Weaker forms of one CJK employer name (see docs/policy_forms.md)."""
    key = cjk_key(value)
    stem = key
    legal = ""
    for suf in LEGAL_SUFFIXES:
        if stem.endswith(suf):
            stem, legal = stem[: -len(suf)], suf
            break
    group = ""
    for suf in GROUP_SUFFIXES:
        if stem.endswith(suf):
            stem, group = stem[: -len(suf)], "集团"
            break
    if not legal and not group:
        return []        # an institution (大学, 医院…): no derived forms
    out: list[str] = []
    for s in strip_region(stem):
        if cjk_len(s) < 2 or is_region_only(s):
            continue
        if group and cjk_len(s) >= 2:
            out.append(s + group + legal)
            out.append(s + group)
        if legal:
            out.append(s + legal)
        if cjk_len(s) >= 4 and not is_region_only(s):
            out.append(s)
    return [x for x in dict.fromkeys(out) if x != key]


def is_region_only(s: str) -> bool:
    return "" in strip_region(s)


def derived_english_names(value: str) -> list[str]:
    v = " ".join(value.split())
    pat = re.compile(
        r"[\s,]*(?:\((?:group)\)|group)?[\s,]*(?:co\.?,?\s*ltd\.?|company\s+limited|"
        r"co\.?,?\s*limited|limited|ltd\.?|inc\.?|corporation|corp\.?)\s*$",
        re.I,
    )
    out = []
    s = pat.sub("", v)
    if s != v:
        out.append(s)
    s2 = re.sub(r"[\s,]*(?:\(group\)|group)\s*$", "", s, flags=re.I)
    if s2 != s:
        out.append(s2)
    return [x for x in out if len(x.split()) >= 2 and len(x) >= 8]



# a character that ends a phrase before an organisation's name (在某某公司, 与某某公司, 任某某公司…): what follows is
# the name itself, not the tail of a longer one
_LEAD_INS = frozenset("在于任和与及同至赴为由从向对是即系经受原现入进")


# a form's field labels (籍贯浙江杭州 工作单位 某某网络… read as one row without colons): no organisation's name
# holds one, so the text after the last of them is where a name begins
_FORM_LABELS = ("单位", "名称", "籍贯", "地址", "姓名", "电话", "职务", "职称", "部门", "民族", "性别", "学历")


def another_name_before(before: str) -> bool:
    """Is a match of the employer's name *without its region* (某某网络集团 of 浙江某某网络集团) the tail of another
    organisation's name?  ``before``: the text right before the match.  Its last run of CJK characters starts
    with a place (浙江杭州…) and goes on past every place it names with characters of a name of its own
    (…江干下沙某 + 某某网络集团有限公司: another company of that city and trade), not with a lead-in such as 在.
    A run of places only (内蒙古包头市 + the name) is the employer written with its region: no."""
    run = re.split(r"[^\u3400-\u9fff]", before)[-1][-16:]
    if not run or run[-1] in _LEAD_INS:
        return False
    labels = [run.rfind(w) + len(w) for w in _FORM_LABELS if w in run]
    if labels:
        run = run[max(labels):]            # a form row read without its colons: the name starts after the label
        if not run:
            return False
    for start in range(len(run)):
        tail = run[start:]
        rest = min(strip_region(tail), key=len)
        if rest != tail:                      # it starts with a place
            return bool(rest) and not is_region_only(rest)
    return False
