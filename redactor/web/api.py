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
from redactor.web.jobs import Job, JobError, JobStore
from redactor.web.messages import profile_message
from redactor.web.security import check_csrf, require_csrf_header
from redactor.web.verdict import FIELD_LABELS, verdict

router = APIRouter(prefix="/api", tags=["申请人自查"])


def store(request: Request) -> JobStore:
    return request.app.state.jobs


def job_for(request: Request, job_id: str) -> Job:
    try:
        return store(request).get(request.state.session, job_id)
    except KeyError:
        raise HTTPException(404, "没有这个任务（可能已被清除）。") from None


def parse_profile(data: dict[str, Any] | None) -> ApplicantProfile | None:
    """Profile from a mapping; empty lists and blanks are dropped; None when no name was given."""
    if not data or not str(data.get("name", "")).strip():
        return None
    clean: dict[str, Any] = {}
    for k, v in data.items():
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


async def read_uploads(request: Request, files: list[UploadFile]) -> list[tuple[str, bytes]]:
    limit = int(request.app.state.settings.max_file_mb * 1024 * 1024)
    out = []
    for k, f in enumerate(files, 1):
        data = await f.read(limit + 1)
        if len(data) > limit:
            raise HTTPException(413, f"第 {k} 个文件超过 {request.app.state.settings.max_file_mb:g} MB 的上限，请拆分后再上传。")
        out.append((f.filename or f"file{k}", data))   # an empty one fails by itself, named in the result
    return out


def create_job(request: Request, uploads: list[tuple[str, bytes]], profile: ApplicantProfile | None) -> Job:
    try:
        return store(request).create(request.state.session, uploads, profile)
    except JobError as exc:
        raise HTTPException(422, str(exc)) from None


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
            d["verdict"] = verdict(f.audit)
            d["audit"] = f.audit
            d["candidates"] = f.edits.candidates(f.plan, f.repairs)
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
    left = job.time_left()
    return {"id": job.id, "state": job.state, "step": job.progress_text(), "message": job.message, "profile": profile,
            "pages_total": sum(f.pages for f in job.files), "pages_done": sum(f.pages for f in job.files
                                                                              if f.state in ("done", "failed")),
            "work_total": sum(2 * f.pages + 1 for f in job.files), "work_done": sum(f.work_done for f in job.files),
            "seconds_left": None if left is None else round(left),
            "documents": docs, "done": sum(f.state in ("done", "failed") for f in job.files), "total": len(job.files),
            "zip": f"{base}/download.zip" if any(f.state == "done" for f in job.files) else None,
            "expires_in": round(store(request).expires_in(job))}


def _geom(p: dict[str, Any]) -> dict[str, Any]:
    return {"page": p["page"], "width": p["width"], "height": p["height"]}


@router.get("/session", summary="This browser session's CSRF token")
def session(request: Request) -> dict[str, str]:
    return {"csrf": request.state.csrf}


@router.post("/profile/check", dependencies=[Depends(require_csrf_header)],
             summary="Check a profile before uploading (422 with the field to correct, in Chinese)")
def check_profile_fields(request: Request, profile: Annotated[dict[str, Any], Body(examples=[
        {"name": "王某某", "id_number": "", "phones": ["13800000000"], "employers": ["某某公司"]}])]) -> dict[str, Any]:
    """The upload page asks this before sending the files, so a mistyped field never clears the files chosen."""
    if parse_profile(profile) is None:
        raise HTTPException(422, "请填写申请人姓名，或选择“从评审表读取”。")
    return {"ok": True}


@router.post("/jobs", summary="Upload files (+ profile JSON) and start a self-check job")
async def post_job(
    request: Request,
    files: Annotated[list[UploadFile], File(description="PDF, PNG, JPG or TIF files")],
    profile: Annotated[str | None, Form(description="the applicant profile as JSON; omit to read it from a 评审表")] = None,
    csrf: Annotated[str | None, Form()] = None,
) -> dict[str, Any]:
    check_csrf(request, csrf)
    try:
        data = json.loads(profile) if profile else None
    except json.JSONDecodeError:
        raise HTTPException(422, "profile 不是合法的 JSON。") from None
    job = create_job(request, await read_uploads(request, files), parse_profile(data))
    return {"id": job.id, "state": job.state}


@router.get("/jobs/{job_id}", summary="Status and per-document results with audits")
def get_job(request: Request, job_id: str) -> dict[str, Any]:
    return job_json(request, job_for(request, job_id))


