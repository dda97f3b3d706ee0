"""Names that are also words, read in the contexts that name a person and in those that use the word.

    python -m benchmarks.name_word_contexts [--redactor CMD] [--keep DIR]

For every name of the ``words`` subset (``benchmarks.corpus.word_names.WORD_NAMES``: 高峰, 文明, 宁静 ...) one
born-digital page prints the name in ``PERSON_CONTEXTS`` (由<name>负责, 依托<name>团队, <name>带领班组 ...: each names
the person, so the name must go) and in the subset's three sentences that use it as a word (which must stay).  Each
page goes through ``redactor redact`` as a user runs it; the output's own text layer is searched for every context
as printed.  Reported: person contexts left (leaks) and word uses removed (over-redaction), with the contexts.

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
# a profile's other fields (a valid synthetic ID number and phone; the page prints neither)
_PROFILE = "id_number: '150203198507026306'\nphones: ['13904711234']\nemployers: ['包头市中心医院']\n"


def _page(path: Path, name: str) -> None:
    doc = pymupdf.open()
    p = doc.new_page(width=595, height=842)
    y = 60.0
    lines = [c.format(n=name) + "。" for c in PERSON_CONTEXTS]
    lines += [u.format(w=name).rstrip("，") + "。" for u in WORD_NAMES[name][5]]
    for line in lines:
        p.insert_text((60, y), line, fontname="china-s", fontsize=11)
        y += 22
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
    try:
        for i, name in enumerate(WORD_NAMES):
            pdf, profile = work / f"n{i}.pdf", work / f"n{i}.yaml"
            _page(pdf, name)
            profile.write_text(f"name: {name}\n{_PROFILE}", encoding="utf-8")
            cmd = f"{args.redactor} redact {shlex.quote(str(pdf))} --profile {shlex.quote(str(profile))} " \
                  f"--out {shlex.quote(str(work / 'out'))}"
            subprocess.run(cmd, shell=True, check=True, capture_output=True)
            with pymupdf.open(work / "out" / f"n{i}.redacted.pdf") as doc:
                text = "".join("".join(pg.get_text().split()) for pg in doc)
            left += [c.format(n=name) for c in PERSON_CONTEXTS if c.format(n=name) in text]
            lost += [s for u in WORD_NAMES[name][5] if (s := u.format(w=name).rstrip("，")) not in text]
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    n = len(WORD_NAMES)
    print(f"person contexts left (leaks): {len(left)} of {n * len(PERSON_CONTEXTS)}  {' '.join(left)}")
    print(f"word uses removed (over-redaction): {len(lost)} of {n * 3}  {' '.join(lost)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
