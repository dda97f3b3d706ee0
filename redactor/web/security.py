"""Sessions, CSRF and the access token.

Every browser gets a random session cookie; jobs belong to the session that
created them, so two users of one server never see each other's files.  Each
session has a CSRF token that every state-changing request must carry (form
field ``csrf`` or header ``X-CSRF-Token``).  Off loopback, every request must
also carry the access token (``?token=`` once, then a cookie, or a Bearer
header).
"""

from __future__ import annotations

import secrets
import threading

from fastapi import HTTPException, Request

SESSION_COOKIE = "redactor_session"
TOKEN_COOKIE = "redactor_token"
CSRF_HEADER = "x-csrf-token"


class Sessions:
    """session id -> CSRF token, in memory (a restart starts everyone afresh)."""

    def __init__(self) -> None:
        self._csrf: dict[str, str] = {}
        self._lock = threading.Lock()

    def new(self) -> str:
        sid = secrets.token_urlsafe(24)
        with self._lock:
            self._csrf[sid] = secrets.token_urlsafe(24)
        return sid

    def csrf(self, sid: str) -> str | None:
        with self._lock:
            return self._csrf.get(sid)


def token_ok(request: Request, token: str | None) -> bool:
    if not token:
        return True
    auth = request.headers.get("authorization", "")
    supplied = (request.query_params.get("token") or request.cookies.get(TOKEN_COOKIE)
                or (auth[7:] if auth.lower().startswith("bearer ") else ""))
    return secrets.compare_digest(supplied.encode(), token.encode())


def check_csrf(request: Request, supplied: str | None) -> None:
    """Raise 403 unless ``supplied`` (form field or header) is this session's token."""
    supplied = supplied or request.headers.get(CSRF_HEADER) or ""
    expected = getattr(request.state, "csrf", None) or ""
    if not expected or not secrets.compare_digest(supplied.encode(), expected.encode()):
        raise HTTPException(403, "页面已过期或请求来源不明（CSRF 校验失败），请刷新页面后重试。")


def require_csrf_header(request: Request) -> None:
    """FastAPI dependency for JSON and multipart API calls."""
    check_csrf(request, None)
