"""The local web app: 申请人自查 (applicants check their own files) and 抽检 (reviewers spot-check a batch).

FastAPI with server-rendered Jinja2 pages; every script and stylesheet ships
inside the package because users are offline.  ``create_app`` builds the app,
``redactor serve`` runs it (see ``server.py``).
"""

from redactor.web.app import create_app
from redactor.web.settings import WebSettings

__all__ = ["create_app", "WebSettings"]
