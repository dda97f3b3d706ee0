"""Server-rendered pages of the self-check (申请人自查); the scripts only poll, draw and post edits."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse

from redactor.fields import FIELDS
from redactor.web.api import (
    DECLARED_NONE,
    create_job,
    job_for,
    job_json,
    parse_declared_none,
    parse_profile,
    read_uploads,
    store,
)
from redactor.web.edits import CATEGORY_LABELS
from redactor.web.jobs import JobError
from redactor.web.security import check_csrf

router = APIRouter(include_in_schema=False)



def render(request: Request, template: str, status_code: int = 200, **ctx: Any) -> HTMLResponse:
    s = request.app.state.settings
    base = {"csrf": request.state.csrf, "spot_enabled": request.app.state.spot is not None,
            "limits": {"mb": s.max_file_mb, "files": s.max_files, "pages": s.max_pages}, "labels": CATEGORY_LABELS}
    return request.app.state.templates.TemplateResponse(request, template, {**base, **ctx}, status_code=status_code)


def form_profile(form: Any) -> dict[str, Any]:
    """The profile mapping of a posted form: one text input per field, list fields one value per line, and a
    ``none_<field>`` checkbox per field the applicant declared 无."""
    out: dict[str, Any] = {}
    for f in FIELDS:
        value = str(form.get(f.name) or "")
        out[f.name] = [v for v in re.split(r"[\n\r;；]+", value) if v.strip()] if f.multi else value
    out[DECLARED_NONE] = [f.name for f in FIELDS if form.get(f"none_{f.name}")]
    return out


@router.get("/", response_class=HTMLResponse)
def index(request: Request) -> HTMLResponse:
    return render(request, "index.html.j2")


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The OpenAPI document as a page, without Swagger UI's CDN scripts (users are offline)."""
    spec = request.app.openapi()
    ops = [{"method": m.upper(), "path": path, "summary": op.get("summary", ""), "tags": op.get("tags", []),
            "params": [p["name"] for p in op.get("parameters", [])],
            "body": next(iter(op.get("requestBody", {}).get("content", {})), "")}
           for path, item in spec["paths"].items() for m, op in item.items()]
    return render(request, "api_docs.html.j2", spec=spec, ops=ops)


@router.get("/check", response_class=HTMLResponse)
def check_form(request: Request) -> HTMLResponse:
    return render(request, "check_upload.html.j2", form={})


@router.post("/check", response_class=HTMLResponse)
async def check_submit(
    request: Request,
    files: Annotated[list[UploadFile], File()],
    csrf: Annotated[str, Form()] = "",
    mode: Annotated[str, Form()] = "form",
):  # noqa: ANN201
    check_csrf(request, csrf)
    form = await request.form()          # one text input per profile field (redactor.fields)
    fields = {f.name: str(form.get(f.name) or "") for f in FIELDS}
    data = form_profile(form)
    fields[DECLARED_NONE] = data[DECLARED_NONE]          # type: ignore[assignment]
    try:
        profile = None if mode == "infer" else parse_profile(data)
        if mode != "infer" and profile is None:
            raise HTTPException(422, "请填写申请人姓名，或选择“从评审表读取”。")
        job = create_job(request, await read_uploads(request, files), profile, parse_declared_none(data))
    except HTTPException as exc:
        return render(request, "check_upload.html.j2", status_code=exc.status_code, error=exc.detail, form=fields)
    return RedirectResponse(f"/check/{job.id}", status_code=303)


@router.get("/check/{job_id}", response_class=HTMLResponse)
def check_job(request: Request, job_id: str) -> HTMLResponse:
    job = job_for(request, job_id)
    return render(request, "check_job.html.j2", job=job_json(request, job))


@router.post("/check/{job_id}/profile", response_class=HTMLResponse)
async def check_profile(request: Request, job_id: str):  # noqa: ANN201
    form = {k: str(v) for k, v in (await request.form()).items()}
    check_csrf(request, form.get("csrf"))
    job = job_for(request, job_id)
    data = form_profile(form)
    try:
        profile = parse_profile(data)
        if profile is None:
            raise HTTPException(422, "请填写申请人姓名。")
        store(request).start(job, profile, parse_declared_none(data))
    except HTTPException as exc:
        job.message = str(exc.detail)
    except JobError as exc:
        job.message = str(exc)
    return RedirectResponse(f"/check/{job.id}", status_code=303)


@router.post("/check/{job_id}/delete", response_class=HTMLResponse)
async def check_delete(request: Request, job_id: str, csrf: Annotated[str, Form()] = "",
                       confirmed: Annotated[str, Form()] = ""):  # noqa: ANN201
    check_csrf(request, csrf)
    job_for(request, job_id)
    if confirmed != "1":
        # asked here, not only by the page's script: a click before selfcheck.js has attached its window.confirm,
        # or with scripts off, gets this question instead of deleting at once
        return render(request, "check_delete.html.j2", job_id=job_id)
    store(request).delete(request.state.session, job_id)
    return RedirectResponse("/check?deleted=1", status_code=303)
