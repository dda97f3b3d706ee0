"""Reading a form label by its grammar: whose mark or value it asks for.

A label is a role noun and an action: 所在单位 + 意见（盖章）, 推荐人 + 签名, 推荐人 + 照片, 配偶 + 工作单位.  The
role noun is a head (单位, 部门, 人, 导师 ...) after qualifiers (所在, 合作, 推荐, 被推荐 ...).  A phrase the lexicon
lists is read whole; otherwise every qualifier between the head and the start of the label must be known
(``configs/roles.yaml`` ``grammar.qualifiers``), or the role is unknown.  So 合作单位盖章 is a partner's (合作), and
协办单位盖章 is unknown -- never the applicant's unit because it ends in 单位盖章.

``read_role`` reads one label; ``find_labels`` finds every label on a line of text with character boxes (a page's
text layer, an OCR line), cut into segments where punctuation, a cell gap or a wide space ends one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from redactor.model import BBox
from redactor.ownership.lexicon import Kind, Lexicon, Owner, lexicon, norm_label

__all__ = ["Role", "LabelHit", "read_role", "find_labels", "segments", "contract_party"]

MAX_NOUN_CHARS = 12          # characters of a role noun before its action (申报人所在单位)
SECTION_MAX_CHARS = 8        # a block heading is a role noun alone on its segment (推荐人(一))
_NUMBERING = re.compile(r"[一二三四五六七八九十0-9]+$")
_SEGMENT_END = set("，。；;、！!？?：:\n\r")


@dataclass(frozen=True)
class Role:
    """What a label says: the kind of thing beside it and whose it is."""

    kind: Kind
    owner: Owner
    label: str                       # the label as read, normalised (所在单位意见盖章); of an unknown role only
                                     # its lexicon words (…单位盖章): never a word the lexicon does not know
    how: str                         # "lexicon", "grammar", "bare" or "unknown_qualifier"
    sources: tuple[str, ...] = ()    # where the phrase (or the qualifier's phrase) was seen
    field: str = ""                  # FIELD: the value it labels (name, id_number, phone, employer, email)


@dataclass(frozen=True)
class LabelHit:
    role: Role
    start: int                       # offsets in the text the label was found in
    end: int
    bbox: BBox


def read_role(text: str, lex: Lexicon | None = None) -> Role | None:
    """The role of one label (its whole text), or None when it is no label."""
    lex = lex or lexicon()
    key = norm_label(text)
    if not key:
        return None
    p = lex.phrases.get(key)
    if p is not None:
        return Role(Kind(p.kind), Owner(p.owner), key, "lexicon", lex.sources(p), p.field)
    return _parse(key, lex)


def _parse(key: str, lex: Lexicon) -> Role | None:
    g = lex.grammar
    rest = _NUMBERING.sub("", key) or key
    actions: list[str] = []
    words = sorted((*lex.actions, *lex.opinions, *g.photo_words), key=len, reverse=True)
    while True:
        w = next((w for w in words if rest.endswith(w)), None)
        if w is None:
            break
        actions.insert(0, w)
        rest = rest[: -len(w)]
    field = ""
    if not actions:
        fw = next((w for w in sorted(g.field_words, key=len, reverse=True) if rest.endswith(w)), None)
        if fw is not None:
            field, rest = g.field_words[fw], rest[: -len(fw)]
    if not actions and not field:
        # a role noun alone is a label only when the lexicon prints it so (被推荐人, 推荐人(一))
        p = lex.phrases.get(key) or lex.phrases.get(rest)
        if p is None or len(rest) < 2 or len(rest) > SECTION_MAX_CHARS:
            return None
        return Role(Kind(p.kind), Owner(p.owner), key, "lexicon", lex.sources(p), p.field)
    noun = rest
    if not noun:
        if field:
            return Role(Kind.FIELD, Owner.APPLICANT, key, "bare", field=field)
        kind = _kind(actions, None, lex)
        if kind is None:
            return None
        return Role(kind, Owner(g.bare_actions.get(kind.value, Owner.UNKNOWN.value)), key, "bare")
    known = _noun_owner(noun, lex) or _noun_owner(_misread_noun(noun, lex), lex)
    if known is not None:
        owner, head_type, sources = known
        kind = Kind.FIELD if field else (_kind(actions, head_type, lex) or Kind.SECTION)
        return Role(kind, owner, key, "lexicon", sources, field)
    head = next((h for h in lex.heads if noun.endswith(h[0])), None)
    if head is None:
        if not actions and not field:
            return None
        return Role(Kind.FIELD if field else (_kind(actions, None, lex) or Kind.SEAL), Owner.UNKNOWN,
                    _unknown_label(actions, field), "unknown_qualifier", field=field)
    h, head_type, default = head
    kind = Kind.FIELD if field else (_kind(actions, head_type, lex) or Kind.SECTION)
    owner, how, sources = _qualified(noun[: -len(h)], head_type, default, lex, h)
    label = key if how in ("grammar", "bare") else "…" + h + _unknown_label(actions, field)[1:]
    return Role(kind, owner, label, how, sources, field)


def _unknown_label(actions: list[str], field: str) -> str:
    """The label of a role the lexicon cannot read, as much of it as is the lexicon's own words (its action):
    the words before it may be anything, a name among them, and labels go to the audit."""
    return "…" + "".join(actions) + (f"<{field}>" if field else "")


def _noun_owner(noun: str, lex: Lexicon) -> tuple[Owner, str, tuple[str, ...]] | None:
    """A role noun the lexicon prints as a label of its own (被推荐人, 推荐人(一), 项目负责人): its owner."""
    p = lex.phrases.get(noun) or lex.nouns.get(noun)
    if p is None or p.owner == Owner.UNKNOWN.value:
        return None
    body = p.owner in (Owner.APPLICANT_UNIT.value, Owner.OTHER_BODY.value, Owner.ISSUER.value)
    return Owner(p.owner), "body" if body else "person", lex.sources(p)


def _misread_noun(noun: str, lex: Lexicon) -> str:
    """The lexicon's role noun ``noun`` is with one character misread (项自负责人 for 项目负责人: OCR), the last kept
    (it carries the role); "" when there is none, or several that disagree on the owner."""
    if len(noun) < 3:
        return ""
    found = {n: p.owner for n, p in lex.nouns.items() if len(n) == len(noun) and n[-1] == noun[-1]
             and sum(a != b for a, b in zip(n, noun)) == 1}
    return next(iter(found)) if len(set(found.values())) == 1 else ""


def _heads_an_applicants_noun(head: str, lex: Lexicon) -> bool:
    """Some role noun of the lexicon's ending in ``head`` (负责人 of 项目负责人) is the applicant's or their unit's."""
    return bool(head) and any(n.endswith(head) and p.owner in (Owner.APPLICANT.value, Owner.APPLICANT_UNIT.value)
                              for n, p in lex.nouns.items())


