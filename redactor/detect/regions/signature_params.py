"""What the signature search's helpers read of the detector: its parameters, one interface.

``signature_ink``, ``signature_labels`` and ``signature_strokes`` are handed the ``SignatureDetector`` they work
for and read its parameters; they type it by this protocol, so none of them imports ``signature.py`` back (issue
81: the three modules and the detector imported each other).  The parameters' units and meanings are the
detector's constructor's (``signature.SignatureDetector``, set in ``configs/default.yaml``
``detect.region_params.signature.v1``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from .seal import SealDetector

__all__ = ["SignatureParams"]


class SignatureParams(Protocol):
    right_pt: float
    below_pt: float
    above_lines: float
    below_lines: float
    min_height_pt: float
    max_width_pt: float
    max_height_pt: float
    max_height_lines: float
    ink_contrast: float
    faint_strokes: float
    min_ink_delta: float
    max_mixed_ink: float
    rule_lines: float
    rule_lines_vertical: float
    max_stroke_pt: float
    hairline_pt: float
    max_density: float
    hue_min_chroma: float
    label_square_slack: float
    seal_detector: SealDetector | None
