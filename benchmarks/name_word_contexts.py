"""Names that are also words, read in the contexts that name a person and in those that use the word.

    python -m benchmarks.name_word_contexts [--redactor CMD] [--keep DIR]

For every name of the ``words`` subset (``benchmarks.corpus.word_names.WORD_NAMES``: 高峰, 文明, 宁静 ...) one
born-digital document prints the name in ``PERSON_CONTEXTS`` (由<name>负责, 依托<name>团队, <name>带领班组 ...: each
names the person, so the name must go), in ``OWNED_CONTEXTS`` (<name>职称证书, <name>简历, 在<name>指导下: what the
person owns or does, the name must go too) and in the subset's three sentences that use it as a word (which must
stay).  Each document goes through ``redactor redact`` as a user runs it; the output's own text layer is searched
for every context as printed.  Reported: person and owned contexts left (leaks) and word uses removed
(over-redaction), with the contexts.

Issue 49, class 5: LAC tags these names by context, and its tags are the same for the person and the word
(宁静/a 课题组 and 宁静/a 有序; 田野/n 负责 and 田野/n 调查), so each rule that keeps a word risks keeping a person.
This probe measures both sides of every such change.  Synthetic names only; the work folder is deleted.
"""

from __future__ import annotations

import argparse
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pymupdf

from benchmarks.corpus.word_names import WORD_NAMES

PERSON_CONTEXTS = ("由{n}负责", "{n}主持课题", "依托{n}团队", "本人{n}，", "{n}同志", "感谢{n}老师", "{n}与李强", "{n}撰写论文",
                   "作者：{n}", "{n}技术团队", "{n}科研团队完成", "指导{n}完成", "{n}带领班组", "{n}获得", "推荐{n}申报",
                   "{n}现任", "{n}参与", "{n}所在科室", "{n}个人", "{n}名下", "{n}主编", "经{n}审核", "{n}设计的方案",
                   "{n}提出", "{n}牵头", "{n}等人")
# What a name glued before it owns, as a dossier's captions, lists and sentences print it (宁静职称证书, 文明个人简历,
# 在宁静指导下): written as held-out person contexts before the rule they test (``POSSESSED_CLASSES`` in detect's
# applicant-value recogniser) and measured at main before it.
OWNED_CONTEXTS = (
    "{n}学位证书复印件", "附件：{n}毕业证书", "{n}职称证书", "{n}获奖证书", "{n}照片", "{n}个人简历", "{n}简历", "{n}档案",
    "{n}论文目录", "{n}专利证书", "{n}业绩材料", "{n}申报材料", "{n}事迹材料", "{n}书记", "{n}经理", "{n}科长", "{n}研究员",
    "{n}护士长", "{n}组长", "{n}队长", "{n}委员", "{n}代表", "{n}爱人", "{n}家属", "{n}妻子", "{n}父亲", "{n}同学",
    "{n}劳模创新工作室", "{n}名医工作室", "{n}创新工作室", "{n}项目组", "{n}小组", "{n}课题", "{n}成果", "{n}专家", "{n}户口",
    "在{n}指导下完成", "由{n}指导", "{n}手机号码", "{n}联系方式", "{n}签名", "{n}工资", "{n}账户", "{n}任职期间",
    "{n}在职期间", "{n}任职文件", "{n}职务", "{n}岗位", "{n}绩效", "{n}考核结果", "{n}年度考核", "{n}聘书", "{n}聘任文件",
    "{n}主持的项目", "{n}负责的课题", "{n}论文", "{n}著作", "{n}业绩", "{n}情况说明", "{n}工作总结", "{n}述职报告",
    "{n}个人总结", "{n}先进事迹", "{n}工作室", "{n}技能大师工作室", "{n}专家工作站", "{n}团队成员", "{n}学生", "{n}导师",
    "{n}师傅", "{n}徒弟", "{n}本人", "{n}夫妇", "{n}一家")
_LINES_PER_PAGE = 30
# a profile's other fields (a valid synthetic ID number and phone; the page prints neither)
_PROFILE = "id_number: '150203198507026306'\nphones: ['13904711234']\nemployers: ['包头市中心医院']\n"


def _pages(path: Path, name: str) -> None:
    doc = pymupdf.open()
    lines = [c.format(n=name) + "。" for c in (*PERSON_CONTEXTS, *OWNED_CONTEXTS)]
    lines += [u.format(w=name).rstrip("，") + "。" for u in WORD_NAMES[name][5]]
    for k in range(0, len(lines), _LINES_PER_PAGE):
        p = doc.new_page(width=595, height=842)
        for i, line in enumerate(lines[k:k + _LINES_PER_PAGE]):
            p.insert_text((60, 60 + 24 * i), line, fontname="china-s", fontsize=11)
    doc.save(path)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--redactor", default=f"{shlex.quote(sys.executable)} -m redactor",
                    help="the command that runs redactor (default: this interpreter's)")
    ap.add_argument("--keep", type=Path, default=None, help="keep the pages and outputs here")
    args = ap.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="name-words-"))
    work.mkdir(parents=True, exist_ok=True)
    left: list[str] = []
    lost: list[str] = []
    owned: list[str] = []
    try:
        for i, name in enumerate(WORD_NAMES):
            pdf, profile = work / f"n{i}.pdf", work / f"n{i}.yaml"
            _pages(pdf, name)
            profile.write_text(f"name: {name}\n{_PROFILE}", encoding="utf-8")
            cmd = f"{args.redactor} redact {shlex.quote(str(pdf))} --profile {shlex.quote(str(profile))} " \
                  f"--out {shlex.quote(str(work / 'out'))}"
            subprocess.run(cmd, shell=True, check=True, capture_output=True)
            with pymupdf.open(work / "out" / f"n{i}.redacted.pdf") as doc:
                text = "\n".join("".join(pg.get_text().split()) for pg in doc)
            left += [c.format(n=name) for c in PERSON_CONTEXTS if c.format(n=name) in text]
            owned += [c.format(n=name) for c in OWNED_CONTEXTS if c.format(n=name) in text]
            lost += [s for u in WORD_NAMES[name][5] if (s := u.format(w=name).rstrip("，")) not in text]
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    n = len(WORD_NAMES)
    print(f"person contexts left (leaks): {len(left)} of {n * len(PERSON_CONTEXTS)}  {' '.join(left)}")
    print(f"owned contexts left (leaks): {len(owned)} of {n * len(OWNED_CONTEXTS)}  {' '.join(owned)}")
    print(f"word uses removed (over-redaction): {len(lost)} of {n * 3}  {' '.join(lost)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
