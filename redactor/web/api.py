"""The JSON API behind the pages (OpenAPI at /docs).

State-changing calls carry the session's CSRF token (header ``X-CSRF-Token``,
from ``GET /api/session``, or form field ``csrf``).  A job of another session
answers 404, as if it did not exist.
"""

from __future__ import annotations

import io
import json
import time
import zipfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import FileResponse, Response

from redactor.config import profile_from_mapping
from redactor.errors import RedactorError
from redactor.fields import FIELDS
from redactor.model import ApplicantProfile
from redactor.redact.html_pdf import html_to_pdf
from redactor.web.edits import CATEGORY_LABELS
from redactor.web.jobs import Job, JobError, JobFile, JobStore
from redactor.web.messages import profile_message
from redactor.web.security import check_csrf, require_csrf_header
from redactor.web.verdict import FIELD_LABELS, Answers, verdict

router = APIRouter(prefix="/api", tags=["申请人自查"])


def store(request: Request) -> JobStore:
    return request.app.state.jobs


def job_for(request: Request, job_id: str) -> Job:
    try:
        return store(request).get(request.state.session, job_id)
    except KeyError:
        raise HTTPException(404, "没有这个任务（可能已被清除）。") from None


DECLARED_NONE = "declared_none"     # the profile JSON's list of fields the applicant declared 无 (none)


def parse_declared_none(data: dict[str, Any] | None) -> frozenset[str]:
    """The fields declared 无: known field names only, and never one that was also given a value."""
    if not data:
        return frozenset()
    names = data.get(DECLARED_NONE) or ()
    if isinstance(names, str):
        names = [names]
    known = {f.name for f in FIELDS if not f.required}
    given = {k for k, v in data.items() if k != DECLARED_NONE and (v.strip() if isinstance(v, str) else
                                                                   [x for x in (v or ()) if str(x).strip()])}
    return frozenset(str(n) for n in names if str(n) in known and str(n) not in given)


def parse_profile(data: dict[str, Any] | None) -> ApplicantProfile | None:
    """Profile from a mapping; empty lists and blanks are dropped; None when no name was given."""
    if not data or not str(data.get("name", "")).strip():
        return None
    clean: dict[str, Any] = {}
    for k, v in data.items():
        if k == DECLARED_NONE:
            continue
        if isinstance(v, str):
            v = v.strip()
        elif isinstance(v, list):
            v = [str(x).strip() for x in v if str(x).strip()]
        if v:
            clean[k] = v
    try:
        return profile_from_mapping(clean, "表单")
    except RedactorError as exc:
        raise HTTPException(422, profile_message(" ".join(str(exc).split()))) from None


async def read_uploads(request: Request, files: list[UploadFile]) -> list[tuple[str, bytes | None]]:
    """Each upload's name and bytes; None for one over the size limit (refused by itself, the others go on)."""
    limit = int(request.app.state.settings.max_file_mb * 1024 * 1024)
    out: list[tuple[str, bytes | None]] = []
    for k, f in enumerate(files, 1):
        data = await f.read(limit + 1)
        out.append((f.filename or f"file{k}", None if len(data) > limit else data))   # an empty one fails by itself
    return out


def create_job(request: Request, uploads: list[tuple[str, bytes | None]], profile: ApplicantProfile | None,
               declared_none: frozenset[str] = frozenset()) -> Job:
    try:
        return store(request).create(request.state.session, uploads, profile, declared_none)
    except JobError as exc:
        status = 413 if all(d is None for _, d in uploads) else 422
        raise HTTPException(status, str(exc)) from None


_FIELD_OF = {f.category.value: f.name for f in FIELDS}


