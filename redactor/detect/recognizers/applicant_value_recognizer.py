"""The applicant's own values, in every form ``redactor.variants`` derives.

Presidio's deny-list regex relies on word boundaries Chinese text does not
have (张三 in 申请人张三同志 is missed), so matching is done by
``variants.find_forms`` on folded text, and boundaries are judged here with
LAC's segmentation: a match that is only part of another person's name
(李明 in 李明华) or the prefix of another organisation (包头钢铁 in
包头钢铁职业技术学院) is reported with ``boundary`` set and a near-zero score,
so the policy keeps it and says why.

Built per document (an ad-hoc recogniser), because it carries the profile.
"""

from __future__ import annotations

import functools
import re

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redactor.org_words import org_words
from redactor.detect.dropped_chars import LINE_START
from redactor.ownership.common_words import is_a_word, words_holding
from redactor.model import ApplicantProfile, Category
from redactor.normalize import is_cjk
from redactor.fields import FIELDS, applicant_forms
from redactor.ownership.lexicon import lexicon
from redactor.ownership.text_cues import AFTER_NAME, TITLES_AFTER_NAME, ends_a_common_word, latin_boundary_cue
from redactor.variants import FormMatch, ValueForm, find_forms, starts_with_region
from redactor.variants.text import CJK_DROP, MIDDLE_DOTS, cjk_key, fold_map

# What may follow the applicant's name without making it another name.
NAME_SUFFIXES = (
    "同志", "老师", "教授", "博士", "先生", "女士", "主任", "院长", "所长", "校长", "经理", "书记", "局长", "处长",
    "科长", "工程师", "医生", "医师", "护士", "副", "等", "女", "男", "的", "在", "和", "与", "及", "为", "于", "是",
    "同", "现", "自", "从", "于", "任", "获", "参", "主", "负", "完", "撰", "发", "申", "本", "已", "曾", "先", "后",
    "高工", "讲师", "助教", "会计", "医师", "护师", "技师", "馆员", "编辑", "记者", "律师", "科员", "干事", "院士",
    "委员", "代表", "组长", "班长", "队长", "站长", "部长", "厂长", "董事", "总监", "研究员", "经济师", "副教授",
)
# After a name, a list or a field ends here; a name running on into one of these is a longer name.
_ITEM_END = frozenset("、，,；;：:）)]】 \n\u3000*")
_SEPARATES = _ITEM_END | frozenset("（([【\t")      # what may stand beside a name as no character of it
# An organisation extending the employer's name with one of these is another institution.
INDEPENDENT_ORG_SUFFIXES = org_words().independent_institutions     # configs/org_words.yaml

ENTITY_FOR = {f.category: f.match_entity for f in FIELDS}

OWN_SCORE = 1.0
REJECTED_SCORE = 0.05


