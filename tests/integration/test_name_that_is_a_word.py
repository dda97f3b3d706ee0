"""An applicant whose name is also a common word (文明: "civilised") keeps that word where running text uses it as
one (issue 49 class 5: 全国文明城市 was removed for an applicant 文明), and loses their name wherever the text names
the person: after a label or a colon, in an author list, before 同志 or a bio's birth year, as the subject of a
sentence.  Checked on the output's own text layer; the final check passes the output as it stands.  Synthetic
names only."""

from __future__ import annotations

import json

import pymupdf
import pytest

from redactor.config import profile_from_mapping
from redactor.normalize import compact
from tests.synth import APPLICANT, PdfWriter

NAME = "文明"

WORD_LINES = ("包头市荣获全国文明城市称号，文明创建工作成效显著。",     # an adjective, an adverb
              "我市精神文明建设取得新进展，积极参与创建文明单位。")       # inside 精神文明; 文明单位
PERSON_LINES = ("申请人：文明", "作者：文明、李强、王伟", "文明（1985—），男，内蒙古包头人，高级工程师。",
                "由文明负责数据采集，文明同志主持了验收。")


def _redacted(tmp_path, pipeline, name: str, lines) -> tuple[str, dict]:
    """The output's own text (compacted) and audit of a page of ``lines`` for an applicant named ``name``."""
    w = PdfWriter()
    for line in lines:
        w.line(line)
    src = w.save(tmp_path / "summary.pdf")
    profile = profile_from_mapping({**APPLICANT.profile(), "name": name, "name_aliases": []})
    outcome = pipeline.run(str(src), profile, str(tmp_path / "out"), "summary")
    assert outcome.ok
    with pymupdf.open(outcome.output_pdf) as doc:
        text = compact("".join(p.get_text() for p in doc))
    return text, json.loads(open(outcome.audit_json, encoding="utf-8").read())


def test_the_word_stays_and_the_person_goes(tmp_path, text_pipeline):
    text, audit = _redacted(tmp_path, text_pipeline, NAME, (*WORD_LINES, *PERSON_LINES))
    for kept in ("全国文明城市", "文明创建", "精神文明建设", "创建文明单位"):
        assert kept in text, f"the word was removed: {kept}"
    for gone in ("申请人：文明", "作者：文明", "文明（1985", "由文明", "文明同志"):
        assert gone not in text, f"the applicant's name stayed: {gone}"
    assert "李强" in text and "王伟" in text
    assert text.count(NAME) == 4, text            # the four uses as a word, nothing else
    words = [k for k in audit["kept"] if k["rule"] == "boundary.name_used_as_word"]
    assert len(words) == 4, [k["rule"] for k in audit["kept"]]
    assert not audit["repairs"] and audit["verification"]["passed"]


# 高峰 ("peak") and 高原 ("plateau") are nouns: LAC tags the name and the word alike (高峰/n 论坛/n, 高峰/n 团队/n), so
# the common-word lexicon (``ownership.common_words``) tells the word (高峰论坛, 高原地区, 黎明前) from a compound named
# after the person (高峰团队) -- and never across LAC's words (高峰会同: the lexicon's 高峰会 cuts 会同).  A name that
# ends a lexicon word is the word before a particle or a stop too (蓝天白云的, 勇攀高峰。), which the final check
# reads the same way (``text_cues.ends_a_common_word``); a title after it addresses the person (新高峰同志).  A
# lexicon word inside one of LAC's longer words is the word too (白云鄂 in the place 白云鄂博矿区).
NOUN_CASES = (
    ("高峰", ("受邀参加国家级高峰论坛并作专题报告。", "立志勇攀高峰。"), ("高峰论坛", "勇攀高峰。"),
     ("高峰团队完成了验收。", "高峰会同财务处完成审计。", "欢迎新高峰同志。"), ("高峰团队", "高峰会同", "新高峰同志")),
    ("白云", ("守护蓝天白云的生态环境。",), ("蓝天白云的",), ("由白云负责验收。",), ("由白云负责",)),
    # words seed 64955: the name starts a place's name -- a lexicon word (白云鄂) inside LAC's longer word, its place
    # 白云鄂博矿区 or its body 白云鄂博铁矿
    ("白云", ("赴白云鄂博矿区开展稀土资源调查。", "参与白云鄂博铁矿尾矿综合利用研究。"), ("白云鄂博矿区", "白云鄂博铁矿"),
     ("由白云负责验收。", "本人白云，1985年出生。"), ("由白云负责", "本人白云")),
    ("高原", ("赴高原地区开展技术帮扶。",), ("高原地区",), ("由高原主持课题。",), ("由高原主持",)),
    ("黎明", ("多次在黎明前完成抢修任务。",), ("黎明前完成",), ("黎明前往现场。",), ("黎明前往",)),
)


def _words_stay_and_names_go(tmp_path, pipeline, name, word_lines, kept, person_lines, gone) -> dict:
    """The output of a page of ``word_lines`` and ``person_lines`` for an applicant ``name``: every ``kept`` run
    still in its text, no ``gone`` run, the name nowhere else.  Returns the audit."""
    text, audit = _redacted(tmp_path, pipeline, name, (*word_lines, *person_lines))
    for k in kept:
        assert k in text, f"the word was removed: {k}"
    for g in gone:
        assert g not in text, f"the applicant's name stayed: {g}"
    assert text.count(name) == len(kept), text
    return audit


