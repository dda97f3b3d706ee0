"""Redacted plain text of a document, with presidio-anonymizer's replace operator.

Each removed span becomes its category label (``[姓名]``, ``[身份证号]``…), so
a reviewer or a downstream search index gets the text without the applicant.
Region findings (photos, seals…) have no text span and need nothing here.
"""

from __future__ import annotations

from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig, RecognizerResult

from redactor.fields import CATEGORY_LABELS, FIELDS
from redactor.model import Document, RedactionPlan

LABELS = {f.category.value: CATEGORY_LABELS[f.category] for f in FIELDS}


def redacted_text(doc: Document, plan: RedactionPlan, labels: dict[str, str] | None = None) -> str:
    labels = labels or LABELS
    engine = AnonymizerEngine()
    pages = []
    for page in doc.pages:
        spans = [d.finding for d in plan.redactions if d.finding.page == page.number and d.finding.start is not None]
        results = [RecognizerResult(f.category.value if f.category else "name", f.start, f.end, 1.0) for f in spans]
        operators = {cat: OperatorConfig("replace", {"new_value": f"[{labels.get(cat, cat)}]"}) for cat in {r.entity_type for r in results}}
        text = engine.anonymize(text=page.text, analyzer_results=results, operators=operators).text if results else page.text
        pages.append(f"--- page {page.number} ---\n{text}")
    return "\n".join(pages) + "\n"
