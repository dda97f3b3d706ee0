"""Does a stamp's reading name the employer?  One comparison for policy and the final check.

Ring text read off a curved stamp is partial and has confused characters, so it is compared with the employer's
names rather than matched: ``employer_similarity`` (the share of the employer's distinctive core read in order, its
distinctive word in its place: ``seal_name_core``) and ``reads_as`` (a contiguous run of most of a name's
characters, or most of them in order with most of its core -- the part of a ring under a redaction box lowers what
is asked).  Either is a reading of the employer; policy asks it of detection's reading, the final check of its own
(other eyes, one judge).  Another body of the same city, legal form and kind shares only the generic words and is
not the employer (包头稀土（集团） for 包头钢铁（集团）, 第二医院 for 第一医院, 医科大学 for 科技大学).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from redactor.normalize import is_cjk
from redactor.org_words import alternation, org_words
from redactor.ownership.seal_name_core import shows_distinctive_word
from redactor.variants import distinctive_core
from redactor.variants.gazetteers import CITY_STEMS, PROVINCE_SHORTS, PROVINCES
from redactor.variants.organisations import strip_region

__all__ = ["employer_similarity", "reads_as", "names_employer", "SEAL_SIMILARITY"]

SEAL_SIMILARITY = 0.7       # share of the employer's distinctive core a reading shows, in order, to be the employer's
_MIN_SHARE = 0.7            # one contiguous run of this share of a name names it
_MIN_ALIGNED = 0.8          # ...or this much of it in order, with ``_MIN_CORE`` of its distinctive core among it
_MIN_CORE = 0.75
_MAX_HIDDEN = 0.4           # the share of a ring's text band under redaction fill that lowers ``_MIN_ALIGNED``, at most
# 有限责任(公司) read with one or two confused characters off a seal ring (有增贵任): a legal suffix, not the name's
_GARBLED_LEGAL_SUFFIX = re.compile(r"有[\u4e00-\u9fff]{2}任(?:公司?)?$|有[\u4e00-\u9fff]{2}任(?=[\u4e00-\u9fff]{2,}$)")
_DATE_IN_SEAL = re.compile(r"[0-9０-９〇零一二三四五六七八九十]{2,4}\s*[年/.\-]\s*[0-9０-９一二三四五六七八九十]{1,2}\s*\S?\s*"
                           r"[0-9０-９一二三四五六七八九十]{1,3}\s*日?|[0-9]+")
_ORG_WORD = re.compile(f"(?:{alternation(org_words().seal_reading_kinds)})")      # configs/org_words.yaml
# never what sets an employer apart from another body of its city and kind (``_word_in_place``)
_GENERIC = re.compile(alternation(org_words().seal_reading_generic) + "|" + _ORG_WORD.pattern)
_PLACE_PREFIXES = tuple(sorted({*CITY_STEMS, *PROVINCES, *PROVINCE_SHORTS}, key=len, reverse=True))
_COUNTRY = ("中国", "中华")          # 中国建设银行 and 中国农业银行 share it as banks of a city share the city


def names_employer(reading: str, employers: Sequence[str], hidden: float = 0.0) -> float:
    """How surely ``reading`` names the employer, 0..1: ``employer_similarity``, scaled up where part of the ring
    lies under a redaction box (``hidden``: the share of its text band painted over, at most ``_MAX_HIDDEN``):
    those letters cannot be read, so what shows is compared with what could show."""
    sim = employer_similarity(reading, employers)
    return min(1.0, sim / (1.0 - min(max(hidden, 0.0), _MAX_HIDDEN))) if sim > 0 else 0.0


def employer_similarity(text: str, employers: Sequence[str]) -> float:
    """How much of the employer's name a seal reading shows, 0..1.

    Both names are reduced to their distinctive core (no region prefix, no legal suffix), so sharing 包头市 or
    有限责任公司 counts for nothing.  The score is the share of the employer's core found, in order, in the
    reading; it is 0 when most of the reading is something else (内蒙古科技大学包头医学院 is not 内蒙古科技大学),
    and 0 when the employer's distinctive word is not read in its place (包头稀土（集团） is not 包头钢铁（集团）).
    """
    # a date stamped over the seal is read with it (2024年6月17日): not seal text
    text = _DATE_IN_SEAL.sub("", text)
    # the detector joins the ring's reading and the seal's horizontal lines (技术中心, 专用章) with spaces: the
    # ring alone names the organisation
    parts = [text] + [p for p in text.split() if p != text.strip()]
    best = 0.0
    for part in parts:
        t = _GARBLED_LEGAL_SUFFIX.sub("", distinctive_core(part))
        if len(t) < 3:
            continue
        for e in employers:
            c = distinctive_core(e)
            if len(c) < 3 or not any(is_cjk(ch) for ch in c):
                continue
            t = _without_cut_prefix(t, e, c)
            # as written, and without punctuation: a ring's （集团） is read as ，集团 or 集团
            for t_, c_ in ((t, c), (_letters(t), _letters(c))):
                if len(t_) < 3 or len(c_) < 3:
                    continue
                sm = SequenceMatcher(None, t_, c_, autojunk=False)
                matched = sum(b.size for b in sm.get_matching_blocks())
                if matched >= 3 and matched / len(t_) >= 0.5 and shows_distinctive_word(t_, c_):
                    best = max(best, matched / len(c_))
    return best


def _letters(text: str) -> str:
    """``text`` without punctuation: only characters and digits count when a seal is compared."""
    return "".join(ch for ch in text if ch.isalnum())


def _without_cut_prefix(reading: str, employer: str, core: str) -> str:
    """``reading`` without the tail of the employer's region prefix right before its core: a ring read
    from a character or two into the name (O与头市中心医 of 包头市中心医院) keeps a cut 头市 that
    ``strip_region`` does not know, and it made the reading too long to count (issue #10)."""
    key = "".join(employer.split())
    at = key.find(core[:2])
    if at < 3:
        return reading
    prefix = key[:at]
    for n in range(len(prefix) - 1, 1, -1):         # a cut prefix: not its first character
        cut = prefix[-n:] + core[0]
        i = reading.find(cut)
        if i >= 0:
            return reading[:i] + reading[i + n:]
    return reading


def _share(needle: str, read: str) -> float:
    m = difflib.SequenceMatcher(None, needle, read, autojunk=False).find_longest_match(0, len(needle), 0, len(read))
    return m.size / max(1, len(needle))


def reads_as(needle: str, read: str, hidden: float = 0.0) -> bool:
    """Does the ring's reading name ``needle``?  One contiguous run of ``_MIN_SHARE`` of it; or, since
    ring OCR confuses single characters (包头别铁集团 for 包头钢铁集团), ``_MIN_ALIGNED`` of it in order
    with ``_MIN_CORE`` of its distinctive core (no city, no 有限责任公司) among the matched characters:
    another company of the same city and legal form shares only those and is not the employer.
    ``hidden``: the share of the ring's text under a redaction box; letters there cannot be read, so
    the in-order share asked for is lowered by it (at most by ``_MAX_HIDDEN``), never the core's.
    Either way the needle's distinctive word must be read in its place (``_word_in_place``)."""
    if _share(needle, read) >= _MIN_SHARE:
        return _word_in_place(needle, read)
    core = distinctive_core(needle)
    at = needle.find(core)
    if len(needle) < 6 or len(core) < 3 or at < 0:
        return False            # a short needle (包头钢铁) is named in one run or not at all
    sm = difflib.SequenceMatcher(None, needle, read, autojunk=False)
    blocks = [bl for bl in sm.get_matching_blocks() if bl.size]
    if not blocks or sum(bl.size for bl in blocks) < _MIN_ALIGNED * (1.0 - min(hidden, _MAX_HIDDEN)) * len(needle):
        return False
    if blocks[-1].b + blocks[-1].size - blocks[0].b > len(needle) + len(needle) // 4:
        return False            # the characters strewn over a longer reading: confused ones replace, none are added
    in_core = sum(max(0, min(bl.a + bl.size, at + len(core)) - max(bl.a, at)) for bl in blocks)
    return in_core >= _MIN_CORE * len(core) and _word_in_place(needle, read)


def _word_in_place(needle: str, read: str) -> bool:
    """Half (rounded up) of the characters that set ``needle`` apart from other bodies of its city and
    kind are read at the offset of the reading's longest stretch of it.  Those characters: the needle
    without its leading city or province, legal form and organisation words (``_GENERIC``); a name of
    organisation words only (中心医院) keeps all but the last.  包头稀土集团 shares 包头 and 集团 with
    包头钢铁集团, 内蒙古医科大学 has 科 one place off from 内蒙古科技大学, 第二医院 has 第 and 医院 of
    第一医院: none of them is the employer (issue #10)."""
    start = len(needle) - len(min(strip_region(needle), key=len))      # 包头市, 固阳县, 内蒙古自治区
    if not start:
        start = next((len(p) for p in _PLACE_PREFIXES + _COUNTRY if needle.startswith(p)), 0)    # 包头 of 包头钢铁
        if start and needle[start:start + 1] in ("市", "盟", "县", "区", "旗"):
            start += 1
    if len(needle) - start < 2:
        start = 0
    words = [m.span() for m in _GENERIC.finditer(needle, start)]
    generic = {i for a, b in words for i in range(a, b)}
    for place in _PLACE_PREFIXES:       # a branch's city (包头分行) is shared by every bank's branch there
        at = needle.find(place, start + 1)
        while at > start:
            generic.update(range(at, at + len(place)))
            at = needle.find(place, at + len(place))
    wanted = [i for i in range(start, len(needle)) if i not in generic]
    if not wanted and len(words) > 1:
        wanted = [i for i in range(start, words[-1][0]) if needle[i] != "第"]
    if not wanted:
        return True
    blocks = [bl for bl in difflib.SequenceMatcher(None, needle, read, autojunk=False).get_matching_blocks() if bl.size]
    if not blocks:
        return False
    anchor = max(blocks, key=lambda bl: bl.size)
    placed = {bl.a + k for bl in blocks if bl.b - bl.a == anchor.b - anchor.a for k in range(bl.size)}
    found = sum(1 for i in wanted if i in placed)
    return found >= 1 and 2 * found >= len(wanted)
