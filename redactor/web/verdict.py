"""The verification verdict in the applicant's words: found nothing, or what was found and where (never a value)."""

from __future__ import annotations

from typing import Any

from redactor.web.edits import CATEGORY_LABELS

WHERE = {"text_layer": "文字层", "metadata": "文件属性", "pdf_object": "隐藏内容", "ocr": "图像文字（OCR）"}


def verdict(audit: dict[str, Any]) -> dict[str, Any]:
    v = audit.get("verification", {})
    if v.get("passed"):
        return {"passed": True, "text": "未发现您的个人信息。", "found": []}
    found = []
    for lk in v.get("leaks", []):
        where = WHERE.get(lk.get("where", ""), lk.get("where", ""))
        page = f"第 {lk['page']} 页" if lk.get("page") else "全文"
        found.append({"category": CATEGORY_LABELS.get(lk.get("category", ""), lk.get("category", "")),
                      "where": where, "page": lk.get("page"), "text": f"{page} · {where}"})
    cats = "、".join(dict.fromkeys(f["category"] for f in found))
    return {"passed": False, "text": f"仍能找到您的个人信息（{cats}），请检查下列位置。", "found": found}
