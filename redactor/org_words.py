"""Organisation words as data: ``configs/org_words.yaml``, one file for every stage that reads a body's name.

Detection (the organisation recogniser, a paper's affiliations, the employer's boundary), variants (an employer's
derived forms, other bodies printed on the page) and ownership (a stamp's reading, a name's distinctive core, the
words after an employer's name) each ask their own question of the same vocabulary; each set is named by its
question, so a newcomer adds a word in one place and sees beside it every other set that holds it.  Validated at
load (``OrgWordsFile``: a typo in a set's name names the file and the valid names); the file's digest is part of
the audit's ``config_digest``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from redactor.errors import ConfigError

__all__ = ["OrgWordsFile", "org_words", "org_words_digest", "load_org_words", "alternation"]

ORG_WORDS_FILE = "org_words.yaml"

Words = tuple[str, ...]


class OrgWordsFile(BaseModel):
    """Every set the code reads; each a non-empty list of non-empty words (see the file for what each is for)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name_endings: Words = Field(min_length=1)
    affiliation_words: Words = Field(min_length=1)
    rival_name_endings: Words = Field(min_length=1)
    seal_name_endings: Words = Field(min_length=1)
    seal_uses: Words = Field(min_length=1)
    generic_unit_kinds: Words = Field(min_length=1)
    generic_unit_heads: Words = Field(min_length=1)
    seal_reading_kinds: Words = Field(min_length=1)
    seal_reading_generic: Words = Field(min_length=1)
    core_generic: Words = Field(min_length=1)
    legal_forms: Words = Field(min_length=1)
    group_marks: Words = Field(min_length=1)
    other_institution: Words = Field(min_length=1)
    independent_institutions: Words = Field(min_length=1)
    longer_names: Words = Field(min_length=1)

    def model_post_init(self, _context: object) -> None:
        for name in type(self).model_fields:
            empty = [i for i, w in enumerate(getattr(self, name)) if not str(w).strip()]
            if empty:
                raise ValueError(f"{name}: word {empty[0] + 1} is empty")


def load_org_words(text: str, name: str = f"packaged {ORG_WORDS_FILE}") -> OrgWordsFile:
    try:
        data = yaml.safe_load(text)
        if isinstance(data, dict):
            data = {k: tuple(str(w) for w in v) if isinstance(v, list) else v for k, v in data.items()}
        return OrgWordsFile.model_validate(data)
    except yaml.YAMLError as exc:
        raise ConfigError("organisation words are not valid YAML", path=name) from exc
    except (ValidationError, ValueError) as exc:
        if isinstance(exc, ValidationError):
            parts = []
            for e in exc.errors()[:5]:
                loc = ".".join(str(x) for x in e["loc"])
                msg = e["msg"] if e["type"] != "extra_forbidden" else \
                    f"unknown set; valid sets: {', '.join(OrgWordsFile.model_fields)}"
                parts.append(f"{loc}: {msg}")
            detail = "; ".join(parts)
        else:
            detail = str(exc)
        raise ConfigError(f"invalid organisation words: {detail}", path=name) from exc


def _text() -> str:
    return resources.files("redactor.configs").joinpath(ORG_WORDS_FILE).read_text("utf-8")


@cache
def org_words() -> OrgWordsFile:
    """``configs/org_words.yaml``, validated, parsed once per process."""
    return load_org_words(_text())


@cache
def org_words_digest() -> str:
    """The first 16 hex of the file's SHA-256: what the audit's ``config_digest`` folds in."""
    return hashlib.sha256(_text().encode("utf-8")).hexdigest()[:16]


def alternation(words: Iterable[str]) -> str:
    """A regular-expression alternation of ``words`` as literals, in the file's order (the order tried)."""
    return "|".join(re.escape(w) for w in words)