class ApplicantValueRecognizer(EntityRecognizer):
    NAME = "applicant_value.v1"

    def __init__(self, profile: ApplicantProfile | None = None, forms: tuple[ValueForm, ...] | None = None,
                 fuzzy: bool = False, supported_language: str = "zh", name: str | None = None) -> None:
        if forms is None:
            forms = applicant_forms(profile) if profile is not None else ()
        self.forms = forms
        self.fuzzy = fuzzy
        self._last: tuple[str, list[FormMatch]] | None = None    # the last text's matches (spans, then analyze)
        super().__init__(supported_entities=sorted(set(ENTITY_FOR.values())), name=name or self.NAME,
                         supported_language=supported_language, version="1")

    def load(self) -> None:
        return None

    def matches(self, text: str) -> list[FormMatch]:
        """``find_forms`` of the applicant's forms in ``text`` (remembered for the last text: the
        detector asks for the spans before presidio runs ``analyze`` on the same page)."""
        last = self._last             # read once: another thread may replace it (a web server's threads share it)
        if last is None or last[0] != text:
            last = self._last = (text, find_forms(text, self.forms, fuzzy=self.fuzzy))
        return last[1]

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the applicant's forms match ``text``: where LAC must read (``detect.ner_scope``)."""
        return [(m.start, m.end) for m in self.matches(text)]

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        words = _lac_words(nlp_artifacts)
        out: list[RecognizerResult] = []
        for m in self.matches(text):
            entity = ENTITY_FOR[m.form.category]
            if entities and entity not in entities:
                continue
            boundary, evidence = self._boundary(text, m, words)
            score = (m.score if boundary is None else REJECTED_SCORE)
            expl = AnalysisExplanation(
                recognizer=self.name, original_score=score, pattern_name=m.form.kind,
                textual_explanation=f"profile field {m.form.field} ({m.form.kind})",
            )
            meta = {
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                "form_kind": m.form.kind,
                "profile_field": m.form.field,
                "needs_evidence": m.form.needs_evidence,
                "rank": m.form.rank,
                "boundary": boundary,
                "boundary_evidence": evidence,
                "fuzzy": m.fuzzy,
            }
            if m.fuzzy == "ocr_dropped_char" and m.form.category is Category.NAME:
                meta["dropped_between"] = dropped_between(text, m, words)     # (an employer read short is still theirs)
            out.append(RecognizerResult(entity, m.start, m.end, score, expl, recognition_metadata=meta))
        return out

    def _boundary(self, text: str, m: FormMatch, words: list[tuple[int, int, str]]
                  ) -> tuple[str | None, str | None]:
        """(None, None) when the match stands on its own; else why it is part of something else, and on
        what evidence (``BOUNDARY_EVIDENCE``)."""
        if m.form.script == "latin":
            line_start = text.rfind("\n", 0, m.start) + 1
            cue = latin_boundary_cue(m.form.category.value, text[m.start:m.end], text[line_start:m.start],
                                     text[m.end:m.end + 24], self._cjk_names)
            if cue is None:
                return None, None
            boundary = "romanisation_of_other" if m.form.category is Category.NAME else "other_org_shared_prefix"
            return boundary, boundary
        if m.form.script != "cjk":
            return None, None
        if m.form.category is Category.NAME:
            if m.fuzzy == "ocr_dropped_char" and _whole_name_inside(text, m, words):
                return "other_whole_name", "other_whole_name"
            evidence = _longer_name_evidence(text, m.start, m.end, words, self._latin_names)
            if evidence:
                return "inside_other_name", evidence
            as_word = None if m.fuzzy else _used_as_a_word(text, m.start, m.end, words)
            if as_word:
                return "name_used_as_word", as_word
            return None, None
        if m.form.category is Category.EMPLOYER:
            if m.form.kind in _WHOLE_NAMES and _a_fields_whole_value(text, m.start, m.end):
                return None, None           # 工作单位：<the employer>, its line ending there: the field's value
            boundary = _org_boundary(text, m.start, m.end, words, self._university)
            if boundary is None and _place_named_institution_after(text, m.end, words):
                # read from the characters where LAC's tags said nothing of it
                return "other_org_shared_prefix", "place_and_institution_suffix"
            return boundary, boundary         # another body's name or a journal's title: its own evidence
        return None, None

    @property
    def _cjk_names(self) -> tuple[str, ...]:
        """The applicant's names as written in characters (the profile's name and aliases)."""
        return tuple(f.text for f in self.forms if f.category is Category.NAME and f.script == "cjk")

    @property
    def _latin_names(self) -> tuple[frozenset[str], ...]:
        """The applicant's romanised names (Huang Bin, HUANG Bin) as sets of lower-case words."""
        return tuple({frozenset(f.text.lower().split()) for f in self.forms
                      if f.category is Category.NAME and f.script == "latin" and len(f.text.split()) == 2
                      and "." not in f.text})

    @property
    def _university(self) -> bool:
        """A university's colleges (材料学院) are its own sub-units."""
        return any(f.kind == "employer_official" and f.text.endswith("大学") for f in self.forms)


