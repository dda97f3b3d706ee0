"""抽检 · 待定: the held documents of a batch, decided place by place (issue 82).

``redactor batch`` holds a document whose audit leaves places undecided (``needs_review``) in
``OUT/<applicant_id>/held/`` (``redactor.batch.held``).  Here a reviewer sees each such place drawn on the
original page beside the redacted one, with why the tool could not decide, and chooses 删除 (redact) or 保留
(keep); a page released as an image is only confirmed (确认).  Decisions are kept beside the held output as they
are made.  When every place is decided, the document is analysed again from its original (the ledger holds its
path, the manifest its applicant's profile), the decisions are applied to the plan as the self-check applies an
applicant's edits (``web.edits.PlanEdits``: a changed action, a manual box, an undone repair), released through the
Pipeline (redact, the final check, audit), and the audit records the decisions (``reviewer_decisions``: page,
category, box, rule, decision, reviewer, time; never a value).  A clean output goes to the normal place
(``OUT/<applicant_id>/``), the ledger says ``done`` and the reports are rewritten; an output in which the final
check still finds the applicant's data stays held, and the queue says where.

Everything runs on the server's one worker (as every Pipeline and PyMuPDF call); working files go to
``OUT/.work/redact-<pid>-…`` (``batch.output_folder.private_work``), removed when done; the folder's lock is held
meanwhile, so a batch never runs beside it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse

from redactor.batch.held import (
    HeldDoc, file_sha256, held_document, held_documents, keep_held, ledger_state, manifest_path, read_decisions,
    release_reviewed, write_decisions,
)
from redactor.batch.manifest import read_manifest
from redactor.batch.output_folder import FolderLock, private_work
from redactor.batch.report import doc_type
from redactor.context import RunContext, document_id_for
from redactor.errors import OutputFolderError, RedactorError
from redactor.model import Action, BBox, Category, Decision, RedactionPlan
from redactor.policy.naming import allocate_stems
from redactor.web.edits import CATEGORY_LABELS, REPAIR_ID_BASE, PlanEdits, reason_zh
from redactor.web.security import require_csrf_header
from redactor.web.spotcheck.routes import review_reason_zh, spot
from redactor.web.verdict import WHERE

log = logging.getLogger(__name__)
router = APIRouter(tags=["抽检"])

DECISIONS = {"redact": "删除", "keep": "保留", "confirm": "确认"}
REVIEWER_REASON = {"redact": "抽检人员决定删除此处（待定位置）", "keep": "抽检人员决定保留此处（待定位置）"}
DISAGREEMENT_RULE = "check.disagrees_with_plan"      # redactor.audit's: the final check and the plan disagree

# why a document stays held after its decisions were submitted (the queue and the report show it; no value)
NOTE = {
    "config": "服务器的配置与批量运行时不同（配置摘要不符）：请用批量运行时的 --config 启动 redactor serve，再提交一次决定。",
    "manifest": "找不到批量运行时的清单或其中这位申请人的信息（清单已移动或修改）：无法重新脱敏。",
    "original": "原件已不在原处或已被修改：无法按决定重新脱敏，请重新运行批量任务。",
    "stem": "清单中的文件与批量运行时不同：无法按决定重新脱敏。",
    "unmatched": "重新分析原件时找不到第 {pages} 页要保留的位置，无法按决定处理：请改为“删除”或重新运行批量任务。",
    "found": "按决定重新脱敏后，最终核验仍发现申请人的信息：{where}。此文件仍待定，未发布。请把相应位置改为“删除”后再提交。",
    "new": "按决定重新脱敏后，最终核验又标出 {n} 处待定的位置：请逐一决定。",
    "locked": "批量任务正在这个目录上运行：请等它结束后再提交一次决定。",
    "failed": "重新脱敏失败（原件无法读取或处理）：此文件仍待定。",
    "internal": "重新脱敏时发生内部错误：此文件仍待定。",
}


# --- places -----------------------------------------------------------------------------------------------

def place_id(e: dict[str, Any]) -> str:
    """A place's stable id: its page, category, rule, what was done and its box (never a value)."""
    bbox = [round(float(v), 1) for v in e["bbox"]] if e.get("bbox") else None
    key = json.dumps([e.get("page"), e.get("category"), e.get("rule"), e.get("action"), bbox])
    return hashlib.sha256(key.encode()).hexdigest()[:12]


