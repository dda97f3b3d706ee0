"""Marks besides print, as one library for detection and the verification gate: stamp-pad ink (``ink``) and
stamps' rings (``circles``).

The gate is independent of detection by what truly differs -- PDFium, its own search of the profile's forms,
full-page OCR, the pixel proof -- not by a second copy of a threshold: a copied heuristic gives it the same
blind spot.  Both call these functions with named parameter sets from ``configs/marks.yaml``
(``detect.red``, ``gate.red`` ...), so how they look differently is a diff of that file.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def marks_config() -> dict[str, Any]:
    """``configs/marks.yaml``, parsed once per process."""
    return yaml.safe_load(resources.files("redactor.configs").joinpath("marks.yaml").read_text("utf-8"))