def dropped_between(text: str, m: FormMatch, words: list[tuple[int, int, str]]) -> tuple[tuple[int, int], ...]:
    """Where OCR would have dropped the character an ``ocr_dropped_char`` match of the name lacks: for each
    place the reading fits the name with one character taken out, the offsets in ``text`` of the characters
    printed on either side of it -- offsets only, never a character: ``detect.dropped_chars`` measures the room
    between.  At the reading's edge the neighbour is the character before or after it, and counts only where it
    belongs to a word of its own (``_a_word_of_its_own``: LAC's word of two or more characters ending or starting
    there, 成员 before 阳志远, or a function word, 由; or, where LAC glued the reading to the noun before it, a
    word of the common-word lexicon, ``_glued_to_a_common_word``): a lone character there may be the name's own, misread
    (区阳志远 for 欧阳志远).  A reading that opens its line has no neighbour before it: ``LINE_START`` there
    (the line's margin is measured instead).  Empty where a place has no such neighbour: then nothing can be
    measured."""
    folded, idx = fold_map(text[m.start:m.end], CJK_DROP)
    read, key = folded.translate(MIDDLE_DOTS), cjk_key(m.form.text)
    first, last = m.start + idx[0], m.start + idx[-1] + 1      # where the reading's characters begin and end
    out = []
    for i in range(len(key)):
        if key[:i] + key[i + 1:] != read:
            continue
        before = m.start + idx[i - 1] if i > 0 else first - 1
        after = m.start + idx[i] if i < len(read) else last
        if i == 0 and not any(we == first and _a_word_of_its_own(text, ws, we, tag) for ws, we, tag in words):
            if first > 0 and text[first - 1] != "\n":
                if not _glued_to_a_common_word(text, first, words, before=True):
                    return ()
            else:
                before = LINE_START     # the reading opens its line: the block's margin is the ruler
        if i == len(read) and not any(ws == last and _a_word_of_its_own(text, ws, we, tag) for ws, we, tag in words) \
                and not _glued_to_a_common_word(text, last, words, before=False):
            return ()
        out.append((before, after))
    return tuple(dict.fromkeys(out))


def _glued_to_a_common_word(text: str, at: int, words: list[tuple[int, int, str]], before: bool) -> bool:
    """LAC glued the reading to the noun before it (or after it) into one word, and that noun, cut off at the
    reading's edge ``at``, is a word of the common-word lexicon of two characters or more: 组成员 of
    组成员官怡 (项目组成员官怡负责).  Then the character beside the reading belongs to a word of its own.  A
    name's character misread beside the reading makes a word with its neighbour seldom, and with the rest of
    LAC's word exactly more seldom still (王淑郡 主持: 郡 alone is left of LAC's word, though 郡主 is a word)."""
    for ws, we, _ in words:
        if not ws < at < we:
            continue
        part = text[ws:at] if before else text[at:we]
        return len(part) >= 2 and is_a_word(part)
    return False


# LAC's word classes of a one-character word that is a word of its own beside a name: a preposition, a
# conjunction, a particle (由/p 王珺 负责, 李强 和/c 王珺) -- closed classes, which a name's character misread
# rarely becomes
FUNCTION_WORD_CLASSES = frozenset({"p", "c", "u"})


def _a_word_of_its_own(text: str, ws: int, we: int, tag: str) -> bool:
    """LAC's word ``text[ws:we]`` (class ``tag``) beside a reading is no character of the name misread: CJK, and
    two characters or more (成员) or a function word (由)."""
    if not all(is_cjk(c) for c in text[ws:we]):
        return False
    return we - ws >= 2 or (we - ws == 1 and tag in FUNCTION_WORD_CLASSES)


def _whole_name_inside(text: str, m: FormMatch, words: list[tuple[int, int, str]]) -> bool:
    """An OCR reading of the applicant's name with its first or last character dropped (阳志远 for 欧阳志远) that
    stands as a whole name: LAC reads exactly it as a person, or nothing but a separator, a label's colon or the
    line's edge lies on either side.  That is another person whose name the applicant's contains (a colleague
    阳志远 in a member list), not the applicant's name misread; a dropped character inside the name, or a reading
    glued to more text, keeps the OCR-tolerant match, and so does a mark read right beside it that separates
    nothing (欧阳志| : the bar may be the last character, misread)."""
    read = cjk_key(text[m.start:m.end])
    key = cjk_key(m.form.text)
    if read not in (key[1:], key[:-1]):
        return False
    before = text[m.start - 1] if m.start > 0 else "\n"
    after = text[m.end] if m.end < len(text) else "\n"
    if _stray_mark(before, text[max(0, m.start - 3):m.start][::-1]) or _stray_mark(after, text[m.end:m.end + 3]):
        return False
    if any(ws == m.start and we == m.end and tag == "PER" for ws, we, tag in words):
        return True
    return not is_cjk(before) and not is_cjk(after)


