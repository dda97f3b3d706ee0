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
from redactor.web.shown import mark_shown

MANUAL_RECOGNIZER = "manual.v1"

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

    def set_action(self, base: RedactionPlan, index: int, action: Action) -> None:
        n = len(base.decisions)
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
            _manual(page, bbox, cat) for page, bbox, cat in (m for m in self.manual if m is not None)))

    @staticmethod
    def _edited(d: Decision, action: Action | None) -> Decision:
        if action is None or action is d.action:
            return d
        if action is Action.KEEP:
            return replace(d, action=Action.KEEP, rule="manual.undo", reason="申请人撤销了此处的脱敏",
                           needs_review=False)
        return replace(d, action=Action.REDACT, rule="manual.redact", reason="申请人要求脱敏此处", needs_review=False)

    def candidates(self, base: RedactionPlan) -> list[dict]:
        """Every candidate box, with its id, in PDF points (top-left origin); ``shown``: the page draws it
        (redactor/web/shown.py), ``twins``: hidden candidates at its place that its undo undoes too."""
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
                "reason_zh": reason_zh(d.rule, CATEGORY_LABELS.get(cat, cat)),
                "needs_review": d.needs_review, "manual": f.recognizer == MANUAL_RECOGNIZER,
                "edited": i in self.actions,
                "boxes": [[round(v, 2) for v in b.as_tuple()] for b in f.boxes],
            })
            texts.append(f.text)
        return mark_shown(out, texts)


def reason_zh(rule: str, label: str) -> str:
    """The policy's reason in the notices' words, by rule family (the rule's own text stays in the audit)."""
    if rule.startswith("manual."):
        return {"manual.undo": "您撤销了此处的脱敏", "manual.redact": "您要求脱敏此处"}.get(rule, "您手动添加的脱敏框")
    if rule.startswith("own."):
        return f"这是您本人的{label}，已脱敏"
    if rule.startswith("other."):
        return f"这是他人的{label}，只脱敏自己的信息，故保留"
    if rule.startswith("review."):
        return f"无法确定这处{label}是否属于您本人，已保留，请您确认"
    return f"{label}：按规则处理"


def _manual(page: int, bbox: BBox, category: Category) -> Decision:
    f = Finding(page=page, entity_type=CATEGORY_ENTITY[category], boxes=(bbox,), recognizer=MANUAL_RECOGNIZER,
                score=1.0, explanation=(("source", "manual"),))
    return Decision(f, Action.REDACT, "manual.box", "申请人手动添加的脱敏框")
