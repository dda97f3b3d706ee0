"""Affiliation lines on OCR'd papers: the raised marker after the applicant's name
is often read as an apostrophe or lost, yet the English affiliation that names the
applicant's employer must still go, and the other authors' lines must stay."""

import pytest

from redactor.model import Action, BBox, Char, Document, Page, TextOrigin
from redactor.policy import decide

CN_AUTHORS = "王淑珺{m}，李明华²，张伟1，张娟燕3"
CN_AFFIL = "（1. 包头钢铁（集团）有限责任公司技术中心，内蒙古包头 014010；2. 北京科技大学，北京 100083；3.\n包头市第一中学，内蒙古包头014010）"
EN_AUTHORS = "WANG Shujun{m}, LI Minghua2*, ZHANG Wei', ZHANG Juanyan³"
EN_AFFIL = ("(1. Technology Center, Baotou Iron and Steel (Group) Co., Ltd., Baotou 014010, China; "
            "2. University of Science and Technology Beijing,\nBeijing 100083, China; 3. Baotou No.1 Middle School, Baotou 014010, China)")
EN_EMPLOYER = "Baotou Iron and Steel (Group) Co., Ltd."


def _ocr_page(text: str) -> Page:
    chars = tuple(Char(c, None if c == "\n" else BBox(i, 0, i + 1, 1), TextOrigin.OCR, 0.9) for i, c in enumerate(text))
    return Page(number=1, width=1000, height=100, text=text, chars=chars)


def _removed(detector, cfg, profile, text):
    doc = Document(source="t", working_pdf="", input_kind="image", pages=(_ocr_page(text),), input_sha256="")
    plan = decide(detector.detect(doc, profile), profile, cfg.policy)
    spans = [(d.finding.start, d.finding.end) for d in plan.decisions if d.action is Action.REDACT]
    covered = set()
    for s, e in spans:
        covered.update(range(s, e))
    return covered


def _gone(text, covered, value):
    i = text.index(value)
    return all(k in covered for k in range(i, i + len(value)) if not text[k].isspace())


def _intact(text, covered, value):
    i = text.index(value)
    return not any(k in covered for k in range(i, i + len(value)))


@pytest.mark.issue(6)
@pytest.mark.parametrize("cn_marker, en_marker", [
    ("¹", "¹"),      # markers read correctly
    ("", "'"),       # OCR: the Chinese marker lost, the English ¹ read as an apostrophe
    ("", ""),        # both markers lost: the Chinese affiliation that names the employer links the English one
])
def test_english_employer_in_ocr_affiliation(detector, text_cfg, applicant_profile, cn_marker, en_marker):
    text = "\n".join([CN_AUTHORS.format(m=cn_marker), CN_AFFIL, EN_AUTHORS.format(m=en_marker), EN_AFFIL])
    covered = _removed(detector, text_cfg, applicant_profile, text)
    assert _gone(text, covered, EN_EMPLOYER)
    assert _gone(text, covered, "包头钢铁（集团）有限责任公司")
    for other in ("University of Science and Technology Beijing", "Baotou No.1 Middle School", "北京科技大学",
                  "包头市第一中学", "LI Minghua", "ZHANG Wei", "ZHANG Juanyan", "李明华"):
        assert _intact(text, covered, other), other


@pytest.mark.issue(6)
def test_colleague_at_the_employer_links_the_english_name_but_not_the_address(detector, text_cfg, applicant_profile):
    """The applicant is marked 2; affiliation 1 (a colleague's) is still the employer."""
    text = "\n".join(["李明华¹，王淑珺²", CN_AFFIL, "LI Minghua¹, WANG Shujun²", EN_AFFIL])
    covered = _removed(detector, text_cfg, applicant_profile, text)
    assert _gone(text, covered, EN_EMPLOYER)
    assert _intact(text, covered, "Technology Center")          # line 1 is not the applicant's: its sub-unit stays
    assert _gone(text, covered, "University of Science and Technology Beijing")   # the applicant's own line 2 goes
    assert _intact(text, covered, "Baotou No.1 Middle School")


def test_apostrophe_after_a_name_in_a_text_layer_is_not_a_marker():
    from redactor.detect.affiliations import author_markers

    text = "WANG Shujun', LI Minghua"
    chars = tuple(Char(c, BBox(i, 0, i + 1, 1)) for i, c in enumerate(text))
    page = Page(number=1, width=100, height=10, text=text, chars=chars)
    assert author_markers(page, 0, 11) == ()
    ocr = _ocr_page(text)
    assert author_markers(ocr, 0, 11) == ("1",)


@pytest.mark.parametrize("segment, org", [
    ("Technology Center, Baotou Iron and Steel (Group) Co., Ltd., Baotou 014010, China",
     "Baotou Iron and Steel (Group) Co., Ltd."),
    ("Baotou Steel Co., Ltd., Baotou 014010, China", "Baotou Steel Co., Ltd."),
    ("Department of Physics, College of Science, Inner Mongolia University, Hohhot 010021, China",
     "Inner Mongolia University"),
    ("Baotou No.1 Middle School, Baotou 014010, China", "Baotou No.1 Middle School"),
])
def test_organisation_part_of_an_english_affiliation(segment, org):
    from redactor.detect.affiliations import organisation_span

    a, b = organisation_span(segment)
    assert segment[a:b] == org


@pytest.mark.issue(6)
def test_numbered_lists_that_are_not_affiliations_remove_nothing_else(detector, text_cfg, applicant_profile):
    """A CV list naming the employer and a reference list: no twin of affiliation lists."""
    text = "\n".join([
        "工作经历：", "1. 2008年至今 包头钢铁（集团）有限责任公司 工程师", "2. 2005年 北京科技大学 硕士",
        "参考文献", "1. Smith J. Steel making. Cambridge: Cambridge University Press, 2010",
    ])
    covered = _removed(detector, text_cfg, applicant_profile, text)
    assert _gone(text, covered, "包头钢铁（集团）有限责任公司")
    assert _intact(text, covered, "Cambridge University Press")
    assert _intact(text, covered, "北京科技大学")