@router.post("/jobs/{job_id}/profile", dependencies=[Depends(require_csrf_header)],
             summary="Confirm (or correct) the profile read from a 评审表, and start")
def confirm_profile(request: Request, job_id: str, profile: Annotated[dict[str, Any], Body()]) -> dict[str, Any]:
    job = job_for(request, job_id)
    p = parse_profile(profile)
    if p is None:
        raise HTTPException(422, "请填写申请人姓名。")
    try:
        store(request).start(job, p)
    except JobError as exc:
        raise HTTPException(409, str(exc)) from None
    return {"id": job.id, "state": job.state}


@router.post("/jobs/{job_id}/edits", dependencies=[Depends(require_csrf_header)],
             summary="Undo removals, remove kept candidates, add manual boxes; then apply again")
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


@router.get("/jobs/{job_id}/files/{name}", summary="A redacted PDF or its audit, by its cleaned name")
def get_file(request: Request, job_id: str, name: str) -> FileResponse:
    job = job_for(request, job_id)
    for f in job.files:
        if name in f.outputs:
            job.downloaded = time.time()
            media = "application/pdf" if name.endswith(".pdf") else "application/json"
            return FileResponse(job.dir / "out" / name, media_type=media, filename=name)
    raise HTTPException(404, "没有这个文件。")


@router.get("/jobs/{job_id}/report", summary="The printable 自查报告 (PDF): files, removals by category and page, "
            "kept marks, the fields left empty and so not checked, the verdict, date and version")
def get_report(request: Request, job_id: str) -> Response:
    job = job_for(request, job_id)
    html = request.app.state.templates.get_template("selfcheck_report.html.j2").render(**report_context(job))
    return Response(html_to_pdf(html, _REPORT_CSS), media_type="application/pdf",
                    headers={"Content-Disposition": "attachment; filename*=UTF-8''%E8%87%AA%E6%9F%A5%E6%8A%A5%E5%91%8A.pdf"})


_REPORT_CSS = "body {font-size: 10pt;} h1 {font-size: 18pt;} h2 {font-size: 12pt;} th, td {font-size: 9pt;}"


def report_context(job: Job) -> dict[str, Any]:
    """What the 自查报告 says, from the documents' audits (no value of the profile, only categories and pages)."""
    from datetime import datetime

    from redactor._version import __version__

    docs, checked, not_checked = [], None, None
    for f in job.files:
        d: dict[str, Any] = {"stem": f.stem or "文件", "pages": f.pages, "error": f.error}
        if f.state == "done" and f.audit is not None:
            v = verdict(f.audit)
            checked, not_checked = v["checked"], v["not_checked"]
            by_cat: dict[str, set[int]] = {}
            counts: dict[str, int] = {}
            for r in f.audit.get("redactions", ()):
                label = CATEGORY_LABELS.get(r.get("category", ""), r.get("category", ""))
                counts[label] = counts.get(label, 0) + 1
                by_cat.setdefault(label, set()).add(int(r.get("page") or 0))
            d.update(verdict=v, judged=v["judged"], kept_text=sum(1 for k in f.audit.get("kept", ())
                                                                  if k.get("category") in ("name", "employer", "phone",
                                                                                           "id_number", "email")),
                     removed=[{"label": k, "count": n, "pages": "、".join(str(p) for p in sorted(by_cat[k]))}
                              for k, n in counts.items()])
        docs.append(d)
    if checked is None and job.profile is not None:
        given = {f.name for f in FIELDS if getattr(job.profile, f.name)}
        checked = [label for name, label in FIELD_LABELS.items() if name in given]
        not_checked = [label for name, label in FIELD_LABELS.items() if name not in given]
    return {"now": datetime.now().strftime("%Y-%m-%d %H:%M"), "version": __version__, "docs": docs,
            "checked": checked or [], "not_checked": not_checked or []}


@router.get("/jobs/{job_id}/download.zip", summary="Every redacted PDF and audit of the job in one zip")
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


@router.get("/jobs/{job_id}/pages/{file_id}/{kind}/{page}.png", summary="A page image, original or redacted")
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


@router.delete("/jobs/{job_id}", dependencies=[Depends(require_csrf_header)], summary="Wipe the job's files now")
def delete_job(request: Request, job_id: str) -> dict[str, bool]:
    job_for(request, job_id)
    store(request).delete(request.state.session, job_id)
    return {"deleted": True}
