"""Every surface form of the applicant's own values, and finding them in text.

``applicant_forms(profile)`` expands the profile into ``ValueForm`` objects
(Chinese name, aliases, traditional characters, pinyin spellings, employer
official/alias/derived/English names, ID 18/15, phones, e-mails).
``find_forms(text, forms)`` finds those forms in one page's text and returns
spans in the ORIGINAL text.  See docs/policy_forms.md for every kind and the
decisions taken (what is deliberately NOT produced).

Nothing here writes a personal value anywhere: ``FormMatch.fuzzy`` carries a
reason category only.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass

from redactor.model import ApplicantProfile, Category
from redactor.normalize import (
    EMAIL_RE,
    IGNORABLE,
    fold,
    fold_with_map,
    id_forms,
    is_cjk,
    normalize_email,
    normalize_phone,
)

__all__ = [
    "ValueForm",
    "FormMatch",
    "applicant_forms",
    "find_forms",
    "COMPOUND_SURNAMES",
]


@dataclass(frozen=True)
class ValueForm:
    category: Category           # NAME, EMPLOYER, ID_NUMBER, PHONE, EMAIL
    field: str                   # profile field it came from
    kind: str                    # see docs/policy_forms.md
    text: str                    # a representative surface form (docs/tests), not the audit
    script: str                  # "cjk" | "latin" | "digits"
    needs_evidence: bool = False # initials-only forms: removed only next to other evidence
    rank: int = 0                # employer forms: 0 official, 1 alias, 2 derived
    # Matching structure (not part of the contract; do not log):
    #  latin name forms: tokens, e.g. ("wang", "shu|jun") — "|" separates syllables
    #  of one word; initials are single letters.  Digits forms: ("area", "local")
    #  for landlines.  Empty for everything else.
    parts: tuple[str, ...] = ()

    def __repr__(self) -> str:  # keep values out of accidental logs
        return f"ValueForm({self.category.value}, {self.field}, {self.kind}, rank={self.rank})"


@dataclass(frozen=True)
class FormMatch:
    start: int                   # offsets into the ORIGINAL text given to find_forms
    end: int
    form: ValueForm
    score: float                 # 1.0 exact; lower for fuzzy
    fuzzy: str | None = None     # reason category, never a value


# ---------------------------------------------------------------------------
# tables

COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 夏侯 长孙 司徒 司空 令狐 宇文 "
    "独孤 南宫 西门 百里 呼延 端木 轩辕 万俟 澹台 公冶 太史 申屠 钟离 闻人 赫连 "
    "濮阳 淳于 单于 鲜于 左丘 东郭 拓跋 完颜 第五 羊舌 亓官 司寇 巫马 公良 乐正 "
    "谷梁 段干 梁丘 东门 西门 诸葛".split()
)

# Surnames with a fixed surname reading (pypinyin lists other readings).
# Surnames whose surname reading differs from pypinyin's default reading of
# the character (曾 is Zeng as a surname, pypinyin says ceng).  Several entries
# have two readings in real use.  Readings not listed here (and not the default)
# are still produced, but as needs_evidence forms: "Yu Shujun" for 王淑珺 is far
# more likely to be 于淑珺.
_SURNAME_READING: dict[str, tuple[str, ...]] = {
    "曾": ("zeng",), "单": ("shan",), "解": ("xie",), "区": ("ou",), "仇": ("qiu",),
    "朴": ("piao",), "查": ("zha",), "盖": ("ge", "gai"), "华": ("hua",), "乐": ("yue", "le"),
    "召": ("shao",), "缪": ("miao",), "繁": ("po",), "种": ("chong",), "翟": ("zhai", "di"),
    "员": ("yun",), "折": ("she",), "黑": ("he",), "祭": ("zhai",), "秘": ("bi",),
    "洗": ("xian",), "覃": ("qin", "tan"), "宓": ("mi", "fu"), "郇": ("huan", "xun"),
    "尉迟": ("yuchi",), "万俟": ("moqi",), "长孙": ("zhangsun",), "单于": ("chanyu",),
    "句": ("gou",), "能": ("nai",), "隗": ("wei", "kui"), "莘": ("shen",), "蕃": ("pi",),
}

_PROVINCES = {
    # full name -> short name
    "北京市": "北京", "天津市": "天津", "上海市": "上海", "重庆市": "重庆",
    "河北省": "河北", "山西省": "山西", "辽宁省": "辽宁", "吉林省": "吉林", "黑龙江省": "黑龙江",
    "江苏省": "江苏", "浙江省": "浙江", "安徽省": "安徽", "福建省": "福建", "江西省": "江西",
    "山东省": "山东", "河南省": "河南", "湖北省": "湖北", "湖南省": "湖南", "广东省": "广东",
    "海南省": "海南", "四川省": "四川", "贵州省": "贵州", "云南省": "云南", "陕西省": "陕西",
    "甘肃省": "甘肃", "青海省": "青海", "台湾省": "台湾",
    "内蒙古自治区": "内蒙古", "广西壮族自治区": "广西", "西藏自治区": "西藏",
    "宁夏回族自治区": "宁夏", "新疆维吾尔自治区": "新疆",
    "香港特别行政区": "香港", "澳门特别行政区": "澳门",
}
_PROVINCE_SHORTS = frozenset(_PROVINCES.values())
# A city/prefecture/county prefix: 2-4 CJK characters then one of these.
_CITY_RE = re.compile(r"^([\u4e00-\u9fff]{2,4}?)(市|地区|自治州|盟|县|自治县)")

# Legal-form suffixes stripped for derived employer forms (longest first).
_LEGAL_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "集团公司", "总公司", "公司")
_GROUP_SUFFIXES = ("(集团)", "集团")
# A bare derived stem (包头钢铁) followed, in the same run of CJK characters,
# by one of these names a DIFFERENT institution (包头钢铁职业技术学院 is a
# college, 包头钢铁设计研究院 an institute), so the stem match is dropped.
_OTHER_INSTITUTION = (
    "院", "学校", "大学", "中学", "小学", "幼儿园", "技校", "党校", "研究所", "事务所",
    "中心", "协会", "学会", "银行", "职业", "附属", "卫生所",
    # the same in traditional characters
    "學校", "大學", "中學", "小學", "幼兒園", "黨校", "事務所", "協會", "學會", "銀行",
    "職業", "附屬", "衛生所",
)
_OTHER_INSTITUTION_WINDOW = 10
_OTHER_INSTITUTION_EN = re.compile(
    r"^[ ,\-]*(?:[a-z&]+[ \-]+){0,3}(?:college|university|institute|school|hospital|vocational|"
    r"polytechnic|academy|bank|cent(?:er|re)|association|society|research)(?![a-z])"
)
# An employer without a legal suffix is an institution whose region prefix is
# what makes it distinctive (内蒙古科技大学 -> 科技大学 is generic): no
# region-stripped forms for those.

_BRACKET_CHARS = frozenset("()（）[]【】〔〕")
_CJK_DROP = IGNORABLE | _BRACKET_CHARS
_MIDDLE_DOTS = str.maketrans({c: "·" for c in "•・‧∙･.．"})

# OCR letter-for-digit confusions (folded, i.e. lower case).
_DIGIT_CONFUSIONS = {"0": "o", "1": "li|", "2": "z", "5": "s", "8": "b"}
_X_CHARS = "x×ⅹ"          # folded check character; "×" is common in forms

# Small table of visually similar CJK characters (OCR substitutions).  Only the
# applicant's own characters are ever substituted.
_CJK_LOOKALIKES_GROUPS = (
    "己已巳", "未末", "土士", "日曰", "人入", "刀力", "王玉", "天夭", "戊戌戍", "贝见",
    "干千", "木本", "今令", "侯候", "拨拔", "析折", "券卷", "免兔", "晴睛", "准淮",
    "茶荼", "祟崇", "汩汨", "冶治", "厉历", "洒酒", "毫亳", "苟荀", "壶壸", "鸟乌",
    "特持", "徒徙", "孑子", "宇字", "斤斥", "泪汨", "要耍", "刺剌", "锡钖",
)
_LOOKALIKE: dict[str, str] = {}
for _g in _CJK_LOOKALIKES_GROUPS:
    for _c in _g:
        _LOOKALIKE[_c] = _LOOKALIKE.get(_c, "") + "".join(x for x in _g if x != _c)

_MAX_PINYIN_COMBOS = 32


# ---------------------------------------------------------------------------
# small helpers

def _script(s: str) -> str:
    if any(is_cjk(c) for c in s):
        return "cjk"
    if any(c.isascii() and c.isalpha() for c in fold(s)):
        return "latin"
    return "digits"


def _fold_1to1(text: str) -> str:
    """``fold`` guaranteed one character per character (offsets are shared)."""
    out = []
    for c in text:
        f = fold(c)
        out.append(f if len(f) == 1 else c)
    return "".join(out)


def _fold_map(text: str, drop: frozenset[str]) -> tuple[str, list[int]]:
    """``normalize.fold_with_map``: one output character per kept input character."""
    return fold_with_map(text, drop)


def _cjk_key(s: str) -> str:
    """The comparison key of a CJK form: folded, no whitespace, no brackets."""
    folded, _ = _fold_map(s, _CJK_DROP)
    return folded.translate(_MIDDLE_DOTS)


def _script_variants(s: str) -> list[str]:
    """Traditional (s2t, s2tw, s2hk) and simplified (t2s) spellings of ``s``,
    without ``s`` itself.  Empty if no converter is installed."""
    out: list[str] = []
    for conv in _converters():
        try:
            v = conv(s)
        except Exception:  # pragma: no cover - a converter failure must not break detection
            continue
        if v and v != s and v not in out:
            out.append(v)
    return out


@functools.lru_cache(maxsize=1)
def _converters() -> tuple:
    """opencc-purepy (pure Python, MIT, dictionaries inside the wheel)."""
    try:
        from opencc_purepy import OpenCC  # type: ignore[import-not-found]
    except ImportError:  # pragma: no cover - declared dependency
        return ()
    return tuple(OpenCC(cfg).convert for cfg in ("s2t", "s2tw", "s2hk", "t2s"))


# ---------------------------------------------------------------------------
# pinyin

def _char_readings(c: str) -> list[str]:
    from pypinyin import Style, pinyin

    rs = pinyin(c, style=Style.NORMAL, heteronym=True, errors="ignore")
    out: list[str] = []
    for r in rs[0] if rs else []:
        r = r.lower()
        for v in _u_variants(r):
            if v and v.isascii() and v.isalpha() and v not in out:
                out.append(v)
    return out


def _u_variants(r: str) -> list[str]:
    if "v" in r or "ü" in r:
        base = r.replace("ü", "v")
        return [base, base.replace("v", "u"), base.replace("v", "yu")]
    return [r]


def _split_name(name: str) -> tuple[str, str]:
    if len(name) >= 3 and name[:2] in COMPOUND_SURNAMES:
        return name[:2], name[2:]
    return name[:1], name[1:]


def _readings_of(chars: str) -> list[tuple[str, ...]]:
    """All reading combinations of ``chars`` as syllable tuples."""
    per_char = [_char_readings(c) for c in chars]
    if any(not r for r in per_char):
        return []
    return list(itertools.islice(itertools.product(*per_char), 4 * _MAX_PINYIN_COMBOS))


def _primary_surname_readings(sur: str) -> set[str]:
    """The surname's usual readings (joined syllables, with ü spellings)."""
    from pypinyin import lazy_pinyin

    base = _SURNAME_READING.get(sur) or ("".join(lazy_pinyin(sur, errors="ignore")).lower(),)
    out: set[str] = set()
    for r in base:
        out.update(_u_variants(r))
    return out


