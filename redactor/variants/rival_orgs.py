"""Whose seal is it: the employer's, or another organisation's printed on the same page?

A seal's ring names the body that stamped it.  Read off a curved ring, the reading is partial and has confused
characters, so it is compared with names rather than matched exactly.  Compared with the employer's names alone,
a partner of the same city and kind passes for the employer: 包头市市政工程设计研究院 shares 包头市 and 设计研究院
with 包头市建筑设计研究院有限公司, 浙江葫芦娃网络集团有限公司 shares ten characters with 浙江某某网络集团有限公司.
A work summary's 合作单位, a 成果应用证明's 应用单位 and a certificate's issuer print their name beside their stamp,
so the reading is compared with every organisation the page prints as well, and it is the employer's only when
no other name explains clearly more of it: ``RIVAL_MARGIN`` characters (one confused character is no evidence);
one more where the stamp is pressed at that other body's place (``RIVAL_MARGIN_AT_ITS_PLACE``: a university's seal
over its own signatory line, read 北景科技大学 -- five of 北京科技大学, four of the employer 内蒙古科技大学).

A printed name that contains one of the employer's listed names (包钢集团技术中心) is the employer's own
department, never a rival.  Detection's policy and the verification gate ask this same question of the same
evidence (the reading and the page's print), so they give one answer.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from redactor.org_words import alternation, org_words

RIVAL_MARGIN = 2          # characters of the reading another name must explain beyond the employer's best
RIVAL_MARGIN_AT_ITS_PLACE = 1   # ... where the stamp is pressed at another body's place (a certificate's signatory
#                                 line naming another body, another body's seal label): the place and the reading agree
MIN_NAME = 4              # characters of a printed organisation name (with its organisation word)

# the last word of an organisation's name
ORG_WORD = f"(?:{alternation(org_words().rival_name_endings)})"      # configs/org_words.yaml
_NAME_END = re.compile(ORG_WORD)
_SEPARATORS = re.compile(r"[\s:：,，。;；、/|\"“”‘’《》<>【】\[\]]+")


def letters(text: str) -> str:
    """``text`` folded (NFKC, case) with only letters and digits left: a ring's （集团） is read as ，集团 or 集团."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).casefold() if ch.isalnum())


def explained(name: str, reading: str) -> int:
    """How many of ``name``'s characters the reading shows, in order (both folded by ``letters``)."""
    a, b = letters(name), letters(reading)
    if not a or not b:
        return 0
    return sum(m.size for m in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())


def printed_org_names(texts: Iterable[str]) -> list[str]:
    """Organisation names printed in ``texts``: each stretch between separators, up to its last organisation
    word, when that leaves ``MIN_NAME`` characters or more (应用单位：浙江葫芦娃网络集团有限公司（盖章） gives the
    company; running text gives its clause up to the name's end, whose extra words explain nothing)."""
    out: list[str] = []
    for text in texts:
        for piece in _SEPARATORS.split(text):
            ends = [m.end() for m in _NAME_END.finditer(piece)]
            if ends and len(letters(piece[:ends[-1]])) >= MIN_NAME:
                out.append(piece[:ends[-1]])
    return list(dict.fromkeys(out))


@dataclass(frozen=True)
class Rival:
    """Another organisation's name that explains the reading better than the employer's: the evidence."""

    employer_chars: int       # characters of the reading the employer's best name explains
    rival_chars: int          # ... and the rival's
    rival_length: int         # the rival name's length (never its text: the audit holds no names)


def rival_for(reading: str, employers: Sequence[str], printed: Iterable[str], margin: int = RIVAL_MARGIN
              ) -> Rival | None:
    """The printed organisation whose name explains at least ``margin`` (``RIVAL_MARGIN``) more characters of
    ``reading`` than every one of the employer's names; None when the employer's names explain it as well or better.
    ``employers``: the employer's names (official, aliases and their forms); a printed name holding one of
    them whole is the employer's (a department) and no rival."""
    own = [letters(e) for e in employers if len(letters(e)) >= 2]
    if not own or not letters(reading):
        return None
    mine = max(explained(e, reading) for e in own)
    best: tuple[int, int] | None = None
    for name in printed:
        key = letters(name)
        if len(key) < MIN_NAME or any(e in key for e in own):
            continue
        theirs = explained(key, reading)
        if theirs >= mine + margin and (best is None or theirs > best[0]):
            best = (theirs, len(key))
    return Rival(mine, best[0], best[1]) if best else None