def _qualified(qualifier: str, head_type: str, default: Owner, lex: Lexicon, head: str = ""
               ) -> tuple[Owner, str, tuple[str, ...]]:
    """The owner the qualifiers before a head give: the known word nearest the head that gives one, else the
    head's own; every word up to the label's start must be known."""
    g = lex.grammar
    if not qualifier:
        return default, "bare", ()
    owner: Owner | None = None          # the nearest qualifier's to the head that gives one
    person: Owner | None = None         # a person's noun further left (推荐人所在单位): whose unit it is
    sources: tuple[str, ...] = ()
    rest = qualifier
    while rest:
        w = next((w for w in lex.qualifier_words if rest.endswith(w)), None)
        if w is not None:
            q = g.qualifiers[w]
            given = q.person if head_type == "person" else q.body
            p = lex.phrase(q.seen_in)
        else:
            # a person's noun before a body's head: that person's unit (申报人所在单位, 推荐人所在单位)
            w = next((n for n in sorted(lex.nouns, key=len, reverse=True) if rest.endswith(n)), None)
            p = lex.nouns.get(w) if w is not None else None
            if w is None or p is None or head_type != "body" or p.owner not in _PERSON_TO_BODY:
                # an unknown word: the role is unknown -- unless the head is never the applicant's (委员会)
                # (unknown words further from the head cannot make another body's role the applicant's); a head
                # the lexicon gives the applicant in one of its nouns (项目负责人) says nothing alone
                if (owner or default) in (Owner.OTHER_BODY, Owner.OTHER_PERSON, Owner.ISSUER) and person is None \
                        and (owner is not None or not _heads_an_applicants_noun(head, lex)):
                    return (owner or default), "head", sources
                return Owner.UNKNOWN, "unknown_qualifier", ()
            person, given = Owner(_PERSON_TO_BODY[p.owner]), None
            sources = lex.sources(p)
        if owner is None and given is not None:
            owner = Owner(given)
            if person is None:
                sources = lex.sources(p) if p is not None else ()
        rest = rest[: -len(w)]
    return (person or owner or default), "grammar", sources


