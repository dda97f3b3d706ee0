"""``create_app``: the FastAPI application with its guards, janitor and routers."""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
from collections.abc import Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from redactor.config import RedactorConfig, load_config
from redactor.web.jobs import JobStore
from redactor.web.security import SESSION_COOKIE, TOKEN_COOKIE, Sessions, token_ok
from redactor.web.settings import WebSettings
from redactor.web.worker import Worker

log = logging.getLogger(__name__)
HERE = Path(__file__).parent


def web_config(path: str | None) -> RedactorConfig:
    """The run config for the web app: a failed verification is shown to the user, not an error."""
    cfg = load_config(path)
    return cfg.model_copy(update={"verify": cfg.verify.model_copy(update={"fail_closed": False})})


def create_app(settings: WebSettings = WebSettings(), cfg: RedactorConfig | None = None,
               pipeline_factory: Callable[[RedactorConfig], Any] | None = None, warm_up: bool = True) -> FastAPI:
    settings.check()
    cfg = cfg or web_config(settings.config_path)
    own_root = settings.root is None
    root = Path(settings.root or tempfile.mkdtemp(prefix="redactor-web-"))
    worker = Worker(cfg, pipeline_factory, file_workers=settings.file_workers)
    jobs = JobStore(settings, worker, root)
    sessions = Sessions()
    stop = threading.Event()

    def janitor() -> None:
        while not stop.wait(30):
            jobs.sweep()

    @asynccontextmanager
    async def lifespan(app: FastAPI):  # noqa: ANN202
        thread = threading.Thread(target=janitor, name="redactor-janitor", daemon=True)
        thread.start()
        if warm_up:
            worker.warm_up()
        try:
            yield
        finally:
            stop.set()
            jobs.cancel_all()
            worker.shutdown()
            jobs.wipe_all()
            if own_root:
                shutil.rmtree(root, ignore_errors=True)

    # /docs is our own server-rendered page of the OpenAPI document: Swagger UI would load scripts from a CDN
    app = FastAPI(title="redactor 脱敏自查与抽检", version="1", lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="申请人自查（只脱敏自己的信息，不要过度脱敏）与评审前抽检的 JSON 接口。"
                              "修改类请求需带 X-CSRF-Token 头（GET /api/session 取得）。")
    app.state.settings, app.state.cfg, app.state.worker, app.state.jobs = settings, cfg, worker, jobs
    app.state.sessions, app.state.root = sessions, root
    app.state.templates = Jinja2Templates(directory=str(HERE / "templates"))
    app.state.spot = None
    if settings.batch_dir:
        from redactor.web.spotcheck.service import SpotCheck

        app.state.spot = SpotCheck(Path(settings.batch_dir), worker, root / "spot", settings.render_dpi)

    @app.middleware("http")
    async def guard(request: Request, call_next):  # noqa: ANN001, ANN202
        if not token_ok(request, settings.token):
            msg = "需要访问令牌：请使用启动时显示的带 token 的地址打开。"
            if request.url.path.startswith("/api/"):
                return JSONResponse({"detail": msg}, status_code=401)
            return HTMLResponse(f"<!doctype html><meta charset=utf-8><p>{msg}</p>", status_code=401)
        sid = request.cookies.get(SESSION_COOKIE, "")
        fresh = not sid or sessions.csrf(sid) is None
        if fresh:
            sid = sessions.new()
        request.state.session, request.state.csrf = sid, sessions.csrf(sid)
        response = await call_next(request)
        if request.url.path.startswith("/api/"):
            response.headers["X-CSRF-Token"] = request.state.csrf     # for scripts: no page to read it from
        if fresh:
            response.set_cookie(SESSION_COOKIE, sid, httponly=True, samesite="strict")
        if settings.token and request.query_params.get("token"):
            response.set_cookie(TOKEN_COOKIE, settings.token, httponly=True, samesite="strict")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):  # noqa: ANN202
        if request.url.path.startswith("/api/") or request.url.path.startswith("/static/"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return app.state.templates.TemplateResponse(
            request, "error.html.j2", {"message": exc.detail, "csrf": request.state.csrf}, status_code=exc.status_code)

    from redactor.web import api, pages
    from redactor.web.spotcheck import pending as spot_pending
    from redactor.web.spotcheck import routes as spot_routes

    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(spot_pending.router)       # 待定 (issue 82): before /spot/{sid}/{pos}
    app.include_router(spot_routes.router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    return app
