"""Does a seal reading show the employer's *distinctive word* in its place?

A partner organisation of the same city and legal form shares almost all of the
employer's name: 包头稀土（集团）有限责任公司 and 包头钢铁（集团）有限责任公司 differ only in 稀土 /
钢铁, 包头市第二医院 and 包头市第一医院 only in 二 / 一, 内蒙古医科大学 and 内蒙古科技大学 only in
医科 / 科技.  An in-order share of the characters counts the shared city, 集团 and the
brackets and calls them the same (issue #10).  So, besides the share, the characters that tell
the employer apart (its core without region prefix and generic organisation words) must be
matched *in place*: at the same offset as the best-matched stretch of the name, so 科 of 医科大学
(one place to the right of 科 in 科技大学) does not count, and 稀土 read where 钢铁 stands
contradicts it.  Half of them is enough (rounded up): a ring read with one confused
character of a two-character word still names the employer (头調铁（集团） for 包头钢铁（集团））.

Generic words (never distinctive): legal forms (有限, 责任, 股份, 控股, 公司, 集团…), organisation
types (大学, 学院, 医院, 研究院, 中心, 政府…), 人民 (人民医院, 人民政府), the ordinal 第, and
brackets.  技术 and 科技 are *not* generic: 内蒙古科技大学 vs 内蒙古医科大学 turns on them.  When a
name is nothing but generic words (包头市中心医院 -> 中心医院), all but its last word are taken as
distinctive (中心), so a 肿瘤医院 is not a 中心医院.

Kept apart from the verifier's own seal-text check (redactor.verify.seals), which must not share
the policy's matcher.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from redactor.org_words import org_words
from redactor.variants.gazetteers import CITY_STEMS
from redactor.variants.organisations import strip_region

GENERIC_ORG_WORDS = org_words().core_generic          # configs/org_words.yaml
_GENERIC = re.compile("|".join(sorted(GENERIC_ORG_WORDS, key=len, reverse=True)) + r"|[()（）\[\]【】]")


def distinctive_positions(core: str) -> list[int]:
    """Positions in ``core`` (an organisation's distinctive core) of the characters that tell it
    apart from other organisations of its city and kind."""
    start = _region_length(core)
    generic = [m.span() for m in _GENERIC.finditer(core) if m.start() >= start]
    covered = {i for a, b in generic for i in range(a, b)}
    keep = [i for i in range(start, len(core)) if i not in covered and core[i].isalnum()]
    if not keep and generic:            # 中心医院: all generic words; all but the type word count
        last = generic[-1][0]
        keep = [i for i in range(start, last) if core[i].isalnum() and core[i] not in "()（）第"]
    return keep


def shows_distinctive_word(reading: str, core: str) -> bool:
    """Are at least half of ``core``'s distinctive characters read in place in ``reading``?"""
    wanted = distinctive_positions(core)
    if not wanted:
        return True
    sm = SequenceMatcher(None, core, reading, autojunk=False)
    blocks = [b for b in sm.get_matching_blocks() if b.size]
    if not blocks:
        return False
    anchor = max(blocks, key=lambda b: b.size)
    shift = anchor.b - anchor.a
    placed = {b.a + k for b in blocks if b.b - b.a == shift for k in range(b.size)}
    found = sum(1 for i in wanted if i in placed)
    return found >= 1 and 2 * found >= len(wanted)


def _region_length(core: str) -> int:
    """Length of a leading region name left in a core (包头 of 包头钢铁(集团)), so that sharing the
    city is not sharing the distinctive word; 0 when the rest would be too short to tell apart."""
    shortest = min(strip_region(core), key=len)
    n = len(core) - len(shortest)
    if n == 0:
        n = next((len(c) for c in CITY_STEMS if core.startswith(c)), 0)
    return n if len(core) - n >= 2 else 0