_PERSON_TO_BODY = {Owner.APPLICANT.value: Owner.APPLICANT_UNIT.value, Owner.OTHER_PERSON.value: Owner.OTHER_BODY.value}


def _kind(actions: list[str], head_type: str | None, lex: Lexicon) -> Kind | None:
    if not actions:
        return None
    if any(a in lex.grammar.photo_words for a in actions):
        return Kind.PHOTO
    kinds = [lex.actions.get(a) for a in actions if a in lex.actions]
    for a in actions:
        if a in lex.both:      # 签章: a person's signature after a person, a body's stamp after a body
            return Kind.SIGNATURE if head_type == "person" else Kind.SEAL
    if Kind.SIGNATURE in kinds:
        return Kind.SIGNATURE
    if Kind.SEAL in kinds:
        return Kind.SEAL
    # an opinion alone: a body signs its opinion with a stamp, a person with a signature
    return Kind.SIGNATURE if head_type == "person" else Kind.SEAL


# --- finding labels on a line --------------------------------------------------------------------------------

def segments(text: str, boxes: Sequence[BBox | None]) -> list[tuple[int, int]]:
    """(start, end) of the runs of ``text`` a label can lie in: cut at punctuation, line breaks, characters
    without a box (a cell's end, where extraction joins a row's cells) and wide spaces (more than a
    character's height between the drawn characters either side); letter-spacing (签  名) stays inside."""
    out: list[tuple[int, int]] = []
    start = 0
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        cut = c in _SEGMENT_END or (i < len(boxes) and boxes[i] is None and not c.isalnum() and not c.isspace()
                                    and c not in "（）()")
        if not cut and c.isspace():
            # a run of spaces (drawn, or a separator an extractor put in): a cell's end when the characters either
            # side lie far apart or on other rows, letter-spacing (推 荐 人) when they stand close on one row
            j = i
            while j < n and text[j].isspace() and text[j] not in "\r\n":
                j += 1
            left = next((boxes[k] for k in range(i - 1, max(-1, i - 3), -1) if k < len(boxes) and boxes[k] is not None), None)
            right = boxes[j] if j < len(boxes) else None
            if left is not None and right is not None:
                h = max(left.height, right.height, 1.0)
                cut = right.x0 - left.x1 > 1.6 * h or abs((left.y0 + left.y1) - (right.y0 + right.y1)) > h
            else:
                cut = j - i >= 3
            if not cut:
                i = j
                continue
        if cut:
            if i > start:
                out.append((start, i))
            start = i + 1
        i += 1
    if n > start:
        out.append((start, n))
    return out


def _anchors(lex: Lexicon) -> re.Pattern[str]:
    g = lex.grammar
    words = sorted({*lex.actions, *lex.opinions, *g.photo_words, *g.field_words,
                    *(k for k, p in lex.phrases.items() if p.kind in (Kind.SUBJECT.value, Kind.ISSUER.value,
                                                                      Kind.ROWS.value))},
                   key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words))


_ANCHOR_CACHE: dict[str, re.Pattern[str]] = {}