def _label(category: str) -> str:
    return "整页" if category == "page" else CATEGORY_LABELS.get(category, category)


def place_reason(e: dict[str, Any]) -> str:
    """Why a person decides here, in the reviewer's words: the self-check's reason texts (``edits.reason_zh``)
    and the spot-check's why-look texts (``routes.review_reason_zh``)."""
    rule, label = str(e.get("rule", "")), _label(str(e.get("category", "")))
    if e.get("action") == "flattened" or rule.startswith("repair."):
        return review_reason_zh(e)
    if rule == DISAGREEMENT_RULE:
        return (f"最终核验认为此处是申请人本人的{label}，处理时判定为他人的或未能确定，已保留：请确认此处是否为"
                f"申请人本人的{label}")
    done = reason_zh(rule, label, "redact" if e.get("action") == "removed" else "keep", voice="reviewer")
    if e.get("action") == "kept" and rule.startswith("review."):
        return done
    return f"{done}；{review_reason_zh(e)}"


def choices(e: dict[str, Any]) -> list[str]:
    """删除 or 保留; a page released as an image (no box) is only confirmed."""
    return ["confirm"] if not e.get("bbox") else ["redact", "keep"]


# --- applying the decisions -------------------------------------------------------------------------------

def _entry_bbox(d: Decision) -> list[float]:
    boxes = [[round(v, 2) for v in b.as_tuple()] for b in d.finding.boxes]
    if len(boxes) == 1:
        return boxes[0]
    return [min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)]


def _category(d: Decision) -> str:
    f = d.finding
    return f.category.value if f.category else f.entity_type.lower()


def _match(plan: RedactionPlan, p: dict[str, Any]) -> int | None:
    """The plan's decision the audit entry ``p`` was written from: same page, rule, category and box."""
    if not p.get("bbox"):
        return None
    want = [float(v) for v in p["bbox"]]
    for i, d in enumerate(plan.decisions):
        if d.finding.page != p.get("page") or d.rule != p.get("rule") or _category(d) != p.get("category") \
                or not d.finding.boxes:
            continue
        if all(abs(a - b) <= 0.05 for a, b in zip(_entry_bbox(d), want)):
            return i
    return None


def _as_category(value: str) -> Category:
    try:
        return Category(value)
    except ValueError:
        return Category.NAME


def reviewed_plan(base: RedactionPlan, decided: list[dict[str, Any]]) -> tuple[RedactionPlan, list[dict[str, Any]]]:
    """``base`` (the original analysed again) with a reviewer's decisions applied through ``PlanEdits``: a plan
    decision they changed becomes ``manual.redact`` / ``manual.undo`` (the final check does not repaint an undone
    place, ``pipeline._undone_here``); a place the final check added (a repair, a disagreement) decided 删除 is
    a manual box, a repair decided 保留 an undone repair.  Every decided decision leaves review.  Returns the
    plan and the places that cannot be applied (a removal to undo that the analysis no longer shows)."""
    edits = PlanEdits()
    decided_at: dict[int, str] = {}
    kept_repairs: list[dict[str, Any]] = []
    problems = []
    for p in decided:
        decision = p["decision"]
        if decision == "confirm":
            continue
        box = BBox(*(float(v) for v in p["bbox"]))
        if str(p.get("rule", "")).startswith("repair."):
            if decision == "redact":
                edits.add_box(int(p["page"]), box, _as_category(p["category"]))
            else:
                kept_repairs.append({"page": int(p["page"]), "bbox": list(box.as_tuple()), "category": p["category"]})
                edits.set_action(base, REPAIR_ID_BASE + len(kept_repairs) - 1, Action.KEEP, kept_repairs)
            continue
        i = _match(base, p)
        if i is None:
            if decision == "redact":
                edits.add_box(int(p["page"]), box, _as_category(p["category"]))
            elif p.get("action") != "kept":
                problems.append(p)
            continue                     # kept and to be kept: nothing to change (the check's own place)
        edits.set_action(base, i, Action.REDACT if decision == "redact" else Action.KEEP)
        decided_at[i] = decision
    plan = edits.apply(base)
    out = list(plan.decisions)
    for i, decision in decided_at.items():
        out[i] = replace(out[i], needs_review=False, reason=REVIEWER_REASON[decision])
    for k in range(len(base.decisions), len(out)):        # manual boxes and undone repairs
        out[k] = replace(out[k], needs_review=False, reason=REVIEWER_REASON[
            "keep" if out[k].action is Action.KEEP else "redact"])
    return replace(plan, decisions=tuple(out)), problems


