"""Chinese everywhere a user reads (issue 82 item 6): every template's visible text (what the browser shows, and
the title, alt, placeholder and aria-label attributes), every sentence of the message catalogue and every
summary and parameter description of the JSON API.  Code samples (``<code>``, ``<pre>``), scripts and styles are
not text a user reads; key names, file formats and protocol words a user types are allowed."""

from __future__ import annotations

import re
from pathlib import Path

from redactor.web import messages

TEMPLATES = Path(__file__).resolve().parents[2] / "redactor" / "web" / "templates"
# what a user types or sees as a name, not a sentence: file formats, protocols, keys, methods, the tool's name
ALLOWED = {"PDF", "PNG", "JPG", "JPEG", "TIF", "TIFF", "API", "JSON", "OCR", "QR", "ID", "CSRF", "OpenAPI", "URL",
           "HTML", "CSV", "Cookie", "Wilson", "Kish", "Esc", "Enter", "Tab", "Ctrl", "Shift", "redactor", "MB", "KB", "zip"}
_CJK = re.compile(r"[\u4e00-\u9fff]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{2,}")


def _visible(template: str) -> list[str]:
    s = re.sub(r"\{#.*?#\}", "", template, flags=re.S)
    s = re.sub(r"<(script|style|code|pre)\b.*?</\1>", " ", s, flags=re.S)
    s = re.sub(r"\{%.*?%\}|\{\{.*?\}\}", " ", s, flags=re.S)
    attrs = [a.group(2) for tag in re.finditer(r"<[^>]*>", s)
             for a in re.finditer(r'\b(title|alt|placeholder|aria-label)="([^"]*)"', tag.group(0))]
    return [re.sub(r"<[^>]*>", " ", s), *attrs]


def _english(texts: list[str]) -> set[str]:
    return {w for t in texts for w in _WORD.findall(t) if w not in ALLOWED}


def test_no_template_shows_english_words():
    found = {p.name: sorted(_english(_visible(p.read_text(encoding="utf-8"))))
             for p in sorted(TEMPLATES.glob("*.j2"))}
    assert len(found) >= 15                                     # every page's template was read
    assert not {k: v for k, v in found.items() if v}, found


def test_the_checker_finds_english_where_there_is_some():
    assert _english(_visible("<p>处理完成 <b>Done</b></p><p title='x'>{{ value }}</p><code>curl</code>")) == {"Done"}
    assert _english(_visible('<img alt="Portrait of the applicant">')) == {"Portrait", "the", "applicant"}


def test_every_message_a_user_reads_is_chinese():
    sentences = [text for _, text in messages._INPUT] + [messages.PROCESS_DIED] + list(messages._FIELDS.values()) \
        + list(messages._FIELD_HINTS.values())
    assert len(sentences) >= 12 and all(_CJK.search(s) for s in sentences), sentences
    assert not _english(sentences)


def test_every_api_summary_and_parameter_description_is_chinese(make_app):
    schema = make_app().openapi()
    texts = []
    for path, ops in schema["paths"].items():
        for op in ops.values():
            texts.append((path, op.get("summary", "")))
            for p in op.get("parameters", []):
                if p.get("description"):
                    texts.append((path, p["description"]))
    for name, comp in schema.get("components", {}).get("schemas", {}).items():
        for prop, spec in comp.get("properties", {}).items():
            if spec.get("description"):
                texts.append((f"{name}.{prop}", spec["description"]))
    assert len(texts) >= 20
    assert not [t for t in texts if not _CJK.search(t[1])], [t for t in texts if not _CJK.search(t[1])]
