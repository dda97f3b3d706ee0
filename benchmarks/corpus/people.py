"""Seeded synthetic applicants, colleagues, co-authors and organisations.

Everything here is invented: names are drawn from character pools, resident ID
numbers are built from an Inner Mongolia area code, a birth date and a random
sequence number and carry a valid GB 11643-1999 check character, phone numbers
are random digits with a carrier-shaped prefix.  Organisations are public
bodies (a dossier always names real employers and authorities); no person is.

A ``Cast`` is the people of one dossier: the applicant plus the decoys whose
data must be *kept*: same-surname colleagues, names that are a prefix (or an
extension) of the applicant's, organisations sharing the employer's prefix,
other people's valid IDs, 18-digit contract numbers that fail the checksum,
office landlines and hotlines, recommenders and issuing authorities.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from redactor.normalize import id_check_char

# --- pools --------------------------------------------------------------------------

SURNAMES: dict[str, str] = {
    "王": "Wang", "李": "Li", "张": "Zhang", "刘": "Liu", "陈": "Chen", "杨": "Yang", "赵": "Zhao",
    "黄": "Huang", "周": "Zhou", "吴": "Wu", "徐": "Xu", "孙": "Sun", "马": "Ma", "朱": "Zhu",
    "胡": "Hu", "郭": "Guo", "何": "He", "高": "Gao", "林": "Lin", "罗": "Luo", "郑": "Zheng",
    "梁": "Liang", "谢": "Xie", "宋": "Song", "唐": "Tang", "韩": "Han", "冯": "Feng", "邓": "Deng",
    "曹": "Cao", "彭": "Peng", "苏": "Su", "任": "Ren", "贾": "Jia", "白": "Bai", "乔": "Qiao",
}
COMPOUND_SURNAMES: dict[str, str] = {"欧阳": "Ouyang", "司马": "Sima", "上官": "Shangguan", "诸葛": "Zhuge"}

GIVEN_F: dict[str, str] = {
    "淑": "shu", "芳": "fang", "丽": "li", "敏": "min", "静": "jing", "娟": "juan", "霞": "xia",
    "燕": "yan", "玲": "ling", "婷": "ting", "慧": "hui", "雪": "xue", "琳": "lin", "洁": "jie",
    "红": "hong", "艳": "yan", "萍": "ping", "颖": "ying", "瑶": "yao", "珊": "shan", "怡": "yi",
    "欣": "xin", "秀": "xiu", "芬": "fen", "兰": "lan", "梅": "mei", "晶": "jing", "佳": "jia", "悦": "yue",
}
GIVEN_M: dict[str, str] = {
    "伟": "wei", "强": "qiang", "磊": "lei", "军": "jun", "勇": "yong", "杰": "jie", "涛": "tao",
    "斌": "bin", "鹏": "peng", "辉": "hui", "波": "bo", "刚": "gang", "峰": "feng", "明": "ming",
    "华": "hua", "建": "jian", "国": "guo", "志": "zhi", "宏": "hong", "亮": "liang", "东": "dong",
    "海": "hai", "林": "lin", "文": "wen", "永": "yong", "平": "ping", "春": "chun", "俊": "jun",
}
# Rare characters that OCR engines and word lists tend to miss.
GIVEN_RARE: dict[str, str] = {
    "珺": "jun", "玥": "yue", "喆": "zhe", "燊": "shen", "婧": "jing", "昱": "yu", "晟": "sheng",
    "祎": "yi", "翀": "chong", "堃": "kun", "赟": "yun", "琰": "yan", "昉": "fang", "彧": "yu",
}
ALL_GIVEN: dict[str, str] = {**GIVEN_F, **GIVEN_M, **GIVEN_RARE}

# (area code, place as written in 籍贯 / 作者简介)
AREAS: list[tuple[str, str]] = [
    ("150203", "内蒙古包头"), ("150204", "内蒙古包头"), ("150207", "内蒙古包头"), ("150222", "内蒙古固阳"),
    ("150102", "内蒙古呼和浩特"), ("150105", "内蒙古呼和浩特"), ("150402", "内蒙古赤峰"),
    ("150602", "内蒙古鄂尔多斯"), ("150802", "内蒙古巴彦淖尔"), ("150302", "内蒙古乌海"),
    ("152502", "内蒙古锡林浩特"), ("150702", "内蒙古呼伦贝尔"), ("150121", "内蒙古土默特左旗"),
]
MOBILE_PREFIXES = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "147", "150", "151",
                   "152", "153", "155", "156", "157", "158", "159", "166", "177", "180", "181", "183",
                   "185", "186", "187", "188", "189", "198", "199"]
MAIL_PROVIDERS = ["163.com", "126.com", "qq.com", "sina.com", "foxmail.com", "139.com"]


@dataclass(frozen=True)
class Org:
    """An organisation: an employer, a school, an issuing authority."""

    official: str
    aliases: tuple[str, ...] = ()
    english: str = ""
    kind: str = "enterprise"          # enterprise | university | hospital | institute | school | authority | journal
    city: str = "包头"
    address: str = ""
    postcode: str = ""
    english_city: str = "Baotou"
    domain: str = ""
    departments: tuple[tuple[str, str], ...] = ()   # (中文, English)
    landline: str = ""                # the organisation's office / HR line (not a person's)
    seal_inner: str = ""              # text under the star of the seal

    @property
    def short(self) -> str:
        return self.aliases[0] if self.aliases else self.official


def _org(official: str, aliases: tuple[str, ...], english: str, kind: str, city: str, address: str,
         postcode: str, english_city: str, domain: str, departments: tuple[tuple[str, str], ...],
         seal_inner: str = "") -> Org:
    return Org(official, aliases, english, kind, city, address, postcode, english_city, domain, departments,
               "", seal_inner)


EMPLOYERS: dict[str, list[Org]] = {
    "enterprise": [
        _org("包头钢铁（集团）有限责任公司", ("包钢集团", "包钢"), "Baotou Iron and Steel (Group) Co., Ltd.",
             "enterprise", "包头", "内蒙古包头市昆都仑区河西工业区", "014010", "Baotou", "btsteel.com",
             (("技术中心", "Technology Center"), ("炼钢厂", "Steelmaking Plant"), ("稀土钢板材公司", "Rare Earth Steel Plate Co.")),
             "技术中心"),
        _org("内蒙古电力（集团）有限责任公司", ("内蒙古电力集团", "蒙电"), "Inner Mongolia Power (Group) Co., Ltd.",
             "enterprise", "呼和浩特", "内蒙古呼和浩特市赛罕区锡林南路", "010020", "Hohhot", "impc.com.cn",
             (("电力科学研究院", "Electric Power Research Institute"), ("调度控制中心", "Dispatching Center")), ""),
    ],
    "university": [
        _org("内蒙古科技大学", ("内蒙科大",), "Inner Mongolia University of Science and Technology",
             "university", "包头", "内蒙古包头市昆都仑区阿尔丁大街7号", "014010", "Baotou", "imust.edu.cn",
             (("材料与冶金学院", "School of Materials and Metallurgy"), ("机械工程学院", "School of Mechanical Engineering")), ""),
        _org("内蒙古工业大学", ("内工大",), "Inner Mongolia University of Technology",
             "university", "呼和浩特", "内蒙古呼和浩特市新城区爱民街49号", "010051", "Hohhot", "imut.edu.cn",
             (("化工学院", "College of Chemical Engineering"), ("能源与动力工程学院", "College of Energy and Power Engineering")), ""),
    ],
    "hospital": [
        _org("包头市中心医院", ("包头中心医院",), "Baotou Central Hospital", "hospital", "包头",
             "内蒙古包头市东河区环城路61号", "014040", "Baotou", "btzxyy.cn",
             (("心血管内科", "Department of Cardiology"), ("检验科", "Department of Clinical Laboratory")), ""),
    ],
    "institute": [
        _org("内蒙古自治区农牧业科学院", ("内蒙古农牧业科学院", "农牧科学院"),
             "Inner Mongolia Academy of Agricultural & Animal Husbandry Sciences", "institute", "呼和浩特",
             "内蒙古呼和浩特市玉泉区昭君路22号", "010031", "Hohhot", "nmnky.net.cn",
             (("作物研究所", "Institute of Crop Sciences"), ("草原研究所", "Institute of Grassland Research")), ""),
    ],
    "school": [
        _org("固阳县第一中学", ("固阳一中",), "Guyang No.1 Middle School", "school", "包头",
             "内蒙古包头市固阳县金山镇", "014200", "Baotou", "",
             (("教务处", "Academic Affairs Office"), ("高中部", "Senior High Section")), ""),
    ],
}

# Organisations sharing the employer's prefix (or otherwise confusable): always kept.
DECOY_ORGS: dict[str, list[Org]] = {
    "包头钢铁（集团）有限责任公司": [
        Org("包头钢铁职业技术学院", (), "Baotou Iron and Steel Vocational Technical College", "university"),
        Org("包头稀土研究院", (), "Baotou Research Institute of Rare Earths", "institute"),
    ],
    "内蒙古电力（集团）有限责任公司": [
        Org("内蒙古电力勘测设计院有限责任公司", (), "Inner Mongolia Electric Power Survey & Design Institute", "enterprise"),
    ],
    "内蒙古科技大学": [
        Org("内蒙古科技大学包头医学院", (), "Baotou Medical College, Inner Mongolia University of Science and Technology", "university"),
        Org("内蒙古科技职业学院", (), "Inner Mongolia Vocational College of Science and Technology", "university"),
    ],
    "内蒙古工业大学": [Org("内蒙古工业职业学院", (), "Inner Mongolia Industrial Vocational College", "university")],
    "包头市中心医院": [
        Org("包头市中医蒙医医院", (), "Baotou Hospital of Traditional Chinese and Mongolian Medicine", "hospital"),
        Org("包头市第四医院", (), "Baotou Fourth Hospital", "hospital"),
    ],
    "内蒙古自治区农牧业科学院": [
        Org("内蒙古自治区农牧业技术推广中心", (), "Inner Mongolia Agricultural and Animal Husbandry Technology Extension Center", "institute"),
    ],
    "固阳县第一中学": [
        Org("固阳县第一小学", (), "Guyang No.1 Primary School", "school"),
        Org("固阳县第二中学", (), "Guyang No.2 Middle School", "school"),
    ],
}

# Partner organisations of the employer's city, kind and legal form whose names differ from the
# employer's only in the distinctive word (稀土 for 钢铁, 医科 for 科技, 第二 for 第一): their seals
# share the city, 集团 and 有限责任公司 with the employer's and are always kept (issue #10).
PARTNER_ORGS: dict[str, list[Org]] = {
    "包头钢铁（集团）有限责任公司": [
        Org("包头稀土（集团）有限责任公司", (), "Baotou Rare Earth (Group) Co., Ltd.", "enterprise"),
        Org("包头铝业（集团）有限责任公司", (), "Baotou Aluminium (Group) Co., Ltd.", "enterprise"),
    ],
    "内蒙古电力（集团）有限责任公司": [
        Org("内蒙古煤炭（集团）有限责任公司", (), "Inner Mongolia Coal (Group) Co., Ltd.", "enterprise", "呼和浩特"),
    ],
    "内蒙古科技大学": [Org("内蒙古医科大学", (), "Inner Mongolia Medical University", "university", "呼和浩特")],
    "内蒙古工业大学": [Org("内蒙古农业大学", (), "Inner Mongolia Agricultural University", "university", "呼和浩特")],
    "包头市中心医院": [Org("包头市肿瘤医院", (), "Baotou Cancer Hospital", "hospital")],
    "内蒙古自治区农牧业科学院": [
        Org("内蒙古自治区林业科学院", (), "Inner Mongolia Academy of Forestry Sciences", "institute", "呼和浩特"),
    ],
    "固阳县第一中学": [Org("固阳县第二中学", (), "Guyang No.2 Middle School", "school")],
}

# Co-authors' and recommenders' organisations.
OTHER_ORGS: list[Org] = [
    Org("北京科技大学", (), "University of Science and Technology Beijing", "university", "北京", "北京市海淀区学院路30号", "100083", "Beijing"),
    Org("东北大学", (), "Northeastern University", "university", "沈阳", "辽宁省沈阳市和平区文化路3号巷11号", "110819", "Shenyang"),
    Org("内蒙古大学", (), "Inner Mongolia University", "university", "呼和浩特", "内蒙古呼和浩特市赛罕区大学西街235号", "010021", "Hohhot"),
    Org("钢铁研究总院", (), "Central Iron and Steel Research Institute", "institute", "北京", "北京市海淀区学院南路76号", "100081", "Beijing"),
    Org("包头市第一中学", (), "Baotou No.1 Middle School", "school", "包头", "内蒙古包头市昆都仑区", "014010", "Baotou"),
]

AUTHORITIES: list[Org] = [
    Org("内蒙古自治区人力资源和社会保障厅", ("自治区人社厅",), "", "authority", "呼和浩特", seal_inner=""),
    Org("包头市人力资源和社会保障局", ("包头市人社局",), "", "authority", "包头", seal_inner="职称专用章"),
    Org("包头市人民政府", (), "", "authority", "包头"),
    Org("内蒙古自治区科学技术厅", (), "", "authority", "呼和浩特"),
    Org("中国钢铁工业协会", (), "", "authority", "北京"),
    Org("包头市继续教育中心", (), "", "authority", "包头", seal_inner="审验专用章"),
]
REVIEW_BOARDS = {
    "enterprise": "内蒙古自治区工程系列高级职称评审委员会",
    "university": "内蒙古自治区高等学校教师系列高级职称评审委员会",
    "hospital": "内蒙古自治区卫生系列高级职称评审委员会",
    "institute": "内蒙古自治区农业系列高级职称评审委员会",
    "school": "内蒙古自治区中小学教师系列高级职称评审委员会",
}
TITLES = {  # (current title, title applied for, major)
    "enterprise": [("工程师", "高级工程师", "冶金工程"), ("工程师", "高级工程师", "材料工程"), ("高级工程师", "正高级工程师", "电气工程")],
    "university": [("讲师", "副教授", "材料科学与工程"), ("副教授", "教授", "机械工程")],
    "hospital": [("主治医师", "副主任医师", "心血管内科"), ("主管检验师", "副主任检验师", "临床检验")],
    "institute": [("助理研究员", "副研究员", "作物遗传育种"), ("农艺师", "高级农艺师", "草业科学")],
    "school": [("一级教师", "高级教师", "中学数学"), ("一级教师", "高级教师", "中学物理")],
}
HOTLINES = [("12333", "人社服务热线"), ("12345", "政务服务便民热线")]


# --- people ---------------------------------------------------------------------------

@dataclass
class Person:
    name: str
    surname: str
    given: str
    gender: str                       # 男 / 女
    birth: dt.date
    id_number: str
    mobile: str
    email: str
    surname_py: str
    given_py: str
    employer: Org
    title: str = ""
    department: tuple[str, str] = ("", "")
    role: str = ""                    # colleague, coauthor, recommender, reviewer, applicant, ...
    native_place: str = "内蒙古包头"
    words: tuple[str, ...] = ()       # a name written in words (阿拉坦·巴根): see dotted_names

    @property
    def pinyin_upper(self) -> str:     # journal style: WANG Shujun
        return f"{self.surname_py.upper()} {self.given_py.capitalize()}"

    @property
    def pinyin_title(self) -> str:     # Wang Shujun
        return f"{self.surname_py.capitalize()} {self.given_py.capitalize()}"

    @property
    def pinyin_western(self) -> str:   # Shujun Wang
        return f"{self.given_py.capitalize()} {self.surname_py.capitalize()}"

    @property
    def spaced(self) -> str:           # 王 淑 珺; 阿拉坦　巴根 (a full-width space for the dot)
        return "\u3000".join(self.words) if self.words else " ".join(self.name)

    @property
    def birth_ym(self) -> str:
        return f"{self.birth.year}.{self.birth.month:02d}"


@dataclass
class Applicant(Person):
    phones: list[str] = field(default_factory=list)     # as the applicant writes them in the profile
    emails: list[str] = field(default_factory=list)
    name_aliases: list[str] = field(default_factory=list)
    title_applied: str = ""
    major: str = ""
    application_no: str = ""
    education: tuple[str, str] = ("", "")   # (degree, school)
    work_start: dt.date = dt.date(2008, 7, 1)
    scenario: str = ""

    def profile(self) -> dict[str, Any]:
        """The PROFILE contract (see ``redactor.config.ProfileModel``)."""
        return {
            "name": self.name,
            "id_number": self.id_number,
            "phones": list(self.phones),
            "employers": [self.employer.official, *self.employer.aliases],
            "name_aliases": list(self.name_aliases),
            "emails": list(self.emails),
        }


@dataclass
class Cast:
    """The applicant and every decoy of one dossier."""

    seed: int
    applicant_index: int
    applicant: Applicant
    colleagues: list[Person]          # same employer; [0] has the applicant's surname
    coauthors: list[Person]           # [0] is the name decoy (prefix/extension of the applicant's name)
    name_decoy: Person                # a name that is a prefix of the applicant's or the other way round
    recommenders: list[Person]
    reviewer: Person                  # 审核人 at the employer's HR office
    other_applicants: list[Person]    # for the 公示 list
    decoy_orgs: list[Org]
    authorities: list[Org]
    review_board: str
    hr_landline: str                  # employer's HR office line
    authority_landline: str           # 职称办 office line
    hotlines: list[tuple[str, str]]
    contract_numbers: list[str]       # 18 digits, look like IDs, FAIL the checksum
    cert_numbers: list[str]

    def authorities_by_name(self, official: str) -> Org:
        for o in self.authorities:
            if o.official == official:
                return o
        raise KeyError(official)

    @property
    def everyone_else(self) -> list[Person]:
        seen: dict[str, Person] = {}
        for p in [*self.colleagues, *self.coauthors, self.name_decoy, *self.recommenders, self.reviewer,
                  *self.other_applicants]:
            seen.setdefault(p.name, p)
        return list(seen.values())


# --- generators -------------------------------------------------------------------------

def make_id(rng: random.Random, birth: dt.date, male: bool, area: str | None = None) -> str:
    """A valid 18-digit resident ID (GB 11643-1999 check character)."""
    area = area or rng.choice(AREAS)[0]
    seq = rng.randrange(0, 100)
    last = rng.choice([1, 3, 5, 7, 9] if male else [0, 2, 4, 6, 8])
    first17 = f"{area}{birth:%Y%m%d}{seq:02d}{last}"
    return first17 + id_check_char(first17)


def make_invalid_id_like(rng: random.Random) -> str:
    """18 digits shaped like an ID (15 prefix, plausible date) whose check character is wrong."""
    while True:
        area = rng.choice(AREAS)[0]
        d = dt.date(rng.randint(1960, 2005), rng.randint(1, 12), rng.randint(1, 28))
        first17 = f"{area}{d:%Y%m%d}{rng.randrange(1000):03d}"
        good = id_check_char(first17)
        bad = rng.choice([c for c in "0123456789" if c != good])
        return first17 + bad


def make_mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"


def make_landline(rng: random.Random, area: str = "0472") -> str:
    return f"{area}-{rng.randint(2, 8)}{rng.randrange(10**6):06d}"


def _birth(rng: random.Random, lo: int = 1968, hi: int = 1992) -> dt.date:
    return dt.date(rng.randint(lo, hi), rng.randint(1, 12), rng.randint(1, 28))


def _pick_given(rng: random.Random, female: bool, n: int, rare: bool = False) -> str:
    pool = list((GIVEN_F if female else GIVEN_M).keys())
    chars = [rng.choice(pool) for _ in range(n)]
    if rare:
        chars[-1] = rng.choice(list(GIVEN_RARE))
    return "".join(chars)


def given_pinyin(given: str) -> str:
    out = []
    for c in given:
        if c not in ALL_GIVEN:
            from pypinyin import lazy_pinyin
            out.append(lazy_pinyin(c)[0])
        else:
            out.append(ALL_GIVEN[c])
    return "".join(out)


def surname_pinyin(surname: str) -> str:
    return COMPOUND_SURNAMES.get(surname) or SURNAMES[surname]


def make_person(rng: random.Random, employer: Org, *, surname: str | None = None, given: str | None = None,
                female: bool | None = None, role: str = "", title: str = "", taken: set[str] | None = None,
                rare: bool = False) -> Person:
    taken = taken if taken is not None else set()
    for _ in range(200):
        fem = rng.random() < 0.5 if female is None else female
        sur = surname or rng.choice(list(SURNAMES))
        giv = given or _pick_given(rng, fem, rng.choice([1, 2, 2]), rare)
        if sur + giv not in taken:
            break
    taken.add(sur + giv)
    birth = _birth(rng, 1960, 1992)
    area, place = rng.choice(AREAS)
    sp, gp = surname_pinyin(sur), given_pinyin(giv)
    email = _email(rng, sp, gp, birth, employer)
    dept = rng.choice(employer.departments) if employer.departments else ("", "")
    return Person(sur + giv, sur, giv, "女" if fem else "男", birth, make_id(rng, birth, not fem, area),
                  make_mobile(rng), email, sp, gp, employer, title, dept, role, place)


def _email(rng: random.Random, sp: str, gp: str, birth: dt.date, employer: Org) -> str:
    style = rng.randrange(4)
    if style == 0:
        local = f"{sp}{gp}".lower()
    elif style == 1:
        local = f"{sp[0]}{''.join(x[0] for x in _syllables(gp))}{birth.year}".lower()
    elif style == 2:
        return f"{rng.randint(10**7, 10**10 - 1)}@qq.com"
    else:
        local = f"{gp}.{sp}".lower()
        if employer.domain:
            return f"{local}@{employer.domain}"
    return f"{local}{rng.choice(['', str(rng.randint(1, 99))])}@{rng.choice(MAIL_PROVIDERS)}"


def _syllables(gp: str) -> list[str]:
    # crude split of a concatenated given-name pinyin into syllables (for initials only)
    out, i = [], 0
    vowels = "aeiouv"
    while i < len(gp):
        j = i + 1
        while j < len(gp) and gp[j] not in vowels:
            j += 1
        while j < len(gp) and gp[j] in vowels:
            j += 1
        if j < len(gp) and gp[j] in "nr" and (j + 1 == len(gp) or gp[j + 1] not in vowels):
            j += 1
            if j < len(gp) and gp[j] == "g" and (j + 1 == len(gp) or gp[j + 1] not in vowels):
                j += 1
        out.append(gp[i:j])
        i = j
    return out


# The fixed scenarios cycle with the applicant index; names in 1..4 are drawn from the seed.
SCENARIOS = ["canonical", "short_name_prefix", "compound_surname", "reduplicated_extension", "rare_char"]
SCENARIO_EMPLOYER = {"canonical": "enterprise", "random": "enterprise", "short_name_prefix": "hospital", "compound_surname": "university",
                     "reduplicated_extension": "institute", "rare_char": "school"}


def make_cast(seed: int, applicant_index: int) -> Cast:
    """The applicant number ``applicant_index`` of corpus ``seed`` and the decoys around them.

    Scenario ``applicant_index % 5``: 0 is the canonical 王淑珺 of 包头钢铁（集团）有限责任公司;
    1 a two-character name with a co-author whose name extends it (李明 / 李明华); 2 a compound
    surname; 3 a reduplicated name with a colleague whose name is its prefix (王芳芳 / 王芳);
    4 a three-character name ending in a rare character.  From index 5 on, employers rotate.
    About three applicants in ten (any scenario, seeded) then get a name written in words with
    dotted decoys around them (``dotted_names``); their scenario reads e.g. ``canonical+dotted``.
    """
    rng = random.Random(f"corpus:{seed}:{applicant_index}")
    scenario = SCENARIOS[applicant_index % len(SCENARIOS)]
    if scenario == "canonical" and applicant_index >= len(SCENARIOS):
        scenario = "random"
    kind = SCENARIO_EMPLOYER[scenario]
    kinds = list(EMPLOYERS)
    if applicant_index >= len(SCENARIOS):
        kind = kinds[(applicant_index // len(SCENARIOS) + kinds.index(kind)) % len(kinds)]
    employer_tpl = EMPLOYERS[kind][0] if applicant_index < len(SCENARIOS) else rng.choice(EMPLOYERS[kind])
    # Organisation phone numbers are per corpus seed.
    hr_landline = make_landline(rng, "0472" if employer_tpl.city == "包头" else "0471")
    employer = Org(**{**employer_tpl.__dict__, "landline": hr_landline})
    taken: set[str] = set()

    # -- the applicant --
    if scenario == "canonical":
        sur, giv, fem = "王", "淑珺", True
    elif scenario == "short_name_prefix":
        fem = rng.random() < 0.5
        sur, giv = rng.choice(list(SURNAMES)), rng.choice(list(GIVEN_F if fem else GIVEN_M))
    elif scenario == "compound_surname":
        fem = rng.random() < 0.5
        sur = rng.choice(list(COMPOUND_SURNAMES))
        giv = rng.choice(list(GIVEN_RARE)) if rng.random() < 0.5 else _pick_given(rng, fem, 1)
    elif scenario == "reduplicated_extension":
        fem = rng.random() < 0.6
        sur = rng.choice(list(SURNAMES))
        c = rng.choice(list(GIVEN_F if fem else GIVEN_M))
        giv = c + c
    else:
        fem = rng.random() < 0.5
        sur = rng.choice(list(SURNAMES))
        giv = _pick_given(rng, fem, 2, rare=(scenario == "rare_char"))
    taken.add(sur + giv)
    birth = _birth(rng, 1975, 1990) if scenario != "canonical" else dt.date(1985, rng.randint(1, 12), rng.randint(1, 28))
    area, place = rng.choice(AREAS[:4]) if employer.city == "包头" else rng.choice(AREAS)
    sp, gp = surname_pinyin(sur), given_pinyin(giv)
    titles = rng.choice(TITLES[kind])
    mobile = make_mobile(rng)
    phones = [mobile]
    if rng.random() < 0.5:
        phones.append(make_mobile(rng))
    if rng.random() < 0.5:  # a personal (home) landline in the same area code as the office lines
        phones.append(make_landline(rng, hr_landline[:4]))
    email = _email(rng, sp, gp, birth, employer) if scenario != "canonical" else f"{sp}{gp}{rng.randint(10, 99)}@163.com".lower()
    emails = [email]
    if rng.random() < 0.4 and employer.domain:
        emails.append(f"{gp}.{sp}@{employer.domain}".lower())
    aliases = [f"{sp.upper()} {gp.capitalize()}"]
    if rng.random() < 0.3:
        aliases.append(sur + _pick_given(rng, fem, 1))   # 曾用名 (former name)
    school = rng.choice([o for o in OTHER_ORGS if o.kind == "university"] + EMPLOYERS["university"])
    if school.official == employer.official:
        school = OTHER_ORGS[0]
    dept = employer.departments[0] if scenario == "canonical" else rng.choice(employer.departments)
    series = {"enterprise": "GC", "university": "GX", "hospital": "WS", "institute": "NY", "school": "ZX"}[kind]
    app_no = f"NM2024{series}{rng.randrange(10**6):06d}"
    applicant = Applicant(
        name=sur + giv, surname=sur, given=giv, gender="女" if fem else "男", birth=birth,
        id_number=make_id(rng, birth, not fem, area), mobile=mobile, email=email, surname_py=sp, given_py=gp,
        employer=employer, title=titles[0], department=dept, role="applicant", native_place=place,
        phones=phones, emails=emails, name_aliases=aliases, title_applied=titles[1], major=titles[2],
        application_no=app_no, education=(rng.choice(["硕士研究生", "大学本科", "博士研究生"]), school.official),
        work_start=dt.date(birth.year + rng.randint(22, 26), 7, 1), scenario=scenario,
    )

    # -- the name decoy --
    if scenario == "canonical":
        decoy = make_person(rng, rng.choice(OTHER_ORGS[:2]), surname="李", given="明华", female=False, role="coauthor", taken=taken)
    elif scenario in ("short_name_prefix", "compound_surname"):   # applicant's name is a prefix of the decoy's
        decoy = make_person(rng, rng.choice(OTHER_ORGS), surname=sur, given=giv + rng.choice(list(GIVEN_M)),
                            role="coauthor", taken=taken)
    elif scenario == "reduplicated_extension":                   # decoy's name is a prefix of the applicant's
        decoy = make_person(rng, employer, surname=sur, given=giv[0], female=fem, role="colleague", taken=taken)
    else:
        decoy = make_person(rng, rng.choice(OTHER_ORGS), surname=sur, given=giv[:-1], role="coauthor", taken=taken)

    # -- colleagues at the same employer; [0] shares the surname --
    colleagues = [make_person(rng, employer, surname=sur, role="colleague", taken=taken,
                              given="建国" if scenario == "canonical" else None)]
    if scenario == "canonical":   # shares the first two characters
        colleagues.append(make_person(rng, employer, surname="王", given="淑芬", female=True, role="colleague", taken=taken))
    colleagues += [make_person(rng, employer, role="colleague", taken=taken) for _ in range(2)]
    if scenario == "reduplicated_extension":
        colleagues.insert(1, decoy)

    coauthors = [decoy] if decoy.role == "coauthor" else []
    coauthors.append(make_person(rng, employer, surname="张" if scenario == "canonical" else None,
                                 given="伟" if scenario == "canonical" else None, role="coauthor", taken=taken,
                                 title="正高级工程师" if kind == "enterprise" else "教授"))
    coauthors.append(make_person(rng, rng.choice(OTHER_ORGS), role="coauthor", taken=taken))
    if decoy.role != "coauthor":
        coauthors.insert(0, decoy)

    recommenders = [make_person(rng, rng.choice(OTHER_ORGS), role="recommender", taken=taken,
                                title=rng.choice(["教授", "正高级工程师", "研究员"])) for _ in range(2)]
    reviewer = make_person(rng, employer, role="reviewer", taken=taken, title="人力资源部")
    others = []
    for i in range(rng.randint(6, 9)):
        org = employer if i in (1, 4) else rng.choice([o for k in EMPLOYERS.values() for o in k] + OTHER_ORGS)
        others.append(make_person(rng, org, role="other_applicant", taken=taken,
                                  title=rng.choice(TITLES.get(org.kind, TITLES["enterprise"]))[1]))

    decoy_orgs = list(DECOY_ORGS.get(employer.official, []))
    authorities = list(AUTHORITIES)
    rng.shuffle(authorities)
    contracts = [make_invalid_id_like(rng) for _ in range(3)]
    certs = [f"{rng.randint(2015, 2023)}{rng.randrange(10**8):08d}" for _ in range(2)]
    cast = Cast(seed, applicant_index, applicant, colleagues, coauthors, decoy, recommenders, reviewer, others,
                decoy_orgs, authorities, REVIEW_BOARDS[kind], hr_landline,
                make_landline(rng, "0471" if rng.random() < 0.5 else "0472"), list(HOTLINES), contracts, certs)
    from .dotted_names import give_dotted_names, has_dotted_name   # imports this module
    if has_dotted_name(seed, applicant_index):
        give_dotted_names(cast)
    return cast


def make_applicants(seed: int, count: int) -> list[Applicant]:
    return [make_cast(seed, i).applicant for i in range(count)]
