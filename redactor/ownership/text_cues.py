"""Is a value of the applicant's, read in running text, really theirs?  The words right around it say.

The applicant's name glued to more characters is part of a longer name (李明 inside 李明华, 韩 冰 inside the
letter-spaced 韩 冰 洁、); the employer's name followed by an institution's or a publication's word is another body
or a venue (北京大学学报, 某某大学附属医院); a derived short name after a place and a name of its own is another
company's (浙江杭州江干下沙某某网络集团有限公司).  Policy reads such boundaries with LAC's words
(``detect/boundary_verdicts``); the final check, which re-reads the output without LAC, asks here -- one judge for
its hits, the plan's own decision first where the plan made one (``recheck.text_hit_decision``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from redactor.normalize import compact
from redactor.org_words import org_words
from redactor.ownership.common_words import words_holding
from redactor.variants.organisations import another_name_before
from redactor.variants.pinyin import pinyin_name_forms
from redactor.variants.text import MIDDLE_DOTS

__all__ = ["boundary_cue", "latin_boundary_cue", "ends_a_common_word", "AFTER_NAME", "LONGER_ORG", "ORG_WINDOW",
           "TITLES_AFTER_NAME"]

# Characters that commonly follow a name in running text or forms (titles, particles, the next label); a name
# followed directly by any other CJK character may be the start of a longer name.
AFTER_NAME = frozenset(
    "教老先女同博的在是和与及等为于从对将把被向给说也都已曾主副院工研讲高签本申性男出民身电手联年月日"
    "、，。；：！？）》」』】…—"
)
# A run of CJK characters after an employer name that makes it another institution or a publication or document
# title, not the employer itself.
LONGER_ORG = org_words().longer_names                 # configs/org_words.yaml
ORG_WINDOW = 8        # characters after an employer name searched for a longer institution's word
# Words that after a name make it a person's whatever precedes it (新高峰同志 is 高峰, addressed)
TITLES_AFTER_NAME = ("同志", "老师", "教授", "博士", "先生", "女士", "主任", "院长", "工程师", "医生", "医师", "等")


def ends_a_common_word(before: str, name: str) -> str | None:
    """The common-word lexicon's word (``ownership.common_words``) that the characters printed right before a
    name and the name spell, the name its end (蓝天 + 白云, 勇攀 + 高峰), or None.  A name that is also a word
    ends such a word as the word, not as the person; policy asks this with LAC's word ends as a further
    bound (``detect``'s ``_in_a_lexicon_word``), the final check with what it reads on the row."""
    if not name or len(name) > 3 or not before or not _cjk(before[-1]):
        return None
    for word in words_holding(name):
        if word.endswith(name) and (before + name).endswith(word):
            return word
    return None


def _cjk(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"


def boundary_cue(category: str, kind: str, key_length: int, tail: str, spaced_goes_on: bool = False,
                 before_on_row: str = "", key: str = "") -> str | None:
    """Why a hit of the applicant's value is someone else's, or None when nothing around it says so.
    ``category``: the value's (``name``, ``employer`` ...); ``kind``: its form (``employer_derived`` ...);
    ``tail``: the characters right after it (no whitespace); ``spaced_goes_on``: its letter-spacing runs on over
    one or two more characters before a separator; ``before_on_row``: what is printed right before it; ``key``:
    the value as found (a name that ends a common word, ``ends_a_common_word``)."""
    if category == "name" and spaced_goes_on:
        return "a longer letter-spaced name (another person's)"       # no example names: the audit carries it
    if category == "name" and tail and _cjk(tail[0]) and tail[0] not in AFTER_NAME:
        if any(tail.startswith(w) for w in LONGER_ORG) or key_length <= 3:
            return "inside a longer CJK word (another person's name or an institution)"
    if category == "name" and key and ends_a_common_word(before_on_row, key) \
            and not any(tail.startswith(t) for t in TITLES_AFTER_NAME):
        return "the end of a common word of the lexicon"
    if kind == "employer_derived" and another_name_before(before_on_row):
        return "the end of another organisation's name (a place, then a name of its own before it)"
    if category == "employer" and tail and _cjk(tail[0]):
        if any(w in tail[:ORG_WINDOW] for w in LONGER_ORG):
            return "inside a longer institution or publication name"
    return None


# A romanised name is the romanisation of the CJK name printed right before it on its row (a paper's bilingual
# author line: 汪方 WANG Fang; 王芳（Wang Fang）), only spaces or an opening bracket between.  The name is read
# back as far as this many characters (a compound surname and a two-character given name, or a transliterated
# name in words); the shortest one whose pinyin spells the romanisation is the one it romanises.
ROMANISED_NAME_CHARS = 8
_CJK_TAIL = re.compile(r"([\u3400-\u9fff\uf900-\ufaff·•・\u3000 ]+?)[ \t\u3000\xa0]*[（(]?[ \t\u3000\xa0]*$")
# An English organisation name that goes on past the employer's with "of" or "for" and a capitalised word is another
# body's whose name begins with the employer's (Inner Mongolia University of Technology for Inner Mongolia University).
_LATIN_ORG_GOES_ON = re.compile(r"[ \t\xa0]+(?:of|for)[ \t\xa0]+[A-Z]")


def _letters(text: str) -> str:
    return "".join(c for c in text.lower() if "a" <= c <= "z")


def romanised_name_before(before: str, latin: str) -> str | None:
    """The CJK name printed right before a romanised name (``before``: the row's text up to it) that the
    romanisation spells, or None: 汪方 for WANG Fang after 汪方."""
    m = _CJK_TAIL.search(before[-3 * ROMANISED_NAME_CHARS:])
    if m is None:
        return None
    run = "".join(c for c in m.group(1) if not c.isspace())
    letters = _letters(latin)
    for k in range(2, min(len(run), ROMANISED_NAME_CHARS) + 1):
        name = run[-k:]
        if name[0] not in "·•・" and letters in _spellings(name):
            return name
    return None


@functools.lru_cache(maxsize=1024)
def _spellings(name: str) -> frozenset[str]:
    """The letters of every full pinyin spelling of ``name`` (both orders, every reading)."""
    return frozenset(_letters(f.text) for f in pinyin_name_forms(name, "") if f.kind == "pinyin_name")


def _name_key(name: str) -> str:
    """A CJK name compared without its middle dot, however it is printed (塔娜•巴特尔, 塔娜·巴特尔, 塔娜・巴特尔)."""
    return compact(name.translate(MIDDLE_DOTS)).replace("·", "")


def latin_boundary_cue(category: str, latin: str, before_on_row: str, after: str, own_names: Iterable[str]) -> str | None:
    """Why a romanised hit of the applicant's value (their pinyin name, their employer's English name) is someone
    else's, or None.  ``before_on_row``: the row's text right before it; ``after``: the characters right after it,
    spaces included; ``own_names``: the applicant's CJK names.  One judge for policy (``detect``'s boundary of a
    match) and the final check (``verify.search``)."""
    if category in ("name", "name_aliases"):
        name = romanised_name_before(before_on_row, latin)
        if name is not None and _name_key(name) not in {_name_key(n) for n in own_names if n}:
            return "the romanisation of another person's name printed right before it (a homophone's pinyin)"
    if category == "employer" and _LATIN_ORG_GOES_ON.match(after):
        return "the start of another organisation's English name (… University of Technology)"
    return None