def _stray_mark(c: str, run: str) -> bool:
    """``c`` (the first of ``run``, read away from the name) is a lone mark OCR may have made of a character:
    neither CJK, a separator, nor the start of a romanised word (阳志远 YANG: two letters or more)."""
    if is_cjk(c) or c in _SEPARATES:
        return False
    return not (len(run) >= 2 and run[0].isascii() and run[:2].isalpha())


def _lac_words(nlp_artifacts: NlpArtifacts | None) -> list[tuple[int, int, str]]:
    if nlp_artifacts is None or nlp_artifacts.tokens is None:
        return []
    return list(nlp_artifacts.tokens.user_data.get("lac_words", []))


# What says a match of the applicant's name is part of a longer name: LAC's words, a birth year after the
# longer name (a bio), a romanised name after it that is not the applicant's, the letter spacing of a spaced
# name going on over one or two more characters (韩 冰 洁、), or only one or two more characters before a list
# separator or a field's end.  The last is the weakest: 王淑珺牵头， (the name, then
# "leads", then a comma) reads as a longer name 王淑珺牵头 to it.
BOUNDARY_EVIDENCE = ("lac_word", "birth_year", "romanised_name", "spaced_name", "list_item", "lac_word_class",
                     "lexicon_word")
# (a romanised match has its own: ``romanisation_of_other``, the CJK name right before it is another person's and
# spells it; ``other_org_shared_prefix``, an English name going on with "of ..." -- ``ownership.text_cues``)


def _longer_name_evidence(text: str, start: int, end: int, words: list[tuple[int, int, str]],
                          latin_names: tuple[frozenset[str], ...]) -> str | None:
    """The strongest evidence that the match is part of a longer name (``BOUNDARY_EVIDENCE``), or None."""
    if _lac_longer_name(text, start, end, words):
        return "lac_word"
    gap = _letter_gap(text[start:end])
    listed = _longer_list_item(text, end, gap)
    tail = _given_name_tail(text, end, gap)
    if listed and tail is not None and _BIRTH_YEAR.match(text, tail):
        return "birth_year"
    if _romanised_longer_name(text, end, latin_names):
        return "romanised_name"
    if listed and gap:
        return "spaced_name"        # 韩 冰 洁、: the letter spacing goes on over a third character, one name's layout
    return "list_item" if listed else None


def _letter_gap(match: str) -> str:
    """The spacing a letter-spaced name puts between its characters (韩 冰: " "), "" when it has none.  Spacing
    along the line only: a name wrapped over two lines (a scan's 乌日娜.|乌云, OCR's line break inside the match)
    is not letter-spaced, and the next line's first character (性别's 别) does not go on with it."""
    m = re.search(r"\S([ \t\u3000\xa0]+)\S", match)
    return m.group(1) if m else ""


def _lac_longer_name(text: str, start: int, end: int, words: list[tuple[int, int, str]]) -> bool:
    """LAC's segmentation puts the match inside a longer person word."""
    for ws, we, tag in words:
        if we <= start or ws >= end:
            continue
        if tag not in ("PER", "nz", "nr"):
            continue
        if ws < start and all(is_cjk(c) for c in text[ws:start]) and not _label_before(text, ws, start):
            return True
        if we > end:
            # a line or cell break ends a name: LAC's PER word over "申请人：王某\n导师" or a
            # heading "王某\n女" is the name plus the next field, not a longer name
            extra = text[end:we].split("\n", 1)[0]
            if extra[:1].isspace():
                continue
            # 周志² (an OCR'd author marker) is the name plus a marker, not a longer name; nor is a name
            # plus its romanisation and the next column's words (LAC's PER over 孟和TEMUERMenghe 东大学 in
            # a two-column author block): a longer name goes on in characters (or a dotted part)
            lead = extra.translate(MIDDLE_DOTS).lstrip("·")
            goes_on = bool(lead) and is_cjk(lead[0]) and len(extra) - len(lead) <= 1
            if goes_on and not any(extra.startswith(s) for s in NAME_SUFFIXES):
                return True
    return False


