"""Applicants whose name is also a common word (高峰, 文明, 黎明), and a work summary that uses that word as a word.

Issue 49, class 5: a two-character name that is a noun or an adjective in running text (国家级高峰论坛, 全国文明城市)
must go where it names the applicant and stay where it is the word.  Every applicant of the ``words`` subset
(``benchmarks.run --subset words``) gets such a name -- drawn per seed and applicant on a stream of its own -- and
the dossier holds ``zongjie_words``, a 个人工作总结 that names the applicant (its head, its opening, the group named
after them -- 依托<name>团队, drawn on a stream of its own --, a project led, the signature block) and uses the word
in three sentences of its prose, each use a decoy that must be *kept*
(``category: name``, ``owner: other``, ``form: name_as_word``).  Other subsets never rename anyone and never draw
the summary (``catalog.WORDS`` is not among ``VARIETY``), so every existing seed keeps its documents.

The names are real-sounding (a surname + a one-character given name); each use puts the word where running text
puts it: a modifier before it (国家级, 用电), a noun glued after it (论坛, 地区, 调查), a verb's object (攀登), an
adjective's place (医术高明).  Synthetic people only.
"""

from __future__ import annotations

import random
from typing import Callable

from .documents import YEAR, BuiltDoc, Tags, fmt_id, fmt_mobile
from .draw import DocBuilder, T
from .people import Cast

__all__ = ["BUILDERS", "DOC_TITLES", "WORD_NAMES", "give_word_name"]

# name -> (surname, given, surname pinyin, given pinyin, a woman's name, sentences using the name as a word ({w}))
WORD_NAMES: dict[str, tuple[str, str, str, str, bool, tuple[str, ...]]] = {
    "高峰": ("高", "峰", "gao", "feng", False, (
        "受邀参加国家级{w}论坛并作专题报告，", "在迎峰度夏用电{w}时段组织设备巡检，", "立志攀登行业技术{w}，")),
    "文明": ("文", "明", "wen", "ming", False, (
        "所在科室连续三年被评为{w}科室，", "积极参与全国{w}城市创建工作，", "推进精神{w}建设和职业道德教育，")),
    "黎明": ("黎", "明", "li", "ming", False, (
        "多次在{w}前完成抢修任务，", "带领班组于{w}时分恢复供电，", "连续作业至{w}，")),
    "高原": ("高", "原", "gao", "yuan", False, (
        "赴{w}地区开展技术帮扶，", "完成{w}环境下设备适应性试验，", "总结了{w}缺氧条件下的施工经验，")),
    "田野": ("田", "野", "tian", "ye", False, (
        "开展{w}调查二十余次，", "深入{w}一线采集样本，", "整理{w}观测数据并建立数据库，")),
    "华夏": ("华", "夏", "hua", "xia", False, (
        "参与编写《{w}工匠》系列读本，", "弘扬{w}优秀传统文化，", "在{w}科技论坛上交流成果，")),
    "林海": ("林", "海", "lin", "hai", False, (
        "在大兴安岭{w}中完成测绘任务，", "守护{w}雪原的生态安全，", "参与{w}防火监测系统建设，")),
    "宁静": ("宁", "静", "ning", "jing", True, (
        "营造{w}有序的诊疗环境，", "为患者提供{w}舒适的病房，", "保持实验室{w}整洁，")),
    "高明": ("高", "明", "gao", "ming", False, (
        "其医术{w}、待人热忱，", "方法{w}之处在于简便易行，", "以{w}的技术赢得同行认可，")),
    "白云": ("白", "云", "bai", "yun", True, (
        "赴{w}鄂博矿区开展稀土资源调查，", "守护蓝天{w}的生态环境，", "参与{w}鄂博铁矿尾矿综合利用研究，")),
    "常青": ("常", "青", "chang", "qing", True, (
        "参与万亩{w}林带养护工作，", "使老旧设备焕发{w}活力，", "保持创新{w}的工作状态，")),
}
WORD_NAME_SALT = 1
# groups named after the person who leads them, each with what the summary says it did
NAMED_GROUPS: tuple[tuple[str, str], ...] = (
    ("团队", "完成了关键设备的技术攻关"), ("课题组", "发表核心期刊论文三篇"), ("工作室", "开展技能传承活动十余次"),
    ("创新工作室", "获得实用新型专利两项"), ("攻关组", "解决了生产中的技术难题"))


