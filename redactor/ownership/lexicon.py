"""The role lexicon (``configs/roles.yaml``): the phrases real forms print beside marks and values, whose each says
it is, and where each phrase was seen.

A phrase is read whole when the lexicon has it (所在单位意见（盖章）: the applicant's unit), else by its grammar
(``labels.read_role``): a role noun -- qualifier + head (所在 + 单位, 推荐 + 人) -- followed by an action (签名,
盖章, 意见, 照片).  The heads, actions and qualifiers are data too, each qualifier with the phrase that shows it.
A qualifier the lexicon does not know makes the role unknown: never the applicant's by a substring.

Loaded once per process and validated at load (pydantic): a typo names the file, the entry and the valid values.
"""

from __future__ import annotations

import enum
import hashlib
import re
import unicodedata
from functools import cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from redactor.errors import ConfigError

__all__ = ["Owner", "Kind", "Lexicon", "Phrase", "lexicon", "norm_label", "load_lexicon"]

LEXICON_FILE = "roles.yaml"


class Owner(str, enum.Enum):
    """Whose a mark or a value beside a label is."""

    APPLICANT = "applicant"              # the person the form, card or certificate is about (its subject)
    APPLICANT_UNIT = "applicant_unit"    # the subject's own employer / unit
    OTHER_PERSON = "other_person"        # a recommender, a supervisor, a reviewer, a family member ...
    OTHER_BODY = "other_body"            # a partner, an authority, a review board ...
    ISSUER = "issuer"                    # the body a certificate or a letter speaks for (resolved per page)
    UNKNOWN = "unknown"                  # the lexicon cannot say: other evidence decides, else a person looks


class Kind(str, enum.Enum):
    """What a label labels."""

    SIGNATURE = "signature"      # a person signs beside it
    SEAL = "seal"                # a body stamps beside it (an opinion block a body signs counts)
    PHOTO = "photo"              # a photo cell
    FIELD = "field"              # a personal value follows (姓名, 身份证号, 工作单位, 推荐人电话 ...)
    ROWS = "rows"                # a table heading whose rows list other people or bodies (家庭成员, 项目组成员)
    SUBJECT = "subject"          # introduces whose document it is (兹证明, 持证人, 授予, 被推荐人)
    ISSUER = "issuer"            # names the issuing body's place (发证机关, 颁发单位)
    SECTION = "section"          # a block heading naming a role (推荐人(一)): what follows is that role's


_OWNERS = tuple(o.value for o in Owner)
_KINDS = tuple(k.value for k in Kind)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Template(_Strict):
    source: str = Field(description="owner/repo:path@commit of a public form or certificate template")
    form: str = Field(description="the form's name as printed")
    system: str = Field("", description="the kind of system it belongs to (职称, 人事, 干部, 学籍, 证书, 科研项目 ...)")


class Phrase(_Strict):
    phrase: str
    kind: Literal[_KINDS]   # type: ignore[valid-type]
    owner: Literal[_OWNERS]  # type: ignore[valid-type]
    sources: tuple[str, ...] = Field(min_length=1, description="template ids where the phrase is printed")
    field: str = Field("", description="kind field: the value it labels (name, id_number, phone, employer, email)")
    whole: bool = Field(False, description="read as this whole phrase only: its role noun names no one with another "
                        "action (作者签名 is the thesis author's; 作者照片 in a journal's bios is any author's)")
    note: str = ""


class Qualifier(_Strict):
    """A word before a head (所在 + 单位): the owner it gives with a person head and with a body head."""

    person: Literal[_OWNERS] | None = None   # type: ignore[valid-type]
    body: Literal[_OWNERS] | None = None     # type: ignore[valid-type]
    seen_in: str = Field(description="a phrase of the lexicon that shows it")