# LAC's word classes a person's name never has: an adjective, an adverb (and an adjective used as one), a conjunction,
# a preposition, a particle.  (A name used as a noun -- 文明 in 申请人：文明 -- LAC tags n, like the noun.)
NOT_A_NAME_CLASSES = frozenset({"a", "ad", "d", "c", "p", "u", "xc"})
# LAC's word classes whose longer word holds a name that is also a word (精神文明, 高峰论坛): common words.  Not a
# person's, place's or body's name (李明工作室, 高峰科技有限公司 are named after someone), nor a time.
WORD_CLASSES = frozenset({"n", "nw", "v", "vd", "vn", "a", "ad", "an", "d", "s", "f"})
NAME_AS_WORD_CHARS = 3      # the longest name (characters) read as a common word in running text
NAMED_GROUP_GAP = 2         # characters: a word this long between a name and a group named after it (技术团队)
# LAC's word classes of a verb right after a name its class alone calls a word (宁静/ad 带领/v 班组): the verb's
# subject, a person acting.  Not a verbal noun: 文明/ad 创建/vn 工作 is the word.
SUBJECT_VERB_CLASSES = frozenset({"v"})
# LAC's word classes of what a name glued before it may own (宁静/a 简历/n, 文明/a 职称/n 证书, 宁静/a 申报/vn 材料):
# a noun's, a place's, a body's, a person's, a verbal noun's.  Before one of these an adjective's tag is no evidence
# of the word -- 宁静简历 is 宁静's -- and only the common-word lexicon tells the word (文明城市).  A name LAC tags
# an adverb (``ADVERBIAL_CLASSES``) modifies an action, which a name never does: 文明/ad 创建/vn stays the word.
POSSESSED_CLASSES = frozenset({"n", "nz", "nw", "an", "s", "f", "vn", "PER", "LOC", "ORG", "nr", "ns", "nt"})
ADVERBIAL_CLASSES = frozenset({"ad", "d"})


def _used_as_a_word(text: str, start: int, end: int, words: list[tuple[int, int, str]]) -> str | None:
    """The applicant's name (文明, 高峰) is a common word here, not the person: glued to the next word of running
    text (a CJK character after it that no name is followed by, ``text_cues.AFTER_NAME`` -- the final check reads
    the same there as a longer word), and either LAC's segmentation puts it inside a longer common word (精神文明,
    高峰论坛) or LAC tags it with a word class no name has (全国文明城市: 文明 an adjective).  Never where a form
    names a person: after a person's label or a colon (申请人：文明), before a title or a bio's birth year, nor
    before a group named after its head (``grammar.named_groups``: 团队, 课题组, 工作室; a word between,
    ``NAMED_GROUP_GAP``), and a word class alone never before a verb (``SUBJECT_VERB_CLASSES``: its subject) nor
    before what the name may own (``POSSESSED_CLASSES``: 宁静简历, 文明职称证书).
    Returns the evidence (``lac_word_class``, ``lexicon_word``: ``_in_a_lexicon_word``) or None."""
    if end - start > NAME_AS_WORD_CHARS:
        return None
    if _ends_a_lexicon_word(text, start, end, words):
        return "lexicon_word"
    if end >= len(text):
        return None
    tail = text[end:end + 4]
    if not is_cjk(tail[0]) or tail[0] in AFTER_NAME or any(tail.startswith(w) for w in NAME_SUFFIXES):
        return None
    groups = lexicon().grammar.named_groups
    if any(text.startswith(g, end) for g in groups):
        return None         # the person's group (依托<name>团队): LAC may still tag the name an adjective or a place
    before = text[max(0, start - _LONGEST_LABEL):start].rstrip(" \t\u3000")
    if before.endswith(("：", ":")) or any(before.endswith(w) for w in _person_labels()):
        return None
    in_lexicon = _in_a_lexicon_word(text, start, end, words)
    if not in_lexicon and any(text.startswith(g, end + k) for k in range(1, NAMED_GROUP_GAP + 1) for g in groups
                              if all(is_cjk(c) for c in text[end:end + k])):
        return None         # the person's group with a word between (<name>技术团队, <name>科研团队)
    after = next((tag for ws, _, tag in words if ws == end), None)       # the class of LAC's word right after
    for ws, we, tag in words:
        if ws == start and we == end and tag in NOT_A_NAME_CLASSES and after not in SUBJECT_VERB_CLASSES \
                and not _owns_what_follows(tag, after):
            return "lac_word_class"
        if ws <= start and end <= we and (ws, we) != (start, end) and tag in WORD_CLASSES \
                and "\n" not in text[ws:we] and all(is_cjk(c) for c in text[ws:we]) \
                and not (ws == start and tag in POSSESSED_CLASSES):
            return "lac_word_class"     # (a noun the name opens may be what it owns: LAC's 高原论文/n)
    return "lexicon_word" if in_lexicon else None