def _digests(cfg: Any) -> set[str]:
    """The server's config digest as a batch would record it (``verify.fail_closed`` either way: the web app
    shows a failed check instead of raising)."""
    return {cfg.model_copy(update={"verify": cfg.verify.model_copy(update={"fail_closed": v})}).digest()
            for v in (True, False)}


def _found_words(audit: dict[str, Any]) -> str:
    """Where the final check found the applicant's data, in words: page, category and channel (never a value)."""
    leaks = [lk for lk in audit.get("verification", {}).get("leaks", []) if lk.get("severity", "leak") == "leak"]
    where = sorted({(lk.get("page") or 0, _label(lk.get("category", "")), WHERE.get(lk.get("where", ""), ""))
                    for lk in leaks})
    words = [(f"第 {p} 页的" if p else "") + label + (f"，见于{w}" if w else "") for p, label, w in where]
    return "；".join(words) or "申请人的信息"


class PendingQueue:
    """The held documents of one batch folder and the decisions on their places."""

    def __init__(self, folder: Path, worker: Any, cache: Path, dpi: float) -> None:
        self.folder = folder
        self.worker = worker
        self.cache = cache
        self.dpi = dpi
        self._lock = threading.Lock()
        self.applying: set[str] = set()
        self.notes: dict[str, str] = {}         # why an apply did not reach the ledger (the folder was locked)

    def docs(self) -> list[HeldDoc]:
        return held_documents(self.folder)

    def doc(self, applicant_id: str, stem: str) -> HeldDoc:
        d = held_document(self.folder, applicant_id, stem)
        if d is None:
            raise KeyError(f"{applicant_id}/{stem}")
        return d

    def audit(self, doc: HeldDoc) -> dict[str, Any]:
        try:
            return json.loads(doc.audit.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def places(self, doc: HeldDoc) -> list[dict[str, Any]]:
        """The held output's undecided places, numbered as drawn, each with its decision so far; then places
        decided in an earlier round that the output no longer lists (their decisions are applied again)."""
        decided = read_decisions(self.folder, doc.applicant_id, doc.stem)["places"]
        out, seen = [], set()
        entries = [(e, True) for e in self.audit(doc).get("needs_review", [])]
        entries += [(p, False) for pid, p in decided.items()]
        for e, current in entries:
            pid = place_id(e)
            if pid in seen:
                continue
            seen.add(pid)
            d = decided.get(pid) or {}
            cat = str(e.get("category", ""))
            out.append({"id": pid, "n": len(out) + 1, "page": e.get("page"), "category": cat, "label": _label(cat),
                        "action": e.get("action"), "done": {"removed": "已脱敏", "kept": "已保留",
                                                            "flattened": "整页转为图像"}.get(e.get("action", ""), ""),
                        "bbox": e.get("bbox"), "rule": e.get("rule"), "reason": place_reason(e),
                        "choices": choices(e), "decision": d.get("decision"), "reviewer": d.get("reviewer", ""),
                        "current": current})
        return out

    def state(self, doc_key: tuple[str, str]) -> str:
        if "/".join(doc_key) in self.applying:
            return "applying"
        s = ledger_state(self.folder, *doc_key)
        return {"held": "held", "done": "released"}.get(s or "", "gone")

    def summary(self, doc: HeldDoc) -> dict[str, Any]:
        places = self.places(doc)
        return {"applicant_id": doc.applicant_id, "stem": doc.stem, "doc_type": doc_type(doc.stem),
                "state": self.state((doc.applicant_id, doc.stem)), "places": len(places),
                "decided": sum(p["decision"] is not None for p in places),
                "note": self.notes.get(doc.key) or doc.note}

    def decide(self, doc: HeldDoc, items: list[dict[str, Any]], reviewer: str) -> str:
        """Record decisions (``items``: ``{"id", "decision"}``); when every place is decided, queue the document's
        re-application on the worker.  Returns the state (``held`` or ``applying``)."""
        with self._lock:
            if doc.key in self.applying:
                raise HTTPException(409, "正在按已作出的决定重新脱敏，请稍候。")
            places = {p["id"]: p for p in self.places(doc)}
            data = read_decisions(self.folder, doc.applicant_id, doc.stem)
            now = time.strftime("%Y-%m-%dT%H:%M:%S%z")
            for item in items:
                p = places.get(str(item.get("id", "")))
                if p is None:
                    raise HTTPException(404, "没有这个待定位置（页面可能已过期，请刷新）。")
                decision = str(item.get("decision", ""))
                if decision not in p["choices"]:
                    raise HTTPException(422, "此处只能选择：" + "、".join(DECISIONS[c] for c in p["choices"]) + "。")
                data["places"][p["id"]] = {"page": p["page"], "category": p["category"], "bbox": p["bbox"],
                                           "rule": p["rule"], "action": p["action"], "decision": decision,
                                           "reviewer": reviewer, "time": now}
            try:
                write_decisions(self.folder, doc.applicant_id, doc.stem, data)
            except OSError:
                raise HTTPException(409, "这份文件已不在待定目录中（可能已被批量任务重新处理），请刷新。") from None
            if not all(pid in data["places"] for pid, p in places.items() if p["current"]):
                return "held"
            self.applying.add(doc.key)
            self.notes.pop(doc.key, None)
        self.worker.submit(self._apply_guarded, doc)
        return "applying"

    def _apply_guarded(self, doc: HeldDoc) -> None:
        try:
            with FolderLock(self.folder):
                self._apply(doc)
        except OutputFolderError:
            self.notes[doc.key] = NOTE["locked"]
        except RedactorError:
            log.warning("a held document could not be applied again (redactor error)")
            self.notes[doc.key] = NOTE["failed"]
        except Exception:
            log.exception("a held document could not be applied again")
            self.notes[doc.key] = NOTE["internal"]
        finally:
            self.applying.discard(doc.key)

    def _apply(self, doc: HeldDoc) -> None:
        """On the worker, holding the folder's lock: analyse the original again, apply the decisions, release."""
        aid, stem = doc.applicant_id, doc.stem
        pipe = self.worker.alone
        if doc.config_digest not in _digests(pipe.cfg):
            return keep_held(self.folder, aid, stem, NOTE["config"])
        manifest = manifest_path(self.folder)
        applicant = None
        if manifest and Path(manifest).is_file():
            applicant = next((a for a in read_manifest(manifest).applicants if a.applicant_id == aid), None)
        if applicant is None or doc.input_path not in applicant.inputs:
            return keep_held(self.folder, aid, stem, NOTE["manifest"])
        if not Path(doc.input_path).is_file() or document_id_for(doc.input_path) != doc.input_sha256:
            return keep_held(self.folder, aid, stem, NOTE["original"])
        name, renamed = allocate_stems(list(applicant.inputs), applicant.profile)[doc.input_path]
        if name != stem:
            return keep_held(self.folder, aid, stem, NOTE["stem"])
        decided = list(read_decisions(self.folder, aid, stem)["places"].values())
        with private_work(self.folder) as work:
            ctx = RunContext(pipe.cfg, work, doc.input_sha256)
            analysis = pipe.analyze(doc.input_path, applicant.profile, ctx)
            plan, problems = reviewed_plan(analysis.plan, decided)
            if problems:
                pages = "、".join(sorted({str(p.get("page")) for p in problems}))
                return keep_held(self.folder, aid, stem, NOTE["unmatched"].format(pages=pages))
            staging = Path(work) / "out"
            outcome = pipe.release(analysis, plan, applicant.profile, ctx, str(staging), stem, renamed)
            audit_path = Path(outcome.audit_json)
            audit = json.loads(audit_path.read_text(encoding="utf-8"))
            audit["reviewer_decisions"] = [
                {"page": p["page"], "category": p["category"], "bbox": p["bbox"], "rule": p["rule"],
                 "action": p["action"], "decision": p["decision"], "reviewer": p["reviewer"], "time": p["time"]}
                for p in sorted(decided, key=lambda p: (p.get("page") or 0, p.get("bbox") or []))]
            audit_path.write_text(json.dumps(audit, ensure_ascii=False, indent=2), encoding="utf-8")
            staged = sorted(f for f in staging.iterdir() if f.name.startswith(f"{stem}."))
            if not audit.get("verification", {}).get("passed"):
                return keep_held(self.folder, aid, stem, NOTE["found"].format(where=_found_words(audit)))
            ids = {place_id(p) for p in decided}
            new = [e for e in audit.get("needs_review", []) if place_id(e) not in ids]
            if new:
                return keep_held(self.folder, aid, stem, NOTE["new"].format(n=len(new)), staged)
            release_reviewed(self.folder, aid, stem, staged)
        log.info("a held document was released after review (%d decisions)", len(decided))

    def pages(self, doc: HeldDoc) -> dict[str, list[dict[str, Any]]]:
        """Page images of the original and of the held output (rendered once per output, on the worker)."""
        out_dir = self.cache / hashlib.sha256(doc.key.encode()).hexdigest()[:16]
        out: dict[str, list[dict[str, Any]]] = {}
        for kind, path in (("original", doc.input_path), ("redacted", str(doc.pdf))):
            if not path or not Path(path).is_file():
                out[kind] = []
                continue
            prefix = kind if kind == "original" else f"redacted-{(file_sha256(Path(path)) or '')[:12]}"
            marker = out_dir / f"{prefix}.json"
            if not marker.is_file():
                from redactor.ingest.render import render_pages

                pages = self.worker.submit(render_pages, path, out_dir, self.worker.cfg.ingest, dpi=self.dpi,
                                           prefix=prefix).result()
                marker.write_text(json.dumps([{"page": p.page, "width": p.width, "height": p.height, "png": p.png}
                                              for p in pages]))
            out[kind] = json.loads(marker.read_text())
        return out


_CREATE = threading.Lock()


def queue(request: Request) -> PendingQueue:
    """The app's 待定 queue over its batch folder (404 without ``--batch``), made on first use."""
    sc = spot(request)
    with _CREATE:
        q = getattr(request.app.state, "pending", None)
        if q is None or q.folder != sc.folder:
            q = PendingQueue(sc.folder, request.app.state.worker, Path(request.app.state.root) / "pending",
                             request.app.state.settings.render_dpi)
            request.app.state.pending = q
    return q


def held_or_404(q: PendingQueue, applicant_id: str, stem: str) -> HeldDoc:
    try:
        return q.doc(applicant_id, stem)
    except KeyError:
        raise HTTPException(404, "待定队列中没有这份文件（可能已发布）。") from None


def doc_json(q: PendingQueue, doc: HeldDoc) -> dict[str, Any]:
    base = f"/api/spot/pending/{_q(doc.applicant_id)}/{_q(doc.stem)}/pages"
    return {**q.summary(doc), "items": q.places(doc), "base": base}


def _q(s: str) -> str:
    from urllib.parse import quote

    return quote(s, safe="")


def _render(request: Request, template: str, **ctx: Any) -> HTMLResponse:
    from redactor.web.pages import render

    return render(request, template, **ctx)


# --- pages --------------------------------------------------------------------------------------------------

@router.get("/spot/pending", response_class=HTMLResponse, include_in_schema=False)
def pending_page(request: Request) -> HTMLResponse:
    q = queue(request)
    docs = [q.summary(d) | {"url": f"/spot/pending/{_q(d.applicant_id)}/{_q(d.stem)}"} for d in q.docs()]
    return _render(request, "spot_pending.html.j2", docs=docs)


@router.get("/spot/pending/{applicant_id}/{stem}", response_class=HTMLResponse, include_in_schema=False)
def pending_doc_page(request: Request, applicant_id: str, stem: str) -> HTMLResponse:
    q = queue(request)
    doc = q.doc(applicant_id, stem) if ledger_state(q.folder, applicant_id, stem) == "held" else None
    if doc is None:
        if ledger_state(q.folder, applicant_id, stem) == "done":
            return _render(request, "spot_pending_doc.html.j2", released=True, d={"applicant_id": applicant_id,
                                                                                   "stem": stem})
        raise HTTPException(404, "待定队列中没有这份文件。")
    d = doc_json(q, doc)
    pages = q.pages(doc)
    rows = []
    for k, red in enumerate(pages["redacted"]):
        orig = pages["original"][k] if k < len(pages["original"]) else None
        rows.append({"page": red["page"], "width": red["width"], "height": red["height"],
                     "redacted": f"{d['base']}/redacted/{red['page']}.png",
                     "original": f"{d['base']}/original/{orig['page']}.png" if orig else None})
    return _render(request, "spot_pending_doc.html.j2", released=False, d=d, rows=rows, labels_zh=DECISIONS,
                   api=f"/api/spot/pending/{_q(doc.applicant_id)}/{_q(doc.stem)}")


# --- JSON ---------------------------------------------------------------------------------------------------

@router.get("/api/spot/pending", summary="待定：暂未发布的文件，各自尚未决定之处与已作的决定")
def api_pending(request: Request) -> dict[str, Any]:
    q = queue(request)
    return {"documents": [q.summary(d) for d in q.docs()]}


@router.get("/api/spot/pending/{applicant_id}/{stem}", summary="一份待定文件：各处及其决定")
def api_pending_doc(request: Request, applicant_id: str, stem: str) -> dict[str, Any]:
    q = queue(request)
    state = q.state((applicant_id, stem))
    if state == "gone":
        raise HTTPException(404, "待定队列中没有这份文件。")
    if state != "held":          # applying (the page polls), or released
        return {"applicant_id": applicant_id, "stem": stem, "state": state, "items": [], "note": ""}
    return doc_json(q, held_or_404(q, applicant_id, stem))


@router.post("/api/spot/pending/{applicant_id}/{stem}/decisions", dependencies=[Depends(require_csrf_header)],
             summary="决定待定文件的各处（redact 删除、keep 保留、confirm 确认）；最后一处决定后按这些决定重新处理原件，"
                     "最终核验通过即发布")
def api_decide(request: Request, applicant_id: str, stem: str, body: Annotated[dict[str, Any], Body(examples=[
        {"reviewer": "质检员甲", "decisions": [{"id": "3f2a9c01b7de", "decision": "redact"}]}])]) -> dict[str, Any]:
    q = queue(request)
    doc = held_or_404(q, applicant_id, stem)
    reviewer = " ".join(str(body.get("reviewer") or "").split())[:60]
    if not reviewer:
        raise HTTPException(422, "请填写核对人（写入审计记录）。")
    items = body.get("decisions")
    if not isinstance(items, list) or not items:
        raise HTTPException(422, "decisions 应为非空列表：[{id, decision}]。")
    state = q.decide(doc, items, reviewer)
    if state == "applying":
        return {"applicant_id": applicant_id, "stem": stem, "state": "applying"}
    return doc_json(q, doc)


@router.get("/api/spot/pending/{applicant_id}/{stem}/pages/{kind}/{page}.png", summary="待定文件的页面图像")
def api_pending_page(request: Request, applicant_id: str, stem: str, kind: str, page: int) -> FileResponse:
    q = queue(request)
    doc = held_or_404(q, applicant_id, stem)
    for p in q.pages(doc).get(kind, []):
        if p["page"] == page:
            return FileResponse(Path(p["png"]), media_type="image/png")
    raise HTTPException(404, "没有这一页。")