def _pinyin_name_forms(name: str, field: str) -> list[ValueForm]:
    """Latin forms of one CJK name (all readings, ü variants, both orders)."""
    if not all(is_cjk(c) for c in name) or len(name) < 2:
        return []
    sur, given = _split_name(name)
    primary = _primary_surname_readings(sur)
    surs = sorted(_readings_of(sur), key=lambda t: "".join(t) not in primary)
    gives = _readings_of(given)
    out: list[ValueForm] = []
    seen: set[tuple[str, tuple[str, ...]]] = set()

    def add(kind: str, text: str, parts: tuple[str, ...], evidence: bool) -> None:
        key = (kind, parts)
        if key in seen:
            return
        seen.add(key)
        out.append(ValueForm(Category.NAME, field, kind, text, "latin", evidence, 0, parts))

    combos = itertools.islice(itertools.product(surs, gives), _MAX_PINYIN_COMBOS)
    for s, g in combos:
        s_tok = "|".join(s)
        g_tok = "|".join(g)
        s_cap = "".join(s).capitalize()
        g_cap = "".join(g).capitalize()
        odd_surname = "".join(s) not in primary
        # full forms: surname first / given first
        add("pinyin_name", f"{s_cap} {g_cap}", ("S:" + s_tok, "G:" + g_tok), odd_surname)
        add("pinyin_name", f"{g_cap} {s_cap}", ("G:" + g_tok, "S:" + s_tok), odd_surname)
        # initials-only forms: all initials of the given name, or only the first
        inits = tuple(x[0] for x in g)
        for ini in dict.fromkeys((inits, inits[:1])):
            ini_tok = "I:" + "|".join(ini)
            dotted = ".".join(i.upper() for i in ini) + "."
            add("pinyin_initials", f"{s_cap} {dotted}", ("S:" + s_tok, ini_tok), True)
            add("pinyin_initials", f"{dotted} {s_cap}", (ini_tok, "S:" + s_tok), True)
    return out


