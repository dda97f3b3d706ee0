"""The verification verdict in the applicant's words, in three states (never a value).

``found``  the output still holds the applicant's data: the final check -- the same check ``redactor verify``
           runs -- failed on it (audit ``verification``);
``check``  nothing was found, but the verdict rests on something unsettled: a profile field left empty (not
           declared 无), a value on the applicant's own form the profile lacks (audit ``profile_suggestions``),
           a mark whose owner the tool could not decide (``needs_review``, or the check's ``review`` reports),
           or a place where the applicant's undo and the final check disagree;
``clean``  every field was given or declared none, nothing was found and nothing is left undecided.

Green is shown for ``clean`` only.  Each unsettled point is a *question* with a stable ``key``: the applicant
answers it (adds the value and re-runs, declares a field 无, or confirms the place), and an answered key is
passed back in ``Answers.confirmed``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from redactor.audit import DISAGREEMENT_RULE
from redactor.web.edits import CATEGORY_LABELS, UNDO_REPAIR_RULE

WHERE = {
    "text_layer": "文字层", "metadata": "文件属性", "pdf_object": "隐藏内容", "ocr": "图像文字（OCR）",
    "content_stream": "页面内容流", "annotation": "批注", "widget": "表单域", "outline": "书签", "attachment": "附件",
    "xmp": "XMP 元数据", "image_metadata": "图片元数据", "page_label": "页码标签", "font": "字体", "history": "历史版本",
    "revision": "早期版本（增量更新前）", "picture": "照片（整张）", "geometry": "页面坐标",
    "barcode": "二维码/条码", "face": "人脸", "seal": "印章", "signature": "签名", "file_name": "文件名",
    "vector": "遮盖框下的文字轮廓", "under_paint": "遮盖框下的图像",
}


# the profile's fields as the applicant typed them, in the form's order (redactor.fields)
FIELD_LABELS = {"name": "姓名", "id_number": "身份证号", "phones": "手机号码", "employers": "工作单位",
                "name_aliases": "曾用名", "emails": "电子邮箱"}
_JUDGED = ("photo", "seal", "signature", "qr_code")      # marks whose owner the tool decided: a person looks
STATES = ("clean", "check", "found")


@dataclass(frozen=True)
class Answers:
    """What the applicant said that the audit cannot know: fields declared 无 (none) and questions confirmed."""

    declared_none: frozenset[str] = field(default_factory=frozenset)    # profile field names
    confirmed: frozenset[str] = field(default_factory=frozenset)        # question keys


def _page_text(page: Any, label: str) -> str:
    return f"第 {page} 页 · {label}" if page else label


def _box_key(bbox: Any) -> str:
    return ",".join(str(int(round(float(v)))) for v in bbox) if bbox else "-"


def coverage(audit: dict[str, Any], answers: Answers = Answers()) -> dict[str, Any]:
    """What the verdict rests on: the fields searched for, the fields declared none, the fields left empty
    (未填写, so never searched for), and every portrait, seal, signature and code whose owner the tool judged,
    removed or kept, with its page."""
    given = set(audit.get("profile", {}).get("fields", ()))
    checked = [label for f, label in FIELD_LABELS.items() if f in given]
    none = [label for f, label in FIELD_LABELS.items() if f not in given and f in answers.declared_none]
    empty = [label for f, label in FIELD_LABELS.items() if f not in given and f not in answers.declared_none]
    judged = []
    for action, key in (("已脱敏", "redactions"), ("已保留", "kept")):
        for d in audit.get(key, ()):
            if d.get("category") in _JUDGED:
                judged.append({"category": CATEGORY_LABELS.get(d["category"], d["category"]), "page": d.get("page"),
                               "action": action, "text": f"第 {d.get('page')} 页 · {CATEGORY_LABELS.get(d['category'], '')}"
                                                          f"（{action}）"})
    judged.sort(key=lambda j: (j["page"] or 0, j["action"]))
    return {"checked": checked, "declared_none": none, "not_checked": empty, "judged": judged}


def _overlaps(a: Any, b: Any) -> bool:
    return bool(a and b) and min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def _conflict(leak: dict[str, Any], audit: dict[str, Any]) -> bool:
    """The final check reports a mark at a place where the applicant undid the check's own repair (or kept a
    judged mark): the tool's two readings and the applicant disagree -- a question, not a leak."""
    for k in audit.get("kept", ()):
        if k.get("page") != leak.get("page") or not str(k.get("rule", "")).startswith("manual.undo"):
            continue
        if k.get("rule") != UNDO_REPAIR_RULE and leak.get("category") not in _JUDGED and leak.get("where") not in (
                "seal", "face", "signature", "barcode"):
            continue        # an undone removal of a typed value that the check still reads: that is a leak
        if any(_overlaps(b, lb) for b in (k.get("boxes") or [k.get("bbox")])
               for lb in (leak.get("boxes") or [leak.get("bbox")])):
            return True
    return False