def suggestions(f: Any, v: dict[str, Any]) -> list[dict[str, Any]]:
    """The verdict's suggestion questions with what the applicant needs to act on them: the profile field the
    value would go to, the candidate whose removal "not mine" undoes, and the value itself -- read from the plan
    in memory and sent only to the session that owns the job (never written, never logged)."""
    found = {}
    for i, d in enumerate(f.plan.decisions if f.plan is not None else ()):
        if dict(d.finding.explanation).get("inferred") and d.action.value == "redact":
            b = d.finding.boxes
            box = [min(x.x0 for x in b), min(x.y0 for x in b), max(x.x1 for x in b), max(x.y1 for x in b)]
            found.setdefault((d.finding.page, d.finding.category.value if d.finding.category else ""), []).append(
                (box, i, d.finding.text))
    audit_by_key = {f"suggestion:{s['value_hash']}": s for s in (f.audit or {}).get("profile_suggestions", ())}
    out = []
    for q in v["questions"]:
        s = audit_by_key.get(q["key"])
        if s is None:
            continue
        match = next(((i, text) for box, i, text in found.get((s["page"], s["category"]), ())
                      if all(abs(a - b) < 1.0 for a, b in zip(box, s["bbox"]))), (None, ""))
        value, whole = _whole_value(match[1], s["bbox"], _page_chars(f, s["page"]))
        out.append({"key": q["key"], "category": q["category"], "field": _FIELD_OF.get(s["category"], ""),
                    "page": s["page"], "candidate": match[0], "value": value, "whole": whole,
                    "confirmed": q["confirmed"]})
    return out


_OPEN, _CLOSE = "（(［[【", "）)］]】"
RUN_ON_CHARS = 1.5           # a gap of more than this many character widths ends a value read in pieces
RUN_ON_MAX = 16              # characters read on past a value's box, at most


def _page_chars(f: Any, page: int) -> list[Any]:
    """The characters ingest read on ``page`` of the file (text layer or OCR), in reading order."""
    doc = getattr(getattr(f, "analysis", None), "document", None)
    for p in getattr(doc, "pages", ()) or ():
        if p.number == page:
            return [c for c in p.chars if c.bbox is not None and c.c.strip()]
    return []


def _whole_value(value: str, bbox: list[float], chars: list[Any]) -> tuple[str, bool]:
    """``value`` as the applicant should see it, and whether it is whole: a value whose bracket is left open (包钢（集团,
    a scan's line read in two pieces: issue 82.5) runs on with the characters printed right after its box on its
    row, as long as they follow on (no gap of more than ``RUN_ON_CHARS``, no label's colon); one that still leaves its
    bracket open is offered as it is, marked not whole."""
    def open_brackets(text: str) -> int:
        return sum(text.count(c) for c in _OPEN) - sum(text.count(c) for c in _CLOSE)

    if open_brackets(value) <= 0:
        return value, True
    x0, y0, x1, y1 = bbox
    h = max(y1 - y0, 1.0)
    row = sorted((c for c in chars if c.bbox.x0 >= x1 - 0.25 * h and abs((c.bbox.y0 + c.bbox.y1) / 2 - (y0 + y1) / 2)
                  <= 0.5 * h), key=lambda c: c.bbox.x0)
    out, edge = value, x1
    for c in row[:RUN_ON_MAX]:
        if c.bbox.x0 - edge > RUN_ON_CHARS * h or c.c in "：:":
            break
        out += c.c
        edge = max(edge, c.bbox.x1)
    return (out, True) if open_brackets(out) <= 0 else (value, False)


def job_json(request: Request, job: Job) -> dict[str, Any]:
    """Status and per-document results; the profile's values appear only to the session that owns the job."""
    base = f"/api/jobs/{job.id}"
    docs = []
    for f in job.files:
        d: dict[str, Any] = {"id": f.id, "stem": f.stem, "state": f.state, "error": f.error,
                             "error_detail": f.error_detail, "pages": f.pages, "stage": f.stage,
                             "stage_page": f.stage_page,
                             "seconds": f.seconds, "version": f.version}
        if f.state == "done" and f.audit is not None:
            d.update(_results(job, f))
            d["audit"] = f.audit
            d["downloads"] = {name: f"{base}/files/{name}" for name in f.outputs}
            d["page_images"] = {
                "original": [{**_geom(p), "url": f"{base}/pages/{f.id}/original/{p['page']}.png"} for p in f.original_pages],
                "redacted": [{**_geom(p), "url": f"{base}/pages/{f.id}/redacted/{p['page']}.png?v={f.version}"}
                             for p in f.redacted_pages],
            }
        docs.append(d)
    profile = None
    if job.profile is not None:
        p = job.profile
        profile = {f.name: list(getattr(p, f.name)) if f.multi else getattr(p, f.name) for f in FIELDS}
        profile[DECLARED_NONE] = sorted(job.declared_none)
    left = job.time_left()
    summary = _summary(docs)
    states = [d["verdict"]["state"] for d in docs if "verdict" in d]
    failed = sum(f.state == "failed" for f in job.files)
    if states and (failed or job.rejected):
        states.append("check")        # a file not processed is not checked: the job is never clean without it
    return {"id": job.id, "state": job.state, "step": job.progress_text(), "message": job.message, "profile": profile,
            "verdict_state": max(states, key=("clean", "check", "found").index) if states else None,
            "rejected": job.rejected, "processed": sum(f.state == "done" for f in job.files), "failed": failed,
            "summary": summary,
            "pages_total": sum(f.pages for f in job.files), "pages_done": sum(f.pages for f in job.files
                                                                              if f.state in ("done", "failed")),
            "work_total": sum(2 * f.pages + 1 for f in job.files), "work_done": sum(f.work_done for f in job.files),
            "seconds_left": None if left is None else round(left),
            "documents": docs, "done": sum(f.state in ("done", "failed") for f in job.files), "total": len(job.files),
            "zip": f"{base}/download.zip" if any(f.state == "done" for f in job.files) else None,
            "expires_in": round(store(request).expires_in(job))}