# ---------------------------------------------------------------------------
# form construction

def _name_forms(profile: ApplicantProfile) -> list[ValueForm]:
    out: list[ValueForm] = []
    name = "".join(profile.name.split())
    entries = [("name", name, "chinese_name")] + [
        ("name_aliases", "".join(a.split()) if _script(a) == "cjk" else " ".join(a.split()), "alias")
        for a in profile.name_aliases
    ]
    for field, value, kind in entries:
        if not value:
            continue
        script = _script(value)
        out.append(ValueForm(Category.NAME, field, kind, value, script))
        if script == "cjk":
            for trad in _script_variants(value):
                out.append(ValueForm(Category.NAME, field, "traditional_name", trad, "cjk"))
            have = {(f.kind, f.parts) for f in out}
            out.extend(f for f in _pinyin_name_forms(value, field) if (f.kind, f.parts) not in have)
    return out


def _strip_region(body: str) -> list[str]:
    """Prefix chain variants: full, short, dropped for each leading region."""
    results = [body]
    rest = body
    variants = [""]
    while True:
        m_prov = next((p for p in sorted(_PROVINCES, key=len, reverse=True) if rest.startswith(p)), None)
        if m_prov:
            opts = [m_prov, _PROVINCES[m_prov], ""]
            rest = rest[len(m_prov):]
        else:
            short = next((p for p in sorted(_PROVINCE_SHORTS, key=len, reverse=True) if rest.startswith(p)), None)
            m_city = _CITY_RE.match(rest)
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
    key = "".join(_fold_1to1(org).split())
    for word in _SEAL_WORDS:
        key = key.replace(word, "")
    variants = _strip_region(key)
    core = min(variants, key=len) if variants else key
    for suffix in _LEGAL_SUFFIXES:           # anywhere: 某某有限责任公司人事处
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
    key = "".join(_fold_1to1(text).split())
    if _strip_region(key + "X")[-1] != key + "X":
        return True
    return any(key.startswith(c) for c in _CITY_STEMS)