class Grammar(_Strict):
    signature_actions: tuple[str, ...]
    seal_actions: tuple[str, ...]
    opinion_actions: tuple[str, ...]
    photo_words: tuple[str, ...]
    bare_actions: dict[Literal["signature", "seal", "photo"], Literal[_OWNERS]]   # type: ignore[valid-type]
    person_heads: dict[str, Literal[_OWNERS]]   # type: ignore[valid-type]
    body_heads: dict[str, Literal[_OWNERS]]     # type: ignore[valid-type]
    qualifiers: dict[str, Qualifier]
    field_words: dict[str, Literal["name", "id_number", "phone", "email", "employer"]] = Field(
        default_factory=dict, description="a field word after a role noun (电话, 工作单位) or alone -> the value it labels")
    sentence_tails: tuple[str, ...] = Field(
        default=(), description="words that end a sentence printed on a label's line without punctuation")
    id_photo_words: tuple[str, ...] = Field(default=(), description="words naming an ID photo even in a sentence")
    date_labels: tuple[str, ...] = Field(default=(), description="a date's labels: what is written beside them is a date")
    ocr_watch: tuple[str, ...] = Field(default=(), description="form words whose OCR lines the full model reads again")
    holders: dict[Literal["after", "before"], tuple[str, ...]] = Field(
        default_factory=dict, description="a certificate's holder is named after / before these words")
    certificate_markers: tuple[str, ...] = Field(
        default=(), description="words a certificate or a letter prints (兹证明, 特发此证): its stamp is its issuer's")
    certificate_titles: tuple[str, ...] = Field(
        default=(), description="how a certificate's title ends (专业技术资格证书, 毕业证书): a page whose first printed "
        "line ends so is a certificate; anywhere else the word is a form's mention of one (毕业证书复印件)")
    declarants: tuple[str, ...] = Field(
        default=(), description="how a first-person declaration opens (本人): the form's subject speaking")
    declaration_verbs: tuple[str, ...] = Field(
        default=(), description="what a first-person declaration does (本人…保证, 本人承诺): a paragraph opening with a "
        "declarant and holding one of these is the form's subject speaking")
    named_groups: tuple[str, ...] = Field(
        default=(), description="groups named after the person who leads them (团队, 课题组, 工作室): a name glued to one "
        "of these is that person, never a common word the name is spelled like")
    fillers: tuple[str, ...] = Field(
        default=(), description="role nouns for whoever filled the form in (填表人): another person's on a form staff "
        "fill (干部任免审批表), the declarant's where they sign right under a first-person declaration")
    party_words: tuple[str, ...] = Field(
        default=(), description="a contract's parties (甲方, 乙方): whose each is, the contract itself says, by the "
        "role noun it prints in brackets after the party where it names it (乙方（劳动者）)")
    party_roles: dict[str, Literal[_OWNERS]] = Field(   # type: ignore[valid-type]
        default_factory=dict, description="the role noun a contract prints after a party (劳动者, 用人单位) -> whose that "
        "party is: the signature and stamp places of that party on the same page are that owner's")


class LexiconFile(_Strict):
    version: int
    templates: dict[str, Template]
    phrases: tuple[Phrase, ...]
    grammar: Grammar

    @field_validator("phrases")
    @classmethod
    def _distinct(cls, v: tuple[Phrase, ...]) -> tuple[Phrase, ...]:
        seen: dict[str, Phrase] = {}
        for p in v:
            key = norm_label(p.phrase)
            if not key:
                raise ValueError(f"phrase {p.phrase!r} is empty once normalised")
            if key in seen and (seen[key].kind, seen[key].owner) != (p.kind, p.owner):
                raise ValueError(f"phrase {p.phrase!r} is listed twice with different roles")
            seen[key] = p
        return v

    @model_validator(mode="after")
    def _sources_known(self) -> LexiconFile:
        for p in self.phrases:
            unknown = [s for s in p.sources if s not in self.templates]
            if unknown:
                raise ValueError(f"phrase {p.phrase!r}: unknown template id(s) {unknown}; "
                                 f"ids are the keys of 'templates'")
        for word, q in self.grammar.qualifiers.items():
            if norm_label(q.seen_in) not in {norm_label(p.phrase) for p in self.phrases}:
                raise ValueError(f"qualifier {word!r}: seen_in {q.seen_in!r} is no phrase of the lexicon")
        return self


# brackets, colons and the like carry no meaning in a label: 单位(盖章)：, 单位（盖章）and 单位盖章 are one label
_NOISE = re.compile(r"[\s\u3000()（）【】\[\]<>《》〈〉:：_＿.。、，,;；*＊□☐/／\\|\-—－]+")