def questions(audit: dict[str, Any], answers: Answers = Answers()) -> list[dict[str, Any]]:
    """Every unsettled point of one document, each with its key, kind, category, page and the applicant's words;
    ``confirmed``: the applicant answered it."""
    out: list[dict[str, Any]] = []

    def add(key: str, kind: str, category: str, page: Any, text: str, bbox: Any = None,
            places: dict[str, Any] | None = None) -> None:
        """``places``: where the final check and the plan each put the thing asked about (``check``, ``plan``)."""
        if any(q["key"] == key for q in out):
            return
        out.append({"key": key, "kind": kind, "category": CATEGORY_LABELS.get(category, category), "page": page,
                    "bbox": bbox, "text": text, "confirmed": key in answers.confirmed,
                    **({"places": places} if places else {})})

    # where the final check repaired a signature the plan had placed elsewhere: the plan's place, the check's place
    moved = {(r.get("page"), _box_key(r["disagreement"].get("plan_bbox"))): r.get("bbox")
             for r in audit.get("repairs", ()) if r.get("disagreement")}

    for s in audit.get("profile_suggestions", ()):
        label = CATEGORY_LABELS.get(s["category"], s["category"])
        add(f"suggestion:{s['value_hash']}", "suggestion", s["category"], s.get("page"),
            _page_text(s.get("page"), f"您本人的表格中有一项{label}，您填写的信息里没有；已按您的信息脱敏，请核对"),
            s.get("bbox"))
    for e in audit.get("needs_review", ()):
        if e.get("category") == "page":
            continue        # a page released as an image: said in the counts, nothing to decide
        label = CATEGORY_LABELS.get(e["category"], e["category"])
        done = "已脱敏" if e.get("action") == "removed" else "已保留"
        key = f"review:{e['category']}:{e.get('page')}:{_box_key(e.get('bbox'))}"
        elsewhere = moved.get((e.get("page"), _box_key(e.get("bbox"))))
        if e.get("rule") == DISAGREEMENT_RULE:
            # the check read the applicant's label beside what the plan kept: both places drawn
            add(key, "disagreement", e["category"], e.get("page"), _page_text(
                e.get("page"), f"最终核验认为此处是您的{label}，处理时判定为他人的或未能确定，已保留："
                               f"请核对此处是否为您的{label}"), e.get("bbox"),
                {"check": e.get("bbox"), "plan": e.get("plan_bbox")})
        elif elsewhere is not None:
            add(key, "disagreement", e["category"], e.get("page"), _page_text(
                e.get("page"), f"处理时认为这处{label}在此（{done}），最终核验在旁边另一处读到您的{label}并已脱敏："
                               f"请核对此处是否为您的{label}"), e.get("bbox"),
                {"check": elsewhere, "plan": e.get("bbox")})
        else:
            add(key, "undecided", e["category"], e.get("page"),
                _page_text(e.get("page"), f"这处{label}的归属未能确定（{done}），请查看并确认"), e.get("bbox"))
    for lk in audit.get("verification", {}).get("leaks", ()):
        label = CATEGORY_LABELS.get(lk.get("category", ""), lk.get("category", ""))
        where = WHERE.get(lk.get("where", ""), lk.get("where", ""))
        key = f"check:{lk.get('where')}:{lk.get('category')}:{lk.get('page')}:{_box_key(lk.get('bbox'))}"
        if lk.get("disagreement"):
            continue        # asked above, from the audit's needs_review entry that names both places
        if lk.get("severity") == "review" and lk.get("page"):
            add(key, "undecided", lk.get("category", ""), lk.get("page"),
                _page_text(lk.get("page"), f"{where}中有一处可能是他人的{label}，已保留，请确认"), lk.get("bbox"))
        elif lk.get("severity", "leak") == "leak" and _conflict(lk, audit):
            add(key, "conflict", lk.get("category", ""), lk.get("page"),
                _page_text(lk.get("page"), f"您撤销了此处的脱敏，最终核验仍认为这是您的{label}："
                                           f"如确属他人（例如合作单位的印章），请确认保留；否则请改回脱敏"), lk.get("bbox"))
    out.sort(key=lambda q: (q["page"] or 0, q["kind"]))
    return out


def verdict(audit: dict[str, Any], answers: Answers = Answers()) -> dict[str, Any]:
    """``state`` (clean | check | found), the sentence the page shows, what was found (placed first), the open
    questions, and the coverage.  ``passed``: the final check passed (as ``redactor verify`` exits 0)."""
    v = audit.get("verification", {})
    cover = coverage(audit, answers)
    qs = questions(audit, answers)
    conflicts = {q["key"] for q in qs if q["kind"] == "conflict"}
    found = []
    leaks = [lk for lk in v.get("leaks", []) if lk.get("severity", "leak") == "leak"]
    for lk in sorted(leaks, key=lambda lk: (lk.get("page") is None, lk.get("page") or 0)):
        key = f"check:{lk.get('where')}:{lk.get('category')}:{lk.get('page')}:{_box_key(lk.get('bbox'))}"
        if key in conflicts:
            continue
        where = WHERE.get(lk.get("where", ""), lk.get("where", ""))
        page = f"第 {lk['page']} 页" if lk.get("page") else "全文"
        found.append({"category": CATEGORY_LABELS.get(lk.get("category", ""), lk.get("category", "")),
                      "where": where, "page": lk.get("page"), "bbox": lk.get("bbox"), "text": f"{page} · {where}"})
    open_qs = [q for q in qs if not q["confirmed"]]
    if found:
        cats = "、".join(dict.fromkeys(f["category"] for f in found))
        state, text = "found", f"仍能找到您的个人信息（{cats}），请检查下列位置。"
    elif cover["not_checked"] or open_qs:
        state = "check"
        parts = []
        if cover["not_checked"]:
            parts.append(f"未填写的项目（{'、'.join(cover['not_checked'])}）没有检查：请补填后重新处理，"
                         f"或确认您没有这些信息（选“无”）")
        if open_qs:
            parts.append(f"还有 {len(open_qs)} 处需要您确认")
        text = "未发现您填写的个人信息，但结论尚不完整：" + "；".join(parts) + "。"
    else:
        state, text = "clean", "未发现您的个人信息：所有项目均已填写或确认，没有待确认之处。"
    return {"state": state, "passed": bool(v.get("passed")), "text": text, "found": found, "questions": qs,
            "open_questions": len(open_qs), **cover}