_CITY_STEMS = ("包头", "呼和浩特", "鄂尔多斯", "赤峰", "通辽", "乌海", "呼伦贝尔", "巴彦淖尔", "乌兰察布", "锡林郭勒",
               "兴安", "阿拉善", "北京", "天津", "上海", "重庆", "沈阳", "大连", "长春", "哈尔滨", "西安", "兰州",
               "银川", "太原", "石家庄", "济南", "青岛", "郑州", "武汉", "长沙", "南京", "杭州", "合肥", "福州",
               "南昌", "广州", "深圳", "南宁", "海口", "成都", "贵阳", "昆明", "拉萨", "西宁", "乌鲁木齐")


_SEAL_WORDS = ("合同专用章", "业务专用章", "专用章", "公章", "印章", "(盖章)", "盖章")


def _cjk_len(s: str) -> int:
    return sum(1 for c in s if is_cjk(c))


def _derived_employer(value: str) -> list[str]:
    """Weaker forms of one CJK employer name (see docs/policy_forms.md)."""
    key = _cjk_key(value)
    stem = key
    legal = ""
    for suf in _LEGAL_SUFFIXES:
        if stem.endswith(suf):
            stem, legal = stem[: -len(suf)], suf
            break
    group = ""
    for suf in _GROUP_SUFFIXES:
        if stem.endswith(suf):
            stem, group = stem[: -len(suf)], "集团"
            break
    if not legal and not group:
        return []        # an institution (大学, 医院…): no derived forms
    out: list[str] = []
    for s in _strip_region(stem):
        if _cjk_len(s) < 2 or _is_region_only(s):
            continue
        if group and _cjk_len(s) >= 2:
            out.append(s + group + legal)
            out.append(s + group)
        if legal:
            out.append(s + legal)
        if _cjk_len(s) >= 4 and not _is_region_only(s):
            out.append(s)
    return [x for x in dict.fromkeys(out) if x != key]


def _is_region_only(s: str) -> bool:
    return "" in _strip_region(s)


def _latin_employer_derived(value: str) -> list[str]:
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


