"""The verification verdict in the applicant's words: found nothing, or what was found and where (never a value)."""

from __future__ import annotations

from typing import Any

from redactor.web.edits import CATEGORY_LABELS

WHERE = {
    "text_layer": "文字层", "metadata": "文件属性", "pdf_object": "隐藏内容", "ocr": "图像文字（OCR）",
    "content_stream": "页面内容流", "annotation": "批注", "widget": "表单域", "outline": "书签", "attachment": "附件",
    "xmp": "XMP 元数据", "image_metadata": "图片元数据", "page_label": "页码标签", "font": "字体", "history": "历史版本",
    "barcode": "二维码/条码", "face": "人脸", "seal": "印章", "signature": "签名", "file_name": "文件名",
    "vector": "遮盖框下的文字轮廓", "under_paint": "遮盖框下的图像",
}


def verdict(audit: dict[str, Any]) -> dict[str, Any]:
    v = audit.get("verification", {})
    if v.get("passed"):
        return {"passed": True, "text": "未发现您的个人信息。", "found": []}
    found = []
    # leaks that fail the gate, placed ones first (a page and a box say more than "somewhere in the file")
    leaks = [lk for lk in v.get("leaks", []) if lk.get("severity", "leak") == "leak"]
    for lk in sorted(leaks, key=lambda lk: (lk.get("page") is None, lk.get("page") or 0)):
        where = WHERE.get(lk.get("where", ""), lk.get("where", ""))
        page = f"第 {lk['page']} 页" if lk.get("page") else "全文"
        found.append({"category": CATEGORY_LABELS.get(lk.get("category", ""), lk.get("category", "")),
                      "where": where, "page": lk.get("page"), "text": f"{page} · {where}"})
    cats = "、".join(dict.fromkeys(f["category"] for f in found))
    return {"passed": False, "text": f"仍能找到您的个人信息（{cats}），请检查下列位置。", "found": found}
