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


# the profile's fields as the applicant typed them, in the form's order (redactor.fields)
FIELD_LABELS = {"name": "姓名", "id_number": "身份证号", "phones": "手机号码", "employers": "工作单位",
                "name_aliases": "曾用名", "emails": "电子邮箱"}
_JUDGED = ("photo", "seal", "signature", "qr_code")      # marks whose owner the tool decided: a person looks


def coverage(audit: dict[str, Any]) -> dict[str, Any]:
    """What the verdict rests on: the fields searched for, the fields left empty (未填写, so never searched for),
    and every portrait, seal, signature and code whose owner the tool judged, removed or kept, with its page."""
    given = set(audit.get("profile", {}).get("fields", ()))
    checked = [label for f, label in FIELD_LABELS.items() if f in given]
    empty = [label for f, label in FIELD_LABELS.items() if f not in given]
    judged = []
    for action, key in (("已脱敏", "redactions"), ("已保留", "kept")):
        for d in audit.get(key, ()):
            if d.get("category") in _JUDGED:
                judged.append({"category": CATEGORY_LABELS.get(d["category"], d["category"]), "page": d.get("page"),
                               "action": action, "text": f"第 {d.get('page')} 页 · {CATEGORY_LABELS.get(d['category'], '')}"
                                                          f"（{action}）"})
    judged.sort(key=lambda j: (j["page"] or 0, j["action"]))
    return {"checked": checked, "not_checked": empty, "judged": judged}


def verdict(audit: dict[str, Any]) -> dict[str, Any]:
    v = audit.get("verification", {})
    cover = coverage(audit)
    if v.get("passed"):
        text = "未发现您填写的个人信息。"
        if cover["not_checked"]:
            text += f"未填写的项目（{'、'.join(cover['not_checked'])}）没有检查，请自行核对。"
        if cover["judged"]:
            text += "照片、印章、签名由工具判断归属，请逐一查看。"
        return {"passed": True, "text": text, "found": [], **cover}
    found = []
    # leaks that fail the gate, placed ones first (a page and a box say more than "somewhere in the file")
    leaks = [lk for lk in v.get("leaks", []) if lk.get("severity", "leak") == "leak"]
    for lk in sorted(leaks, key=lambda lk: (lk.get("page") is None, lk.get("page") or 0)):
        where = WHERE.get(lk.get("where", ""), lk.get("where", ""))
        page = f"第 {lk['page']} 页" if lk.get("page") else "全文"
        found.append({"category": CATEGORY_LABELS.get(lk.get("category", ""), lk.get("category", "")),
                      "where": where, "page": lk.get("page"), "text": f"{page} · {where}"})
    cats = "、".join(dict.fromkeys(f["category"] for f in found))
    return {"passed": False, "text": f"仍能找到您的个人信息（{cats}），请检查下列位置。", "found": found, **cover}
