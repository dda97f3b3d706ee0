"""``redactor serve``: start-up checks, the access token, and uvicorn without access logs.

Access logs would carry URLs; uvicorn's are switched off and the app logs job
ids only, never a file name or a value.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from redactor.web.settings import WebSettings


def reachable_host(host: str) -> str:
    """The address another computer opens: a wildcard bind (0.0.0.0, ::) is not one, the machine's own
    outward address is (the one its default route leaves from; no packet is sent)."""
    if host not in ("0.0.0.0", "::", ""):
        return host
    import socket

    family = socket.AF_INET6 if host == "::" else socket.AF_INET
    probe = "2001:db8::1" if family == socket.AF_INET6 else "192.0.2.1"      # documentation addresses
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as s:
            s.connect((probe, 9))                  # UDP connect: picks the route, sends nothing
            return str(s.getsockname()[0])
    except OSError:
        return socket.gethostname()


def serve(settings: WebSettings, say: Callable[[str], None] = print) -> None:
    try:
        import uvicorn
    except ImportError:                      # pragma: no cover - depends on the install
        raise SystemExit("the web app needs its extra: pip install 'redactor[web]'") from None
    from redactor.config import load_config
    from redactor.ingest.ocr.replay import refuse_outside_tests
    from redactor.web.app import create_app
    from redactor.web.spotcheck.batch import BatchFolderError

    # recorded OCR (the test suite's) would write every uploaded page's text to disk: refuse before serving
    refuse_outside_tests(load_config(settings.config_path).ocr.replay_dir)

    if not settings.loopback and not settings.token:
        settings = WebSettings(**{**settings.__dict__, "token": secrets.token_urlsafe(18)})
    try:
        app = create_app(settings)
    except BatchFolderError as exc:
        raise SystemExit(f"--batch {settings.batch_dir}: {exc}") from None
    host = reachable_host(settings.host)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{settings.port}/"
    if settings.token:
        say(f"注意：服务绑定在 {settings.host}，其他计算机也可能访问；每个请求都需要访问令牌。")
        say(f"请用此地址打开（令牌只显示这一次）：{url}?token={settings.token}")
    else:
        say(f"请在浏览器中打开 {url}  （仅本机可访问）")
    if settings.batch_dir:
        say("抽检目录已加载。")
    say("按 Ctrl+C 停止；停止时删除全部临时文件。")
    uvicorn.run(app, host=settings.host, port=settings.port, access_log=False, log_level="warning")
