"""Marks besides print, as one library for detection and the verification gate: stamp-pad ink (``ink``) and
stamps' rings (``circles``).

The gate is independent of detection by what truly differs -- PDFium, its own search of the profile's forms,
its own OCR -- not by a second copy of a threshold: a copied heuristic gives it the same blind spot.  Both call
these functions with named parameter sets from ``configs/marks.yaml`` (``detect.red``, ``gate.red`` ...), so how
they look differently is a diff of that file.  The file is validated at load (``MarksFile``): a typo names the
file, the entry and the valid keys, before any page is read; its digest is part of the audit's ``config_digest``.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from redactor.errors import ConfigError

__all__ = ["MarksFile", "InkSettings", "CircleSettings", "marks_config", "marks_digest", "load_marks"]

MARKS_FILE = "marks.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class InkSettings(_Strict):
    """A band of stamp-pad ink: hue ranges (OpenCV's 8-bit HSV, 0-179, a range may run to 255), least saturation
    and value (0-255), and by how many levels the ink's colour must stand over the other channels (0: not asked)."""

    hues: tuple[tuple[int, int], ...] = Field(min_length=1)
    s_min: int = Field(ge=0, le=255)
    v_min: int = Field(ge=0, le=255)
    dominance: int = Field(0, ge=0, le=255)

    @field_validator("hues")
    @classmethod
    def _ranges(cls, v: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
        for lo, hi in v:
            if not 0 <= lo <= hi <= 255:
                raise ValueError(f"hue range [{lo}, {hi}] must satisfy 0 <= low <= high <= 255")
        return v


class CircleSettings(_Strict):
    """Hough settings of a ring search: Canny's upper threshold (grey levels) and the accumulator's votes (or, for
    ``*_alt``, the circle perfectness 0..1)."""

    edge: float = Field(gt=0)
    votes: float = Field(gt=0)


class MarksFile(_Strict):
    ink: dict[str, InkSettings]
    circles: dict[str, CircleSettings]


def load_marks(text: str, name: str = f"packaged {MARKS_FILE}") -> MarksFile:
    try:
        return MarksFile.model_validate(yaml.safe_load(text))
    except yaml.YAMLError as exc:
        raise ConfigError("marks settings are not valid YAML", path=name) from exc
    except ValidationError as exc:
        parts = []
        for e in exc.errors()[:5]:
            loc = ".".join(str(x) for x in e["loc"])
            msg = e["msg"]
            if e["type"] == "extra_forbidden":
                model = InkSettings if e["loc"][0] == "ink" else CircleSettings if e["loc"][0] == "circles" else MarksFile
                msg = f"unknown key; valid keys here: {', '.join(model.model_fields)}"
            parts.append(f"{loc}: {msg}")
        raise ConfigError(f"invalid marks settings: {'; '.join(parts)}", path=name) from exc


def _text() -> str:
    return resources.files("redactor.configs").joinpath(MARKS_FILE).read_text("utf-8")


@cache
def marks_config() -> MarksFile:
    """``configs/marks.yaml``, validated, parsed once per process."""
    return load_marks(_text())


@cache
def marks_digest() -> str:
    """The first 16 hex of the file's SHA-256: what the audit's ``config_digest`` folds in."""
    return hashlib.sha256(_text().encode("utf-8")).hexdigest()[:16]


def setting(section: str, name: str) -> InkSettings | CircleSettings:
    """The named setting of ``section`` (``ink`` or ``circles``); an unknown name lists the valid ones."""
    table = getattr(marks_config(), section)
    if name not in table:
        raise ConfigError(f"no {section} setting {name!r} in {MARKS_FILE}; valid: {', '.join(sorted(table))}")
    return table[name]
