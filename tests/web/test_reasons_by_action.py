"""The web pages' reasons follow what was done (issue 51, item 5) and whose voice the page speaks in (item 10).

A kept signature candidate whose rule is the applicant's said 这是您本人的签名，已脱敏; the 抽检 page spoke to the
reviewer as 您本人; the plan's boundary decisions (a homophone co-author's pinyin, another body whose name begins
with the employer's) read 按规则处理."""

from __future__ import annotations

import pytest

from redactor.policy.rules import BOUNDARY_REASONS
from redactor.web.edits import reason_zh


@pytest.mark.issue(51)
@pytest.mark.parametrize("rule", ["own.signature", "own.name", "other.person", "review.seal", "boundary.publication_title"])
def test_a_kept_candidate_never_says_removed(rule):
    text = reason_zh(rule, "签名", "keep")
    assert "保留" in text and "已脱敏" not in text, text


@pytest.mark.issue(51)
@pytest.mark.parametrize("rule", ["own.name", "repair.ocr", "own.seal.employer"])
def test_a_removed_candidate_says_removed(rule):
    text = reason_zh(rule, "姓名", "redact")
    assert ("已脱敏" in text or "已补充脱敏" in text) and "保留" not in text, text


@pytest.mark.issue(51)
def test_every_boundary_rule_has_its_own_words_and_the_reviewer_is_not_the_applicant():
    for boundary in BOUNDARY_REASONS:
        applicant = reason_zh(f"boundary.{boundary}", "姓名", "keep")
        reviewer = reason_zh(f"boundary.{boundary}", "姓名", "keep", voice="reviewer")
        assert "故保留" in applicant and "您" not in reviewer, (boundary, applicant, reviewer)
    for rule, action in (("own.name", "redact"), ("other.person", "keep"), ("review.photo", "keep"),
                         ("manual.undo", "keep")):
        assert "您" not in reason_zh(rule, "姓名", action, voice="reviewer")


@pytest.mark.issue(49)
@pytest.mark.parametrize("rule", ["other.figure", "other.figure.content"])
def test_a_figure_and_ink_inside_it_are_said_to_be_the_figures_not_another_persons(rule):
    """A captioned figure (图1) is evidence, and ink found inside it is its content (variety seed 30072): neither is
    another person's photo or signature, and the page says so."""
    text = reason_zh(rule, "签名", "keep")
    assert "插图" in text and "他人" not in text and "保留" in text, text