def _employer_forms(profile: ApplicantProfile) -> list[ValueForm]:
    out: list[ValueForm] = []
    seen: set[tuple[str, str]] = set()

    def add(kind: str, text: str, script: str, rank: int) -> None:
        key = (script, _cjk_key(text) if script == "cjk" else " ".join(fold(text).split()))
        if key in seen:
            return
        seen.add(key)
        out.append(ValueForm(Category.EMPLOYER, "employers", kind, text, script, False, rank))

    entries = [e.strip() for e in profile.employers if e.strip()]
    for i, e in enumerate(entries):
        script = _script(e)
        if script == "latin":
            add("employer_english", " ".join(e.split()), "latin", 0 if i == 0 else 1)
        else:
            add("employer_official" if i == 0 else "employer_alias", e, script, 0 if i == 0 else 1)
    # traditional forms, then derived (weaker) forms
    for i, e in enumerate(entries):
        if _script(e) == "cjk":
            for trad in _script_variants(e):
                add("traditional_employer", trad, "cjk", 0 if i == 0 else 1)
    for e in entries:
        script = _script(e)
        if script == "cjk":
            for d in _derived_employer(e):
                add("employer_derived", d, "cjk", 2)
                for trad in _script_variants(d):
                    add("employer_derived", trad, "cjk", 2)
        elif script == "latin":
            for d in _latin_employer_derived(e):
                add("employer_english", d, "latin", 2)
    return out


def _phone_forms(profile: ApplicantProfile) -> list[ValueForm]:
    out: list[ValueForm] = []
    for p in profile.phones:
        d = normalize_phone(p)
        if not d:
            continue
        if re.fullmatch(r"1[3-9]\d{9}", d):
            out.append(ValueForm(Category.PHONE, "phones", "mobile", d, "digits"))
        elif d.startswith("0"):
            alen = 3 if d[:2] in ("01", "02") else 4
            area, local = d[:alen], d[alen:]
            out.append(ValueForm(Category.PHONE, "phones", "landline", f"{area}-{local}", "digits",
                                 False, 0, (area, local)))
            if len(local) >= 7:
                out.append(ValueForm(Category.PHONE, "phones", "landline_local", local, "digits",
                                     True, 0, ("", local)))
        else:
            out.append(ValueForm(Category.PHONE, "phones", "phone_other", d, "digits"))
    return out


def _email_forms(profile: ApplicantProfile, name_forms: list[ValueForm]) -> list[ValueForm]:
    out = [ValueForm(Category.EMAIL, "emails", "email", normalize_email(e), "latin") for e in profile.emails]
    locals_: list[str] = []
    for f in name_forms:
        if f.kind == "pinyin_name":
            local = "".join(p.split(":", 1)[1].replace("|", "") for p in f.parts)
            if local not in locals_:
                locals_.append(local)
    out += [ValueForm(Category.EMAIL, "name", "email_pinyin_local", loc, "latin") for loc in locals_]
    return out


def applicant_forms(profile: ApplicantProfile) -> tuple[ValueForm, ...]:
    """Every form in which the applicant's own values may appear."""
    names = _name_forms(profile)
    forms: list[ValueForm] = list(names)
    forms += _employer_forms(profile)
    if profile.id_number:
        for i, n in enumerate(id_forms(profile.id_number)):
            forms.append(ValueForm(Category.ID_NUMBER, "id_number", "id_18" if len(n) == 18 else "id_15", n, "digits"))
    forms += _phone_forms(profile)
    forms += _email_forms(profile, names)
    return tuple(dict.fromkeys(forms))


# ---------------------------------------------------------------------------
# matching

@dataclass(frozen=True)
class _Pat:
    form: ValueForm
    regex: re.Pattern[str] | None     # on the length-preserving folded text
    key: str = ""                     # CJK comparison key
    score: float = 1.0
    fuzzy: str | None = None


_SEP_DIGITS = r"[ .\-()]{0,3}"
_NB = r"(?<![0-9])"
_NA = r"(?![0-9])"


def _digit_class(d: str, fuzzy: bool) -> str:
    if d == "x":
        return "[" + _X_CHARS + ("k" if fuzzy else "") + "]"
    extra = _DIGIT_CONFUSIONS.get(d, "") if fuzzy else ""
    return "[" + d + re.escape(extra) + "]" if extra else d


def _digits_regex(digits: str, fuzzy: bool) -> str:
    return _SEP_DIGITS.join(_digit_class(c, fuzzy) for c in digits.lower())


_CC = r"(?:\+ ?86|(?<![0-9])0086|\(\+?86\))[ \-]*"


