"""Latin (pinyin) spellings of a CJK name: every reading, ü variants, both orders, initials."""

from __future__ import annotations

import itertools

from redactor.model import Category
from redactor.normalize import is_cjk
from redactor.variants.gazetteers import COMPOUND_SURNAMES, MAX_PINYIN_COMBOS, SURNAME_READING
from redactor.variants.text import MIDDLE_DOTS
from redactor.variants.types import ValueForm


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
    return list(itertools.islice(itertools.product(*per_char), 4 * MAX_PINYIN_COMBOS))


def _primary_surname_readings(sur: str) -> set[str]:
    """The surname's usual readings (joined syllables, with ü spellings)."""
    from pypinyin import lazy_pinyin

    base = SURNAME_READING.get(sur) or ("".join(lazy_pinyin(sur, errors="ignore")).lower(),)
    out: set[str] = set()
    for r in base:
        out.update(_u_variants(r))
    return out


def pinyin_name_forms(name: str, field: str) -> list[ValueForm]:
    """Latin forms of one CJK name (all readings, ü variants, both orders)."""
    words = name.translate(MIDDLE_DOTS).split("·")
    if len(words) > 1:
        return _dotted_name_forms(words, field)
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

    combos = itertools.islice(itertools.product(surs, gives), MAX_PINYIN_COMBOS)
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



def _dotted_name_forms(words: list[str], field: str) -> list[ValueForm]:
    """A transliterated name written in words (阿拉坦·巴根, common in Inner Mongolia): each word is
    one Latin word, in the written order ("Alatan Bagen", "ALATAN Bagen") and reversed ("Bagen
    Alatan"). There is no surname to single out, so no initials forms."""
    if any(not w or not all(is_cjk(c) for c in w) for w in words):
        return []
    readings = [_readings_of(w) for w in words]
    if any(not r for r in readings):
        return []
    out: list[ValueForm] = []
    seen: set[tuple[str, ...]] = set()
    for combo in itertools.islice(itertools.product(*readings), MAX_PINYIN_COMBOS):
        caps = ["".join(w).capitalize() for w in combo]
        toks = ["|".join(w) for w in combo]
        for order, text in ((toks, " ".join(caps)), (toks[::-1], " ".join(caps[::-1]))):
            parts = ("S:" + order[0], *("G:" + t for t in order[1:]))
            if parts not in seen:
                seen.add(parts)
                out.append(ValueForm(Category.NAME, field, "pinyin_name", text, "latin", False, 0, parts))
    return out
