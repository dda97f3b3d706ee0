"""Hits -> Leaks: what a channel reports (category, page, boxes, severity; never the value)."""

from __future__ import annotations

from collections.abc import Iterable

from redactor.model import Leak
from redactor.verify.search import Hit

__all__ = ["hits_to_leaks", "dedupe"]


def hits_to_leaks(hits: Iterable[Hit], channel: str, page: int | None, detail: str = "") -> list[Leak]:
    out = []
    for h in hits:
        parts = [p for p in (detail, f"form {h.needle.kind}", h.reason if h.severity != "leak" else "") if p]
        out.append(Leak(where=channel, category=h.needle.category.value, page=page, detail="; ".join(parts),
                        bbox=h.bbox, boxes=h.boxes, severity=h.severity))
    return out


def dedupe(leaks: Iterable[Leak]) -> list[Leak]:
    """One report per (channel, category, page, place, severity)."""
    seen: set[tuple] = set()
    out = []
    for lk in leaks:
        box = tuple(round(v) for v in lk.bbox.as_tuple()) if lk.bbox else lk.detail
        key = (lk.where, lk.category, lk.page, box, lk.severity)
        if key not in seen:
            seen.add(key)
            out.append(lk)
    return out