def find_labels(text: str, boxes: Sequence[BBox | None], lex: Lexicon | None = None,
                sections: bool = True) -> list[LabelHit]:
    """Every label on ``text`` (``boxes[i]`` is ``text[i]``'s box or None), left to right.  With ``sections``,
    a segment that is a role noun alone (推 荐 人(一), 被推荐人) is a block heading (``Kind.SECTION``)."""
    lex = lex or lexicon()
    pattern = _ANCHOR_CACHE.get(lex.digest)
    if pattern is None:
        pattern = _ANCHOR_CACHE[lex.digest] = _anchors(lex)
    out: list[LabelHit] = []
    for s, e in segments(text, boxes):
        key, idx = _folded(text, s, e)
        if not key:
            continue
        whole = read_role(key, lex) if len(key) <= SECTION_MAX_CHARS + 4 else None
        if whole is not None and (whole.kind is not Kind.SECTION or sections):
            out.append(_hit(whole, idx[0], idx[-1] + 1, boxes))
            continue
        prev = 0
        for m in pattern.finditer(key):
            if m.start() < prev:
                continue
            end = m.end()
            while True:          # 意见（盖章）, 签字（盖章）: the actions that follow belong to the label
                nxt = pattern.match(key, end)
                if nxt is None or nxt.end() == end:
                    break
                end = nxt.end()
            start = max(prev, m.start() - MAX_NOUN_CHARS)
            role = _best_role(key, start, m.start(), end, lex)
            if role is not None:
                r, a = role
                out.append(_hit(r, idx[a], idx[end - 1] + 1, boxes))
            prev = end
    return out


def _best_role(key: str, lo: int, anchor: int, end: int, lex: Lexicon) -> tuple[Role, int] | None:
    """The role of the label ending at ``end`` whose action starts at ``anchor``: its noun is the run of
    characters before the action back to ``lo`` (the segment's start or the previous label's end); a noun that
    does not parse whole (an unknown qualifier) is unknown, never cut down to a known tail."""
    noun = key[lo:anchor]
    # a lexicon phrase ending here, whole, is its own label (同意推荐所在单位意见 -> 所在单位意见)
    for a in range(lo, anchor + 1):
        p = lex.phrases.get(key[a:end])
        if p is not None and a >= lo:
            tail = key[lo:a]
            if not tail or not _CJK.search(tail[-1:]) or _ends_sentence(tail, lex):
                return read_role(key[a:end], lex), a  # type: ignore[return-value]
    role = read_role(key[lo:end], lex)
    if role is not None and role.how != "unknown_qualifier":
        return role, lo
    # text before the noun that is no qualifier: cut at the first character that starts a known noun
    for a in range(lo + 1, anchor + 1):
        r = read_role(key[a:end], lex)
        if r is not None and r.how in ("lexicon", "grammar") and _ends_sentence(key[lo:a], lex):
            return r, a
    if noun and role is None:
        return None
    return (role, lo) if role is not None else None


_CJK = re.compile(r"[\u4e00-\u9fff]")


def _ends_sentence(text: str, lex: Lexicon) -> bool:
    """``text`` ends in a word that ends a sentence (``grammar.sentence_tails``: 同意, 情况属实 ...)."""
    return any(text.endswith(w) for w in lex.grammar.sentence_tails)


def _folded(text: str, s: int, e: int) -> tuple[str, list[int]]:
    """``norm_label`` of ``text[s:e]`` with each kept character's offset in ``text``."""
    out: list[str] = []
    idx: list[int] = []
    for i in range(s, e):
        c = unicodedata.normalize("NFKC", text[i])
        if norm_label(c) == "":
            continue
        out.append(c)
        idx.append(i)
    return "".join(out), idx


def _hit(role: Role, start: int, end: int, boxes: Sequence[BBox | None]) -> LabelHit:
    bs = [b for b in boxes[start:end] if b is not None]
    bbox = BBox.enclosing(bs) if bs else BBox(0, 0, 0, 0)
    return LabelHit(role, start, end, bbox)


def contract_party(label: str) -> str:
    """The contract party a label names as the one signing or stamping (乙方（签字）, 乙方（劳动者）签字, 甲方（盖章）: 乙方, 甲方), or "" -- also for a
    label naming someone who signs for a party (甲方法定代表人（签字）: the representative, not the party)."""
    g = lexicon().grammar
    key = re.sub(r"[（(][^）)]*[）)]|[\s:：_＿]", "", label)
    party = next((w for w in g.party_words if key.startswith(w)), "")
    rest = key[len(party):]
    for action in sorted(g.signature_actions + g.seal_actions, key=len, reverse=True):
        rest = rest.replace(action, "")
    return party if party and not rest else ""
