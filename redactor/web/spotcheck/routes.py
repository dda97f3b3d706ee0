"""抽检 pages and their JSON endpoints (OpenAPI tag "抽检")."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Form, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse

from redactor.batch.held import held_documents
from redactor.web.edits import CATEGORY_LABELS, reason_zh
from redactor.web.security import check_csrf, require_csrf_header
from redactor.web.spotcheck.service import MARK_LABELS, VERDICT_LABELS, MarkError, SpotCheck, stratum_label
from redactor.web.spotcheck.store import VERDICTS

router = APIRouter(tags=["抽检"])


def spot(request: Request) -> SpotCheck:
    s = request.app.state.spot
    if s is None:
        raise HTTPException(404, "未指定批量输出目录：请用 redactor serve --batch 目录 启动。")
    return s


def session_or_404(sc: SpotCheck, sid: str) -> dict[str, Any]:
    try:
        return sc.session(sid)
    except KeyError:
        raise HTTPException(404, "没有这个抽检批次。") from None


def _render(request: Request, template: str, **ctx: Any) -> HTMLResponse:
    from redactor.web.pages import render

    return render(request, template, **ctx)


def report_html(request: Request, report: dict[str, Any]) -> str:
    return request.app.state.templates.get_template("spot_report_file.html.j2").render(
        report=report, vlabels=VERDICT_LABELS, standalone=True)


def _start_page(request: Request, sc: SpotCheck, **ctx: Any) -> HTMLResponse:
    docs = sc.docs()
    return _render(request, "spot_start.html.j2", sessions=sc.store.sessions(), total=len(docs),
                   flagged=sum(d.needs_review > 0 for d in docs), kinds=sc.kinds(),
                   held=len(held_documents(sc.folder)), **ctx)


# --- pages --------------------------------------------------------------------

@router.get("/spot", response_class=HTMLResponse, include_in_schema=False)
def spot_home(request: Request) -> HTMLResponse:
    return _start_page(request, spot(request))


@router.post("/spot", include_in_schema=False)
def spot_start(request: Request, csrf: Annotated[str, Form()] = "", size: Annotated[int, Form()] = 20,
               seed: Annotated[str, Form()] = "", review_first: Annotated[str, Form()] = "",
               by_type: Annotated[str, Form()] = "", reviewer: Annotated[str, Form()] = "",
               only_flagged_ok: Annotated[str, Form()] = ""):  # noqa: ANN201
    check_csrf(request, csrf)
    docs = spot(request).docs()
    flagged = sum(d.needs_review > 0 for d in docs)
    if review_first and flagged < len(docs) and max(1, size) <= flagged and only_flagged_ok != "1":
        # such a sample holds flagged documents only: it says how they fared, nothing of the rest of the batch
        return _start_page(request, spot(request),
                           form={"size": size, "seed": seed, "reviewer": reviewer, "by_type": bool(by_type)},
                           only_flagged=True)
    sid = spot(request).create(max(1, size), int(seed) if seed.strip().lstrip("-").isdigit() else None,
                               bool(review_first), bool(by_type), reviewer)
    return RedirectResponse(f"/spot/{sid}/1", status_code=303)


@router.get("/spot/{sid}/report", response_class=HTMLResponse, include_in_schema=False)
def spot_report_page(request: Request, sid: str) -> HTMLResponse:
    sc = spot(request)
    session_or_404(sc, sid)
    report = sc.report(sid)
    sc.write_report(sid, report, report_html(request, report))
    return _render(request, "spot_report.html.j2", report=report, vlabels=VERDICT_LABELS, standalone=False)


@router.get("/spot/{sid}/{pos}", response_class=HTMLResponse, include_in_schema=False)
def spot_doc_page(request: Request, sid: str, pos: int) -> HTMLResponse:
    sc = spot(request)
    s = session_or_404(sc, sid)
    try:
        item, doc = sc.doc(sid, pos)
    except KeyError:
        raise HTTPException(404, "样本中没有这一项。") from None
    audit = sc.audit(doc)
    pages = sc.pages(sid, pos)
    base = f"/api/spot/sessions/{sid}/docs/{pos}/pages"
    rows = []
    for k, red in enumerate(pages["redacted"]):
        orig = pages["original"][k] if k < len(pages["original"]) else None
        rows.append({"page": red["page"], "width": red["width"], "height": red["height"],
                     "redacted": f"{base}/redacted/{red['page']}.png",
                     "original": f"{base}/original/{orig['page']}.png" if orig else None})
    boxes = [{"page": e["page"], "boxes": e.get("boxes", [e["bbox"]]),
              "cls": cls + (" review" if e.get("needs_review") else ""),
              "label": CATEGORY_LABELS.get(e["category"], e["category"]),
              "reason": _shown_reason(e, audit, "redact" if key == "redactions" else "keep")}
             for key, cls in (("redactions", "removed"), ("kept", "kept")) for e in audit.get(key, [])]
    return _render(request, "spot_doc.html.j2", s=s, item=item, doc=doc, rows=rows, boxes=boxes, audit=audit,
                   review=review_marks(audit), stratum=stratum_label(item["stratum"], s.get("pooled")),
                   vlabels=VERDICT_LABELS, total=len(s["sample"]), marks=sc.marks(sid, pos), mark_labels=MARK_LABELS)


def review_marks(audit: dict[str, Any]) -> list[dict[str, Any]]:
    """The places the audit asks a person to look at, numbered as drawn on the page: its ``needs_review``
    entries (a decision policy doubted, a repair, a flattened page)."""
    out = []
    for k, e in enumerate(audit.get("needs_review", []), 1):
        label = CATEGORY_LABELS.get(e.get("category", ""), "整页" if e.get("category") == "page" else e.get("category", ""))
        action = {"removed": "已脱敏", "kept": "已保留", "flattened": "整页转为图像"}.get(e.get("action", ""), "")
        out.append({"n": k, "page": e.get("page"), "bbox": e.get("bbox"), "label": label,
                    "text": f"第 {e.get('page')} 页 · {label}（{action}）：{review_reason_zh(e)}"})
    return out


def _shown_reason(e: dict[str, Any], audit: dict[str, Any], action: str) -> str:
    """The reason a reviewer reads for one entry: an edit of a document released from 待定 is the 抽检 reviewer's
    (its audit's ``reviewer_decisions``), written so in its own reason -- not the applicant's, as a self-check's
    edit (``manual.*``) is."""
    if str(e.get("rule", "")).startswith("manual.") and audit.get("reviewer_decisions") and "抽检" in e.get("reason", ""):
        return str(e["reason"])
    return reason_zh(e.get("rule", ""), CATEGORY_LABELS.get(e["category"], e["category"]), action, voice="reviewer")


def review_reason_zh(e: dict[str, Any]) -> str:
    """Why a person should look, in the reviewer's words (the audit keeps the rule's own text)."""
    rule, reason = e.get("rule", ""), e.get("reason", "")
    if rule == "redact.flattened":
        return "去除文字会移动其余文字，此页改以图像发布，请核对整页"
    if "repaired" in reason or rule.startswith("repair"):
        return "最终核验在此处又发现本人信息，已补充脱敏，请确认没有遮住他人的信息"
    if "seal" in rule:
        return "印章文字读不全，归属由位置判断，请确认是否为本人单位的印章"
    if "signature" in rule:
        return "签名归属由位置判断，请确认"
    if "photo" in rule:
        return "照片归属由版面判断，请确认"
    return "工具无法确定归属，请确认"


# --- JSON ---------------------------------------------------------------------

@router.post("/api/spot/sessions", dependencies=[Depends(require_csrf_header)], summary="抽取新的样本")
def api_create(request: Request, spec: Annotated[dict[str, Any], Body(examples=[
        {"size": 20, "seed": 12345, "review_first": True, "by_type": True, "reviewer": "质检员甲", "pool_below": 2}])]
               ) -> dict[str, Any]:
    """``pool_below``: document kinds with fewer documents are pooled into one stratum (default from
    configs/doc_kinds.yaml); the session's ``pooled`` names them."""
    sc = spot(request)
    seed, pool = spec.get("seed"), spec.get("pool_below")
    sid = sc.create(max(1, int(spec.get("size", 20))), int(seed) if seed is not None else None,
                    bool(spec.get("review_first", True)), bool(spec.get("by_type", True)), str(spec.get("reviewer") or ""),
                    pool_below=int(pool) if pool is not None else None)
    return sc.session(sid) | {"id": sid}