@pytest.mark.parametrize(("name", "word_lines", "kept", "person_lines", "gone"), NOUN_CASES)
def test_a_noun_name_stays_inside_a_common_word(tmp_path, text_pipeline, name, word_lines, kept, person_lines, gone):
    audit = _words_stay_and_names_go(tmp_path, text_pipeline, name, word_lines, kept, person_lines, gone)
    words = [k for k in audit["kept"] if k["rule"] == "boundary.name_used_as_word"]
    assert len(words) == len(kept) and all(k.get("evidence") != "" for k in words)
    assert not audit["repairs"] and audit["verification"]["passed"]


def test_the_audit_names_no_example_that_is_the_applicants_value(tmp_path, text_pipeline):
    """The reasons the audit carries hold no example words: an applicant named 白云 kept 蓝天白云 as a word, and the
    reason said "(蓝天白云, 勇攀高峰)" -- the applicant's name in the audit (words seed 66310); a journal named after
    the employer (内蒙古大学学报) gave the employer's name the same way.  Neither value appears in the audit."""
    w = PdfWriter()
    for line in ("守护蓝天白云的生态环境。", "论文发表于内蒙古大学学报。", "由白云主持验收。"):
        w.line(line)
    src = w.save(tmp_path / "summary.pdf")
    profile = profile_from_mapping({**APPLICANT.profile(), "name": "白云", "name_aliases": [],
                                    "employers": ["内蒙古大学"]})
    outcome = text_pipeline.run(str(src), profile, str(tmp_path / "out"), "summary")
    assert outcome.ok
    audit = open(outcome.audit_json, encoding="utf-8").read()
    rules = {k["rule"] for k in json.loads(audit)["kept"]}
    assert "boundary.name_used_as_word" in rules and len(rules) >= 2, rules     # the word, and the journal's name
    assert "白云" not in audit and "内蒙古大学" not in audit


# Found probing the names-as-words rule against LAC's tags (words seed 61967's names): LAC tags 宁静 an adjective
# before 课题组 and 团队 (宁静/a 课题组/n), an adjective's tag made the name a word, and the applicant's own group went
# out kept -- a silent leak, the final check reading a name glued to a noun as a longer word.  A group named after
# its head (the lexicon's ``grammar.named_groups``) names that person; LAC calls 常青 a place there (常青/LOC 团队/n).
GROUP_CASES = (
    ("宁静", ("营造宁静有序的诊疗环境。",), ("营造宁静有序",), ("宁静课题组发表论文三篇。", "依托宁静团队开展技术攻关。",
                                                      "宁静科研团队完成攻关。", "宁静带领班组完成抢修。"),
     ("宁静课题组", "宁静团队", "宁静科研团队", "宁静带领")),
    # an adjective's tag before a verb is the verb's subject (宁静/ad 带领/v); a verbal noun after it stays the word's
    ("文明", ("包头市荣获全国文明城市称号，文明创建工作成效显著。",), ("全国文明城市", "文明创建"),
     ("文明科研团队完成攻关。",), ("文明科研团队",)),
    ("常青", (), (), ("依托常青团队完成攻关。", "常青创新工作室获得专利两项。"), ("常青团队", "常青创新工作室")),
)


@pytest.mark.parametrize(("name", "word_lines", "kept", "person_lines", "gone"), GROUP_CASES)
def test_a_group_named_after_the_applicant_names_them(tmp_path, text_pipeline, name, word_lines, kept, person_lines,
                                                      gone):
    audit = _words_stay_and_names_go(tmp_path, text_pipeline, name, word_lines, kept, person_lines, gone)
    assert not audit["repairs"] and audit["verification"]["passed"]


# Found probing names-as-words with person contexts this team had not tuned on (a dossier's captions and lists:
# 宁静职称证书, 文明学位证书): LAC tags the name an adjective before the noun it owns (宁静/a 职称/n), and that tag
# alone made it the word -- 88 of 814 such contexts went out with the applicant's name, the final check reading a
# name glued to a noun as a longer word.  Before a noun or a verbal noun the name may own, an adjective's tag is no
# evidence (``POSSESSED_CLASSES``); an adverb's (文明/ad 创建/vn) and an adjective's before another (宁静有序) are.
OWNED_CASES = (
    ("宁静", ("营造宁静有序的诊疗环境。",), ("营造宁静有序",),
     ("宁静职称证书复印件一份。", "宁静个人简历见附件。", "宁静申报材料已审核。"), ("宁静职称", "宁静个人", "宁静申报")),
    ("文明", ("包头市荣获全国文明城市称号，文明创建工作成效显著。",), ("全国文明城市", "文明创建"),
     ("文明学位证书一份。", "文明述职报告已提交。"), ("文明学位", "文明述职")),
)


@pytest.mark.parametrize(("name", "word_lines", "kept", "person_lines", "gone"), OWNED_CASES)
def test_a_name_glued_to_what_it_owns_is_the_person(tmp_path, text_pipeline, name, word_lines, kept, person_lines,
                                                    gone):
    audit = _words_stay_and_names_go(tmp_path, text_pipeline, name, word_lines, kept, person_lines, gone)
    assert not audit["repairs"] and audit["verification"]["passed"]
