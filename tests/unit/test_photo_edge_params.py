"""Where a photo on a scan ends is decided by numbers set in the config (issue 81: numbers as parameters).

``PhotoEdgeParams`` holds every threshold of ``detect/regions/photo_edges.py``; ``PortraitDetector`` takes it as its
keyword parameter ``photo_edges``, so ``detect.region_params.portrait.v1.photo_edges`` sets any field, validated."""

from __future__ import annotations

import ast
import inspect

import cv2
import numpy as np
import pytest

from redactor.detect.regions import photo_edges, portrait
from redactor.detect.regions.photo_edge_params import PhotoEdgeParams
from redactor.detect.regions.photo_edges import grow_photo_rect

O = 300
FACE = (O + 140, O + 160, O + 200, O + 220)         # u0, v0, u1, v1 (pixels)


def _dome_page() -> tuple[np.ndarray, np.ndarray]:
    """A white-ground photo whose hair narrows to a dome: growth stops below the top of the head, the crown
    walk (``photo_edges._crown``) goes on up it (tests/unit/test_photo_crown.py)."""
    g = np.full((1000, 1000), 235, np.uint8)
    cv2.ellipse(g, (O + 170, O + 170), (48, 62), 0, 180, 360, 60, -1)
    cv2.rectangle(g, (O + 122, O + 150), (O + 218, O + 200), 60, -1)
    cv2.ellipse(g, (O + 170, O + 190), (31, 38), 0, 0, 360, 150, -1)
    cv2.rectangle(g, (O + 105, O + 262), (O + 235, O + 330), 40, -1)
    cv2.rectangle(g, (O + 150, O + 225), (O + 190, O + 262), 140, -1)
    return cv2.cvtColor(g, cv2.COLOR_GRAY2RGB), g


def _portrait(tmp_path, yaml_params: str):
    from redactor.config import load_config
    from redactor.detect import Detector

    cfg_file = tmp_path / "c.yaml"
    cfg_file.write_text(f"detect:\n  region_params:\n    portrait.v1:\n      photo_edges: {yaml_params}\n",
                        encoding="utf-8")
    det = Detector(load_config(cfg_file), regions=True)
    return next(d for d in det.regions if d.name == "portrait.v1")


def test_every_field_has_a_unit_and_meaning():
    assert len(PhotoEdgeParams.model_fields) >= 50
    for name, field in PhotoEdgeParams.model_fields.items():
        assert field.description and len(field.description) > 20, name


def test_the_detector_holds_the_defaults_unless_the_config_says_otherwise():
    assert portrait.PortraitDetector().photo_edges == PhotoEdgeParams() == photo_edges.DEFAULTS


def test_a_field_set_in_the_config_reaches_the_photo_edges_functions(tmp_path):
    det = _portrait(tmp_path, "{head_min_px: 1000}")
    p = det.photo_edges
    assert isinstance(p, PhotoEdgeParams) and p.head_min_px == 1000
    assert p.model_dump(exclude={"head_min_px"}) == PhotoEdgeParams().model_dump(exclude={"head_min_px"})
    rgb, gray = _dome_page()
    assert grow_photo_rect(rgb, gray, FACE).crown is not None          # the defaults follow the dome up
    assert grow_photo_rect(rgb, gray, FACE, p).crown is None           # no face is 1000 px wide: no dome walked


@pytest.mark.parametrize("bad", ["{grow_sid_faces: 3.0}", "{chin_reach: far}"])
def test_a_misspelt_or_mistyped_field_is_a_config_error(tmp_path, bad):
    from redactor.errors import ConfigError

    with pytest.raises(ConfigError, match=r"portrait\.v1: photo_edges\."):
        _portrait(tmp_path, bad)


def test_the_detector_hands_its_numbers_to_every_photo_edges_call():
    """A call that left them out would run on the defaults whatever the config says."""
    public = {n for n, f in vars(photo_edges).items()
              if inspect.isfunction(f) and f.__module__ == photo_edges.__name__ and not n.startswith("_")
              and "p" in inspect.signature(f).parameters}
    tree = ast.parse(inspect.getsource(portrait))
    calls = [c for c in ast.walk(tree) if isinstance(c, ast.Call) and isinstance(c.func, ast.Name)
             and c.func.id in public]
    assert {c.func.id for c in calls} == public
    for c in calls:
        args = [*c.args, *(k.value for k in c.keywords if k.arg == "p")]
        assert any(ast.unparse(a) in ("pe", "self.photo_edges") for a in args), ast.unparse(c)
