"""A bilingual letterhead: the employer's English name set right under its Chinese name goes with it
(``detect.letterhead``); an English organisation name under anything else -- a form row's 工作单位 value,
another organisation's letterhead -- stays."""

from __future__ import annotations

from redactor.model import Action, BBox, Char, Document, Page, TextOrigin
from redactor.policy import decide

EMPLOYER = "包头钢铁（集团）有限责任公司"
EN_EMPLOYER = "Baotou Iron and Steel (Group) Co., Ltd."


def _page(lines: list[str], gaps: dict[int, float] | None = None) -> Page:
    """Centred lines, 16 pt high, one below the other (``gaps``: extra space before a line)."""
    chars: list[Char] = []
    y = 40.0
    for n, line in enumerate(lines):
        y += (gaps or {}).get(n, 0.0)
        width = 9.0 * len(line)
        x = 297.5 - width / 2
        for i, c in enumerate(line):
            chars.append(Char(c, BBox(x + 9 * i, y, x + 9 * i + 9, y + 16), TextOrigin.OCR, 0.9))
        if n < len(lines) - 1:
            chars.append(Char("\n", None))
        y += 24.0
    return Page(number=1, width=595, height=842, text="\n".join(lines), chars=tuple(chars))


def _removed(detector, cfg, profile, page: Page) -> set[int]:
    doc = Document(source="t", working_pdf="", input_kind="image", pages=(page,), input_sha256="")
    plan = decide(detector.detect(doc, profile), profile, cfg.policy)
    out: set[int] = set()
    for d in plan.decisions:
        if d.action is Action.REDACT and d.finding.start is not None:
            out.update(range(d.finding.start, d.finding.end))
    return out


def _gone(page: Page, covered: set[int], value: str) -> bool:
    i = page.text.index(value)
    return all(k in covered for k in range(i, i + len(value)) if not page.text[k].isspace())


def _intact(page: Page, covered: set[int], value: str) -> bool:
    i = page.text.index(value)
    return not any(k in covered for k in range(i, i + len(value)))


def test_the_english_name_under_the_employer_on_a_letterhead_goes(detector, text_cfg, applicant_profile):
    page = _page([EMPLOYER, EN_EMPLOYER, "在职证明", "兹证明同志系我单位在职职工。", "Inner Mongolia University"],
                 gaps={2: 60, 4: 200})
    covered = _removed(detector, text_cfg, applicant_profile, page)
    assert _gone(page, covered, EMPLOYER) and _gone(page, covered, EN_EMPLOYER)
    assert _intact(page, covered, "Inner Mongolia University")      # far from it: a school named elsewhere
    assert _intact(page, covered, "在职证明")


def test_an_english_line_under_a_form_row_or_another_letterhead_stays(detector, text_cfg, applicant_profile):
    row = _page([f"工作单位：{EMPLOYER}  职务：高级工程师", "Inner Mongolia University of Technology"])
    covered = _removed(detector, text_cfg, applicant_profile, row)
    assert _gone(row, covered, EMPLOYER)
    assert _intact(row, covered, "Inner Mongolia University of Technology")
    other = _page(["内蒙古科技大学", "Inner Mongolia University of Science and Technology", "成果应用证明"])
    covered = _removed(detector, text_cfg, applicant_profile, other)
    assert _intact(other, covered, "Inner Mongolia University of Science and Technology")