def give_word_name(cast: Cast) -> None:
    """Rename the cast's applicant (in place) to a name that is also a word, drawn on a stream of its own; their
    pinyin alias, e-mail and scenario follow (``+word_name``), their gender does not (a name of theirs is drawn).
    Nobody else is renamed; a person whose name would
    then hold the applicant's, or be held by it, is no decoy this subset draws, so none is left so."""
    from .people import _email

    rng = random.Random(f"word-name:{WORD_NAME_SALT}:{cast.seed}:{cast.applicant_index}")
    a = cast.applicant
    others = {p.name for p in cast.everyone_else}
    female = a.gender == "女"          # (the ID number's sex digit was drawn with the gender: it stays)
    free = [n for n in WORD_NAMES if not any(n in o or o in n for o in others)]
    choices = [n for n in free if WORD_NAMES[n][4] == female] or free or list(WORD_NAMES)
    name = rng.choice(choices)
    sur, giv, sp, gp, _, _ = WORD_NAMES[name]
    former = a.name_aliases[1:]
    a.name, a.surname, a.given, a.surname_py, a.given_py, a.words = name, sur, giv, sp, gp, ()
    a.email = _email(rng, sp, gp, a.birth, a.employer)
    a.emails = [a.email]
    a.name_aliases = [f"{sp.upper()} {gp.capitalize()}", *(f for f in former if f != name)]
    a.scenario += "+word_name"


def build_zongjie_words(cast: Cast, rng: random.Random) -> BuiltDoc:
    """个人工作总结: the applicant named four times; their name used as a word three times in the prose."""
    a, tg = cast.applicant, Tags(cast)
    emp = a.employer
    uses = WORD_NAMES.get(a.name, (None,) * 5 + ((),))[5]
    b = DocBuilder("zongjie_words", rng)
    s = b.new_page()
    s.text(297.5, 80, "个人专业技术工作总结", 20, align="center", bold=True)
    s.text(72, 118, [("姓名：", None), (a.name, tg.name(a)), ("    单位：", None), (emp.official, tg.org(emp))], 12)
    x, w, size = 72.0, 451.0, 12.0
    y = 150.0
    y = s.paragraph(x, y, w, [("本人", None), (a.name, tg.name(a)), (f"，{a.birth.year}年{a.birth.month}月出生，"
                                                                  f"现任{a.department[0]}{a.title}。", None)],
                    size, leading=1.75)[0] + 4
    word = T("name", "other", "name_as_word", role="word")
    for i, sentence in enumerate(rng.sample(list(uses), len(uses)) if uses else []):
        head, tail = sentence.split("{w}")
        lead = ("任现职以来，" if i == 0 else "同时，" if i == 1 else "此外，")
        y = s.paragraph(x, y, w, [(lead + head, None), (a.name, word), (tail.rstrip("，") + "。", None)],
                        size, leading=1.75)[0] + 4
    # the applicant's group, named after them (依托<name>团队): the name, not the word -- drawn on a stream of its own,
    # so every other draw of a seed's summary stays as it was
    group_rng = random.Random(f"word-group:{WORD_NAME_SALT}:{cast.seed}:{cast.applicant_index}")
    group, work = group_rng.choice(NAMED_GROUPS)
    y = s.paragraph(x, y, w, [("依托", None), (a.name, tg.name(a)), (f"{group}{work}。", None)],
                    size, leading=1.75)[0] + 4
    c0 = cast.colleagues[0]
    y = s.paragraph(x, y, w, [("由", None), (a.name, tg.name(a)), ("主持、", None), (c0.name, tg.name(c0)),
                              ("参与的课题通过了", None), (cast.authorities[0].official, tg.org(cast.authorities[0])),
                              ("组织的验收。", None)], size, leading=1.75)[0] + 30
    s.text(330, y, [("总结人：", None), (a.name, tg.name(a))], 12)
    s.text(330, y + 24, [("身份证号：", None), (fmt_id(a.id_number, "id_plain"), tg.id("applicant", "id_plain"))], 10.5)
    s.text(330, y + 44, [("联系电话：", None), (fmt_mobile(a.mobile, "phone_plain"), tg.phone("applicant", "phone_plain"))],
           10.5)
    s.text(330, y + 66, f"{YEAR}年6月{rng.randint(1, 28)}日", 12)
    pdf, inst = b.finish()
    return BuiltDoc("zongjie_words", "个人工作总结（姓名也是常用词）", pdf, inst)


BUILDERS: dict[str, Callable[[Cast, random.Random], BuiltDoc]] = {"zongjie_words": build_zongjie_words}
DOC_TITLES: dict[str, str] = {"zongjie_words": "个人工作总结（姓名也是常用词）"}
