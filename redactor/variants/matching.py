"""Finding the applicant's forms in one page's text: ``find_forms``.

CJK forms on a folded key, digits and Latin forms with regular expressions on a
length-preserving fold; offsets always point into the ORIGINAL text."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from redactor.model import Category
from redactor.normalize import EMAIL_RE, IGNORABLE, fold, id_number_valid, is_cjk
from redactor.variants.gazetteers import (
    DIGIT_CONFUSIONS,
    GROUP_SUFFIXES,
    LEGAL_SUFFIXES,
    LOOKALIKE,
    OTHER_INSTITUTION,
    OTHER_INSTITUTION_EN,
    OTHER_INSTITUTION_WINDOW,
    X_CHARS,
)
from redactor.variants.organisations import another_name_before
from redactor.variants.text import CJK_DROP, MIDDLE_DOTS, alone_on_its_line, cjk_key, fold_1to1, fold_map
from redactor.variants.types import FormMatch, ValueForm

__all__ = ["find_forms"]


@dataclass(frozen=True)
class _Pat:
    form: ValueForm
    regex: re.Pattern[str] | None     # on the length-preserving folded text
    key: str = ""                     # CJK comparison key
    score: float = 1.0
    fuzzy: str | None = None


_SEP_DIGITS = r"[ .\-()]{0,3}"
_NB = r"(?<![0-9])"
_ONE_READ_WRONG = r"[^\W_]"       # a letter, a CJK character or another digit where a digit stood
_NA = r"(?![0-9])"


def _digit_class(d: str, fuzzy: bool) -> str:
    if d == "x":
        return "[" + X_CHARS + ("k" if fuzzy else "") + "]"
    extra = DIGIT_CONFUSIONS.get(d, "") if fuzzy else ""
    return "[" + d + re.escape(extra) + "]" if extra else d


def _digits_regex(digits: str, fuzzy: bool) -> str:
    return _SEP_DIGITS.join(_digit_class(c, fuzzy) for c in digits.lower())


_CC = r"(?:\+ ?86|(?<![0-9])0086|\(\+?86\))[ \-]*"


@functools.lru_cache(maxsize=512)
def _compile_digits(form: ValueForm, fuzzy: bool) -> re.Pattern[str]:
    t = form.text.lower()
    if form.kind in ("id_18", "id_15", "id_part"):
        body = _digits_regex(t, fuzzy)
        if fuzzy and form.kind == "id_18":
            # OCR of a scan: one character of the number read wrong -- as a letter or a CJK character, or as
            # another digit -- or lost (a stamp's ink over a digit: 兹证明……（身份证号：1502…） under an issuer's
            # seal read 科502…, 1502074…, 1502071984012 6…); the other 17 in order are the applicant's number.
            # No one else's: the check character catches every single wrong digit, so a valid number differs
            # from the applicant's in two places at least, and seventeen digits are no number at all
            # (``_find_digits`` keeps the reading only when it is no valid number itself)
            body = "(?:" + "|".join(
                [body] + [_SEP_DIGITS.join([_digit_class(c, fuzzy) for c in t[:i]] + [_ONE_READ_WRONG]
                                          + [_digit_class(c, fuzzy) for c in t[i + 1:]]) for i in range(len(t))]
                + [_SEP_DIGITS.join(_digit_class(c, fuzzy) for c in t[:i] + t[i + 1:]) for i in range(len(t))]) + ")"
        if fuzzy and form.kind == "id_part" and form.parts:
            # the tail read with some of the digits before it (a stamp over only the first few): each of them in
            # order up to the tail is the applicant's too
            lead = form.parts[0]
            body = "(?:" + "|".join(_digits_regex(lead[i:], fuzzy) + _SEP_DIGITS for i in range(1, len(lead))) \
                + ")?" + body
        pat = _NB + body + r"(?![0-9x×ⅹ]|[.\-][0-9])"
    elif form.kind == "mobile":
        body = _digits_regex(t, fuzzy)
        pat = r"(?:" + _CC + r"|(?<![0-9])86(?=1)|" + _NB + ")" + body + _NA
    elif form.kind == "landline":
        area, local = form.parts
        area_rest = _digits_regex(area[1:], fuzzy)
        zero = _digit_class("0", fuzzy)
        pat = (
            r"(?:" + _CC + r"[(]?(?:" + zero + r")?[ ]?|" + _NB + r"[(]?" + zero + r")"
            + area_rest + r"[)]?" + r"[ .\-]{0,3}" + _digits_regex(local, fuzzy) + _NA
        )
    else:
        pat = _NB + _digits_regex(form.parts[1] if form.parts else t, fuzzy) + _NA
    return re.compile(pat)


def _latin_token_regex(tok: str, tight: bool = False) -> str:
    role, body = tok.split(":", 1)
    sylls = body.split("|")
    if role == "I":
        # initials: "S.J.", "S. J.", "SJ", "S-J", "S J"
        return r"[ .\-]*".join(re.escape(s) + r"\.?" for s in sylls)
    # a word of syllables: "Shujun", "Shu-jun", "Shu Jun" (tight: "Shujun" only); loose, a syllable's letters
    # may stand a space apart, as OCR reads a romanised name in a small or spaced font ("Z hi yuan"), which the
    # final check, reading letters without spaces, finds
    if tight:
        return "".join(re.escape(s) for s in sylls)
    return r"(?:[ ]?-?[ ]?)".join("[ ]?".join(re.escape(c) for c in s) for s in sylls)


@functools.lru_cache(maxsize=4096)
def _compile_latin(form: ValueForm) -> re.Pattern[str]:
    if form.parts:
        loose = [_latin_token_regex(t) for t in form.parts]
        tight = [_latin_token_regex(t, tight=True) for t in form.parts]
        # surname first: "Wang Shujun", "WANG, Shujun", "Wang-Shujun";
        # given name first: "Shujun Wang" (no comma: "Shujun, Wang" is a list).
        # Written together ("WangShujun") only with undivided words, so
        # "Wangshu Jun" is not a form.
        surname_first = form.parts[0].startswith("S:")
        sep = r"(?:[ ]+,?[ ]*|,[ ]*|-)" if surname_first else r"(?:[ ]+|-)"
        body = sep.join(loose)
        # Run together only surname-first with 3+ syllables ("WangShujun"): a
        # 2-syllable run ("Jingbo", "Baijing") is far more often someone's given name.
        syllables = sum(len(t.split(":", 1)[1].split("|")) for t in form.parts if not t.startswith("I:"))
        if surname_first and syllables >= 3 and not any(t.startswith("I:") for t in form.parts):
            body = "(?:" + body + "|" + "".join(tight) + ")"
        return re.compile(r"(?<![a-z])" + body + r"(?![a-z])")
    # free Latin text (English employer, Latin alias): words separated by
    # spaces/hyphens/line breaks; punctuation optional and loosely spaced.
    toks = re.findall(r"[a-z0-9]+|[^a-z0-9\s\-]", fold(form.text))
    body = ""
    prev_word = False
    for t in toks:
        word = t[0].isalnum()
        if body:
            body += r"[ \-]+" if (word and prev_word) else r"[ \-]*"
        body += re.escape(t) if word else "(?:" + re.escape(t) + ")?"
        prev_word = word
    # a digit right after a final word is an author/affiliation marker ("David He1)")
    tail = r"(?![a-z])" if toks and toks[-1][0].isalpha() else r"(?![a-z0-9])"
    return re.compile(r"(?<![a-z0-9])" + body + tail)


def _cjk_fuzzy_keys(key: str, form: ValueForm) -> list[tuple[str, str, float]]:
    """(key, reason, score) OCR variants of a CJK form."""
    n = len(key)
    out: list[tuple[str, str, float]] = []
    is_name = form.category is Category.NAME
    long_enough = (n >= 3) if is_name else (n >= 6)
    if long_enough:
        for i in range(n):
            out.append((key[:i] + key[i + 1:], "ocr_dropped_char", 0.6))
            out.append((key[:i] + key[i] + key[i:], "ocr_doubled_char", 0.75))
    for i, c in enumerate(key if long_enough else ""):
        for alt in LOOKALIKE.get(c, ""):
            out.append((key[:i] + alt + key[i + 1:], "ocr_similar_cjk", 0.7))
    return [x for x in out if x[0] != key and len(x[0]) >= 2]


# An employer's whole name read by OCR with one character wrong (a black-and-white scan: 包头钢铁 read
# 包头制铁, its 钢 eroded): long names only, and never where the wrong character or the right one is a numeral or
# an ordinal (内蒙古第一机械集团 and 内蒙古第二机械集团 are two employers)
_SUBSTITUTABLE = ("employer_official", "employer_alias")
_MIN_SUBSTITUTED_KEY = 8
_NUMERALS = set("〇零一二三四五六七八九十百千万两第0123456789")


# ... and with two characters wrong, not side by side, in longer names still (a black-and-white scan:
# 包头钢铁集团有限责任公司 read 包头钢铁集图有限员任公司).  Two wrong characters side by side are a different word,
# and so a different body (包头钢铁集团 and 包头铝业集团).
_MIN_TWICE_SUBSTITUTED_KEY = 12


def _substitutions(folded: str, key: str, most: int) -> list[tuple[int, tuple[int, ...]]]:
    """(start, the wrong characters' places in the window) of the windows of ``folded`` that read ``key`` with
    one to ``most`` CJK characters each replaced by another (neither a numeral; two wrong ones never side by
    side).  One of ``most + 1`` parts of the key is then read exactly: windows are sought from each part's
    occurrences."""
    n, parts = len(key), most + 1
    cuts = [round(k * n / parts) for k in range(parts + 1)]
    starts = {i - a for a, b in zip(cuts, cuts[1:]) for i in _find_all(folded, key[a:b])}
    out = []
    for i in sorted(starts):
        window = folded[i:i + n] if i >= 0 else ""
        if len(window) != n:
            continue
        wrong = [k for k in range(n) if window[k] != key[k]]
        if not 1 <= len(wrong) <= most or any(b - a == 1 for a, b in zip(wrong, wrong[1:])):
            continue
        if all(is_cjk(key[k]) and is_cjk(window[k]) and key[k] not in _NUMERALS and window[k] not in _NUMERALS
               for k in wrong):
            out.append((i, tuple(wrong)))
    return out


def _across_lines(text: str, idx: list[int], i: int, n: int, wrong: tuple[int, ...]) -> bool:
    """A wrong character of the window at ``i`` (``n`` long) is parted by a line break from its neighbour in the
    window: the first character of another line (a co-author's name in the next column's row) stands in for
    the name's last one an OCR line ended without (a scanned paper's two columns of authors and units)."""
    for k in wrong:
        for a, b in ((k - 1, k), (k, k + 1)):
            if 0 <= a and b < n and "\n" in text[idx[i + a]:idx[i + b]]:
                return True
    return False


def _find_all(hay: str, needle: str):
    i = hay.find(needle)
    while i >= 0:
        yield i
        i = hay.find(needle, i + 1)


def _is_bare_stem(key: str) -> bool:
    return not key.endswith(GROUP_SUFFIXES + LEGAL_SUFFIXES)


def _is_other_institution(folded: str, end: int) -> bool:
    run: list[str] = []
    for c in folded[end:end + OTHER_INSTITUTION_WINDOW + 1]:
        if c == "·" and not run:
            continue            # OCR's stray dot in the gap (包头钢铁·职业技术学院): the next body's name goes on
        if not is_cjk(c) or len(run) == OTHER_INSTITUTION_WINDOW:
            break
        run.append(c)
    tail = "".join(run)
    return any(w in tail for w in OTHER_INSTITUTION)


def _close_bracket(text: str, start: int, end: int) -> int:
    """Extend ``end`` over a closing bracket left open inside the span."""
    seg = text[start:end]
    opens = sum(seg.count(c) for c in "(（[【〔")
    closes = sum(seg.count(c) for c in ")）]】〕")
    if opens > closes:
        j = end
        while j < len(text) and text[j] in IGNORABLE:
            j += 1
        if j < len(text) and text[j] in ")）]】〕":
            return j + 1
    return end


def _find_cjk(text: str, forms: list[ValueForm], fuzzy: bool) -> list[FormMatch]:
    folded, idx = fold_map(text, CJK_DROP)
    folded = folded.translate(MIDDLE_DOTS)
    out: list[FormMatch] = []
    for f in forms:
        key = cjk_key(f.text)
        if not key:
            continue
        variants = [(key, None, 1.0)]
        if fuzzy:
            variants += _cjk_fuzzy_keys(key, f)
        found = [(i, len(k), reason, score) for k, reason, score in variants for i in _find_all(folded, k)]
        if fuzzy and f.kind in _SUBSTITUTABLE and len(key) >= _MIN_SUBSTITUTED_KEY:
            most = 2 if len(key) >= _MIN_TWICE_SUBSTITUTED_KEY else 1
            found += [(i, len(key), "ocr_substituted_char", 0.65) if len(wrong) == 1 else
                      (i, len(key), "ocr_substituted_chars", 0.6) for i, wrong in _substitutions(folded, key, most)
                      if not _across_lines(text, idx, i, len(key), wrong)]
        for i, n, reason, score in found:
            j = i + n
            if f.kind == "employer_derived" and _is_bare_stem(key) and _is_other_institution(folded, j):
                continue
            if f.kind == "employer_derived" and another_name_before(folded[max(0, i - 16):i]):
                continue        # 浙江杭州江干下沙某 + 某某网络集团有限公司: another company's name ends so
            s, e = idx[i], idx[j - 1] + 1
            e = _close_bracket(text, s, e)
            out.append(FormMatch(s, e, f, score, reason))
        if fuzzy and f.category is Category.NAME and "·" in key:
            out += _dot_read_as_comma(text, folded, idx, key, f)
    if fuzzy:
        out += _stray_dots(text, folded, idx, [f for f in forms if f.kind in _SUBSTITUTABLE or (
            f.kind == "employer_derived" and not _is_bare_stem(cjk_key(f.text)))])
    return out


# OCR reads the gap a scan leaves between two characters of a long printed name as a dot (包头钢铁（集团）有限责任
# 公司 read 包头钢铁（集团）·有限责任公司 on a two-up sheet): an organisation's name has no dot of its own, so a
# dot inside a run of CJK characters is no character of it.  A name's dot is its own (萨仁·满都拉): names keep it.
# The employer's whole names only (official, alias, or derived with its legal or group ending): a bare stem's
# other checks (another institution after it) read the text as it stands.
def _stray_dots(text: str, folded: str, idx: list[int], forms: list[ValueForm]) -> list[FormMatch]:
    keep = [k for k, c in enumerate(folded)
            if not (c == "·" and 0 < k < len(folded) - 1 and is_cjk(folded[k - 1]) and is_cjk(folded[k + 1]))]
    if not forms or len(keep) == len(folded):
        return []
    undotted = "".join(folded[k] for k in keep)
    out: list[FormMatch] = []
    for f in forms:
        key = cjk_key(f.text)
        if "·" in key or len(key) < 2:
            continue
        for i in _find_all(undotted, key):
            a, b = keep[i], keep[i + len(key) - 1]
            if b - a + 1 == len(key):
                continue            # no dot inside: found as it is
            s, e = idx[a], idx[b] + 1
            out.append(FormMatch(s, _close_bracket(text, s, e), f, 0.9, "ocr_stray_dot"))
    return out


# OCR reads a dotted name's small dot as a comma (特木尔·孟和 -> 特木尔，孟和), which also separates two
# people in an author list; in a bio the name is followed by the birth year, 特木尔，孟和（1977—）, and
# a list's second name is not; nor is a line that holds the name and nothing else, with either comma (a table's
# 姓名 cell read alone: OCR reads the dot as ， or as 、 -- a list of exactly the name's two parts, and nothing else
# on its line, is the one name misread far more often than two people named as the applicant's parts).
# Running on into its sentence (a certificate's 兹证明乌云，其其格同志（身份证号：…）: a CJK character after it, where a
# list's last name meets a separator or its line's end) the reading is the applicant's where other evidence of
# them lies near (``needs_evidence``: their unit, e-mail; policy's ``_has_evidence``), and a person looks where
# none does
_COMMAS = ",、"            # folded ，, and 、
_BIRTH_YEAR_AFTER = re.compile(r"[ \t]*[（(]?[ \t]*(?:19|20)[0-9]{2}")   # the bracket as verify's needles: optional


def _dot_read_as_comma(text: str, folded: str, idx: list[int], key: str, form: ValueForm) -> list[FormMatch]:
    out = []
    for comma in _COMMAS:
        k = key.replace("·", comma)
        for i in _find_all(folded, k):
            s, e = idx[i], idx[i + len(k) - 1] + 1
            if _BIRTH_YEAR_AFTER.match(text, e) or alone_on_its_line(text, s, e):
                out.append(FormMatch(s, e, form, 0.8, "ocr_dot_as_comma"))
            elif e < len(text) and is_cjk(text[e]):
                out.append(FormMatch(s, e, replace(form, needs_evidence=True), 0.7, "ocr_dot_as_comma"))
    return out


def _find_digits(ftext: str, fmap: list[int], forms: list[ValueForm], fuzzy: bool) -> list[FormMatch]:
    out: list[FormMatch] = []
    for f in forms:
        for m in _compile_digits(f, fuzzy).finditer(ftext):
            seg = m.group(0)
            letters = sum(1 for c in seg if c.isalpha() and c not in X_CHARS)
            if f.kind in ("id_18", "id_15") and seg and seg[-1] == "k":
                letters += 1
            reason = None
            score = 1.0
            if f.kind == "id_18" and fuzzy and letters == 0:
                read = "".join(c for c in seg if c.isdigit() or c in X_CHARS or c == "k")
                if read != f.text.lower():
                    if id_number_valid(read.upper()):
                        continue         # a valid number of its own: another person's, however close
                    reason, score = "ocr_confusion:digit_misread_or_lost", 0.9
            if letters:
                # a confusable letter at the edge must not be glued to a word
                s0, e0 = m.start(), m.end()
                glued = (s0 > 0 and _latin(ftext[s0 - 1]) and _latin(seg[0])) or (
                    e0 < len(ftext) and _latin(ftext[e0]) and _latin(seg[-1]))
                if glued or ((s0 > 0 and ftext[s0 - 1].isalpha() or e0 < len(ftext) and ftext[e0].isalpha())
                             and not any(_cjk(c) for c in seg)):
                    continue
                if letters > 3:
                    continue
                reason = "ocr_confusion:letter_for_digit"
                score = max(0.5, 0.9 - 0.1 * (letters - 1))
            if f.kind == "landline_local" and _AREA_BEFORE.search(ftext[max(0, m.start() - 8):m.start()]):
                continue      # "0471-5123456": another area code, another number
            s, e = fmap[m.start()], fmap[m.end() - 1] + 1
            out.append(FormMatch(s, e, f, score, reason))
    return out


_AREA_BEFORE = re.compile(r"0[0-9]{2,3}[ )\-]{0,2}$")


def _latin(c: str) -> bool:
    return c.isascii() and c.isalpha()


def _cjk(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff"
_LETTER_TOKEN_BEFORE = re.compile(r"[^a-z][a-z]\.?[ \-]*$")
_WORD_BEFORE = re.compile(r"([a-z]{2,})[ ]+$")
_JOINERS = frozenset({"and", "by", "with", "et", "al", "from", "to", "of"})
_LETTER_TOKEN_AFTER = re.compile(r"^[ .\-]*[a-z](?![a-z])")


def _find_latin(text: str, ftext: str, fmap: list[int], forms: list[ValueForm]) -> list[FormMatch]:
    out: list[FormMatch] = []
    for f in forms:
        if f.category is Category.EMAIL:
            continue
        for m in _compile_latin(f).finditer(ftext):
            s0, e0 = m.start(), m.end()
            # "Shuhua Wang, S. Wang" / "Shuhua Wang, Shujun Li": "Wang, S." and
            # "Wang, Shujun" straddle two people of a given-name-first list
            if f.parts and f.parts[0].startswith("S:") and "," in m.group(0):
                base = max(0, s0 - 20)
                w = _WORD_BEFORE.search(ftext[base:s0])
                if w and w.group(1) not in _JOINERS and text[fmap[base + w.start(1)]].isupper():
                    continue
            if f.kind == "pinyin_initials":
                # "S. Wang" inside "H. S. Wang" / "Wang S." inside "Wang S. H." is someone else
                if f.parts[0].startswith("I:") and _LETTER_TOKEN_BEFORE.search(" " + ftext[max(0, s0 - 5):s0]):
                    continue
                if f.parts[-1].startswith("I:") and _LETTER_TOKEN_AFTER.match(ftext[e0:e0 + 4]):
                    continue

            if f.kind == "employer_english" and f.rank == 2 and OTHER_INSTITUTION_EN.match(ftext[e0:e0 + 60]):
                continue      # "Baotou Steel Vocational College" is another institution
            # trim trailing separators the regex may have taken
            while e0 > s0 and ftext[e0 - 1] in " ,-":
                e0 -= 1
            out.append(FormMatch(fmap[s0], fmap[e0 - 1] + 1, f, 1.0))
    return out


_EMAIL_LOCAL_CH = re.compile(r"[a-z0-9._%+\-]")


# OCR's readings of an e-mail in eroded or small print (black-and-white scans): its @ read as
# a, (a, (a) ...; a digit 1 as l or I and back, 0 as o and back
_AT_READINGS = ("@", "a", "(a", "(a)", "a)", "@)", "(@", "©", "«")
_EMAIL_CONFUSABLE = {"1": "1li|", "l": "l1i|", "i": "il1", "0": "0o", "o": "o0"}


def _email_reading(address: str) -> re.Pattern[str]:
    """The folded ``address`` as OCR may read it: each character or one of its confusables, the @ as any
    of its readings."""
    local, _, domain = address.partition("@")

    def part(text: str) -> str:
        return "".join(f"[{re.escape(_EMAIL_CONFUSABLE[c])}]" if c in _EMAIL_CONFUSABLE else re.escape(c)
                       for c in text)

    at = "|".join(re.escape(r) for r in sorted(_AT_READINGS, key=len, reverse=True))
    return re.compile(f"{part(local)}(?:{at}){part(domain)}")


def _find_emails(text: str, forms: list[ValueForm], fuzzy: bool = False) -> list[FormMatch]:
    out: list[FormMatch] = []
    exact = [f for f in forms if f.kind == "email"]
    if exact:
        folded, idx = fold_map(text, IGNORABLE)
        for f in exact:
            address = f.text.lower()
            for i in _find_all(folded, address):
                m = _email_at(text, idx, i, len(address), f, 1.0)
                if m is not None:
                    out.append(m)
            local, at, _ = address.partition("@")
            if fuzzy and at and len(local) >= 3:
                for r in _email_reading(address).finditer(folded):
                    if r.group(0) != address:
                        m = _email_at(text, idx, r.start(), r.end() - r.start(), f, 0.7)
                        if m is not None:
                            out.append(m)
    locs = {f.text: f for f in forms if f.kind == "email_pinyin_local"}
    if locs:
        ftext = fold_1to1(text)
        fmap = list(range(len(text)))
        for m in EMAIL_RE.finditer(ftext):
            local = m.group(0).split("@", 1)[0]
            key = re.sub(r"[._\-]", "", local)
            f = locs.get(key)
            if f is not None:
                out.append(FormMatch(fmap[m.start()], fmap[m.end() - 1] + 1, f, 0.95))
    return out


def _email_at(text: str, idx: list[int], i: int, n: int, f: ValueForm, score: float) -> FormMatch | None:
    """The address read at ``i`` (``n`` folded characters), unless it is part of a longer one."""
    s, e = idx[i], idx[i + n - 1] + 1
    before = fold(text[s - 1]) if s > 0 else ""
    after = fold(text[e:e + 2])
    if before and _EMAIL_LOCAL_CH.match(before):
        return None
    if after[:1] and (after[0].isalnum() or after[0] in "-_@" or re.match(r"\.[a-z0-9]", after)):
        return None
    return FormMatch(s, e, f, score, None if score == 1.0 else "ocr_email_reading")


def _resolve(matches: list[FormMatch]) -> list[FormMatch]:
    """Per category: longest first (then stronger), no overlaps."""
    by_cat: dict[Category, list[FormMatch]] = {}
    for m in matches:
        by_cat.setdefault(m.form.category, []).append(m)
    kept: list[FormMatch] = []
    for ms in by_cat.values():
        ms.sort(key=lambda m: (-(m.end - m.start), -m.score, m.form.rank, m.form.needs_evidence, m.start))
        taken: list[tuple[int, int]] = []
        for m in ms:
            if any(m.start < e and s < m.end for s, e in taken):
                continue
            taken.append((m.start, m.end))
            kept.append(m)
    kept.sort(key=lambda m: (m.start, m.end, m.form.category.value))
    return kept


def find_forms(text: str, forms: tuple[ValueForm, ...], *, fuzzy: bool = False) -> list[FormMatch]:
    """Find the applicant's forms in ``text``; offsets are into ``text``.

    CJK forms match across whitespace/line breaks and bracket variants, with
    NO word-boundary check (李明 is reported inside 李明华; the recogniser
    decides with entity evidence).  Digit forms need digit boundaries; latin
    forms need ASCII-letter boundaries.  Overlapping matches of one category
    are resolved longest-first.
    """
    if not text or not forms:
        return []
    cjk = [f for f in forms if f.script == "cjk"]
    digits = [f for f in forms if f.script == "digits"]
    latin = [f for f in forms if f.script == "latin" and f.category is not Category.EMAIL]
    emails = [f for f in forms if f.category is Category.EMAIL]
    found: list[FormMatch] = []
    if cjk:
        found += _find_cjk(text, cjk, fuzzy)
    if digits or latin:
        ftext = fold_1to1(text)
        fmap = list(range(len(text)))
        if digits:
            found += _find_digits(ftext, fmap, digits, fuzzy)
        if latin:
            mails = [(m.start(), m.end()) for m in EMAIL_RE.finditer(ftext)]
            found += [m for m in _find_latin(text, ftext, fmap, latin)
                      if not any(s <= m.start and m.end <= e for s, e in mails)]
    if emails:
        found += _find_emails(text, emails, fuzzy)
    return _resolve(found)