@functools.lru_cache(maxsize=512)
def _compile_digits(form: ValueForm, fuzzy: bool) -> re.Pattern[str]:
    t = form.text.lower()
    if form.kind in ("id_18", "id_15"):
        body = _digits_regex(t, fuzzy)
        pat = _NB + body + r"(?![0-9x×ⅹ]|[.\-][0-9])"
    elif form.kind == "mobile":
        body = _digits_regex(t, fuzzy)
        pat = r"(?:" + _CC + r"|(?<![0-9])86(?=1)|" + _NB + ")" + body + _NA
    elif form.kind == "landline":
        area, local = form.parts
        area_rest = _digits_regex(area[1:], fuzzy)
        zero = _digit_class("0", fuzzy)
        pat = (
            r"(?:" + _CC + r"[(]?(?:" + zero + r")?[ ]?|" + _NB + r"[(]?" + zero + r")"
            + area_rest + r"[)]?" + r"[ .\-]{0,3}" + _digits_regex(local, fuzzy) + _NA
        )
    else:
        pat = _NB + _digits_regex(form.parts[1] if form.parts else t, fuzzy) + _NA
    return re.compile(pat)


def _latin_token_regex(tok: str, tight: bool = False) -> str:
    role, body = tok.split(":", 1)
    sylls = body.split("|")
    if role == "I":
        # initials: "S.J.", "S. J.", "SJ", "S-J", "S J"
        return r"[ .\-]*".join(re.escape(s) + r"\.?" for s in sylls)
    # a word of syllables: "Shujun", "Shu-jun", "Shu Jun" (tight: "Shujun" only)
    return ("" if tight else r"(?:[ ]?-?[ ]?)").join(re.escape(s) for s in sylls)


@functools.lru_cache(maxsize=4096)
def _compile_latin(form: ValueForm) -> re.Pattern[str]:
    if form.parts:
        loose = [_latin_token_regex(t) for t in form.parts]
        tight = [_latin_token_regex(t, tight=True) for t in form.parts]
        # surname first: "Wang Shujun", "WANG, Shujun", "Wang-Shujun";
        # given name first: "Shujun Wang" (no comma: "Shujun, Wang" is a list).
        # Written together ("WangShujun") only with undivided words, so
        # "Wangshu Jun" is not a form.
        surname_first = form.parts[0].startswith("S:")
        sep = r"(?:[ ]+,?[ ]*|,[ ]*|-)" if surname_first else r"(?:[ ]+|-)"
        body = sep.join(loose)
        # Run together only surname-first with 3+ syllables ("WangShujun"): a
        # 2-syllable run ("Jingbo", "Baijing") is far more often someone's given name.
        syllables = sum(len(t.split(":", 1)[1].split("|")) for t in form.parts if not t.startswith("I:"))
        if surname_first and syllables >= 3 and not any(t.startswith("I:") for t in form.parts):
            body = "(?:" + body + "|" + "".join(tight) + ")"
        return re.compile(r"(?<![a-z])" + body + r"(?![a-z])")
    # free Latin text (English employer, Latin alias): words separated by
    # spaces/hyphens/line breaks; punctuation optional and loosely spaced.
    toks = re.findall(r"[a-z0-9]+|[^a-z0-9\s\-]", fold(form.text))
    body = ""
    prev_word = False
    for t in toks:
        word = t[0].isalnum()
        if body:
            body += r"[ \-]+" if (word and prev_word) else r"[ \-]*"
        body += re.escape(t) if word else "(?:" + re.escape(t) + ")?"
        prev_word = word
    # a digit right after a final word is an author/affiliation marker ("David He1)")
    tail = r"(?![a-z])" if toks and toks[-1][0].isalpha() else r"(?![a-z0-9])"
    return re.compile(r"(?<![a-z0-9])" + body + tail)


def _cjk_fuzzy_keys(key: str, form: ValueForm) -> list[tuple[str, str, float]]:
    """(key, reason, score) OCR variants of a CJK form."""
    n = len(key)
    out: list[tuple[str, str, float]] = []
    is_name = form.category is Category.NAME
    long_enough = (n >= 3) if is_name else (n >= 6)
    if long_enough:
        for i in range(n):
            out.append((key[:i] + key[i + 1:], "ocr_dropped_char", 0.6))
            out.append((key[:i] + key[i] + key[i:], "ocr_doubled_char", 0.75))
    for i, c in enumerate(key if long_enough else ""):
        for alt in _LOOKALIKE.get(c, ""):
            out.append((key[:i] + alt + key[i + 1:], "ocr_similar_cjk", 0.7))
    return [x for x in out if x[0] != key and len(x[0]) >= 2]


