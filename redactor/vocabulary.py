"""The form labels of ``configs/labels.yaml``: one vocabulary for detection, policy and the verification gate.

A signature, a seal's place or a photo cell is recognised by the words a form prints beside it.  Those words
lived in four copies that drifted apart (the gate knew 鉴定人 and 证明人, detection did not); now each stage reads
them here.  Loaded once per process, immutable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class SignatureWords:
    verbs: tuple[str, ...]
    own_roles: tuple[str, ...]
    other_roles: tuple[str, ...]
    bare_roles: tuple[str, ...]
    other_marks: tuple[str, ...]

    @property
    def labels(self) -> tuple[str, ...]:
        """Every signature label detection looks for: role + verb, a verb alone, a bare role."""
        combined = tuple(r + v for r in self.own_roles + self.other_roles for v in self.verbs[:2])
        return tuple(dict.fromkeys(combined + self.verbs + self.bare_roles))

    def own_pattern(self) -> re.Pattern[str]:
        """The applicant's own signature label, brackets allowed: 申请人（签字）."""
        return re.compile(f"({'|'.join(self.own_roles)})[（(]?({'|'.join(self.verbs[:2])})")

    def other_pattern(self) -> re.Pattern[str]:
        return re.compile("|".join(sorted(self.other_roles, key=len, reverse=True)))


@dataclass(frozen=True)
class SealPlaceWords:
    own: tuple[str, ...]
    other: tuple[str, ...]
    other_prefix: tuple[str, ...]


@dataclass(frozen=True)
class PhotoWords:
    labels: tuple[str, ...]
    portrait_words: tuple[str, ...]


@dataclass(frozen=True)
class Vocabulary:
    signature: SignatureWords
    seal_place: SealPlaceWords
    photo: PhotoWords


@cache
def vocabulary() -> Vocabulary:
    """``configs/labels.yaml``, parsed once."""
    data = yaml.safe_load(resources.files("redactor.configs").joinpath("labels.yaml").read_text("utf-8"))

    def words(section: str, cls):  # noqa: ANN001, ANN202
        return cls(**{k: tuple(v) for k, v in data[section].items()})

    return Vocabulary(words("signature", SignatureWords), words("seal_place", SealPlaceWords), words("photo", PhotoWords))
