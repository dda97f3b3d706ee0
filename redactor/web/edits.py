"""A reviewer's edits to a RedactionPlan: undo a removal, remove a kept candidate, add a manual box.

The edited plan is applied to the ORIGINAL working PDF again, so a manual box is
a true redaction like any other: it is a region Finding with recognizer
``manual.v1`` and explanation ``source=manual`` (the audit says so).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from redactor.fields import CATEGORY_LABELS as _LABELS
from redactor.fields import FIELDS
from redactor.model import Action, BBox, Category, Decision, Finding, RedactionPlan
from redactor.web.shown import mark_shown, mostly_inside

MANUAL_RECOGNIZER = "manual.v1"
UNDO_REPAIR_RULE = "manual.undo_repair"   # the applicant undid a removal the final check added (a repair)
REPAIR_ID_BASE = 1_000_000      # candidate ids of the last output's repairs (base decisions and manual boxes below)

# The entity type a manual box of each category is recorded as.
CATEGORY_ENTITY = {
    **{f.category: f.box_entity for f in FIELDS},
    Category.PHOTO: "PORTRAIT", Category.QR_CODE: "QR_CODE", Category.SEAL: "SEAL", Category.SIGNATURE: "SIGNATURE",
}

CATEGORY_LABELS = {c.value: label for c, label in _LABELS.items()}


@dataclass
class PlanEdits:
    """Edits against one base plan; ids < len(base) are its decisions, the rest are manual boxes."""

    actions: dict[int, Action] = field(default_factory=dict)
    manual: list[tuple[int, BBox, Category] | None] = field(default_factory=list)   # None = removed
    undone_repairs: list[tuple[int, BBox, Category]] = field(default_factory=list)

    def set_action(self, base: RedactionPlan, index: int, action: Action,
                   repairs: list[dict] | tuple[dict, ...] = ()) -> None:
        """``repairs``: the last output's repair entries (its audit's redactions by ``repair.*``); undoing one
        keeps what is there from the next release's repairs (``pipeline._undone_here``)."""
        n = len(base.decisions)
        if index >= REPAIR_ID_BASE:
            k = index - REPAIR_ID_BASE
            if not 0 <= k < len(repairs):
                raise KeyError(index)
            if action is Action.KEEP:
                e = repairs[k]
                for b in e.get("boxes") or [e["bbox"]]:
                    self.undone_repairs.append((int(e["page"]), BBox(*b), _category(e.get("category", "name"))))
            return
        if 0 <= index < n:
            if base.decisions[index].action is action:
                self.actions.pop(index, None)
            else:
                self.actions[index] = action
        elif n <= index < n + len(self.manual) and action is Action.KEEP:
            self.manual[index - n] = None
        else:
            raise KeyError(index)

    def add_box(self, page: int, bbox: BBox, category: Category) -> None:
        self.manual.append((page, bbox, category))

    def apply(self, base: RedactionPlan) -> RedactionPlan:
        decisions = [self._edited(d, self.actions.get(i)) for i, d in enumerate(base.decisions)]
        return replace(base, decisions=tuple(decisions) + tuple(
            _manual(page, bbox, cat) for page, bbox, cat in (m for m in self.manual if m is not None)) + tuple(
            _undone_repair(page, bbox, cat) for page, bbox, cat in self.undone_repairs))

    @staticmethod
    def _edited(d: Decision, action: Action | None) -> Decision:
        if action is None or action is d.action:
            return d
        if action is Action.KEEP:
            return replace(d, action=Action.KEEP, rule="manual.undo", reason="申请人撤销了此处的脱敏",
                           needs_review=False)
        return replace(d, action=Action.REDACT, rule="manual.redact", reason="申请人要求脱敏此处", needs_review=False)

    def candidates(self, base: RedactionPlan, repairs: list[dict] | tuple[dict, ...] = ()) -> list[dict]:
        """Every candidate box, with its id, in PDF points (top-left origin); ``shown``: the page draws it
        (redactor/web/shown.py), ``twins``: hidden candidates at its place that its undo undoes too.
        ``repairs``: where the final check painted over what the plan left (the last output's audit entries
        by ``repair.*``): drawn red, as the output holds them, each with its own undo; a kept candidate under
        one is not drawn blue over the black box."""
        plan = self.apply(base)
        out, texts = [], []
        manual_ids = [len(base.decisions) + k for k, m in enumerate(self.manual) if m is not None]
        ids = list(range(len(base.decisions))) + manual_ids
        for i, d in zip(ids, plan.decisions):
            f = d.finding
            cat = f.category.value if f.category else f.entity_type.lower()
            out.append({
                "id": i, "page": f.page, "action": d.action.value, "category": cat,
                "label": CATEGORY_LABELS.get(cat, cat), "rule": d.rule, "reason": d.reason,
                "reason_zh": reason_zh(d.rule, CATEGORY_LABELS.get(cat, cat), d.action.value),
                "needs_review": d.needs_review, "manual": f.recognizer == MANUAL_RECOGNIZER,
                "edited": i in self.actions,
                "boxes": [[round(v, 2) for v in b.as_tuple()] for b in f.boxes],
            })
            texts.append(f.text)
        for k, e in enumerate(repairs):
            cat = e.get("category", "name")
            label = CATEGORY_LABELS.get(cat, cat)
            out.append({"id": REPAIR_ID_BASE + k, "page": e["page"], "action": "redact", "category": cat,
                        "label": label, "rule": e.get("rule", "repair"), "reason": e.get("reason", ""),
                        "reason_zh": f"最终核验在此处仍发现您的{label}，已补充脱敏；如这不是您的（例如合作单位的印章），可撤销",
                        "needs_review": True, "manual": False, "edited": False, "repair": True,
                        "boxes": [[round(v, 2) for v in b] for b in (e.get("boxes") or [e["bbox"]])]})
            texts.append("")
        painted = [b for c in out if c.get("repair") for b in c["boxes"]]
        for c in out:
            if c["action"] == "keep" and painted and all(any(mostly_inside(b, p) for p in painted) for b in c["boxes"]):
                c["overruled"] = True      # the output holds it black: the repair's red box stands for it
        return mark_shown(out, texts)