@router.get("/api/spot/sessions/{sid}", summary="样本及目前的核对结论")
def api_session(request: Request, sid: str) -> dict[str, Any]:
    return session_or_404(spot(request), sid)


@router.post("/api/spot/sessions/{sid}/verdicts", dependencies=[Depends(require_csrf_header)],
             summary="记录一份样本文件的结论（ok 合格、leak 泄露、over_redaction 过度脱敏、other 其他）")
def api_verdict(request: Request, sid: str, body: Annotated[dict[str, Any], Body(examples=[
        {"pos": 1, "verdict": "ok", "note": ""}])]) -> dict[str, Any]:
    sc = spot(request)
    session_or_404(sc, sid)
    if body.get("verdict") not in VERDICTS:
        raise HTTPException(422, f"verdict 只能是 {', '.join(VERDICTS)}。")
    try:
        sc.record(sid, int(body.get("pos", 0)), str(body["verdict"]), str(body.get("note") or ""))
    except KeyError:
        raise HTTPException(404, "样本中没有这一项。") from None
    return {"ok": True}


@router.get("/api/spot/sessions/{sid}/report", summary="质检报告（同时保存到批次目录）")
def api_report(request: Request, sid: str) -> dict[str, Any]:
    sc = spot(request)
    session_or_404(sc, sid)
    report = sc.report(sid)
    js, ht = sc.write_report(sid, report, report_html(request, report))
    return report | {"files": [js.name, ht.name]}