def _find_all(hay: str, needle: str):
    i = hay.find(needle)
    while i >= 0:
        yield i
        i = hay.find(needle, i + 1)


def _is_bare_stem(key: str) -> bool:
    return not key.endswith(_GROUP_SUFFIXES + _LEGAL_SUFFIXES)


def _is_other_institution(folded: str, end: int) -> bool:
    run = []
    for c in folded[end:end + _OTHER_INSTITUTION_WINDOW]:
        if not is_cjk(c):
            break
        run.append(c)
    tail = "".join(run)
    return any(w in tail for w in _OTHER_INSTITUTION)


def _close_bracket(text: str, start: int, end: int) -> int:
    """Extend ``end`` over a closing bracket left open inside the span."""
    seg = text[start:end]
    opens = sum(seg.count(c) for c in "(（[【〔")
    closes = sum(seg.count(c) for c in ")）]】〕")
    if opens > closes:
        j = end
        while j < len(text) and text[j] in IGNORABLE:
            j += 1
        if j < len(text) and text[j] in ")）]】〕":
            return j + 1
    return end


def _find_cjk(text: str, forms: list[ValueForm], fuzzy: bool) -> list[FormMatch]:
    folded, idx = _fold_map(text, _CJK_DROP)
    folded = folded.translate(_MIDDLE_DOTS)
    out: list[FormMatch] = []
    for f in forms:
        key = _cjk_key(f.text)
        if not key:
            continue
        variants = [(key, None, 1.0)]
        if fuzzy:
            variants += _cjk_fuzzy_keys(key, f)
        for k, reason, score in variants:
            for i in _find_all(folded, k):
                j = i + len(k)
                if f.kind == "employer_derived" and _is_bare_stem(key) and _is_other_institution(folded, j):
                    continue
                s, e = idx[i], idx[j - 1] + 1
                e = _close_bracket(text, s, e)
                out.append(FormMatch(s, e, f, score, reason))
    return out


def _find_digits(ftext: str, fmap: list[int], forms: list[ValueForm], fuzzy: bool) -> list[FormMatch]:
    out: list[FormMatch] = []
    for f in forms:
        for m in _compile_digits(f, fuzzy).finditer(ftext):
            seg = m.group(0)
            letters = sum(1 for c in seg if c.isalpha() and c not in _X_CHARS)
            if f.kind in ("id_18", "id_15") and seg and seg[-1] == "k":
                letters += 1
            reason = None
            score = 1.0
            if letters:
                # a confusable letter at the edge must not be glued to a word
                s0, e0 = m.start(), m.end()
                if (s0 > 0 and ftext[s0 - 1].isalpha()) or (e0 < len(ftext) and ftext[e0].isalpha()):
                    continue
                if letters > 3:
                    continue
                reason = "ocr_confusion:letter_for_digit"
                score = max(0.5, 0.9 - 0.1 * (letters - 1))
            if f.kind == "landline_local" and _AREA_BEFORE.search(ftext[max(0, m.start() - 8):m.start()]):
                continue      # "0471-5123456": another area code, another number
            s, e = fmap[m.start()], fmap[m.end() - 1] + 1
            out.append(FormMatch(s, e, f, score, reason))
    return out


_AREA_BEFORE = re.compile(r"0[0-9]{2,3}[ )\-]{0,2}$")
_LETTER_TOKEN_BEFORE = re.compile(r"[^a-z][a-z]\.?[ \-]*$")
_WORD_BEFORE = re.compile(r"([a-z]{2,})[ ]+$")
_JOINERS = frozenset({"and", "by", "with", "et", "al", "from", "to", "of"})
_LETTER_TOKEN_AFTER = re.compile(r"^[ .\-]*[a-z](?![a-z])")


