"""Names written in words with a middle dot (阿拉坦·巴根): Mongolian names, common in Inner Mongolia.

About three applicants in ten get one (drawn per seed and applicant on a stream of its own, so that
nobody else's documents change).  Their cast then holds dotted decoys that must be *kept*: the name
decoy shares the applicant's second word (巴根·其其格 next to 阿拉坦·巴根), the same-surname colleague
the first (阿拉坦·乌云), and one co-author has an unrelated dotted name.  English parts write each
word as one Latin word ("ALATAN Bagen", "Bagen Alatan").  The profile writes ``·``; forms write the
dot as typed or typeset (``·``, ``•``, ``．``, ``・`` or a full-width space), one way per document.
"""

from __future__ import annotations

import dataclasses
import random
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .people import Cast, Person

WORDS_M: dict[str, str] = {
    "阿拉坦": "alatan", "巴根": "bagen", "额尔敦": "eerdun", "苏和": "suhe", "巴特尔": "bateer",
    "朝鲁": "chaolu", "宝音": "baoyin", "孟和": "menghe", "毕力格": "bilige", "满都拉": "mandula",
    "特木尔": "temuer", "布和": "buhe", "哈斯": "hasi", "吉日嘎拉": "jirigala", "那顺": "nashun", "乌力吉": "wuliji",
}
WORDS_F: dict[str, str] = {
    "乌日娜": "wurina", "其木格": "qimuge", "其其格": "qiqige", "斯琴": "siqin", "高娃": "gaowa", "萨仁": "saren",
    "图雅": "tuya", "乌云": "wuyun", "娜仁花": "narenhua", "格日勒": "gerile", "托娅": "tuoya", "塔娜": "tana",
}
WORD_PINYIN: dict[str, str] = {**WORDS_M, **WORDS_F}

DOT = "·"                                            # as the profile writes it
DOTS: tuple[tuple[str, float], ...] = (("·", 0.4), ("•", 0.15), ("．", 0.15), ("・", 0.15), ("\u3000", 0.15))
DOTTED_SHARE = 0.3
# The salt keeps the applicants the tests pin (seed 7's first five, seed 8's first two, seed 11's
# first five) as they were; seeds 60521 and 38269 give a dotted first applicant (a 1-applicant run).
_SALT = 21


def has_dotted_name(seed: int, applicant_index: int) -> bool:
    return random.Random(f"dotted-name:{_SALT}:{seed}:{applicant_index}").random() < DOTTED_SHARE


def _pick(rng: random.Random, female: bool, avoid: set[str]) -> str:
    return rng.choice([w for w in (WORDS_F if female else WORDS_M) if w not in avoid])


def _rename(p: Person, words: tuple[str, str], rng: random.Random) -> None:
    from .people import _email

    p.words = words
    p.name = DOT.join(words)
    p.surname, p.given = words
    p.surname_py, p.given_py = WORD_PINYIN[words[0]].capitalize(), WORD_PINYIN[words[1]]
    p.email = _email(rng, p.surname_py, p.given_py, p.birth, p.employer)


def give_dotted_names(cast: Cast) -> None:
    """Rewrite a freshly made cast in place: the applicant and three decoys get dotted names."""
    rng = random.Random(f"dotted-cast:{cast.seed}:{cast.applicant_index}")
    a = cast.applicant
    first = _pick(rng, a.gender == "女", set())
    second = _pick(rng, rng.random() < 0.3, {first})
    _rename(a, (first, second), rng)
    second_mail = f"{a.given_py}.{a.surname_py}@{a.employer.domain}".lower()
    a.emails = list(dict.fromkeys([a.email, *([second_mail] if len(a.emails) > 1 and a.employer.domain else [])]))
    a.name_aliases = [f"{a.surname_py.upper()} {a.given_py.capitalize()}"]
    a.scenario += "+dotted"
    used = {first, second}
    d = cast.name_decoy                                        # shares the second word
    third = _pick(rng, d.gender == "女", used)
    _rename(d, (second, third), rng)
    used.add(third)
    c = next(p for p in cast.colleagues if p is not d)          # shares the first word
    fourth = _pick(rng, c.gender == "女", used)
    _rename(c, (first, fourth), rng)
    used.add(fourth)
    o = cast.coauthors[-1]                                      # an unrelated dotted name
    fifth = _pick(rng, o.gender == "女", used)
    _rename(o, (fifth, _pick(rng, False, used | {fifth})), rng)


def dot_for(cast: Cast, doc_type: str, seed_key: str = "") -> str:
    """How one document writes the dot of every dotted name in it."""
    rng = random.Random(f"dot:{cast.seed}:{cast.applicant_index}:{doc_type}:{seed_key}")
    return rng.choices([d for d, _ in DOTS], [w for _, w in DOTS])[0]


def written_with(cast: Cast, dot: str) -> Cast:
    """A copy of ``cast`` whose dotted names are written with ``dot`` (the same person stays one object)."""
    if dot == DOT or not any(p.words for p in [cast.applicant, *cast.everyone_else]):
        return cast
    memo: dict[int, Person] = {}

    def w(p: Person) -> Person:
        if id(p) not in memo:
            memo[id(p)] = dataclasses.replace(p, name=dot.join(p.words)) if p.words else p
        return memo[id(p)]

    return dataclasses.replace(
        cast, applicant=w(cast.applicant), colleagues=[w(p) for p in cast.colleagues],
        coauthors=[w(p) for p in cast.coauthors], name_decoy=w(cast.name_decoy),
        recommenders=[w(p) for p in cast.recommenders], reviewer=w(cast.reviewer),
        other_applicants=[w(p) for p in cast.other_applicants])