@router.get("/api/spot/sessions/{sid}/docs/{pos}/pages/{kind}/{page}.png", summary="页面图像")
def api_page(request: Request, sid: str, pos: int, kind: str, page: int) -> FileResponse:
    sc = spot(request)
    try:
        pages = sc.pages(sid, pos)
    except KeyError:
        raise HTTPException(404, "样本中没有这一项。") from None
    for p in pages.get(kind, []):
        if p["page"] == page:
            return FileResponse(Path(p["png"]), media_type="image/png")
    raise HTTPException(404, "没有这一页。")


# --- marked places: a box on a redacted page, marked 泄露 or 过度脱敏 --------------------------------------

def _doc_or_404(sc: SpotCheck, sid: str, pos: int) -> None:
    session_or_404(sc, sid)
    try:
        sc.doc(sid, pos)
    except KeyError:
        raise HTTPException(404, "样本中没有这一项。") from None


@router.get("/api/spot/sessions/{sid}/docs/{pos}/marks", summary="一份样本文件上标出的位置")
def api_marks(request: Request, sid: str, pos: int) -> dict[str, Any]:
    sc = spot(request)
    _doc_or_404(sc, sid, pos)
    return {"marks": sc.marks(sid, pos)}


@router.post("/api/spot/sessions/{sid}/docs/{pos}/marks", dependencies=[Depends(require_csrf_header)],
             summary="在脱敏后页面上标出一处：leak 泄露或 over_redaction 过度脱敏")
def api_add_mark(request: Request, sid: str, pos: int, body: Annotated[dict[str, Any], Body(examples=[
        {"page": 1, "kind": "leak", "note": "右上角仍有姓名", "bbox": [60, 88, 200, 104]},
        {"page": 1, "kind": "over_redaction", "pixels": [120, 180, 400, 210]}])]) -> dict[str, Any]:
    """``page`` is 1-based (as the audit counts); the box is ``bbox`` in PDF points (top-left origin) or
    ``pixels`` of the page image ``/api/spot/.../pages/redacted/{page}.png``, converted with its scale."""
    sc = spot(request)
    _doc_or_404(sc, sid, pos)
    try:
        page = int(body.get("page", 0))
    except (TypeError, ValueError):
        raise HTTPException(422, "page 应为页码（从 1 开始）。") from None
    try:
        mark = sc.add_mark(sid, pos, page, str(body.get("kind") or ""), str(body.get("note") or ""),
                           bbox=body.get("bbox"), pixels=body.get("pixels"))
    except MarkError as exc:
        raise HTTPException(422, str(exc)) from None
    return {"mark": mark, "marks": sc.marks(sid, pos)}


@router.delete("/api/spot/sessions/{sid}/docs/{pos}/marks/{mark_id}", dependencies=[Depends(require_csrf_header)],
               summary="删除标出的位置")
def api_delete_mark(request: Request, sid: str, pos: int, mark_id: int) -> dict[str, Any]:
    sc = spot(request)
    _doc_or_404(sc, sid, pos)
    if not sc.delete_mark(sid, pos, mark_id):
        raise HTTPException(404, "没有这个标记。")
    return {"ok": True, "marks": sc.marks(sid, pos)}
