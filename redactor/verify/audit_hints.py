"""What ``redactor verify --audit`` learns from the output's audit JSON.

A standalone check of a released PDF knows nothing of the plan that made it.  The audit (which never
holds a value) still says where things were removed and whose text stayed, and that lets three checks
run as the built-in gate runs them: a face must not show inside a removed box (for a photo cut around a
kept seal, inside the whole photo), an unread stamp over the employer's removed name is a leak, and a
face beside the applicant's removed name (a bio's thumbnail) is a leak.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from redactor.errors import RedactorError
from redactor.model import BBox
from redactor.verify.faces import Ties

__all__ = ["AuditHints", "read_audit_hints"]

_OWN_TEXT = ("name", "phone", "email", "id_number")


@dataclass(frozen=True)
class AuditHints:
    removed: dict[int, tuple[BBox, ...]]     # every removed box per page
    employer: dict[int, tuple[BBox, ...]]    # the employer's removed boxes per page
    ties: Ties                               # text that says whose a portrait beside it is


def read_audit_hints(audit: Path) -> AuditHints:
    try:
        data = json.loads(audit.read_text(encoding="utf-8"))
        removed = _removed_boxes(data)
        own: dict[int, tuple[BBox, ...]] = {}
        for cat in _OWN_TEXT:
            for p, b in _removed_boxes(data, cat).items():
                own[p] = own.get(p, ()) + b
        return AuditHints(removed, _removed_boxes(data, "employer"), Ties(own, _kept_people(data)))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise RedactorError(f"cannot read the audit ({type(exc).__name__})", path=str(audit)) from exc


def _removed_boxes(data: dict[str, Any], category: str | None = None) -> dict[int, tuple[BBox, ...]]:
    """page -> boxes the audit says were removed (of ``category`` only, if given)."""
    out: dict[int, list[BBox]] = {}
    for r in data.get("redactions", []):
        if category is not None and r.get("category") != category:
            continue
        out.setdefault(int(r["page"]), []).extend(BBox(*b) for b in r.get("boxes") or [r["bbox"]])
        if r.get("category") == "photo" and len(r.get("boxes") or []) > 1:
            out[int(r["page"])].append(BBox(*r["bbox"]))     # a photo cut around a kept seal: all of it
    return {p: tuple(b) for p, b in out.items()}


def _kept_people(data: dict[str, Any]) -> dict[int, tuple[BBox, ...]]:
    """page -> boxes of other people's names policy kept."""
    out: dict[int, tuple[BBox, ...]] = {}
    for r in data.get("kept", []):
        if r.get("entity_type") == "PERSON" and str(r.get("rule", "")).startswith("other.person") and r.get("bbox"):
            out[int(r["page"])] = out.get(int(r["page"]), ()) + tuple(BBox(*b) for b in r.get("boxes") or [r["bbox"]])
    return out