# the order the summary lists files in: those that need the applicant first
_SUMMARY_ORDER = ("found", "failed", "check", "running", "queued", "clean")
_SUMMARY_TEXT = {"found": "未通过", "failed": "未能处理", "check": "需确认", "running": "处理中", "queued": "等待中",
                 "clean": "通过"}


def _summary(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row a file for the top of the page (issue 82): name, pages, state, the questions still open; the files
    that need an answer first, then in upload order."""
    rows = []
    for k, d in enumerate(docs):
        v = d.get("verdict")
        state = v["state"] if v else ("failed" if d["state"] == "failed" else d["state"] if d["state"] in
                                      ("running", "queued") else "check")
        open_qs = sum(not q["confirmed"] for q in v["questions"]) if v else 0
        rows.append({"id": d["id"], "stem": d["stem"], "pages": d["pages"], "state": state,
                     "state_text": _SUMMARY_TEXT[state], "open": open_qs, "order": k})
    rows.sort(key=lambda r: (_SUMMARY_ORDER.index(r["state"]), r["order"]))
    return rows


def _results(job: Job, f: JobFile) -> dict[str, Any]:
    """A done file's verdict, suggestions and candidates, built once per output, answers and edits: the page
    asks for the job every 0.8 s while the worker runs, and rebuilding them for every finished file each time
    cost ~1 ms a file (20 files: 20 of a poll's 29 ms, on the server's own process, beside its pipeline).
    ``version`` counts the file's outputs (each new audit and plan comes with one; a rerun drops ``shown``)."""
    e = f.edits
    key = (f.version, frozenset(f.confirmed), job.declared_none,
           repr((sorted((i, a.value) for i, a in dict(e.actions).items()), list(e.manual), list(e.undone_repairs))))
    shown = f.shown
    if shown is None or shown[0] != key:
        v = verdict(f.audit, Answers(job.declared_none, frozenset(f.confirmed)))
        shown = f.shown = (key, {"verdict": v, "suggestions": suggestions(f, v),
                                 "candidates": f.edits.candidates(f.plan, f.repairs)})
    return shown[1]


def _geom(p: dict[str, Any]) -> dict[str, Any]:
    return {"page": p["page"], "width": p["width"], "height": p["height"]}


@router.get("/session", summary="本浏览器会话的 CSRF 令牌")
def session(request: Request) -> dict[str, str]:
    return {"csrf": request.state.csrf}


@router.post("/profile/check", dependencies=[Depends(require_csrf_header)],
             summary="上传前检查个人信息（有误时返回 422 并指出要改正的项目）")
def check_profile_fields(request: Request, profile: Annotated[dict[str, Any], Body(examples=[
        {"name": "王某某", "id_number": "", "phones": ["13800000000"], "employers": ["某某公司"]}])]) -> dict[str, Any]:
    """The upload page asks this before sending the files, so a mistyped field never clears the files chosen."""
    if parse_profile(profile) is None:
        raise HTTPException(422, "请填写申请人姓名，或选择“从评审表读取”。")
    return {"ok": True}


@router.post("/jobs", summary="上传文件（及个人信息 JSON），开始自查任务")
async def post_job(
    request: Request,
    files: Annotated[list[UploadFile], File(description="PDF、PNG、JPG 或 TIF 文件")],
    profile: Annotated[str | None, Form(description="申请人的个人信息（JSON）；不提供时从上传的评审表中读取")] = None,
    csrf: Annotated[str | None, Form()] = None,
    chosen: Annotated[str | None, Form(description="JSON：浏览器选择的文件，按顺序，格式为 [{name, reason}]"
                                                   "（发送的文件 reason 为空）；发送前已被拒收的文件会在任务中列出")] = None,
) -> dict[str, Any]:
    check_csrf(request, csrf)
    try:
        data = json.loads(profile) if profile else None
        picked = json.loads(chosen) if chosen else None
    except json.JSONDecodeError:
        raise HTTPException(422, "profile 不是合法的 JSON。") from None
    job = create_job(request, await read_uploads(request, files), parse_profile(data), parse_declared_none(data))
    if isinstance(picked, list):
        job.rejected = renumber(job.rejected, picked)
    return {"id": job.id, "state": job.state, "rejected": job.rejected}


def renumber(rejected: list[dict[str, Any]], chosen: list[Any]) -> list[dict[str, Any]]:
    """The refusals in the order the applicant chose the files: the browser's own (a type or size it refused
    before sending) and the server's (numbered among the files sent), each numbered as chosen."""
    sent = [k for k, c in enumerate(chosen, 1) if isinstance(c, dict) and not c.get("reason")]
    out = [{"index": k, "name": str(c.get("name", ""))[:200], "reason": str(c.get("reason", ""))[:200]}
           for k, c in enumerate(chosen, 1) if isinstance(c, dict) and c.get("reason")]
    for r in rejected:
        out.append({**r, "index": sent[r["index"] - 1] if 0 < r["index"] <= len(sent) else r["index"]})
    return sorted(out, key=lambda r: r["index"])


@router.get("/jobs/{job_id}", summary="任务状态与每个文件的结果（含审计记录）")
def get_job(request: Request, job_id: str) -> dict[str, Any]:
    return job_json(request, job_for(request, job_id))


@router.post("/jobs/{job_id}/profile", dependencies=[Depends(require_csrf_header)],
             summary="确认（或改正）从评审表读出的个人信息，然后开始处理")
def confirm_profile(request: Request, job_id: str, profile: Annotated[dict[str, Any], Body()]) -> dict[str, Any]:
    return _with_profile(request, job_id, profile, JobStore.start)


def _with_profile(request: Request, job_id: str, profile: dict[str, Any], go: Any) -> dict[str, Any]:
    """Start (``JobStore.start``) or run again (``JobStore.rerun``) a job with the profile and its fields declared 无."""
    job = job_for(request, job_id)
    p = parse_profile(profile)
    if p is None:
        raise HTTPException(422, "请填写申请人姓名。")
    try:
        go(store(request), job, p, parse_declared_none(profile))
    except JobError as exc:
        raise HTTPException(409, str(exc)) from None
    return {"id": job.id, "state": job.state}


@router.post("/jobs/{job_id}/rerun", dependencies=[Depends(require_csrf_header)],
             summary="处理后修改个人信息（加入建议的信息、声明某项为“无”），重新处理")
def rerun_job(request: Request, job_id: str, profile: Annotated[dict[str, Any], Body(examples=[
        {"name": "王某某", "phones": ["13800000000"], "declared_none": ["emails", "name_aliases"]}])]) -> dict[str, Any]:
    return _with_profile(request, job_id, profile, JobStore.rerun)


@router.post("/jobs/{job_id}/answers", dependencies=[Depends(require_csrf_header)],
             summary="回答文件结论中的问题（确认某处；某条建议不是本人的）")
def post_answers(request: Request, job_id: str, body: Annotated[dict[str, Any], Body(examples=[
        {"file": "a1b2c3", "confirm": ["review:seal:1:400,600,480,680"]}])]) -> dict[str, Any]:
    job = job_for(request, job_id)
    try:
        f = store(request).confirm(job, str(body.get("file", "")), list(body.get("confirm") or ()))
    except KeyError:
        raise HTTPException(404, "没有这个文件。") from None
    except JobError as exc:
        raise HTTPException(409, str(exc)) from None
    v = verdict(f.audit or {}, Answers(job.declared_none, frozenset(f.confirmed)))
    return {"id": job.id, "file": f.id, "state": v["state"]}


@router.post("/jobs/{job_id}/edits", dependencies=[Depends(require_csrf_header)],
             summary="撤销脱敏、把保留的内容改为脱敏、添加手动框，然后重新应用")
def post_edits(
    request: Request, job_id: str,
    edits: Annotated[dict[str, Any], Body(examples=[{"file": "a1b2c3", "set_action": [{"id": 0, "action": "keep"}],
                                                      "add": [{"page": 1, "bbox": [50, 60, 200, 80], "category": "name"}]}])],
) -> dict[str, Any]:
    job = job_for(request, job_id)
    try:
        f = store(request).apply_edits(job, str(edits.get("file", "")), edits)
    except KeyError:
        raise HTTPException(404, "没有这个文件或候选框。") from None
    except (JobError, ValueError, TypeError) as exc:
        raise HTTPException(422, str(exc) or "修改内容有误。") from None
    return {"id": job.id, "file": f.id, "state": f.state}


@router.get("/jobs/{job_id}/files/{name}", summary="按清理后的文件名下载脱敏后的 PDF 或其审计记录")
def get_file(request: Request, job_id: str, name: str) -> FileResponse:
    job = job_for(request, job_id)
    for f in job.files:
        if name in f.outputs:
            job.downloaded = time.time()
            media = "application/pdf" if name.endswith(".pdf") else "application/json"
            return FileResponse(job.dir / "out" / name, media_type=media, filename=name)
    raise HTTPException(404, "没有这个文件。")


@router.get("/jobs/{job_id}/report", summary="可打印的自查报告（PDF）：文件、按类别和页码列出的脱敏处、保留的标记、"
            "未填写因而未检查的项目、结论、日期与版本")
def get_report(request: Request, job_id: str) -> Response:
    job = job_for(request, job_id)
    html = request.app.state.templates.get_template("selfcheck_report.html.j2").render(**report_context(job))
    return Response(html_to_pdf(html, _REPORT_CSS), media_type="application/pdf",
                    headers={"Content-Disposition": "attachment; filename*=UTF-8''%E8%87%AA%E6%9F%A5%E6%8A%A5%E5%91%8A.pdf"})


_REPORT_CSS = ("body {font-size: 10pt;} h1 {font-size: 18pt;} h2 {font-size: 12pt;} th, td {font-size: 9pt;} "
               "table.ruled {border-collapse: collapse;} table.ruled th, table.ruled td {border: 1px solid black;}")


def page_counts(candidates: list[dict[str, Any]]) -> dict[str, int]:
    """The counts the job page shows above each document: red boxes drawn, blue boxes drawn, needing a look."""
    shown = [c for c in candidates if c.get("shown")]
    return {"removed": sum(c["action"] == "redact" for c in shown), "kept": sum(c["action"] == "keep" for c in shown),
            "review": sum(bool(c.get("needs_review")) for c in shown)}


_STATE_ZH = {"clean": "通过", "check": "需确认", "found": "未通过"}


def report_context(job: Job) -> dict[str, Any]:
    """What the 自查报告 says, from the documents' audits and the applicant's answers (no value of the profile,
    only categories, pages and places): per document its state, each place found and each open question (page,
    category, where on the page), the applicant's own edits, and the counts exactly as the page shows them."""
    from datetime import datetime

    from redactor._version import __version__

    docs, checked, not_checked, none = [], None, None, None
    for f in job.files:
        d: dict[str, Any] = {"stem": f.stem or "文件", "pages": f.pages, "error": f.error}
        if f.state == "done" and f.audit is not None and f.plan is not None:
            v = verdict(f.audit, Answers(job.declared_none, frozenset(f.confirmed)))
            checked, not_checked, none = v["checked"], v["not_checked"], v["declared_none"]
            cands = f.edits.candidates(f.plan, f.repairs)
            sizes = {int(p["page"]): (p["width"], p["height"]) for p in f.audit.get("page_info", ())}

            def at(x: dict[str, Any]) -> str:
                return _where(x.get("bbox"), sizes.get(int(x.get("page") or 0)))

            by_cat: dict[str, list[int]] = {}
            for c in cands:
                if c.get("shown") and c["action"] == "redact":
                    by_cat.setdefault(c["label"], []).append(int(c["page"]))
            edits = [{"page": e["page"], "label": CATEGORY_LABELS.get(e["category"], e["category"]),
                      "what": {"manual.undo": "撤销了脱敏", "manual.undo_repair": "撤销了最终核验补充的脱敏",
                               "manual.redact": "改为脱敏", "manual.box": "手动添加脱敏框"}[e["rule"]],
                      "where": at(e)}
                     for key in ("redactions", "kept") for e in f.audit.get(key, ())
                     if e.get("rule") in ("manual.undo", "manual.undo_repair", "manual.redact", "manual.box")]
            d.update(verdict=v, state=_STATE_ZH[v["state"]], judged=v["judged"], counts=page_counts(cands),
                     found=[{**x, "at": at(x)} for x in v["found"]],
                     questions=[{**q, "at": at(q)} for q in v["questions"]],
                     edits=sorted(edits, key=lambda e: e["page"]),
                     removed=[{"label": k, "count": len(ps), "pages": "、".join(str(p) for p in sorted(set(ps)))}
                              for k, ps in by_cat.items()])
        docs.append(d)
    if checked is None and job.profile is not None:
        given = {f.name for f in FIELDS if getattr(job.profile, f.name)}
        checked = [label for name, label in FIELD_LABELS.items() if name in given]
        none = [label for name, label in FIELD_LABELS.items() if name not in given and name in job.declared_none]
        not_checked = [label for name, label in FIELD_LABELS.items() if name not in given
                       and name not in job.declared_none]
    return {"now": datetime.now().strftime("%Y-%m-%d %H:%M"), "version": __version__, "docs": docs,
            "checked": checked or [], "not_checked": not_checked or [], "declared_none": none or [],
            "rejected": job.rejected}


def _where(bbox: Any, size: tuple[float, float] | None) -> str:
    """A place on the page in words a person finds it by (上部/中部/下部 and 左/中/右), then the box in points."""
    if not bbox:
        return "全文"
    box = f"（{bbox[0]:.0f},{bbox[1]:.0f}–{bbox[2]:.0f},{bbox[3]:.0f} 点）"
    if not size or not size[0] or not size[1]:
        return box
    x, y = (bbox[0] + bbox[2]) / 2 / size[0], (bbox[1] + bbox[3]) / 2 / size[1]
    third = lambda t: min(2, max(0, int(t * 3)))     # noqa: E731
    return f"{('上部', '中部', '下部')[third(y)]}{('偏左', '居中', '偏右')[third(x)]}{box}"


@router.get("/jobs/{job_id}/download.zip", summary="本任务所有脱敏后的 PDF 与审计记录（zip）")
def get_zip(request: Request, job_id: str) -> Response:
    job = job_for(request, job_id)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for f in job.files:
            for name in f.outputs:
                z.write(job.dir / "out" / name, name)
    job.downloaded = time.time()
    return Response(buf.getvalue(), media_type="application/zip",
                    headers={"Content-Disposition": "attachment; filename*=UTF-8''redacted.zip"})


@router.get("/jobs/{job_id}/pages/{file_id}/{kind}/{page}.png", summary="页面图像（原件或脱敏后）")
def get_page(request: Request, job_id: str, file_id: str, kind: str, page: int) -> FileResponse:
    job = job_for(request, job_id)
    try:
        f = job.file(file_id)
    except KeyError:
        raise HTTPException(404, "没有这个文件。") from None
    pages = {"original": f.original_pages, "redacted": f.redacted_pages}.get(kind) or []
    for p in pages:
        if p["page"] == page:
            return FileResponse(Path(p["png"]), media_type="image/png")
    raise HTTPException(404, "没有这一页。")


@router.delete("/jobs/{job_id}", dependencies=[Depends(require_csrf_header)], summary="立即删除本任务的文件")
def delete_job(request: Request, job_id: str) -> dict[str, bool]:
    job_for(request, job_id)
    store(request).delete(request.state.session, job_id)
    return {"deleted": True}