# why a kept value is someone else's, by the plan's boundary rule ("{you}": whose data the page speaks of)
_BOUNDARY_ZH = {
    "boundary.inside_other_name": "这是他人姓名的一部分（他人的姓名包含{you}的姓名），只脱敏{you}的信息，故保留",
    "boundary.other_whole_name": "这是他人的完整姓名（包含在{you}的姓名之中），只脱敏{you}的信息，故保留",
    "boundary.romanisation_of_other": "这是紧挨在前的他人姓名的拼音（与{you}的拼音相同），只脱敏{you}的信息，故保留",
    "boundary.other_org_shared_prefix": "这是其他单位的名称（开头与{you}的单位名称相同），故保留",
    "boundary.publication_title": "这是期刊或出版物的名称，故保留",
    "boundary.name_used_as_word": "这是与{you}姓名同字的普通词语（如“全国文明城市”），不是指{you}，故保留",
    "other.figure": "这是正文中的插图（标有图号），属于证明材料，不是个人照片，故保留",
    "other.figure.content": "这是正文插图（标有图号）中的内容，不是签名，故保留",
}


def reason_zh(rule: str, label: str, action: str = "redact", voice: str = "applicant") -> str:
    """The policy's reason in the notices' words, by rule family and by what was done (a kept candidate never says
    it was removed); ``voice``: "applicant" (申请人自查: 您本人) or "reviewer" (抽检: 申请人本人).  The rule's own
    text stays in the audit."""
    you = "您本人" if voice == "applicant" else "申请人本人"
    if rule.startswith("manual."):
        if voice != "applicant":
            return {"manual.undo": "申请人撤销了此处的脱敏", UNDO_REPAIR_RULE: "申请人撤销了最终核验补充的脱敏",
                    "manual.redact": "申请人要求脱敏此处"}.get(rule, "申请人手动添加的脱敏框")
        return {"manual.undo": "您撤销了此处的脱敏", UNDO_REPAIR_RULE: "您撤销了最终核验补充的脱敏",
                "manual.redact": "您要求脱敏此处"}.get(rule, "您手动添加的脱敏框")
    if action == "keep":
        if rule in _BOUNDARY_ZH:
            return _BOUNDARY_ZH[rule].format(you=you)
        if rule.startswith("other."):
            return f"这是他人的{label}，只脱敏{you}的信息，故保留"
        if rule.startswith("review."):
            return f"无法确定这处{label}是否属于{you}，已保留，请确认"
        return f"这处{label}已保留"
    if rule.startswith("own."):
        return f"这是{you}的{label}，已脱敏"
    if rule.startswith("repair."):
        return f"最终核验在此处仍发现{you}的{label}，已补充脱敏"
    return f"这处{label}已脱敏"


def _category(value: str) -> Category:
    try:
        return Category(value)
    except ValueError:
        return Category.NAME


def _undone_repair(page: int, bbox: BBox, category: Category) -> Decision:
    """A person's undo of a repair: kept, so the next release's final check reports the place and does not
    paint it again (``pipeline._undone_here``)."""
    f = Finding(page=page, entity_type=CATEGORY_ENTITY[category], boxes=(bbox,), recognizer=MANUAL_RECOGNIZER,
                score=1.0, explanation=(("source", "manual"),))
    return Decision(f, Action.KEEP, UNDO_REPAIR_RULE, "申请人撤销了最终核验补充的脱敏")


def _manual(page: int, bbox: BBox, category: Category) -> Decision:
    f = Finding(page=page, entity_type=CATEGORY_ENTITY[category], boxes=(bbox,), recognizer=MANUAL_RECOGNIZER,
                score=1.0, explanation=(("source", "manual"),))
    return Decision(f, Action.REDACT, "manual.box", "申请人手动添加的脱敏框")