def _owns_what_follows(tag: str, after: str | None) -> bool:
    """A name LAC tags ``tag`` (an adjective's class) may be the owner of the word after it, of class ``after``:
    a noun (宁静/a 简历/n), or a verbal noun unless LAC reads the name as an adverb (``ADVERBIAL_CLASSES``)."""
    if after is None or after not in POSSESSED_CLASSES:
        return False
    return not (after == "vn" and tag in ADVERBIAL_CLASSES)


def _ends_a_lexicon_word(text: str, start: int, end: int, words: list[tuple[int, int, str]]) -> bool:
    """The name ends a longer word of the common-word lexicon printed right before it on its line (守护蓝天白云的,
    勇攀高峰。: ``text_cues.ends_a_common_word``, the final check's own cue), the lexicon word starting where one of
    LAC's words does and the name ending where one does, no title after it (新高峰同志 addresses 高峰) and no
    person's label or colon before the word."""
    line_start = text.rfind("\n", 0, start) + 1
    word = ends_a_common_word(text[line_start:start], text[start:end])
    if word is None:
        return False
    ws = end - len(word)
    starts = {w0 for w0, _, _ in words}
    ends = {w1 for _, w1, _ in words}
    if ws not in starts or end not in ends or any(text.startswith(t, end) for t in TITLES_AFTER_NAME):
        return False
    before = text[max(0, ws - _LONGEST_LABEL):ws].rstrip(" \t\u3000")
    return not (before.endswith(("：", ":")) or any(before.endswith(w) for w in _person_labels()))


def _in_a_lexicon_word(text: str, start: int, end: int, words: list[tuple[int, int, str]]) -> bool:
    """The name is printed inside a longer word of the common-word lexicon (``ownership.common_words``: 国家级高峰论坛,
    赴高原地区) whose both ends are ends of LAC's words -- LAC split the compound (高峰/n 论坛/n) but not across it --
    or that lies inside one of LAC's longer words (the lexicon's 白云鄂 in LAC's place 白云鄂博矿区 or body
    白云鄂博铁矿: a name that is the start of a place's).  由文明办理 holds the lexicon's 文明办 only by cutting LAC's
    办理, and stays the person."""
    name = text[start:end]
    bounds = {ws for ws, _, _ in words} | {we for _, we, _ in words}      # where LAC's words start or end
    for word in words_holding(name):
        k = word.find(name)
        while k >= 0:
            s = start - k
            e = s + len(word)
            if s >= 0 and text.startswith(word, s) and s in bounds and (
                    e in bounds or any(ws <= s and e < we for ws, we, _ in words)):
                return True
            k = word.find(name, k + 1)
    return False


def _label_before(text: str, ws: int, start: int) -> bool:
    """The characters LAC put before the match (``text[ws:start]``) end a form's label printed right before it:
    a field word (姓名) or a person's role (持证人, 负责人) from the role lexicon.  OCR often reads a cell's label
    and value as one run (姓名托娅·毕力格), and LAC then tags 名托娅 as a person: the label's tail is no part of a
    longer name."""
    before = text[max(0, start - _LONGEST_LABEL):start]
    return any(before.endswith(w) and start - len(w) <= ws for w in _person_labels())


_LONGEST_LABEL = 8          # characters: the longest label looked for before a name