def norm_label(text: str) -> str:
    """A label's comparison key: NFKC, no whitespace, brackets, colons or punctuation."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", text))


class Lexicon:
    """The validated lexicon with its lookup tables."""

    def __init__(self, data: LexiconFile, digest: str) -> None:
        self.data = data
        self.digest = digest
        self._person_roles: tuple[str, ...] | None = None
        self.grammar = data.grammar
        self.phrases: dict[str, Phrase] = {}
        for p in data.phrases:
            self.phrases.setdefault(norm_label(p.phrase), p)
        g = data.grammar
        self.actions = {**{a: Kind.SIGNATURE for a in g.signature_actions}, **{a: Kind.SEAL for a in g.seal_actions}}
        self.opinions = frozenset(g.opinion_actions)
        # 签章 is a person's when a person signs it (负责人签章), a body's after a body (单位签章)
        self.both = frozenset(a for a in g.signature_actions if a in g.seal_actions)
        self.heads = sorted([(h, "person", Owner(o)) for h, o in g.person_heads.items()]
                            + [(h, "body", Owner(o)) for h, o in g.body_heads.items()], key=lambda x: len(x[0]), reverse=True)
        self.qualifier_words = sorted(g.qualifiers, key=len, reverse=True)
        self.nouns = self._nouns()
        self.certificate_markers = frozenset(norm_label(w) for w in g.certificate_markers)
        self.certificate_titles = tuple(norm_label(w) for w in g.certificate_titles)
        heads = [h for h, _, _ in self.heads]
        # headings that give what follows them to a role: rows of others (家庭成员), a role's block (推荐人(一)),
        # the subject's block (被推荐人)
        self.heading_keys = frozenset(k for k, p in self.phrases.items() if p.kind in ("rows", "section") or (
            p.kind == "subject" and any(k.endswith(h) for h in heads)))

    def _nouns(self) -> dict[str, Phrase]:
        """Role nouns the phrases print before their action (推荐人 of 推荐人签名, 项目负责人 of 项目负责人（签字）),
        each with the phrase that shows it; a noun whose phrases disagree on the owner is left out."""
        g = self.grammar
        tails = sorted({*self.actions, *self.opinions, *g.photo_words, *g.field_words}, key=len, reverse=True)
        found: dict[str, list[Phrase]] = {}
        for key, p in self.phrases.items():
            if p.whole:
                continue
            rest = re.sub(r"[一二三四五六七八九十0-9]+$", "", key) or key
            while True:
                w = next((w for w in tails if rest.endswith(w) and len(rest) > len(w)), None)
                if w is None:
                    break
                rest = rest[: -len(w)]
            if rest != key and rest:
                found.setdefault(rest, []).append(p)
        return {n: ps[0] for n, ps in found.items() if len({p.owner for p in ps}) == 1}

    def phrase(self, text: str) -> Phrase | None:
        return self.phrases.get(norm_label(text))

    def sources(self, p: Phrase) -> tuple[str, ...]:
        return tuple(self.data.templates[s].source for s in p.sources)

    def person_roles(self) -> tuple[str, ...]:
        """Role nouns of people the lexicon prints (申报人, 推荐人, 导师, 法定代表人 ...), two characters or more
        (read once: the lexicon does not change)."""
        if self._person_roles is None:
            self._person_roles = self._read_person_roles()
        return self._person_roles

    def _read_person_roles(self) -> tuple[str, ...]:
        heads = {h for h, t, _ in self.heads if t == "person"}
        people = (Owner.APPLICANT.value, Owner.OTHER_PERSON.value)
        found = [*self.nouns.items(), *self.phrases.items()]
        roles = {n for n, p in found if p.owner in people and 2 <= len(n) <= 6 and any(n.endswith(h) for h in heads)}
        # and the grammar's: a qualifier that gives a person's role, before 人 (审批人, 评审人, 鉴定人)
        roles |= {w + "人" for w, q in self.grammar.qualifiers.items() if q.person in people and len(w) <= 4}
        return tuple(sorted(roles))

    def signature_words(self) -> tuple[str, ...]:
        """The words a signature label is found by: every role noun of a person with a signature verb, the verbs
        alone, and the roles that label alone before a colon or a cell's end (申报人：, 审核人（ ）: those ending in
        人, and 导师 / 法定代表人 -- 专家, 领导, 本人 are in every page of prose and label only with a verb)."""
        g = self.grammar
        verbs = tuple(g.signature_actions)
        roles = self.person_roles()
        bare = tuple(r for r in roles if r.endswith("人") and len(r) >= 3 or r in ("导师", "法定代表人"))
        combined = tuple(r + v for r in (*roles, "本人") for v in verbs[:2])
        return tuple(dict.fromkeys((*combined, *verbs, *bare)))

    def photo_words(self) -> tuple[str, ...]:
        """The words a photo cell is labelled with (照片, 相片, 免冠 ...)."""
        g = self.grammar
        return tuple(dict.fromkeys((*g.photo_words, *g.id_photo_words)))


def load_lexicon(path: str | None = None) -> Lexicon:
    """``configs/roles.yaml`` (or ``path``), validated; a problem is a ``ConfigError`` naming the file and the entry."""
    name = path or f"packaged {LEXICON_FILE}"
    try:
        raw = (open(path, encoding="utf-8").read() if path else
               resources.files("redactor.configs").joinpath(LEXICON_FILE).read_text("utf-8"))
        data = yaml.safe_load(raw)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"role lexicon is not readable YAML ({type(exc).__name__})", path=name) from exc
    try:
        parsed = LexiconFile.model_validate(data)
    except ValidationError as exc:
        msg = "; ".join(f"{'.'.join(str(x) for x in e['loc']) or '(top level)'}: {e['msg']}" for e in exc.errors()[:5])
        raise ConfigError(f"invalid role lexicon: {msg}", path=name) from exc
    return Lexicon(parsed, hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16])


@cache
def lexicon() -> Lexicon:
    """The packaged lexicon, parsed once per process (immutable)."""
    return load_lexicon()
