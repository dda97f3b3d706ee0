"""Which kept candidates the page draws as blue boxes: what a reader would call another person's or
organisation's data.

The policy keeps every span a recogniser raised and did not tie to the applicant -- table headers read as
organisations (联系电话), a nationality (汉族), English words and postcodes read as names.  Those are right to
keep, but drawn as "这是他人的姓名" they make every reason on the page doubtful (issue 42).  The page draws
in blue only kept spans that look like data of someone else: a name with a surname (or written with a
dot, or romanised), an organisation with an organisation's suffix, an affiliation, a phone number, an
e-mail or an ID number of another person, and every picture, seal, signature or code the tool judged.
Everything else stays one click away (显示其余保留的词语).  Removals are all drawn, each box once.
"""

from __future__ import annotations

import re
from typing import Any

from redactor.detect.recognizers.cn_organization_recognizer import SUFFIXES
from redactor.variants.gazetteers import COMMON_SURNAMES, COMPOUND_SURNAMES, is_ethnic_group

_MARKS = {"photo", "seal", "signature", "qr_code"}
_STRIP_PT = 4.0          # a kept pen-ink box this narrow (points) ...
_STRIP_RATIO = 8.0       # ... and this many times longer is a rule's remnant on a scan, no one's signature
_ALWAYS = {"phone", "email", "id_number"}          # a number or address is someone's data whoever it is
_HAN_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_DOTTED_NAME = re.compile(r"^[\u4e00-\u9fff]{1,8}(?:[·•．.][\u4e00-\u9fff]{1,8})+$")
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z]+(?:[ \-][A-Z][A-Za-z]+){1,2}$")
_ORG_END = re.compile(r"(?:" + SUFFIXES + r")[）)]?$")
_ORG_EN = re.compile(r"\b(?:University|Institute|College|School|Hospital|Academy|Company|Corporation|Group|"
                     r"Bureau|Department|Center|Centre|Laboratory|Co\.,? ?Ltd)\b", re.I)


def looks_like_someone_else(c: dict[str, Any], raw: str) -> bool:
    """True when a kept candidate (its spanned text ``raw``) is a person's or organisation's data a reader
    would recognise as such."""
    if c.get("needs_review") or c.get("edited") or c.get("manual"):
        return True
    cat = c.get("category", "")
    if cat == "signature" and c.get("boxes") and all(_strip(b) for b in c["boxes"]):
        return False            # a thin strip along a table rule: not drawn as "another person's signature"
    if cat in _MARKS or cat in _ALWAYS:
        return True
    text = "".join(raw.split())
    if cat == "name":
        if _HAN_NAME.match(text):
            return (text[0] in COMMON_SURNAMES or text[:2] in COMPOUND_SURNAMES) and not is_ethnic_group(text)
        return bool(_DOTTED_NAME.match(text) or _LATIN_NAME.match(" ".join(raw.split())))
    if cat == "employer":
        if c.get("rule") == "other.org.contains_employer":
            return False        # the applicant's employer inside it is removed; the rest is no one else's
        if c.get("rule") == "other.affiliation":
            return True
        return bool(_ORG_END.search(text) or _ORG_EN.search(raw))
    return False


def _strip(box: list[float]) -> bool:
    w, h = box[2] - box[0], box[3] - box[1]
    return min(w, h) < _STRIP_PT and max(w, h) >= _STRIP_RATIO * max(min(w, h), 1e-6)


def mark_shown(candidates: list[dict[str, Any]], texts: list[str]) -> list[dict[str, Any]]:
    """Add ``shown`` and ``twins`` to each candidate (``texts``: the spanned text of each, never sent to the page).

    Every removal is drawn once per place, kept ones that ``looks_like_someone_else`` once per place.  A
    second candidate over the same box with the same action (NER and a labelled field both read one phone
    number; a name inside a removed line) is not drawn again: it is a twin of the drawn one, and an undo
    of the drawn box undoes its twins, so what the page shows is what the output holds."""
    drawn: list[dict[str, Any]] = []
    out = []
    for c, raw in zip(candidates, texts):
        shown = not c.get("overruled") and (c.get("action") == "redact" or looks_like_someone_else(c, raw))
        c = {**c, "shown": shown, "twins": []}
        if c["shown"] and c.get("boxes") and not c.get("manual"):
            host = next((d for d in drawn if _covers(d, c)), None)
            if host is not None:
                c["shown"] = False
                host["twins"].append(c["id"])
            else:
                drawn.append(c)
        out.append(c)
    return out


def _covers(host: dict[str, Any], c: dict[str, Any]) -> bool:
    """Same page, same action, and each of ``c``'s boxes lies (mostly) inside one of ``host``'s."""
    if host["page"] != c["page"] or host["action"] != c["action"]:
        return False
    return all(any(mostly_inside(b, h) for h in host["boxes"]) for b in c["boxes"])


def mostly_inside(a: list[float], b: list[float]) -> bool:
    """At least 80 % of ``a`` lies inside ``b``."""
    (ax0, ay0, ax1, ay1), (bx0, by0, bx1, by1) = a, b
    ix = max(0.0, min(ax1, bx1) - max(ax0, bx0))
    iy = max(0.0, min(ay1, by1) - max(ay0, by0))
    inter = ix * iy
    area = (ax1 - ax0) * (ay1 - ay0)
    return area > 0 and inter >= 0.8 * area