@functools.cache
def _person_labels() -> tuple[str, ...]:
    """The lexicon's labels printed before a person's name: field words of a name, role nouns of people."""
    lex = lexicon()
    names = [w for w, field in lex.grammar.field_words.items() if field == "name"]
    return tuple(w for w in (*names, *lex.person_roles()) if len(w) <= _LONGEST_LABEL)


def _given_name_tail(text: str, end: int, gap: str = "") -> int | None:
    """Where one or two more CJK characters after the name end (the rest of a longer name), or None
    when there are none or they are a title (老师, 同志).  ``gap``: a letter-spaced name's spacing, which
    its further characters keep (韩 冰 洁 goes on past 韩 冰)."""
    j, taken = end, 0
    while taken < 2 and text.startswith(gap, j) and j + len(gap) < len(text) and is_cjk(text[j + len(gap)]):
        j += len(gap) + 1
        taken += 1
    extra = "".join(text[end:j].split())
    if not extra or any(extra.startswith(s) for s in NAME_SUFFIXES):
        return None
    return j


def _longer_list_item(text: str, end: int, gap: str = "") -> str | None:
    """白静 in "白静、白静波、周芳" or "审核人：白静波" (or letter-spaced, 韩 冰 洁、王芳): one or two more CJK
    characters, then a list separator, a field end or an author marker — another person's
    longer name, even where LAC did not tag it (a title such as 老师 is fine)."""
    j = _given_name_tail(text, end, gap)
    if j is None:
        return None
    nxt = text[j:j + 1]
    if nxt == "" or nxt in _ITEM_END or nxt.isdigit() or _BIRTH_YEAR.match(text, j):
        return "inside_other_name"
    return None


# 杨玲军（1982—）: an author's bio gives the birth year right after the whole name (where the
# applicant's 杨玲 is the prefix of a co-author's 杨玲军 and LAC tagged neither bio name)
_BIRTH_YEAR = re.compile(r"[ \t\u3000\xa0]*[（(][ \t\u3000\xa0]*(?:19|20)[0-9]{2}")


# A romanised name: two Latin words (HUANG Binfeng, Binfeng Huang, Huang Bin-feng).
_LATIN_NAME = re.compile(r"[ \t\u3000\xa0]*([A-Za-z]+)[ \t\u3000\xa0]+([A-Za-z]+(?:-[A-Za-z]+)?)")   # \xa0: a PDF's
# no-break space between the words (杨玲军YANG\xa0Lingjun)


def _romanised_longer_name(text: str, end: int, latin_names: tuple[frozenset[str], ...]) -> str | None:
    """黄斌 in "黄斌峰HUANG Binfeng" (a paper's bilingual author line, OCR-read without a space and with
    LAC tagging the line as an organisation): one or two more CJK characters, then a romanised name
    that shares a word with the applicant's (the surname) but is not theirs -- another person whose
    name the applicant's is a prefix of.  The applicant's own romanisation after it (黄斌华 HUANG Bin
    misread) is no such evidence."""
    j = _given_name_tail(text, end)
    if j is None:
        return None
    m = _LATIN_NAME.match(text, j)
    if m is None:
        return None
    words = frozenset(w.lower().replace("-", "") for w in m.groups())
    own = [n for n in latin_names if n & words]
    if own and words not in own:
        return "inside_other_name"
    return None


# A publication named after the institution that publishes it: 内蒙古大学学报, 《包钢科技》.
PUBLICATION_SUFFIXES = ("学报", "学刊", "杂志", "期刊", "出版社", "论丛", "年鉴", "校报", "日报", "晚报")


def _publication_title(text: str, start: int, end: int) -> bool:
    """The employer's name as part of a journal's or publisher's title is the
    publication's name, evidence of where a paper appeared: kept (and reported
    as review by verification), never cut down to a stray 学报."""
    after = "".join(text[end:end + 4].split())
    if any(after.startswith(s) for s in PUBLICATION_SUFFIXES):
        return True
    opened = text.rfind("《", max(0, start - 20), start)
    return opened >= 0 and "》" not in text[opened:start] and "》" in text[end:end + 30]


# The employer's whole names: a field's value that is one of them is the employer, whatever LAC joins to it
_WHOLE_NAMES = ("employer_official", "employer_alias")


