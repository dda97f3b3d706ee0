"""A human-readable HTML version of the audit (for reviewers spot-checking).

Rendered from the audit JSON only, so it cannot hold more than the JSON does
(no values).  jinja2 autoescaping is on.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

_ENV = Environment(loader=PackageLoader("redactor.audit", "templates"), autoescape=select_autoescape(["html", "j2"]))


def render_html(audit: dict[str, Any]) -> str:
    return _ENV.get_template("report.html.j2").render(a=audit)