def _find_latin(text: str, ftext: str, fmap: list[int], forms: list[ValueForm]) -> list[FormMatch]:
    out: list[FormMatch] = []
    for f in forms:
        if f.category is Category.EMAIL:
            continue
        for m in _compile_latin(f).finditer(ftext):
            s0, e0 = m.start(), m.end()
            # "Shuhua Wang, S. Wang" / "Shuhua Wang, Shujun Li": "Wang, S." and
            # "Wang, Shujun" straddle two people of a given-name-first list
            if f.parts and f.parts[0].startswith("S:") and "," in m.group(0):
                base = max(0, s0 - 20)
                w = _WORD_BEFORE.search(ftext[base:s0])
                if w and w.group(1) not in _JOINERS and text[fmap[base + w.start(1)]].isupper():
                    continue
            if f.kind == "pinyin_initials":
                # "S. Wang" inside "H. S. Wang" / "Wang S." inside "Wang S. H." is someone else
                if f.parts[0].startswith("I:") and _LETTER_TOKEN_BEFORE.search(" " + ftext[max(0, s0 - 5):s0]):
                    continue
                if f.parts[-1].startswith("I:") and _LETTER_TOKEN_AFTER.match(ftext[e0:e0 + 4]):
                    continue

            if f.kind == "employer_english" and f.rank == 2 and _OTHER_INSTITUTION_EN.match(ftext[e0:e0 + 60]):
                continue      # "Baotou Steel Vocational College" is another institution
            # trim trailing separators the regex may have taken
            while e0 > s0 and ftext[e0 - 1] in " ,-":
                e0 -= 1
            out.append(FormMatch(fmap[s0], fmap[e0 - 1] + 1, f, 1.0))
    return out


_EMAIL_LOCAL_CH = re.compile(r"[a-z0-9._%+\-]")


def _find_emails(text: str, forms: list[ValueForm]) -> list[FormMatch]:
    out: list[FormMatch] = []
    exact = [f for f in forms if f.kind == "email"]
    if exact:
        folded, idx = _fold_map(text, IGNORABLE)
        for f in exact:
            for i in _find_all(folded, f.text.lower()):
                s, e = idx[i], idx[i + len(f.text) - 1] + 1
                before = fold(text[s - 1]) if s > 0 else ""
                after = fold(text[e:e + 2])
                if before and _EMAIL_LOCAL_CH.match(before):
                    continue
                if after[:1] and (after[0].isalnum() or after[0] in "-_@" or re.match(r"\.[a-z0-9]", after)):
                    continue
                out.append(FormMatch(s, e, f, 1.0))
    locs = {f.text: f for f in forms if f.kind == "email_pinyin_local"}
    if locs:
        ftext = _fold_1to1(text)
        fmap = list(range(len(text)))
        for m in EMAIL_RE.finditer(ftext):
            local = m.group(0).split("@", 1)[0]
            key = re.sub(r"[._\-]", "", local)
            f = locs.get(key)
            if f is not None:
                out.append(FormMatch(fmap[m.start()], fmap[m.end() - 1] + 1, f, 0.95))
    return out


def _resolve(matches: list[FormMatch]) -> list[FormMatch]:
    """Per category: longest first (then stronger), no overlaps."""
    by_cat: dict[Category, list[FormMatch]] = {}
    for m in matches:
        by_cat.setdefault(m.form.category, []).append(m)
    kept: list[FormMatch] = []
    for ms in by_cat.values():
        ms.sort(key=lambda m: (-(m.end - m.start), -m.score, m.form.rank, m.form.needs_evidence, m.start))
        taken: list[tuple[int, int]] = []
        for m in ms:
            if any(m.start < e and s < m.end for s, e in taken):
                continue
            taken.append((m.start, m.end))
            kept.append(m)
    kept.sort(key=lambda m: (m.start, m.end, m.form.category.value))
    return kept


def find_forms(text: str, forms: tuple[ValueForm, ...], *, fuzzy: bool = False) -> list[FormMatch]:
    """Find the applicant's forms in ``text``; offsets are into ``text``.

    CJK forms match across whitespace/line breaks and bracket variants, with
    NO word-boundary check (李明 is reported inside 李明华; the recogniser
    decides with entity evidence).  Digit forms need digit boundaries; latin
    forms need ASCII-letter boundaries.  Overlapping matches of one category
    are resolved longest-first.
    """
    if not text or not forms:
        return []
    cjk = [f for f in forms if f.script == "cjk"]
    digits = [f for f in forms if f.script == "digits"]
    latin = [f for f in forms if f.script == "latin" and f.category is not Category.EMAIL]
    emails = [f for f in forms if f.category is Category.EMAIL]
    found: list[FormMatch] = []
    if cjk:
        found += _find_cjk(text, cjk, fuzzy)
    if digits or latin:
        ftext = _fold_1to1(text)
        fmap = list(range(len(text)))
        if digits:
            found += _find_digits(ftext, fmap, digits, fuzzy)
        if latin:
            mails = [(m.start(), m.end()) for m in EMAIL_RE.finditer(ftext)]
            found += [m for m in _find_latin(text, ftext, fmap, latin)
                      if not any(s <= m.start and m.end <= e for s, e in mails)]
    if emails:
        found += _find_emails(text, emails)
    return _resolve(found)