def _a_fields_whole_value(text: str, start: int, end: int) -> bool:
    """The match is the whole value of an employer field on its line: the lexicon's field word for a unit
    (工作单位, 单位名称, 所在单位) and a colon before it, nothing but spaces after it to the line's end.  LAC reads
    across line breaks, and on a certificate the stamp's ring read as the next lines (头市中心 / 色头市中心医院)
    became, with the field's value, one longer organisation ending in 医院: the employer kept as another body's
    on a certificate, then repaired by the final check."""
    line_end = text.find("\n", end)
    if text[end:len(text) if line_end < 0 else line_end].strip():
        return False
    before = text[text.rfind("\n", 0, start) + 1:start].rstrip(" \t\u3000")
    if not before.endswith(("：", ":")):
        return False
    label = before[:-1].rstrip(" \t\u3000")
    return any(label.endswith(w) for w in _unit_field_words())


@functools.cache
def _unit_field_words() -> tuple[str, ...]:
    """The role lexicon's field words for the applicant's unit (工作单位, 单位名称, 所在单位)."""
    return tuple(w for w, field in lexicon().grammar.field_words.items() if field == "employer")


def _org_boundary(text: str, start: int, end: int, words: list[tuple[int, int, str]], university: bool) -> str | None:
    """包头钢铁 in 包头钢铁职业技术学院, 内蒙古科技大学 in 内蒙古科技大学包头医学院: another
    institution.  内蒙科大材料学院 and 包钢集团技术中心: the employer's own sub-unit.
    内蒙古大学学报: a publication's title."""
    if _publication_title(text, start, end):
        return "publication_title"
    for ws, we, tag in words:
        if we <= end or ws >= end or tag != "ORG" or ws > start:
            continue
        extra = _one_line_on(text[end:we])
        if not any(extra.endswith(s) for s in INDEPENDENT_ORG_SUFFIXES):
            continue
        if text[start:end] in extra:
            continue            # the name twice, one line after the other, that LAC read as one word
        if university and not _starts_with_place(text, end, words):
            continue            # a college of the employer university
        return "other_org_shared_prefix"
    # LAC sometimes splits 内蒙古科技大学 | 包头医学院 into two ORG words
    for ws, we, tag in words:
        if ws == end and tag == "ORG" and any(_one_line_on(text[ws:we]).endswith(s) for s in INDEPENDENT_ORG_SUFFIXES) \
                and text[start:end] not in text[ws:we]:
            if not university or _starts_with_place(text, end, words):
                return "other_org_shared_prefix"
    return None


def _place_named_institution_after(text: str, end: int, words: list[tuple[int, int, str]]) -> bool:
    """The characters that run on from the match on its line, read as words rather than by LAC's tags: a place
    and an independent institution's suffix (内蒙古科技大学 | 包头医学院) make another institution's name that
    only opens with the employer's.  LAC tags that run an organisation, a noun or an organisation joined with the
    cells around it (中共党员 / ... / 家庭主要成员), as its reading of the line breaks goes; the place and the suffix
    are in the text whatever the tags say."""
    run_end = end
    while run_end < len(text) and is_cjk(text[run_end]):
        run_end += 1
    run = text[end:run_end]
    return bool(run) and run.endswith(INDEPENDENT_ORG_SUFFIXES) and _starts_with_place(text, end, words)


def _one_line_on(extra: str) -> str:
    """What follows a match inside one of LAC's words, up to the end of the next line: a name wraps onto the next
    line, not past it.  LAC reads across line breaks, and in a member table it joined a colleague's 工作单位 cell
    with the cells after it (工程师, 试验研究, 3, another member's name and unit, ending in 医院) into one
    organisation: the employer in the colleague's row was kept as another body's that only shares its start."""
    first = extra.find("\n")
    if first < 0:
        return extra
    second = extra.find("\n", first + 1)
    return extra if second < 0 else extra[:second]


def _starts_with_place(text: str, pos: int, words: list[tuple[int, int, str]]) -> bool:
    """包头医学院 is an institution of its own; 材料学院 is a college of a university."""
    return starts_with_region(text[pos:pos + 12]) or any(ws == pos and tag == "LOC" for ws, _, tag in words)
